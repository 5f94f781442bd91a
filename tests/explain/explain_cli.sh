#!/bin/sh
# Integration tests of hfenv --explain: explain_cli.sh HFENV TEST_NAME
HFENV=$1
. "$(dirname "$0")/lib.sh"

A=http://127.0.0.1:7890
ESC=$(printf '\033')

# Field $3 (BEFORE) or $4 (AFTER) of the tsv line for client and scheme.
route() {
	printf '%s\n' "$out" | awk -F '\t' -v c="$1" -v s="$2" -v f="$3" '$1 == c && $2 == s { print $f }'
}

agreeing_environment_exits_0() {
	run_hfenv http_proxy=$A https_proxy=$A "$HFENV" --explain
	expect_rc 0
	expect_out "After hfenv, every client takes the same route."
}

remaining_disagreement_exits_1() {
	run_hfenv REQUEST_METHOD=GET http_proxy=$A https_proxy=$A "$HFENV" --explain
	expect_rc 1
	expect_out "After hfenv, the clients still disagree on http and https URLs."
	expect_out "refused under CGI"
}

refusal_exits_125_with_the_error() {
	run_hfenv https_proxy=socks5h://127.0.0.1:1080 "$HFENV" --explain
	expect_rc 125
	expect_out "hfenv would refuse to run"
	expect_out "error: https_proxy='socks5h://127.0.0.1:1080' is a SOCKS proxy"
}

invalid_proxy_url_exits_125() {
	run_hfenv HTTPS_PROXY=http://127.0.0.1:99999 "$HFENV" --explain
	expect_rc 125
	expect_out "the port must be a number from 1 to 65535"
}

changes_and_warnings_are_listed_under_the_table() {
	run_hfenv HTTPS_PROXY=$A http_proxy=$A HTTP_PROXY=http://127.0.0.1:8080 "$HFENV" --explain
	expect_out "What hfenv would do:"
	expect_out "  set https_proxy='$A'"
	expect_out "  warning: http_proxy='$A' and HTTP_PROXY='http://127.0.0.1:8080' differ"
}

nothing_to_change_is_said() {
	run_hfenv "$HFENV" --explain
	expect_rc 0
	expect_out "hfenv would change nothing."
}

table_names_every_client_family() {
	run_hfenv "$HFENV" --explain
	for label in curl git wget "Python urllib" requests/httpx/pip "reqwest 0.11" hf_xet Go Node undici; do
		expect_out "$label"
	done
}

password_is_never_shown() {
	for format in table tsv; do
		run_hfenv https_proxy=http://user:s3cret@127.0.0.1:7890 "$HFENV" --explain=$format
		expect_nowhere s3cret
		expect_out "http://user:***@127.0.0.1:7890"
	done
}

assignments_count_before_hfenv() {
	run_hfenv "$HFENV" --explain=tsv HTTPS_PROXY=$A
	[ "$(route curl https 3)" = $A ] || fail "curl https BEFORE is not $A: $out"
	[ "$(route wget https 3)" = direct ] || fail "wget https BEFORE is not direct: $out"
	[ "$(route wget https 4)" = $A ] || fail "wget https AFTER is not $A: $out"
}

unset_counts_before_hfenv() {
	run_hfenv https_proxy=$A "$HFENV" -u https_proxy --explain=tsv
	[ "$(route curl https 3)" = direct ] || fail "curl https BEFORE is not direct: $out"
}

proxy_option_counts_after_hfenv_only() {
	run_hfenv "$HFENV" -p $A --explain=tsv
	expect_rc 0
	[ "$(route go http 3)" = direct ] || fail "go http BEFORE is not direct: $out"
	[ "$(route go http 4)" = $A ] || fail "go http AFTER is not $A: $out"
}

tsv_has_one_line_per_client_and_scheme() {
	run_hfenv http_proxy=$A "$HFENV" --explain=tsv
	[ "$(printf '%s\n' "$out" | wc -l)" -eq 20 ] || fail "not 20 lines: $out"
	printf '%s\n' "$out" | awk -F '\t' 'NF != 6 || ($2 != "http" && $2 != "https") { exit 1 }' ||
		fail "a line without 6 fields: $out"
	[ "$(route node https 3)" = direct ] || fail "node https BEFORE is not direct: $out"
	[ "$(route undici https 3)" = $A ] || fail "undici https BEFORE is not $A: $out"
}

