#!/usr/bin/env python3
"""One meeting, many seats (issue 12, point 5): how fast a chair's edit reaches 20 seats
on one host, and what the seats cost the chair's keystrokes.

For each portfolio: the chair (`styr FILE --by Kari`) runs in a pseudo-terminal of
120x40, then N seats (`styr FILE --by seat01` ...), each in its own pty of 80x24, started
one after the other (each waits for the one before to show the chair on its status
line). Every pty is read all the time, in one select loop over every master, so no styr
ever blocks writing a frame. Once the chair's status line says "N seats" and every
seat's says "chair Kari", the chair goes to pane 4 (`4`), starts scoring (`Enter`) and
makes K edits: a digit per criterion of the selected project (3 and 4 alternately), then
`]` to the next project (not timed), so every timed key is a new score and the chair's
`unsaved (n)` grows by one each time (checked on its screen, replayed into
scripts/termmodel.py). For each edit key:

- the chair's keystroke time: key sent -> last byte of the chair's frame, a frame ending
  when the chair has been quiet for --quiet ms (pty-bench.py's rule; the quiet wait is
  not counted);
- each seat's arrival: key sent -> the first byte that seat writes after the key (a seat
  draws only when something changed; the script checks that each such frame changed
  cells on the seat's screen, and counts any bytes a seat writes while nothing happens).

Keys are sent at least --gap apart, and only when every pty has been quiet for --quiet.
The same keys are made by the chair alone (0 seats) before and after the run with
seats, on a fresh copy of the same file: the keystroke-time comparison.

    python3 scripts/seats-bench.py                                   # data/*.ron, 1k, 100k
    python3 scripts/seats-bench.py --sizes data/hamar.ron,1000 --seats 20 --keys 20
    python3 scripts/seats-bench.py --sizes 100000 --seats 20 --keys 10 --gap 1

--sizes takes "data" (every file in data/), paths of portfolios, and numbers of projects
(generated with target/release/examples/gen_portfolio into a temporary folder under
/tmp, removed at the end). Every process it starts is killed and every temporary folder
removed when it ends, also on Ctrl-C or SIGTERM. Python 3.11, standard library only.
The targets (issue 12): every seat shows each edit within 250 ms (1 s for a file over
50 MB: the 100,000 projects), and below 50 MB the chair's median keystroke time with the
seats is at most 2 ms above its median alone (both runs alone together). Exit status 1
when one is missed (the report says which), 2 when the measurement could not be made.
"""

import argparse
import fcntl
import glob
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from termmodel import Vt, changed  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REL = os.path.join(ROOT, "target", "release")
CHAIR = "Kari"
DATE = "2026-12-15"  # no evaluation in data/ or the generator is of this day

# Everything this script started or made, for the cleanup.
PROCS = []
TEMPS = []


class Failed(Exception):
    """The measurement could not be made (a styr ended, a screen never came)."""


def cleanup():
    # A second Ctrl-C must not cut the cleanup short.
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)
    for p in PROCS:
        p.kill()
    PROCS.clear()
    for t in TEMPS:
        shutil.rmtree(t, ignore_errors=True)
    TEMPS.clear()


def on_signal(signum, _frame):
    print(f"signal {signum}: stopping every styr it started", file=sys.stderr)
    raise SystemExit(128 + signum)


