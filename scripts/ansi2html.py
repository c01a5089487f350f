#!/usr/bin/env python3
"""Turn a terminal screen captured with `tmux capture-pane -e -p -N` into an HTML page
that looks like the terminal did, for a headless browser to photograph.

Usage: ansi2html.py CAPTURE.ans OUT.html --cols 120 --rows 40 [--cursor X,Y] [--title T]
                    [--light]
Prints the page's size in pixels as "WIDTH,HEIGHT" (for chromium --window-size).

The terminal is a dark one (light grey text on near-black) unless --light: then its own
text and background colours are swapped to dark text on white, as in a terminal with a
light profile. The 16 colours stay as they are either way, as most terminals keep them
whatever the profile's background: that is what shows whether a theme reads on both.

Handles the SGR codes tmux writes: reset, bold, dim, italic, underline (also 4:n),
blink (ignored), reverse, hidden, strike-through and their "off" codes; foreground and
background in the 8/16 standard colours, the 256-colour palette (38;5;n / 48;5;n) and
24-bit colour (38;2;r;g;b), with ":" or ";" as separator. Everything else is dropped.
Every cell is one column of the monospace font; characters outside ASCII are put in a
box of exactly one (or, for wide characters, two) columns, so a glyph the font draws a
little wider or narrower can never shift the rest of the line.

Python 3 standard library only.
"""

import argparse
import html
import re
import sys
import unicodedata

# The 16 standard colours: Visual Studio Code's terminal palette, which reads well on a
# dark background and keeps DarkGray (8) legible.
PALETTE16 = [
    "#1c1c1c", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
    "#767676", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#ffffff",
]
# The terminal's own text and background colours ("default"): a dark profile's, or a
# light one's with --light.
DARK = ("#cccccc", "#1e1e1e")
LIGHT = ("#1e1e1e", "#ffffff")
DEFAULT_FG, DEFAULT_BG = DARK

FONT_PX = 16
# DejaVu Sans Mono: every glyph advances 1233/2048 em.
CELL_W = FONT_PX * 1233 / 2048
CELL_H = 19
PAD = 12


