#!/usr/bin/env bash
# One meeting, two real SSH logins as two different users (issue 12): a chair and a seat.
#
#     scripts/ssh-seats.sh [--bin PATH]
#
# The chair logs in as `styrchair` (tmux window of 120x40, `--lang nb`), the seat as
# `styrseat` (80x24, `--lang en`), both over ssh to 127.0.0.1, both on one copy of
# data/hamar.ron. Checked with `tmux capture-pane`: the seat shows the chair and the chair
# the seat; a score of the chair's reaches the seat's screen; a scoring round (the chair
# opens it with R, the seat scores 3 4 5, the chair sees a ✓, reveals with R, the seat sees
# the spread); the seat's connection drops (its ssh client killed) and the chair goes on,
# the seat's file still holding its scores; the chair saves and the file has the seat's
# `ratings`. Each check is printed; exit status 0 only when every one passes.
#
# Needs root: it runs its own sshd on 127.0.0.1 on a free port, with host and user keys
# made in a temporary folder (the system's sshd and ~/.ssh are not touched), and creates
# the two users (`useradd -m`) and a group `styrmeet` when they are missing — and removes
# at the end exactly those it created. Needs tmux and openssh-server (installed with
# apt-get when missing). Builds the release binary unless --bin is given.
#
# The folder both work in: `$T/meet`, owned by root, group `styrmeet` (both users are in
# it), mode 2775 — group-writable, so the seat can make its own file
# (.hamar.ron.styr-seat-styrseat) beside the portfolio and the chair its lock, journal and
# the temporary file of an atomic save; setgid, so every file made there belongs to the
# group. Not 1777: a world-writable folder would let any user on the host plant files
# beside the portfolio; the group keeps the meeting to its members. The portfolio is owned
# by styrchair, mode 0644: the chair may write it (so it is the chair), the seat may only
# read it, as every seat must.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=
while [ $# -gt 0 ]; do
    case $1 in
        --bin) BIN=$(realpath "$2"); shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done
[ "$(id -u)" -eq 0 ] || { echo "ssh-seats.sh must run as root (it starts an sshd, adds users)" >&2; exit 1; }
# shellcheck source=scripts/sshd.sh
. "$ROOT/scripts/sshd.sh"
sshd_install
command -v tmux >/dev/null || { echo "ssh-seats.sh needs tmux" >&2; exit 1; }
if [ -z "$BIN" ]; then
    (cd "$ROOT" && CARGO_BUILD_JOBS=1 cargo build --release -j1 --quiet)
    BIN="$ROOT/target/release/styr"
fi

CHAIR_USER=styrchair
SEAT_USER=styrseat
GROUP=styrmeet
DATE=2026-12-15 # a day hamar.ron has no meeting record of: the chair is named by its login

