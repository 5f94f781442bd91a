#!/bin/sh
# Checks --explain=tsv against the routes real clients take (curl, git, wget, urllib, requests, Go),
# without hfenv and under it, in one scenario: real_clients.sh HFENV GO_CLIENT SCENARIO
# Two tinyproxies (A, B) and a target listen on 127.0.0.1.  URLs name the target LOCALHOST: every
# client proxies it (Go never proxies lower-case localhost) and /etc/hosts resolves it.
HFENV=$1
GO_CLIENT=$2
. "$(dirname "$0")/lib.sh"

need curl
need wget
need git
[ -x "$GO_CLIENT" ] || fail "$GO_CLIENT is missing: the explain.real.go_client test builds it"
PORT_A=$(free_port)
PORT_B=$(free_port)
PORT_T=$(free_port)
A=http://127.0.0.1:$PORT_A
B=http://127.0.0.1:$PORT_B
CR=$(printf '\r')
SERVER_LOG=$WORK/a.log start_tinyproxy "$PORT_A"
SERVER_LOG=$WORK/b.log start_tinyproxy "$PORT_B"
: >"$WORK/target.log"
start "$PORT_T" "$PYTHON" "$HERE/helpers.py" serve-ok "$PORT_T" "$WORK/target.log"

hits() {
	grep -ci "$1" "$2" || true
}

# The route one request took: A, B (their URLs), direct (the target saw it) or fail.
observe() {
	client=$1 url=$2
	shift 2
	a=$(hits "LOCALHOST:$PORT_T" "$WORK/a.log")
	b=$(hits "LOCALHOST:$PORT_T" "$WORK/b.log")
	t=$(hits connection "$WORK/target.log")
	env -i PATH="$PATH" "$@" sh "$HERE/fetch.sh" "$client" "$url" "$GO_CLIENT" >/dev/null 2>&1 || true
	if [ "$(hits "LOCALHOST:$PORT_T" "$WORK/a.log")" -gt "$a" ]; then
		echo "$A"
	elif [ "$(hits "LOCALHOST:$PORT_T" "$WORK/b.log")" -gt "$b" ]; then
		echo "$B"
	elif [ "$(hits connection "$WORK/target.log")" -gt "$t" ]; then
		echo direct
	else
		echo fail
	fi
}

# Runs every client on http and https URLs, without hfenv and under it, against the prediction.
check_scenario() {
	rc=0
	env -i PATH="$PATH" "$@" "$HFENV" --explain=tsv >"$WORK/routes" 2>"$WORK/err" || rc=$?
	[ "$rc" -ne 125 ] || fail "hfenv refuses the scenario: $(cat "$WORK/err")"
	mismatches=
	for client in curl git wget urllib requests go; do
		for scheme in http https; do
			url=$scheme://LOCALHOST:$PORT_T/
			line=$(awk -F '\t' -v c="$client" -v s="$scheme" '$1 == c && $2 == s' "$WORK/routes")
			before=$(printf '%s\n' "$line" | cut -f 3)
			after=$(printf '%s\n' "$line" | cut -f 4)
			seen=$(observe "$client" "$url" "$@")
			[ "$seen" = "$before" ] || mismatches="$mismatches
  $client $scheme without hfenv: predicted $before, took $seen"
			seen=$(observe "$client" "$url" "$@" "$HFENV")
			[ "$seen" = "$after" ] || mismatches="$mismatches
  $client $scheme under hfenv: predicted $after, took $seen"
		done
	done
	[ -z "$mismatches" ] || fail "routes differ from --explain:$mismatches"
}

upper_case_only() { check_scenario HTTP_PROXY="$A" HTTPS_PROXY="$A"; }
both_cases_differ() { check_scenario http_proxy="$A" HTTP_PROXY="$B" https_proxy="$A" HTTPS_PROXY="$B"; }
all_proxy_only() { check_scenario ALL_PROXY="$A"; }
star_no_proxy() { check_scenario http_proxy="$A" https_proxy="$A" no_proxy='*'; }
empty_lower_case_values() { check_scenario http_proxy= HTTP_PROXY="$A" https_proxy= HTTPS_PROXY="$A"; }
scheme_less_values() { check_scenario http_proxy="127.0.0.1:$PORT_A" HTTPS_PROXY="127.0.0.1:$PORT_A"; }
cgi_with_both_http_spellings() { check_scenario REQUEST_METHOD=GET HTTP_PROXY="$B" http_proxy="$A" https_proxy="$A"; }
trailing_cr() { check_scenario http_proxy="$A$CR" HTTPS_PROXY="$A$CR"; }
upper_case_scheme() { check_scenario HTTP_PROXY="HTTP://127.0.0.1:$PORT_A" https_proxy="HTTP://127.0.0.1:$PORT_A"; }

"$3"
