# Shared by the *.test.sh scripts: sh SCRIPT HFENV CASE runs the function test_CASE.
# Every test starts from an environment without proxy variables or HFENV_* settings.

HFENV=$1
CASE=$2
unset http_proxy HTTP_PROXY https_proxy HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY \
	HFENV_PROXY HFENV_NO_XET HFENV_ALLOW_SOCKS HFENV_PROXY_LOOPBACK HFENV_PREFER HFENV_VERBOSE HFENV_QUIET \
	HF_HUB_DISABLE_XET HF_HUB_DISABLE_XETHUB REQUEST_METHOD
TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT
# HFENV_TEST_WRAPPER (valgrind, say) runs in front of every hfenv the tests start.
if [ -n "${HFENV_TEST_WRAPPER:-}" ]; then
	printf '#!/bin/sh\nexec %s %s "$@"\n' "$HFENV_TEST_WRAPPER" "$HFENV" >"$TMP/hfenv"
	chmod +x "$TMP/hfenv"
	HFENV=$TMP/hfenv
	unset HFENV_TEST_WRAPPER
fi

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

# run COMMAND...: stdout to $TMP/out, stderr to $TMP/err, exit status to $status.
run() {
	"$@" >"$TMP/out" 2>"$TMP/err"
	status=$?
}

expect_status() {
	[ "$status" -eq "$1" ] || fail "exit status $status, expected $1"
}

# expect_out TEXT: stdout is exactly TEXT plus a final newline.
expect_out() {
	printf '%s\n' "$1" >"$TMP/expected"
	cmp -s "$TMP/expected" "$TMP/out" || fail "stdout differs from: $1"
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

run_case() {
	command -v "test_$CASE" >/dev/null 2>&1 || fail "no such case"
	"test_$CASE"
}
