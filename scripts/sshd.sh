# What scripts/ssh-check.sh and scripts/ssh-seats.sh share, sourced by both: openssh
# installed when missing, an sshd of their own on 127.0.0.1 on a free port (keys and
# config in a temporary folder; the system's sshd and ~/.ssh are not touched), and the
# PASS/FAIL checks.

# Install openssh-server and -client with apt-get when sshd is missing (needs root).
sshd_install() {
    if [ ! -x /usr/sbin/sshd ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssh-server openssh-client >/dev/null
    fi
}

# sshd_start DIR AUTHORIZED_KEYS [CONFIG LINE...]: make DIR/host_key and the user key
# DIR/id (DIR/id.pub goes into AUTHORIZED_KEYS, which the caller gives the modes sshd
# needs), start sshd with DIR/sshd_config and the lines given, and wait for its pid
# file (DIR/sshd.pid, for the caller's cleanup). Sets PORT.
sshd_start() {
    local dir=$1 keys=$2
    shift 2
    PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    ssh-keygen -q -t ed25519 -N '' -f "$dir/host_key"
    ssh-keygen -q -t ed25519 -N '' -f "$dir/id"
    cp "$dir/id.pub" "$keys"
    {
        echo "Port $PORT"
        echo "ListenAddress 127.0.0.1"
        echo "HostKey $dir/host_key"
        echo "AuthorizedKeysFile $keys"
        printf '%s\n' "$@"
        echo "PasswordAuthentication no"
        echo "KbdInteractiveAuthentication no"
        echo "UsePAM no"
        echo "StrictModes no"
        echo "PidFile $dir/sshd.pid"
    } >"$dir/sshd_config"
    mkdir -p /run/sshd
    /usr/sbin/sshd -f "$dir/sshd_config" -E "$dir/sshd.log"
    for _ in $(seq 50); do [ -s "$dir/sshd.pid" ] && break; sleep 0.1; done
}

failures=0
check() { # check WHAT COMMAND...
    local what=$1
    shift
    if "$@"; then echo "PASS  $what"; else echo "FAIL  $what"; failures=$((failures + 1)); fi
}
