#!/usr/bin/env bash
# Screenshots of styr for the README: every pane, project detail, search, triage, the help
# overlay, the decision picker and `--theme contrast` on a dark and on a light terminal,
# taken from the real release binary running in tmux on the portfolios in data/.
#
# Run from anywhere in the repository:
#
#     scripts/screenshots.sh            # all scenes → screenshots/*.png
#     scripts/screenshots.sh help       # only the scenes named
#
# It builds the release binary, starts each scene in a fresh tmux session of its own
# (private socket, no user config, no status bar) on a copy of the data file in a temporary
# folder, types the keys, waits until the screen stops changing, captures it with
# `tmux capture-pane -e -p -N`, turns the ANSI text into HTML (scripts/ansi2html.py,
# DejaVu Sans Mono) and photographs that with headless Chromium. The date (--date) and the
# language (--lang and LANG) are fixed, so a second run gives the same pictures; nothing
# in data/ is changed. Needs tmux, python3, chromium and fonts-dejavu-core; as root it
# installs the last two with apt-get when they are missing.
#
# Re-run it after a change to what styr draws, look at the pictures, and commit them.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT="$ROOT/screenshots"
DATE=2026-11-26
SOCK=styr-shots-$$

need_packages=()
command -v chromium >/dev/null 2>&1 || need_packages+=(chromium)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ] || need_packages+=(fonts-dejavu-core)
command -v tmux >/dev/null 2>&1 || need_packages+=(tmux)
if [ ${#need_packages[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "installing ${need_packages[*]} …" >&2
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}" >/dev/null
    else
        echo "screenshots.sh needs: ${need_packages[*]} (apt-get install -y ${need_packages[*]})" >&2
        exit 1
    fi
fi
command -v python3 >/dev/null 2>&1 || { echo "screenshots.sh needs python3" >&2; exit 1; }

echo "building the release binary …" >&2
(cd "$ROOT" && cargo build --release --quiet)
BIN="$ROOT/target/release/styr"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/styr-shots.XXXXXX")
cleanup() {
    tmux -L "$SOCK" kill-server >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

cat >"$WORK/tmux.conf" <<'EOF'
set -g status off
set -g default-terminal "tmux-256color"
set -g escape-time 0
set -g history-limit 0
EOF

mkdir -p "$OUT"

tm() { tmux -L "$SOCK" -f "$WORK/tmux.conf" "$@"; }
capture() { tm capture-pane -p -e -N -t shot; }

# Until the screen differs from "$1" (at most 5 s: some keys change nothing visible),
# then until two captures 0.3 s apart are the same (at most 30 s).
settle() {
    local before=$1 prev="" now
    for _ in $(seq 50); do
        now=$(capture)
        [ "$now" != "$before" ] && break
        sleep 0.1
    done
    for _ in $(seq 100); do
        now=$(capture)
        [ "$now" = "$prev" ] && return 0
        prev=$now
        sleep 0.3
    done
    echo "warning: the screen did not settle" >&2
}

# shoot NAME COLS ROWS LANG FILE STEP...
# Each STEP is one send-keys call (tmux key names, split on spaces; "-l text" types text
# literally), and the screen settles after each. THEME=contrast before it runs styr with
# --theme; BACKGROUND=light draws the capture as a terminal with a light background.
shoot() {
    local name=$1 cols=$2 rows=$3 lang=$4 file=$5
    shift 5
    if [ ${#ONLY[@]} -gt 0 ] && [[ " ${ONLY[*]} " != *" $name "* ]]; then
        return 0
    fi
    echo "  $name ($cols×$rows, $lang, $file)" >&2
    local dir="$WORK/$name"
    mkdir -p "$dir"
    cp "$ROOT/data/$file" "$dir/$file"
    local locale=nb_NO.UTF-8
    [ "$lang" = en ] && locale=en_GB.UTF-8
    local theme=()
    [ -n "${THEME:-}" ] && theme=(--theme "$THEME")
    local by=()
    [ -n "${SEATS:-}" ] && by=(--by Kari)
    tm new-session -d -s shot -x "$cols" -y "$rows" -c "$dir" \
        env LANG="$locale" LC_ALL= NO_COLOR= COLORTERM= "$BIN" "$file" --date "$DATE" --lang "$lang" "${theme[@]}" "${by[@]}"
    local size
    size=$(tm display -p -t shot '#{pane_width}x#{pane_height}')
    if [ "$size" != "${cols}x${rows}" ]; then
        echo "error: the pane is $size, not ${cols}x${rows}" >&2
        exit 1
    fi
    settle ""
    # SEATS="Ida Knut": seats of the meeting, each styr in a session of its own (80×24,
    # in English) on the same file; a step "@Ida 3 4 5" types into Ida's.
    local seat
    for seat in ${SEATS:-}; do
        tm new-session -d -s "seat-$seat" -x 80 -y 24 -c "$dir" \
            env LANG=en_GB.UTF-8 LC_ALL= "$BIN" "$file" --date "$DATE" --lang en --by "$seat"
        sleep 1
    done
    local step before
    for step in "$@"; do
        before=$(capture)
        if [[ $step == @* ]]; then
            seat=${step%% *}
            # shellcheck disable=SC2086
            tm send-keys -t "seat-${seat#@}" ${step#* }
            sleep 0.5
        else
            # shellcheck disable=SC2086  # the step is split into send-keys arguments on purpose
            tm send-keys -t shot $step
        fi
        settle "$before"
    done
    for seat in ${SEATS:-}; do
        tm kill-session -t "seat-$seat"
    done
    capture >"$dir/screen.ans"
    local cursor=()
    if [ "$(tm display -p -t shot '#{cursor_flag}')" = 1 ]; then
        cursor=(--cursor "$(tm display -p -t shot '#{cursor_x},#{cursor_y}')")
    fi
    tm kill-session -t shot
    local light=()
    [ "${BACKGROUND:-dark}" = light ] && light=(--light)
    local wh
    wh=$(python3 "$ROOT/scripts/ansi2html.py" "$dir/screen.ans" "$dir/screen.html" \
        --cols "$cols" --rows "$rows" --title "styr – $name" "${cursor[@]}" "${light[@]}")
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --hide-scrollbars --force-device-scale-factor=1 \
        --user-data-dir="$dir/chromium" --window-size="$wh" \
        --screenshot="$OUT/$name.png" "file://$dir/screen.html" >"$dir/chromium.log" 2>&1 || {
        cat "$dir/chromium.log" >&2
        exit 1
    }
    [ -s "$OUT/$name.png" ] || { echo "error: no $name.png" >&2; cat "$dir/chromium.log" >&2; exit 1; }
    SHOT=$((SHOT + 1))
}

ONLY=("$@")
SHOT=0
echo "taking screenshots into $OUT …" >&2

# The first key of each scene also clears the start-up message, so the status line shows
# the keys that matter where the cursor is. Norwegian unless said otherwise.

# All four panes at 120×40, the cursor on the third project.
shoot overview 120 40 nb hamar.ron "2" "j j"
# Each pane zoomed to the full screen (z).
shoot goals 120 40 nb hamar.ron "1" "z" "j"
shoot projects 120 40 nb hamar.ron "2" "z"
shoot risks 120 40 nb hamar.ron "2" "j j" "3" "z"
shoot evaluation 120 40 nb hamar.ron "2" "j j" "4" "z"
# Everything about one project.
shoot detail 120 40 nb hamar.ron "2" "j j" "Enter" "z"
# Fuzzy search while typing: the list narrows.
shoot search 120 40 nb hamar.ron "2" "/" "-l inter"
# Triage: the agenda, one project per screen.
shoot triage 120 40 nb hamar.ron "2" "t"
# Every key.
shoot help 120 40 nb hamar.ron "2" "?"
# Recording a decision from the score sheet.
shoot decision 120 40 nb hamar.ron "2" "j j" "4" "d"
# The balance (pane 5): level × instrument, as seed 000's matrix; the what-if of a fifth less (80 %).
shoot balance 120 40 nb lillestrom.ron "5" "r"
shoot whatif 120 40 nb lillestrom.ron "w" "-l 80%"
# A scoring round with two seats (Ida and Knut, each in a styr of their own): the chair
# opens it on the project in pane 4, each seat scores, the chair reveals.
SEATS="Ida Knut" shoot round 120 40 nb hamar.ron "2" "j j" "4" "R" "@Ida 3 4 5" "@Knut 5 5 3" "R"
# The smallest size: one pane at a time.
shoot small-80x24 80 24 nb hamar.ron "2" "j j"
# In English, on the bundled example portfolio.
shoot overview-en 120 40 en lillestrom.ron "2" "j j"
# The projector theme on a dark and on a light terminal: the same screen must read on both.
THEME=contrast BACKGROUND=dark shoot contrast-dark 120 40 nb hamar.ron "2" "j j"
THEME=contrast BACKGROUND=light shoot contrast-light 120 40 nb hamar.ron "2" "j j"

# The HTML report (styr report --html), its first page as a reader sees it.
shoot_report() {
    local name=$1 file=$2 lang=$3
    if [ ${#ONLY[@]} -gt 0 ] && [[ ! " ${ONLY[*]} " =~ " $name " ]]; then return; fi
    local dir="$WORK/$name"
    mkdir -p "$dir"
    echo "  $name (report --html, $lang, $file)" >&2
    "$BIN" report "$ROOT/data/$file" --html --lang "$lang" >"$dir/report.html" 2>/dev/null
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --hide-scrollbars --force-device-scale-factor=1 \
        --user-data-dir="$dir/chromium" --window-size=900,1300 \
        --screenshot="$OUT/$name.png" "file://$dir/report.html" >"$dir/chromium.log" 2>&1 || {
        cat "$dir/chromium.log" >&2
        exit 1
    }
    SHOT=$((SHOT + 1))
}
shoot_report report-html hamar.ron nb

echo "done: $SHOT pictures in screenshots/" >&2