class Styr:
    """One styr in a pseudo-terminal of cols x rows; its bytes are read by Room.pump and
    replayed into a terminal model (`vt`) only when nothing is being timed."""

    def __init__(self, name, argv, cols, rows):
        self.name, self.cols, self.rows = name, cols, rows
        self.vt = Vt(cols, rows)
        self.pending = bytearray()
        self.total = 0
        self.last = None        # perf_counter of the last byte read
        self.first = None       # of the first byte since mark()
        self.marked = None
        self.alive = True
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                env = dict(os.environ, TERM="xterm-256color", LANG="en_GB.UTF-8")
                env.pop("NO_COLOR", None)
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        PROCS.append(self)

    def mark(self):
        self.first, self.marked = None, time.perf_counter()

    def got(self, chunk, now):
        self.pending += chunk
        self.total += len(chunk)
        self.last = now
        if self.marked is not None and self.first is None:
            self.first = now

    def sync(self):
        if self.pending:
            self.vt.feed(bytes(self.pending))
            self.pending.clear()

    def text(self):
        return "\n".join("".join(c[0] for c in row) for row in self.vt.cells)

    def status(self):
        return "".join(c[0] for c in self.vt.cells[-1])

    def rss_kib(self):
        try:
            with open(f"/proc/{self.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return None

    def kill(self):
        """SIGTERM, then SIGKILL after a second; reaped, its pty closed."""
        if self.pid is None:
            return
        pid, self.pid, self.alive = self.pid, None, False
        for sig, wait in ((signal.SIGTERM, 1.0), (signal.SIGKILL, 5.0)):
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
            end = time.perf_counter() + wait
            reaped = False
            while time.perf_counter() < end:
                try:
                    if os.waitpid(pid, os.WNOHANG)[0]:
                        reaped = True
                        break
                except ChildProcessError:
                    reaped = True
                    break
                # Keep the pty drained so the process can reach its end.
                try:
                    if select.select([self.fd], [], [], 0.02)[0]:
                        os.read(self.fd, 1 << 16)
                except OSError:
                    time.sleep(0.02)
            if reaped:
                break
        try:
            os.close(self.fd)
        except OSError:
            pass


class Room:
    """Every styr of one run, read in one select loop."""

    def __init__(self):
        self.procs = []

    def add(self, p):
        self.procs.append(p)
        return p

    def pump(self, timeout):
        fds = {p.fd: p for p in self.procs if p.alive}
        if not fds:
            time.sleep(timeout)
            return
        r, _, _ = select.select(list(fds), [], [], max(0.0, timeout))
        for fd in r:
            p = fds[fd]
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:
                chunk = b""
            now = time.perf_counter()
            if not chunk:
                p.alive = False
                raise Failed(f"{p.name} ended (its screen:\n{p.text()})")
            p.got(chunk, now)

    def sync(self):
        for p in self.procs:
            p.sync()

    def wait_for(self, what, pred, timeout):
        deadline = time.perf_counter() + timeout
        while True:
            self.sync()
            if pred():
                return
            if time.perf_counter() > deadline:
                raise Failed(f"waited {timeout:.0f} s for {what}")
            self.pump(0.05)

    def settle(self, quiet, timeout=60.0):
        """Until every pty has been quiet for `quiet` seconds."""
        deadline = time.perf_counter() + timeout
        while True:
            now = time.perf_counter()
            lasts = [p.last for p in self.procs if p.last is not None]
            latest = max(lasts) if lasts else 0.0
            if now - latest >= quiet:
                return
            if now > deadline:
                raise Failed(f"no quiet of {quiet} s within {timeout} s")
            self.pump(quiet - (now - latest))

    def key(self, p, data, quiet):
        """Send a key to p (not timed): wait for its answer, then until everything is
        quiet."""
        p.mark()
        os.write(p.fd, data)
        deadline = time.perf_counter() + 5.0
        while p.first is None and time.perf_counter() < deadline:
            self.pump(0.05)
        p.marked = None
        self.settle(quiet)
        self.sync()


def unsaved(p):
    m = re.search(r"unsaved \((\d+)\)", p.status())
    return int(m.group(1)) if m else 0


def seats_shown(p):
    m = re.search(r"(\d+) seats?:", p.status())
    return int(m.group(1)) if m else 0


def criteria_count(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        head = f.read(1 << 20)
    head = re.sub(r"//[^\n]*", "", head)
    m = re.search(r"\bcriteria:\s*\[(.*?)\]", head, re.S)
    if not m:
        return 3  # no list: the default criteria (Måloppnåelse, Resultater, Økonomi)
    return max(1, len(re.findall(r"\bid:", m.group(1))))


def mem_available_kib():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1])
    return 0


def styr_argv(bin_, path, by, lang="en"):
    return [bin_, path, "--date", DATE, "--lang", lang, "--by", by]