tsv_marks_failures_and_refusal() {
	run_hfenv https_proxy=socks5://127.0.0.1:1080 "$HFENV" --explain=tsv
	expect_rc 125
	[ "$(route requests https 3)" = fail ] || fail "requests https BEFORE is not fail: $out"
	[ "$(route reqwest https 3)" = direct ] || fail "reqwest https BEFORE is not direct: $out"
	[ "$(route curl https 4)" = refused ] || fail "curl https AFTER is not refused: $out"
	expect_err "hfenv: https_proxy='socks5://127.0.0.1:1080' is a SOCKS proxy"
}

no_colour_when_stdout_is_not_a_terminal() {
	run_hfenv REQUEST_METHOD=GET http_proxy=$A "$HFENV" --explain
	case $out in *"$ESC"*) fail "escape sequence in piped output" ;; esac
}

# script(1) gives hfenv a terminal for its stdout.
run_on_terminal() {
	need script
	env -i PATH="$PATH" TERM=dumb "$@" script -qec "'$HFENV' --explain" /dev/null >"$WORK/out" 2>&1 || true
	out=$(cat "$WORK/out")
	err=
}

colour_on_a_terminal() {
	run_on_terminal REQUEST_METHOD=GET http_proxy=$A
	case $out in *"$ESC["*) ;; *) fail "no colour on a terminal: $out" ;; esac
}

no_colour_on_a_terminal_with_no_color() {
	run_on_terminal REQUEST_METHOD=GET http_proxy=$A NO_COLOR=1
	expect_out "CLIENT"
	case $out in *"$ESC"*) fail "escape sequence despite NO_COLOR" ;; esac
}

command_after_explain_is_refused() {
	run_hfenv "$HFENV" --explain ls -l
	expect_rc 125
	expect_err "--explain takes hosts or http(s) URLs and runs nothing, but '-l' is neither"
}

host_operand_gives_each_clients_route_for_it() {
	run_hfenv https_proxy=$A NO_PROXY=.hf.co "$HFENV" --explain=tsv hf.co http://cas.hf.co/ other.co
	[ "$(printf '%s\n' "$out" | wc -l)" -eq 50 ] || fail "not 50 lines: $out"
	printf '%s\n' "$out" | awk -F '\t' 'NF != 7 { exit 1 }' || fail "a line without 7 fields: $out"
	line=$(printf '%s\n' "$out" | awk -F '\t' '$1 == "go" && $2 == "https" && $7 == "hf.co"')
	[ "$(printf '%s' "$line" | cut -f 3,4)" = "$A	direct" ] || fail "go https hf.co is not $A, then direct: $line"
	line=$(printf '%s\n' "$out" | awk -F '\t' '$1 == "curl" && $7 == "http://cas.hf.co/"')
	[ "$(printf '%s' "$line" | cut -f 2,3,4)" = "http	direct	direct" ] || fail "curl http://cas.hf.co/: $line"
	line=$(printf '%s\n' "$out" | awk -F '\t' '$1 == "curl" && $2 == "https" && $7 == "other.co"')
	[ "$(printf '%s' "$line" | cut -f 3,4)" = "$A	$A" ] || fail "curl https other.co: $line"
}

loopback_operand_is_direct_after_hfenv() {
	run_hfenv https_proxy=$A "$HFENV" --explain=tsv 127.0.0.1
	expect_rc 0
	line=$(printf '%s\n' "$out" | awk -F '\t' '$1 == "curl" && $2 == "https"')
	[ "$(printf '%s' "$line" | cut -f 3,4)" = "$A	direct" ] || fail "curl https 127.0.0.1: $line"
}

explain_with_export_is_refused() {
	run_hfenv "$HFENV" --explain --export
	expect_rc 125
	expect_err "cannot be combined"
}

unknown_explain_format_is_refused() {
	run_hfenv "$HFENV" --explain=json
	expect_rc 125
	expect_err "--explain takes table or tsv"
}

"$2"
