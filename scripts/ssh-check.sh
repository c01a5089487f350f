#!/usr/bin/env bash
# styr over a real SSH login to localhost: it starts, draws, follows a resize, quits
# cleanly with q (alternate screen left, cursor shown, the shell's terminal in cooked
# mode), does so for each common TERM, and when the connection drops it ends and the next
# login offers to recover the edits.
#
#     scripts/ssh-check.sh
#
# Needs root (it runs its own sshd as root on 127.0.0.1, on a free port, with host and
# user keys made in a temporary folder; the system's sshd and ~/.ssh are not touched),
# tmux, and openssh-server (installed with apt-get when missing). Builds the release
# binary. Works on a copy of data/hamar.ron. Exit status 0 when every check passes.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ "$(id -u)" -eq 0 ] || { echo "ssh-check.sh must run as root (it starts an sshd)" >&2; exit 1; }
# shellcheck source=scripts/sshd.sh
. "$ROOT/scripts/sshd.sh"
sshd_install
command -v tmux >/dev/null || { echo "ssh-check.sh needs tmux" >&2; exit 1; }

(cd "$ROOT" && cargo build --release --quiet)
BIN="$ROOT/target/release/styr"

T=$(mktemp -d "${TMPDIR:-/tmp}/styr-ssh.XXXXXX")
SOCK=styr-ssh-$$
cleanup() {
    tmux -L "$SOCK" kill-server >/dev/null 2>&1 || true
    if [ -s "$T/sshd.pid" ]; then kill "$(cat "$T/sshd.pid")" 2>/dev/null || true; fi
    rm -rf "$T"
}
trap cleanup EXIT

sshd_start "$T" "$T/authorized_keys" "PermitRootLogin prohibit-password"
chmod 600 "$T/authorized_keys"

mkdir "$T/work"
cp "$ROOT/data/hamar.ron" "$T/work/"
SSH=(ssh -t -i "$T/id" -p "$PORT" -o StrictHostKeyChecking=no -o UserKnownHostsFile="$T/known_hosts" -o LogLevel=ERROR root@127.0.0.1)
STYR="$BIN hamar.ron --date 2026-11-26 --lang en"

tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
screen() { tm capture-pane -p -t ssh; }
show() { tm display -p -t ssh "$1"; }
# wait_for TEXT: until the screen shows TEXT (at most 20 s); wait_for -E REGEX likewise
wait_for() {
    local how=-F
    if [ "$1" = -E ]; then how=-E; shift; fi
    for _ in $(seq 200); do screen | grep -q "$how" -- "$1" && return 0; sleep 0.1; done
    echo "--- waited for: $1" >&2
    screen >&2
    return 1
}
login() { # a login shell over ssh in a fresh 120x40 tmux session
    tm kill-session -t ssh >/dev/null 2>&1 || true
    tm new-session -d -s ssh -x 120 -y 40 "${SSH[*]}"
    tm set -t ssh status off >/dev/null
    wait_for '#' || wait_for '$'
    tm send-keys -t ssh "cd $T/work && clear" Enter
    sleep 0.5
}

echo "sshd on 127.0.0.1:$PORT (pid $(cat "$T/sshd.pid")); styr: $BIN"

login
tm send-keys -t ssh "echo SSH_CONNECTION=\$SSH_CONNECTION TERM=\$TERM; $STYR" Enter
check "styr draws over ssh" wait_for "HA-01"
check "alternate screen while running" [ "$(show '#{alternate_on}')" = 1 ]
tm resize-window -t ssh -x 80 -y 24
check "a resize reaches styr (80x24: one pane)" wait_for -E "^┏ ▶ 2 Projects"
tm resize-window -t ssh -x 120 -y 40
check "and back to 120x40" wait_for "1 Goals (17)"
tm send-keys -t ssh q
sleep 1
check "q: alternate screen left" [ "$(show '#{alternate_on}')" = 0 ]
check "q: cursor shown" [ "$(show '#{cursor_flag}')" = 1 ]
# shellcheck disable=SC2016  # expanded by the remote shell
tm send-keys -t ssh 'echo "exit=$? $(stty -a | grep -o -e " -\?icanon" -e " -\?echo " | tr -d "\n")"' Enter
check "q: exit 0, terminal in cooked mode" wait_for "exit=0  icanon echo"

for term in xterm-256color screen-256color tmux-256color linux vt100; do
    tm send-keys -t ssh "clear; TERM=$term $STYR" Enter
    check "TERM=$term: draws" wait_for "HA-01"
    tm send-keys -t ssh q
    sleep 1
    check "TERM=$term: quits cleanly" [ "$(show '#{alternate_on} #{cursor_flag}')" = "0 1" ]
    tm send-keys -t ssh 'echo "exit=$?"' Enter
    check "TERM=$term: exit 0" wait_for "exit=0"
done

# The connection drops with edits unsaved: the ssh client is killed.
tm send-keys -t ssh "clear; $STYR" Enter
wait_for "HA-01" >/dev/null
tm send-keys -t ssh 4 Enter 3 5
check "two scores recorded" wait_for "unsaved (2)"
kill -9 "$(show '#{pane_pid}')"
gone() {
    for _ in $(seq 100); do pgrep -f "^$BIN hamar.ron" >/dev/null || return 0; sleep 0.1; done
    return 1
}
check "the connection drops: styr ends" gone
check "the edits are in the journal" [ -s "$T/work/.hamar.ron.styr-journal" ]
login
tm send-keys -t ssh "$STYR" Enter
check "the next login asks to recover" wait_for "Unsaved changes from an earlier session"
tm send-keys -t ssh y
check "y recovers both edits" wait_for "Recovered 2 changes"
tm send-keys -t ssh s
check "s saves them" wait_for "Saved hamar.ron"
tm send-keys -t ssh q
sleep 0.5

if [ "$failures" -gt 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all checks passed"