def meeting_files(path):
    d, name = os.path.split(path)
    return glob.glob(os.path.join(d, f".{glob.escape(name)}.styr-*"))


def run(bin_, path, n_seats, keys, quiet, gap, load_timeout, crit):
    """One run: the chair and n_seats seats (0: the chair alone). Per timed key: the
    chair's time, every seat's arrival (None: never within the wait)."""
    for f in meeting_files(path):
        os.remove(f)
    room = Room()
    out = {"seats": 0, "keys": [], "idle_seat_bytes": 0, "seat_frames_unchanged": 0,
           "not_edits": 0, "late_chair_frames": 0, "seat_rss_kib": [], "note": ""}
    try:
        chair = room.add(Styr("chair", styr_argv(bin_, path, CHAIR), 120, 40))
        room.wait_for("the chair's first frame", lambda: "Projects (" in chair.text(),
                      load_timeout)
        out["chair_first_s"] = chair.last - chair.started
        room.settle(quiet)
        seats = []
        for i in range(n_seats):
            # Memory: each seat holds the whole portfolio; keep 2 GiB and a load's peak
            # (about twice what one seat holds) free for the rest of the machine.
            need = 2 * 1024 * 1024 + 2 * (max(out["seat_rss_kib"]) if out["seat_rss_kib"]
                                          else 0)
            if mem_available_kib() < need:
                out["note"] = (f"stopped at {i} seats: {mem_available_kib() // 1024} MiB "
                               f"available, a seat needs about {need // 1024} MiB with the margin")
                break
            name = f"seat{i + 1:02d}"
            s = room.add(Styr(name, styr_argv(bin_, path, name), 80, 24))
            room.wait_for(f"{name} showing the chair",
                          lambda s=s: f"chair {CHAIR}" in s.status(), load_timeout)
            seats.append(s)
            out["seat_rss_kib"].append(s.rss_kib() or 0)
        out["seats"] = len(seats)
        if seats:
            room.wait_for(f"the chair showing {len(seats)} seats",
                          lambda: seats_shown(chair) == len(seats), 30)
        room.settle(quiet)
        # Bytes the seats write while nothing happens (3 s): a seat draws only on change.
        before = sum(s.total for s in seats)
        t_idle = time.perf_counter()
        while time.perf_counter() - t_idle < 3.0:
            room.pump(0.1)
        out["idle_seat_bytes"] = sum(s.total for s in seats) - before
        room.settle(quiet)
        room.key(chair, b"4", quiet)
        room.key(chair, b"\r", quiet)
        room.sync()
        if "scoring" not in chair.text():
            raise Failed("pane 4 did not start scoring:\n" + chair.text())
        done_on_project, sent_last = 0, 0.0
        for i in range(keys):
            if done_on_project == crit:
                room.key(chair, b"]", quiet)
                done_on_project = 0
            room.settle(quiet)
            room.sync()
            wait = sent_last + gap - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
                room.settle(quiet)
                room.sync()
            was = unsaved(chair)
            shots = [s.vt.snapshot() for s in seats]
            for p in room.procs:
                p.mark()
            digit = b"34"[i % 2:i % 2 + 1]
            sent = time.perf_counter()
            os.write(chair.fd, digit)
            sent_last = sent
            chair_time = None
            deadline = sent + load_timeout
            while True:
                now = time.perf_counter()
                if chair_time is None and chair.first is not None and now - chair.last >= quiet:
                    chair_time = chair.last - sent
                seats_in = all(s.first is not None for s in seats)
                if chair_time is not None and seats_in and now - max(
                        [p.last for p in room.procs]) >= quiet:
                    break
                if now > deadline:
                    break
                room.pump(0.01 if chair_time is None else 0.05)
            if chair_time is None and chair.first is not None:
                chair_time = chair.last - sent
            if chair.first is not None and chair_time is not None and \
                    chair.last - sent > chair_time + 1e-9:
                out["late_chair_frames"] += 1
            room.sync()
            done_on_project += 1
            now_unsaved = unsaved(chair)
            if now_unsaved != was + 1:
                out["not_edits"] += 1
            for s, shot in zip(seats, shots):
                if s.first is not None and changed(shot, s.vt.cells) == 0:
                    out["seat_frames_unchanged"] += 1
            out["keys"].append({
                "chair": chair_time,
                "seats": [(s.first - sent) if s.first is not None else None for s in seats],
                "unsaved": now_unsaved,
            })
        out["chair_rss_kib"] = chair.rss_kib()
        out["seat_rss_end_kib"] = [s.rss_kib() or 0 for s in seats]
        out["mem_available_kib"] = mem_available_kib()
        out["final_chair_status"] = chair.status().strip()
        out["final_seat_status"] = seats[0].status().strip() if seats else ""
        out["final_seat_screen"] = seats[0].text() if seats else ""
        out["final_chair_screen"] = chair.text()
    finally:
        for p in reversed(room.procs):
            p.kill()
            if p in PROCS:
                PROCS.remove(p)
        for f in meeting_files(path):
            os.remove(f)
    return out