def colour256(n):
    """The xterm 256-colour palette."""
    if n < 16:
        return PALETTE16[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        r, g, b = steps[n // 36], steps[(n // 6) % 6], steps[n % 6]
        return "#%02x%02x%02x" % (r, g, b)
    v = 8 + 10 * (n - 232)
    return "#%02x%02x%02x" % (v, v, v)


class Style:
    __slots__ = ("fg", "bg", "bold", "dim", "italic", "underline", "reverse", "hidden", "strike")

    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = None
        self.bg = None
        self.bold = self.dim = self.italic = self.underline = False
        self.reverse = self.hidden = self.strike = False

    def key(self):
        return tuple(getattr(self, s) for s in self.__slots__)

    def css(self):
        fg = self.fg or DEFAULT_FG
        bg = self.bg or DEFAULT_BG
        if self.reverse:
            fg, bg = bg, fg
        out = []
        if fg != DEFAULT_FG:
            out.append("color:" + fg)
        if bg != DEFAULT_BG:
            out.append("background:" + bg)
        if self.bold:
            out.append("font-weight:bold")
        if self.dim:
            out.append("opacity:.6")
        if self.italic:
            out.append("font-style:italic")
        deco = [d for d, on in (("underline", self.underline), ("line-through", self.strike)) if on]
        if deco:
            out.append("text-decoration:" + " ".join(deco))
        if self.hidden:
            out.append("color:transparent")
        return ";".join(out)


def apply_sgr(style, params):
    """Apply one SGR sequence's parameters (the text between ESC[ and m)."""
    # "38:5:n" and "38;5;n" mean the same; sub-parameters of 4 (underline style) too.
    parts = [p for p in re.split(r"[;]", params)] if params else ["0"]
    codes = []
    for p in parts:
        if ":" in p:
            sub = [int(x) if x else 0 for x in p.split(":")]
            if sub[0] == 4:
                style.underline = len(sub) < 2 or sub[1] != 0
                continue
            if sub[0] in (38, 48) and len(sub) >= 3:
                if sub[1] == 5:
                    c = colour256(sub[2] % 256)
                elif sub[1] == 2:
                    rgb = sub[-3:]
                    c = "#%02x%02x%02x" % tuple(max(0, min(255, v)) for v in rgb)
                else:
                    continue
                if sub[0] == 38:
                    style.fg = c
                else:
                    style.bg = c
            continue
        codes.append(int(p) if p else 0)
    i = 0
    while i < len(codes):
        c = codes[i]
        if c == 0:
            style.reset()
        elif c == 1:
            style.bold = True
        elif c == 2:
            style.dim = True
        elif c == 3:
            style.italic = True
        elif c == 4:
            style.underline = True
        elif c == 7:
            style.reverse = True
        elif c == 8:
            style.hidden = True
        elif c == 9:
            style.strike = True
        elif c == 21:
            style.underline = True
        elif c == 22:
            style.bold = style.dim = False
        elif c == 23:
            style.italic = False
        elif c == 24:
            style.underline = False
        elif c == 27:
            style.reverse = False
        elif c == 28:
            style.hidden = False
        elif c == 29:
            style.strike = False
        elif 30 <= c <= 37:
            style.fg = PALETTE16[c - 30]
        elif c == 39:
            style.fg = None
        elif 40 <= c <= 47:
            style.bg = PALETTE16[c - 40]
        elif c == 49:
            style.bg = None
        elif 90 <= c <= 97:
            style.fg = PALETTE16[c - 90 + 8]
        elif 100 <= c <= 107:
            style.bg = PALETTE16[c - 100 + 8]
        elif c in (38, 48) and i + 1 < len(codes):
            if codes[i + 1] == 5 and i + 2 < len(codes):
                col = colour256(codes[i + 2] % 256)
                i += 2
            elif codes[i + 1] == 2 and i + 4 < len(codes):
                col = "#%02x%02x%02x" % tuple(max(0, min(255, v)) for v in codes[i + 2:i + 5])
                i += 4
            else:
                break
            if c == 38:
                style.fg = col
            else:
                style.bg = col
        # 5, 6 (blink) and anything unknown: ignored.
        i += 1


TOKEN = re.compile(r"\x1b\[([0-9;:]*)m|\x1b\[[0-9;:?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|(\x1b)|([^\x1b]+)")


def width(ch):
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def parse(text, cols, rows):
    """The screen as rows of (char, width, style-key, css) cells."""
    style = Style()
    screen = []
    for line in text.split("\n")[:rows]:
        row = []
        used = 0
        for m in TOKEN.finditer(line):
            if m.group(1) is not None:
                apply_sgr(style, m.group(1))
            elif m.group(3):
                for ch in m.group(3):
                    if ch == "\r":
                        continue
                    w = width(ch)
                    if w == 0 and row:
                        c, cw, k, css = row[-1]
                        row[-1] = (c + ch, cw, k, css)
                        continue
                    if used + w > cols:
                        break
                    row.append((ch, w, style.key(), style.css()))
                    used += w
            # Other escape sequences (cursor movement, OSC): not in a capture; dropped.
        # tmux ends each line with the style still set; the rest of the row is blank
        # in the default colours.
        blank = Style()
        while used < cols:
            row.append((" ", 1, blank.key(), ""))
            used += 1
        screen.append(row)
    while len(screen) < rows:
        screen.append([(" ", 1, Style().key(), "")] * cols)
    return screen


def render(screen, cols, rows, cursor, title):
    out = []
    for y, row in enumerate(screen):
        spans = []
        x = 0
        run_css, run = None, []

        def flush():
            if run:
                body = "".join(run)
                spans.append('<span style="%s">%s</span>' % (run_css, body) if run_css else body)

        for ch, w, _key, css in row:
            if cursor and (x, y) == cursor:
                css = (css + ";" if css else "") + "background:%s;color:%s" % (DEFAULT_FG, DEFAULT_BG)
            if css != run_css:
                flush()
                run_css, run = css, []
            if ch.isascii():
                run.append(html.escape(ch))
            else:
                # One (or two) columns exactly, whatever the glyph's own width.
                run.append('<i class="w%d">%s</i>' % (w, html.escape(ch)))
            x += w
        flush()
        out.append('<div class="r">%s</div>' % "".join(spans))
    width_px = int(round(cols * CELL_W)) + 2 * PAD
    height_px = rows * CELL_H + 2 * PAD
    page = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>%(title)s</title>
<style>
html, body { margin: 0; padding: 0; background: %(bg)s; overflow: hidden; }
#t { padding: %(pad)dpx; width: %(w).3fpx; color: %(fg)s; background: %(bg)s;
     font-family: "DejaVu Sans Mono", monospace; font-size: %(font)dpx;
     font-variant-ligatures: none; font-kerning: none; }
.r { height: %(h)dpx; line-height: %(h)dpx; white-space: pre; overflow: visible; }
i { font-style: normal; display: inline-block; text-align: center; overflow: visible; }
i.w1 { width: %(cw).4fpx; }
i.w2 { width: %(cw2).4fpx; }
</style></head>
<body><div id="t">%(rows)s</div></body></html>
""" % {
        "title": html.escape(title),
        "bg": DEFAULT_BG,
        "fg": DEFAULT_FG,
        "pad": PAD,
        "w": cols * CELL_W,
        "font": FONT_PX,
        "h": CELL_H,
        "cw": CELL_W,
        "cw2": 2 * CELL_W,
        "rows": "".join(out),
    }
    return page, width_px, height_px


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("capture")
    ap.add_argument("out")
    ap.add_argument("--cols", type=int, required=True)
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--cursor", help="X,Y of a visible cursor, drawn as a block")
    ap.add_argument("--title", default="styr")
    ap.add_argument("--light", action="store_true",
                    help="a light terminal: dark default text on a white background")
    a = ap.parse_args()
    global DEFAULT_FG, DEFAULT_BG
    DEFAULT_FG, DEFAULT_BG = LIGHT if a.light else DARK
    with open(a.capture, encoding="utf-8", errors="replace") as f:
        text = f.read()
    if text.endswith("\n"):
        text = text[:-1]
    cursor = None
    if a.cursor:
        x, y = a.cursor.split(",")
        cursor = (int(x), int(y))
    page, w, h = render(parse(text, a.cols, a.rows), a.cols, a.rows, cursor, a.title)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(page)
    print("%d,%d" % (w, h))


if __name__ == "__main__":
    sys.exit(main())
