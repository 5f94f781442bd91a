# The one harness of the *.test.sh scripts: sh SCRIPT HFENV CASE runs the function test_CASE.
# Every case starts from an empty environment: PATH and what the case sets (HFENV_TEST_WRAPPER is
# the harness's own, read below), so that no variable of the caller's reaches hfenv or a server.
# expect_out and expect_err_lines are exact; the *_contains and *_lacks checks look for a substring.

if [ "${HFENV_TEST_EMPTY_ENVIRONMENT:-}" != "$$" ]; then
	exec env -i PATH="$PATH" HFENV_TEST_EMPTY_ENVIRONMENT=$$ HFENV_TEST_WRAPPER="${HFENV_TEST_WRAPPER:-}" \
		/bin/sh "$0" "$@"
fi
HFENV=$1
CASE=$2
HERE=$(cd "$(dirname "$0")" && pwd)
TESTS=$(cd "$HERE/.." && pwd)
PYTHON=/usr/bin/python3
PIDS=
TMP=$(mktemp -d) || exit 1
cleanup() {
	for pid in $PIDS; do
		kill "$pid" 2>/dev/null || true
	done
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
# HFENV_TEST_WRAPPER (valgrind, or qemu-user in a cross build) runs in front of every hfenv the tests
# start, through perl, which passes the environment on as it came; a shell would reorder it. Its program
# is found now, so that a case's own PATH cannot lose it.
if [ -n "${HFENV_TEST_WRAPPER:-}" ]; then
	wrapper_program=${HFENV_TEST_WRAPPER%% *}
	wrapper_program=$(command -v "$wrapper_program") || { echo "FAIL: the wrapper $wrapper_program is not on PATH" >&2; exit 1; }
	printf '#!/usr/bin/perl\nmy @command = (qw(%s), q(%s));\nexec { $command[0] } @command, @ARGV;\nexit 127;\n' \
		"$wrapper_program${HFENV_TEST_WRAPPER#"${HFENV_TEST_WRAPPER%% *}"}" "$HFENV" >"$TMP/hfenv"
	chmod +x "$TMP/hfenv"
	HFENV=$TMP/hfenv
fi
unset HFENV_TEST_EMPTY_ENVIRONMENT HFENV_TEST_WRAPPER

fail() {
	printf 'FAIL (%s): %s\n' "$CASE" "$*" >&2
	if [ -f "$TMP/out" ]; then printf -- '--- stdout:\n' >&2; cat "$TMP/out" >&2; fi
	if [ -f "$TMP/err" ]; then printf -- '--- stderr:\n' >&2; cat "$TMP/err" >&2; fi
	exit 1
}

# A program the test cannot do without: missing is a failure, never a skip.
need() {
	command -v "$1" >/dev/null 2>&1 || fail "'$1' is not installed (add it to tests/packages)"
}

# run COMMAND...: stdout to $TMP/out and $out, stderr to $TMP/err and $err, exit status to $status.
run() {
	"$@" >"$TMP/out" 2>"$TMP/err"
	status=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
	expect_messages_fit
}

# Every stderr line is one of hfenv's messages: "hfenv: ..." within 100 columns. A case whose command
# writes to stderr itself sets OWN_STDERR=1 before run.
expect_messages_fit() {
	[ -z "${OWN_STDERR:-}" ] || return 0
	awk 'length($0) > 100 || !/^hfenv: / { print; bad = 1 } END { exit bad }' "$TMP/err" >"$TMP/unfit" ||
		fail "a stderr line is not 'hfenv: ...' within 100 columns: $(head -n 1 "$TMP/unfit")"
}

# run_clean [NAME=VALUE]... COMMAND...: run, in an environment holding only PATH and the assignments.
run_clean() {
	run env -i PATH="$PATH" "$@"
}

expect_status() {
	[ "$status" -eq "$1" ] || fail "exit status $status, expected $1"
}

# expect_out TEXT: stdout is exactly TEXT plus a final newline.
expect_out() {
	printf '%s\n' "$1" >"$TMP/expected"
	cmp -s "$TMP/expected" "$TMP/out" || fail "stdout differs from: $1"
}

expect_out_contains() {
	grep -qF -e "$1" "$TMP/out" || fail "stdout does not contain: $1"
}

expect_out_lacks() {
	! grep -qF -e "$1" "$TMP/out" || fail "stdout contains: $1"
}

# expect_nowhere TEXT: neither stdout nor stderr contains TEXT (a password, say).
expect_nowhere() {
	! grep -qF -e "$1" "$TMP/out" "$TMP/err" || fail "stdout or stderr contains: $1"
}

expect_out_empty() {
	[ ! -s "$TMP/out" ] || fail "stdout is not empty"
}

expect_err_empty() {
	[ ! -s "$TMP/err" ] || fail "stderr is not empty"
}

expect_err_contains() {
	grep -qF -e "$1" "$TMP/err" || fail "stderr does not contain: $1"
}

expect_err_lacks() {
	! grep -qF -e "$1" "$TMP/err" || fail "stderr contains: $1"
}

expect_err_lines() {
	lines=$(wc -l <"$TMP/err")
	[ "$lines" -eq "$1" ] || fail "stderr has $lines lines, expected $1"
}

free_port() {
	"$PYTHON" "$TESTS/helpers/servers.py" free-port
}

# start PORT COMMAND...: a server in the background, stopped when the test ends; waits until PORT answers.
start() {
	port=$1
	shift
	"$@" >>"$TMP/servers.log" 2>&1 &
	PIDS="$PIDS $!"
	"$PYTHON" "$TESTS/helpers/servers.py" wait-port "$port"
}

# start_tinyproxy PORT [CONFIG LINE]...: an HTTP proxy on 127.0.0.1:PORT that logs each request.
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
	} >"$TMP/tinyproxy-$port.conf"
	start "$port" tinyproxy -d -c "$TMP/tinyproxy-$port.conf"
}

run_case() {
	command -v "test_$CASE" >/dev/null 2>&1 || fail "no such case"
	"test_$CASE"
}