def ms(s):
    return "–" if s is None else f"{s * 1000:.1f} ms"


def portfolios(spec, tmp, gen):
    """(label, path) of each size: 'data', paths, numbers of projects."""
    out = []
    for item in [x.strip() for x in spec.split(",") if x.strip()]:
        if item == "data":
            for f in sorted(glob.glob(os.path.join(ROOT, "data", "*.ron"))):
                out.append((os.path.basename(f), f))
        elif re.fullmatch(r"[\d_]+", item):
            out.append((f"{int(item.replace('_', '')):,} projects", int(item.replace("_", ""))))
        else:
            out.append((os.path.basename(item), os.path.abspath(item)))
    made = []
    for label, src in out:
        d = tempfile.mkdtemp(prefix="styr-seats-", dir=tmp)
        TEMPS.append(d)
        if isinstance(src, int):
            path = os.path.join(d, f"p{src}.ron")
            if not os.path.exists(gen):
                raise Failed(f"no generator at {gen}: cargo build --release -j1 --example "
                             "gen_portfolio")
            subprocess.run([gen, str(src), path], check=True, stdout=subprocess.DEVNULL)
        else:
            path = os.path.join(d, os.path.basename(src))
            shutil.copyfile(src, path)
        made.append((label, path))
    return made


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seats", type=int, default=20)
    ap.add_argument("--sizes", default="data,1000,100000",
                    help="'data' (every file in data/), paths, numbers of projects")
    ap.add_argument("--keys", type=int, default=20, help="timed edit keys per run")
    ap.add_argument("--bin", default=os.path.join(REL, "styr"))
    ap.add_argument("--gen", default=os.path.join(REL, "examples", "gen_portfolio"))
    ap.add_argument("--quiet", type=float, default=0.25,
                    help="seconds of silence that end a frame (as pty-bench.py)")
    ap.add_argument("--gap", type=float, default=None,
                    help="least seconds between two edit keys (default 0.3; 1 at 100k)")
    ap.add_argument("--no-baseline-after", action="store_true",
                    help="run the chair alone only before the seats, not also after")
    ap.add_argument("--tmp", default="/tmp")
    ap.add_argument("--verbose", action="store_true",
                    help="print every key: the chair's time, each run's seats' arrivals")
    ap.add_argument("--show", action="store_true",
                    help="print the chair's and seat01's last screens of each run with seats")
    a = ap.parse_args()
    bin_ = os.path.abspath(a.bin)
    if not os.access(bin_, os.X_OK):
        print(f"no styr at {bin_}: cargo build --release -j1", file=sys.stderr)
        return 2
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, on_signal)
    # Ctrl-C raises KeyboardInterrupt even where SIGINT came in ignored (a background job).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    failures = []
    rows = []
    try:
        print(f"seats-bench: {a.seats} seats, {a.keys} keys, binary {bin_}; "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()}, "
              f"{mem_available_kib() // 1024} MiB available", flush=True)
        for label, path in portfolios(a.sizes, a.tmp, a.gen):
            size = os.path.getsize(path)
            big = size > 50_000_000
            gap = a.gap if a.gap is not None else (1.0 if big else 0.3)
            target = 1.0 if big else 0.25
            load_timeout = 300.0 if big else 60.0
            crit = criteria_count(path)
            print(f"\n== {label}: {size / 1e6:.1f} MB, {crit} criteria; gap {gap} s; "
                  f"load average {os.getloadavg()}", flush=True)
            t0 = time.perf_counter()
            alone = run(bin_, path, 0, a.keys, a.quiet, gap, load_timeout, crit)
            print(f"  chair alone: first frame {ms(alone['chair_first_s'])}", flush=True)
            many = run(bin_, path, a.seats, a.keys, a.quiet, gap, load_timeout, crit)
            alone2 = None if a.no_baseline_after else \
                run(bin_, path, 0, a.keys, a.quiet, gap, load_timeout, crit)
            took = time.perf_counter() - t0
            if a.verbose:
                for what, r in (("alone before", alone), ("with seats", many),
                                ("alone after", alone2)):
                    if not r:
                        continue
                    print(f"  {what}: key, the digit's place (criterion of its project), "
                          "chair ms, seats' arrival min / median / max ms")
                    for i, k in enumerate(r["keys"]):
                        got = sorted(t for t in k["seats"] if t is not None)
                        arr = (f"{got[0] * 1000:.1f} / {statistics.median(got) * 1000:.1f} / "
                               f"{got[-1] * 1000:.1f}") if got else "–"
                        print(f"    {i + 1:3} c{i % crit + 1}  {ms(k['chair']):>10}  {arr}")
            c0 = [k["chair"] for k in alone["keys"] if k["chair"] is not None]
            c0b = [k["chair"] for k in alone2["keys"] if k["chair"] is not None] if alone2 else []
            c1 = [k["chair"] for k in many["keys"] if k["chair"] is not None]
            arr = [t for k in many["keys"] for t in k["seats"]]
            missing = sum(1 for t in arr if t is None)
            arr_ok = [t for t in arr if t is not None]
            per_key_max = [max(t for t in k["seats"] if t is not None)
                           for k in many["keys"] if any(t is not None for t in k["seats"])]
            med0 = statistics.median(c0) if c0 else None
            med0b = statistics.median(c0b) if c0b else None
            med1 = statistics.median(c1) if c1 else None
            base = med0 if med0b is None else statistics.median(c0 + c0b)
            row = {
                "label": label, "size": size, "seats": many["seats"], "keys": len(many["keys"]),
                "alone_med": med0, "alone_max": max(c0) if c0 else None,
                "alone2_med": med0b, "alone2_max": max(c0b) if c0b else None,
                "base_med": base,
                "seats_med": med1, "seats_max": max(c1) if c1 else None,
                "arr_med": statistics.median(arr_ok) if arr_ok else None,
                "arr_max": max(arr_ok) if arr_ok else None,
                "arr_key_med": statistics.median(per_key_max) if per_key_max else None,
                "missing": missing, "n_arr": len(arr),
                "not_edits": many["not_edits"] + alone["not_edits"],
                "unchanged": many["seat_frames_unchanged"],
                "idle": many["idle_seat_bytes"], "late": many["late_chair_frames"],
                "unsaved_end": many["keys"][-1]["unsaved"] if many["keys"] else None,
                "seat_rss": statistics.median(many["seat_rss_kib"]) if many["seat_rss_kib"] else None,
                "chair_rss": many.get("chair_rss_kib"), "note": many["note"],
                "seat_rss_end": statistics.median(many["seat_rss_end_kib"])
                if many.get("seat_rss_end_kib") else None,
                "took": took, "load": os.getloadavg(),
            }
            rows.append(row)
            print(f"  {many['seats']} seats ({row['n_arr']} arrivals over {row['keys']} keys)"
                  + (f" — {many['note']}" if many["note"] else ""))
            print(f"  chair keystroke, alone before: median {ms(med0)}, max {ms(row['alone_max'])}"
                  + (f"; alone after: median {ms(med0b)}, max {ms(row['alone2_max'])}"
                     if alone2 else ""))
            print(f"  chair keystroke, with seats:  median {ms(med1)}, max {ms(row['seats_max'])}"
                  f"  -> {(med1 - base) * 1000:+.1f} ms against alone (median of both runs alone)"
                  if med1 is not None and base is not None else "  chair keystroke: –")
            print(f"  seat arrival: median {ms(row['arr_med'])}, max {ms(row['arr_max'])}; "
                  f"the slowest seat of each key: median {ms(row['arr_key_med'])}; "
                  f"never arrived: {missing}")
            print(f"  checks: unsaved grew by one on every key but {row['not_edits']}; "
                  f"chair at the end: {many['keys'][-1]['unsaved'] if many['keys'] else '–'} "
                  f"unsaved; seat frames that changed nothing: {row['unchanged']}; "
                  f"bytes the seats wrote in 3 s idle: {row['idle']}; "
                  f"chair frames after the first quiet: {row['late']}")
            print(f"  memory (resident): chair {(row['chair_rss'] or 0) // 1024} MiB at the end; "
                  f"a seat (median) {int(row['seat_rss'] or 0) // 1024} MiB as it joined, "
                  f"{int(row['seat_rss_end'] or 0) // 1024} MiB at the end; "
                  f"{many.get('mem_available_kib', 0) // 1024} MiB available with them all running; "
                  f"the runs took {took:.0f} s; "
                  f"load average now {os.getloadavg()}")
            print(f"  chair's status: {many.get('final_chair_status', '')}")
            print(f"  seat01's status: {many.get('final_seat_status', '')}", flush=True)
            if a.show:
                print("  --- the chair's last screen:\n" + many.get("final_chair_screen", ""))
                print("  --- seat01's last screen:\n" + many.get("final_seat_screen", ""),
                      flush=True)
            name = label
            if row["seats"] < a.seats:
                failures.append(f"{name}: only {row['seats']} of {a.seats} seats")
            if missing:
                failures.append(f"{name}: {missing} seat arrivals never came")
            if row["arr_max"] is not None and row["arr_max"] > target:
                failures.append(f"{name}: an edit reached a seat after {ms(row['arr_max'])} "
                                f"(target {target * 1000:.0f} ms)")
            # The 2 ms is issue 12's target for data/ and 1,000 projects; at 100,000 only
            # the arrival within 1 s is (the difference is printed all the same).
            if not big and med1 is not None and base is not None and med1 - base > 0.002:
                failures.append(f"{name}: chair median {ms(med1)} with seats against "
                                f"{ms(base)} alone (+{(med1 - base) * 1000:.1f} ms, target 2 ms)")
            if row["not_edits"]:
                failures.append(f"{name}: {row['not_edits']} keys did not add one unsaved edit")
    except Failed as e:
        print(f"\nFAILED: {e}", file=sys.stderr)
        return 2
    finally:
        cleanup()
    print("\n| portfolio | seats | keys | chair alone, median (max) | chair with seats, "
          "median (max) | difference | arrival at a seat, median / max | slowest seat per key, median |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        alone = f"{ms(r['base_med'])} ({ms(max(x for x in (r['alone_max'], r['alone2_max']) if x is not None))})"
        diff = "–" if r["seats_med"] is None or r["base_med"] is None else \
            f"{(r['seats_med'] - r['base_med']) * 1000:+.1f} ms"
        print(f"| {r['label']} | {r['seats']} | {r['keys']} | {alone} | "
              f"{ms(r['seats_med'])} ({ms(r['seats_max'])}) | {diff} | "
              f"{ms(r['arr_med'])} / {ms(r['arr_max'])} | {ms(r['arr_key_med'])} |")
    print(f"\nload average at the end {os.getloadavg()}")
    if failures:
        print("missed: " + "; ".join(failures))
        return 1
    print("every target met")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        cleanup()
        print("interrupted: every styr it started is stopped, its temporary folders removed",
              file=sys.stderr)
        sys.exit(130)
