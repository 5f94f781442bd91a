# Shared by the --explain and --probe tests: sourced with HFENV set to the binary under test.
set -eu

PYTHON=/usr/bin/python3
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
PIDS=

cleanup() {
	for pid in $PIDS; do
		kill "$pid" 2>/dev/null || true
	done
	rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# A tool from tests/packages that is missing fails the test: it never skips.
need() {
	command -v "$1" >/dev/null 2>&1 || fail "$1 is not installed (it is listed in tests/packages)"
}

free_port() {
	"$PYTHON" "$HERE/helpers.py" free-port
}

# Runs a server in the background (output to $SERVER_LOG), remembers its pid and waits until its port answers.
SERVER_LOG=$WORK/servers.log
start() {
	port=$1
	shift
	"$@" >>"$SERVER_LOG" 2>&1 &
	PIDS="$PIDS $!"
	"$PYTHON" "$HERE/helpers.py" wait-port "$port"
}

start_tinyproxy() {
	port=$1
	shift
	need tinyproxy
	{
		echo "Port $port"
		echo "Listen 127.0.0.1"
		echo "Timeout 10"
		echo "LogLevel Info"
		echo "MaxClients 20"
		for line in "$@"; do echo "$line"; done
	} >"$WORK/tinyproxy-$port.conf"
	start "$port" tinyproxy -d -c "$WORK/tinyproxy-$port.conf"
}

# Runs hfenv in an environment holding only PATH and the given assignments; sets $out, $err, $rc.
run_hfenv() {
	rc=0
	env -i PATH="$PATH" "$@" >"$WORK/out" 2>"$WORK/err" || rc=$?
	out=$(cat "$WORK/out")
	err=$(cat "$WORK/err")
}

expect_rc() {
	[ "$rc" -eq "$1" ] || fail "exit status $rc, expected $1; stdout: $out; stderr: $err"
}

expect_out() {
	case $out in *"$1"*) ;; *) fail "stdout lacks '$1': $out" ;; esac
}

expect_err() {
	case $err in *"$1"*) ;; *) fail "stderr lacks '$1': $err" ;; esac
}

expect_nowhere() {
	case $out$err in *"$1"*) fail "'$1' appears in the output: $out $err" ;; esac
}
