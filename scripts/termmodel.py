"""A small terminal model for scripts/pty-bench.py: enough of xterm to replay what styr
writes (text, cursor moves, SGR, scroll regions with LF/RI/SU/SD, erases) and to tell,
for each keystroke, how many cells changed on screen and which kind of bytes it took.
Python 3.11, standard library only."""

import codecs
import unicodedata

# The kinds of bytes: printed text, cursor moves (CUP, CUF, CUB, CUU, CUD, CHA, VPA, CR,
# LF, BS), SGR, scroll regions and scrolls (DECSTBM, RI, SU, SD), the rest (modes, erases).
KINDS = ("text", "move", "sgr", "scroll", "other")

SGR_ON = {1: "bold", 2: "dim", 3: "italic", 4: "underline", 5: "blink", 6: "blink",
          7: "reverse", 8: "hidden", 9: "strike"}
SGR_OFF = {22: ("bold", "dim"), 23: ("italic",), 24: ("underline",), 25: ("blink",),
           27: ("reverse",), 28: ("hidden",), 29: ("strike",)}


def char_width(ch):
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


class Vt:
    """A screen of cols x rows cells, each (symbol, attributes)."""

    def __init__(self, cols, rows):
        self.w, self.h = cols, rows
        self.cells = [[(" ", ())] * cols for _ in range(rows)]
        self.x = self.y = 0
        self.wrap = False
        self.top, self.bot = 0, rows - 1
        self.pen = {}
        self.dec = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.state, self.seq = "ground", ""
        self.bytes = dict.fromkeys(KINDS, 0)

    def snapshot(self):
        return [row[:] for row in self.cells]

    def feed(self, data):
        for ch in self.dec.decode(data):
            self._char(ch)

    def _count(self, kind, s):
        self.bytes[kind] += len(s.encode("utf-8", "surrogatepass"))

    def _attrs(self):
        return tuple(sorted(self.pen.items()))

    def _blank(self):
        # An erased or scrolled-in cell takes the background (xterm's BCE), nothing else.
        return (" ", tuple((k, v) for k, v in self._attrs() if k == "bg"))

    def _char(self, ch):
        if self.state == "ground":
            if ch == "\x1b":
                self.state, self.seq = "esc", ch
            elif ch in "\r\n\b":
                self._count("move", ch)
                if ch == "\r":
                    self.x, self.wrap = 0, False
                elif ch == "\n":
                    self._lf()
                else:
                    self.x, self.wrap = max(0, self.x - 1), False
            elif ord(ch) < 32 or ch == "\x7f":
                self._count("other", ch)
            else:
                self._count("text", ch)
                self._print(ch)
            return
        self.seq += ch
        if self.state == "esc":
            if ch == "[":
                self.state = "csi"
            elif ch == "]":
                self.state = "osc"
            elif ch in "()#":
                self.state = "charset"
            else:
                if ch == "M":  # RI: up a row, or scroll the region down at its top
                    self._count("scroll", self.seq)
                    if self.y == self.top:
                        self._scroll(self.top, self.bot, -1)
                    elif self.y > 0:
                        self.y -= 1
                else:
                    self._count("other", self.seq)
                self.state = "ground"
        elif self.state == "charset":
            self._count("other", self.seq)
            self.state = "ground"
        elif self.state == "osc":
            if ch == "\x07" or self.seq.endswith("\x1b\\"):
                self._count("other", self.seq)
                self.state = "ground"
        elif "\x40" <= ch <= "\x7e":
            self._csi(self.seq)
            self.state = "ground"

    def _lf(self):
        self.wrap = False
        if self.y == self.bot:
            self._scroll(self.top, self.bot, 1)
        elif self.y < self.h - 1:
            self.y += 1

    def _print(self, ch):
        wd = char_width(ch)
        if wd == 0:  # a combining mark joins the cell before
            px = self.x if self.wrap else self.x - 1
            if px >= 0:
                c, a = self.cells[self.y][px]
                self.cells[self.y][px] = (c + ch, a)
            return
        if self.wrap or self.x + wd > self.w:
            self.x, self.wrap = 0, False
            self._lf()
        self.cells[self.y][self.x] = (ch, self._attrs())
        if wd == 2:
            self.cells[self.y][self.x + 1] = ("", self._attrs())
        self.x += wd
        if self.x >= self.w:
            self.x, self.wrap = self.w - 1, True

    def _scroll(self, top, bot, n):
        """Rows top..=bot up by n (n > 0) or down by -n; blank rows come in."""
        region = self.cells[top:bot + 1]
        k = min(abs(n), len(region))
        fresh = [[self._blank()] * self.w for _ in range(k)]
        self.cells[top:bot + 1] = region[k:] + fresh if n > 0 else fresh + region[:len(region) - k]

    def _csi(self, seq):
        body, final = seq[2:-1], seq[-1]
        if body[:1] in ("?", ">", "<", "=") or "$" in body:
            self._count("other", seq)
            return
        params = [int(p) if p.isdigit() else None for p in body.split(";")] if body else []
        p = lambda i, d=1: params[i] if i < len(params) and params[i] else d
        if final in "HfABCDGd":
            self._count("move", seq)
            self.wrap = False
            if final in "Hf":
                self.y, self.x = min(p(0), self.h) - 1, min(p(1), self.w) - 1
            elif final == "A":
                self.y = max(0, self.y - p(0))
            elif final == "B":
                self.y = min(self.h - 1, self.y + p(0))
            elif final == "C":
                self.x = min(self.w - 1, self.x + p(0))
            elif final == "D":
                self.x = max(0, self.x - p(0))
            elif final == "G":
                self.x = min(p(0), self.w) - 1
            else:
                self.y = min(p(0), self.h) - 1
        elif final == "m":
            self._count("sgr", seq)
            self._sgr([0 if v is None else v for v in params] or [0])
        elif final == "r":
            self._count("scroll", seq)
            self.top, self.bot = p(0) - 1, min(p(1, self.h), self.h) - 1
            self.x = self.y = 0
            self.wrap = False
        elif final in "ST":
            self._count("scroll", seq)
            self._scroll(self.top, self.bot, p(0) if final == "S" else -p(0))
        elif final in "JK":
            self._count("other", seq)
            mode = params[0] if params and params[0] else 0
            rows = range(self.h) if final == "J" else [self.y]
            for y in rows:
                for x in range(self.w):
                    at = (y, x) if final == "J" else (0, x)
                    here = (self.y, self.x) if final == "J" else (0, self.x)
                    if mode == 2 or (mode == 0 and at >= here) or (mode == 1 and at <= here):
                        self.cells[y][x] = self._blank()
        else:
            self._count("other", seq)

    def _sgr(self, ps):
        i = 0
        while i < len(ps):
            v = ps[i]
            if v == 0:
                self.pen = {}
            elif v in SGR_ON:
                self.pen[SGR_ON[v]] = True
            elif v in SGR_OFF:
                for k in SGR_OFF[v]:
                    self.pen.pop(k, None)
            elif 30 <= v <= 37 or 90 <= v <= 97:
                self.pen["fg"] = v - 30 if v < 90 else v - 82
            elif 40 <= v <= 47 or 100 <= v <= 107:
                self.pen["bg"] = v - 40 if v < 100 else v - 92
            elif v in (39, 49, 59):
                self.pen.pop({39: "fg", 49: "bg", 59: "ul"}[v], None)
            elif v in (38, 48, 58) and i + 1 < len(ps):
                key = {38: "fg", 48: "bg", 58: "ul"}[v]
                if ps[i + 1] == 5 and i + 2 < len(ps):
                    self.pen[key] = ps[i + 2]
                    i += 2
                elif ps[i + 1] == 2 and i + 4 < len(ps):
                    self.pen[key] = ("rgb", *ps[i + 2:i + 5])
                    i += 4
            i += 1


def changed(before, after):
    """Cells that differ between two snapshots."""
    return sum(1 for rb, ra in zip(before, after) for cb, ca in zip(rb, ra) if cb != ca)


def reversed_rows(cells):
    """Rows where most cells are drawn reversed: the selected row of a focused list."""
    return [y for y, row in enumerate(cells)
            if sum(1 for _, a in row if ("reverse", True) in a) > len(row) // 4]