T=$(mktemp -d "${TMPDIR:-/tmp}/styr-ssh-seats.XXXXXX")
SOCK=styr-ssh-seats-$$
CREATED_USERS=()
CREATED_GROUP=
cleanup() {
    tmux -L "$SOCK" kill-server >/dev/null 2>&1 || true
    if [ -s "$T/sshd.pid" ]; then kill "$(cat "$T/sshd.pid")" 2>/dev/null || true; fi
    # The styr processes of the test users, if any outlived their ssh session.
    # (by their ids: only processes of the users this run created)
    for u in "${CREATED_USERS[@]}"; do
        for pid in $(pgrep -u "$u" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
    done
    sleep 0.2
    for u in "${CREATED_USERS[@]}"; do userdel -r "$u" >/dev/null 2>&1 || true; done
    if [ -n "$CREATED_GROUP" ]; then groupdel "$GROUP" >/dev/null 2>&1 || true; fi
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# The users and their group, made only if missing.
if ! getent group "$GROUP" >/dev/null; then
    groupadd "$GROUP"
    CREATED_GROUP=1
fi
for u in "$CHAIR_USER" "$SEAT_USER"; do
    if ! id "$u" >/dev/null 2>&1; then
        useradd -m -s /bin/bash -G "$GROUP" "$u"
        # useradd leaves the password `!` (locked), and sshd without PAM refuses a locked
        # account even with a key; `*` is no password at all, but not locked.
        usermod -p '*' "$u"
        CREATED_USERS+=("$u")
    else
        usermod -a -G "$GROUP" "$u"
    fi
done
echo "users: $CHAIR_USER (uid $(id -u $CHAIR_USER)), $SEAT_USER (uid $(id -u $SEAT_USER)), group $GROUP;" \
    "created by this run: ${CREATED_USERS[*]:-none}${CREATED_GROUP:+ and the group}"

# Everything the users read: the folder, the binary, the keys sshd reads as the user.
chmod 755 "$T"
mkdir "$T/bin" "$T/keys"
cp "$BIN" "$T/bin/styr"
chmod 755 "$T/bin/styr"
chmod 755 "$T/keys"
sshd_start "$T" "$T/keys/authorized_keys" "AllowUsers $CHAIR_USER $SEAT_USER"
chmod 644 "$T/keys/authorized_keys"

MEET="$T/meet"
mkdir "$MEET"
chown root:"$GROUP" "$MEET"
chmod 2775 "$MEET"
cp "$ROOT/data/hamar.ron" "$MEET/hamar.ron"
chown "$CHAIR_USER:$GROUP" "$MEET/hamar.ron"
chmod 0644 "$MEET/hamar.ron"
FILE="$MEET/hamar.ron"
SEATFILE="$MEET/.hamar.ron.styr-seat-$SEAT_USER"

SSHOPTS="-t -i $T/id -p $PORT -o StrictHostKeyChecking=no -o UserKnownHostsFile=$T/known_hosts -o LogLevel=ERROR"
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
screen() { tm capture-pane -p -t "$1"; }
# wait_for SESSION [-E] TEXT: until that screen shows TEXT (at most 20 s)
wait_for() {
    local s=$1 how=-F
    shift
    if [ "$1" = -E ]; then how=-E; shift; fi
    for _ in $(seq 200); do screen "$s" | grep -q "$how" -- "$1" && return 0; sleep 0.1; done
    echo "--- $s: waited for: $1" >&2
    screen "$s" >&2
    return 1
}
# login SESSION USER COLS ROWS: a login shell over ssh in a fresh tmux session
login() {
    tm new-session -d -s "$1" -x "$3" -y "$4" "ssh $SSHOPTS $2@127.0.0.1"
    tm set -t "$1" status off >/dev/null
    wait_for "$1" '$'
    tm send-keys -t "$1" "cd $MEET && clear" Enter
    sleep 0.5
}
show_both() {
    echo "--- chair ($CHAIR_USER, 120x40):"
    screen chair
    echo "--- seat ($SEAT_USER, 80x24):"
    screen seat
}

echo "sshd on 127.0.0.1:$PORT (pid $(cat "$T/sshd.pid")); styr: $BIN; folder $MEET"
ls -la "$MEET" | sed 's/^/    /'

login chair "$CHAIR_USER" 120 40
login seat "$SEAT_USER" 80 24
tm send-keys -t chair "whoami; $T/bin/styr hamar.ron --date $DATE --lang nb" Enter
check "the chair ($CHAIR_USER, nb, 120x40) draws hamar.ron" wait_for chair "HA-01"
tm send-keys -t seat "whoami; $T/bin/styr hamar.ron --date $DATE --lang en" Enter
check "the seat ($SEAT_USER, en, 80x24) draws" wait_for seat "HA-01"
check "the seat shows the chair: \"$SEAT_USER · chair $CHAIR_USER\"" \
    wait_for seat "$SEAT_USER · chair $CHAIR_USER"
check "the chair shows its seat: \"1 deltaker: $SEAT_USER\" (nb for \"1 seat\")" \
    wait_for chair "1 deltaker: $SEAT_USER"
check "two processes of two users" bash -c \
    "pgrep -u $CHAIR_USER -x styr >/dev/null && pgrep -u $SEAT_USER -x styr >/dev/null"
check "the seat's file is its own ($SEAT_USER)" \
    [ "$(stat -c %U "$SEATFILE" 2>/dev/null)" = "$SEAT_USER" ]

# The chair scores: pane 4, Enter starts scoring, 4 scores the first criterion.
tm send-keys -t chair 4
sleep 0.3
tm send-keys -t chair Enter
check "the chair scores in pane 4" wait_for chair "vurderer"
seat_before=$(screen seat)
tm send-keys -t chair 4
check "the chair's score is an unsaved edit" wait_for chair "ulagret (1)"
check "the seat's screen shows it: \"This meeting $DATE · being edited\"" \
    wait_for seat "This meeting $DATE · being edited"
check "and the score: \"Måloppnåelse 40 4\" on the seat's sheet" \
    wait_for seat -E "Måloppnåelse +40 +4"
project=$(screen chair | grep -o -m1 'vurderer [A-Z]*-[0-9]*' | awk '{print $2}')
echo "      the project scored: $project"
check "the seat follows the chair to $project" wait_for seat "$project"
seat_after=$(screen seat)
echo "      the seat's screen, lines that changed with the chair's score:"
diff <(echo "$seat_before") <(echo "$seat_after") | grep '^[<>]' | sed 's/^/      /' || true

# A round: the chair opens it, the seat scores 3 4 5, the chair sees ✓, reveals.
tm send-keys -t chair R
check "the chair opens a round" wait_for chair "Vurderingsrunde åpnet"
check "the seat's screen opens the round's sheet (\"Scoring round · $project\")" \
    wait_for seat "Scoring round · $project"
tm send-keys -t seat 3
sleep 0.3
tm send-keys -t seat 4
sleep 0.3
tm send-keys -t seat 5
check "the chair sees that the seat has scored (\"$SEAT_USER ✓\")" wait_for chair "$SEAT_USER ✓"
check "the seat sees no spread before the reveal" bash -c \
    "! tmux -L $SOCK -f /dev/null capture-pane -p -t seat | grep -q 'spread'"
check "the chair sees no values before the reveal" bash -c \
    "! tmux -L $SOCK -f /dev/null capture-pane -p -t chair | grep -q 'sprik'"
tm send-keys -t chair R
check "the chair reveals (\"Scorene vist\")" wait_for chair "Scorene vist"
check "the seat sees the spread" wait_for seat "spread"
show_both

# The seat's connection drops: its ssh client is killed.
kill -9 "$(tm display -p -t seat '#{pane_pid}')"
seat_gone() {
    for _ in $(seq 100); do pgrep -u "$SEAT_USER" -x styr >/dev/null || return 0; sleep 0.1; done
    return 1
}
check "the seat's connection drops: its styr ends" seat_gone
check "the chair still runs" bash -c "pgrep -u $CHAIR_USER -x styr >/dev/null"
# It still answers keys: j moves the round sheet's cursor (▸) to the next criterion.
changed_after_key() { # changed_after_key SESSION KEY: the screen changes within 5 s
    local before
    before=$(screen "$1")
    tm send-keys -t "$1" "$2"
    for _ in $(seq 50); do [ "$(screen "$1")" != "$before" ] && return 0; sleep 0.1; done
    return 1
}
check "and still answers a key (j moves the sheet's cursor)" changed_after_key chair j
check "the seat's file is still there" [ -s "$SEATFILE" ]
check "with its three scores (3, 4, 5)" bash -c \
    "grep -q 'score: *Some(3)' '$SEATFILE' && grep -q 'score: *Some(4)' '$SEATFILE' && grep -q 'score: *Some(5)' '$SEATFILE'"
echo "      $SEATFILE:"
sed 's/^/        /' "$SEATFILE"

tm send-keys -t chair s
check "the chair saves" wait_for chair "Lagret"
check "the file has ratings" grep -q "ratings" "$FILE"
check "with the seat's name in them" bash -c "grep -A3 'ratings' '$FILE' | grep -q '$SEAT_USER'"
echo "      the ratings in $FILE:"
grep -n -A6 'ratings' "$FILE" | sed 's/^/        /'
check "the file is still the chair's ($CHAIR_USER, -rw-r--r--)" \
    [ "$(stat -c '%U %A' "$FILE")" = "$CHAIR_USER -rw-r--r--" ]
tm send-keys -t chair q
sleep 0.5

if [ "$failures" -gt 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all checks passed"
