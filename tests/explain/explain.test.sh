. "$(dirname "$0")/../helpers/lib.sh"

A=http://127.0.0.1:7890
ESC=$(printf '\033')

# expect_finding TEXT: a finding under the table holds TEXT, its wrapped lines joined.
expect_finding() {
	sed -e ':a' -e 'N' -e '$!ba' -e 's/\n    / /g' "$TMP/out" | grep -qF -e "$1" || fail "no finding: $1"
}

# Field $3 (BEFORE) or $4 (AFTER) of the tsv line for client and scheme.
route() {
	printf '%s\n' "$out" | awk -F '\t' -v c="$1" -v s="$2" -v f="$3" '$1 == c && $2 == s { print $f }'
}

test_agreeing_environment_exits_0() {
	run_clean http_proxy=$A https_proxy=$A "$HFENV" --explain
	expect_status 0
	expect_out_contains "After hfenv, every client takes the same route."
}

test_remaining_disagreement_exits_1() {
	run_clean REQUEST_METHOD=GET http_proxy=$A https_proxy=$A "$HFENV" --explain
	expect_status 1
	expect_out_contains "After hfenv, the clients still disagree on http and https URLs."
	expect_out_contains "refused under CGI"
}

test_refusal_exits_125_with_the_error() {
	run_clean https_proxy=socks5h://127.0.0.1:1080 "$HFENV" --explain
	expect_status 125
	expect_out_contains "hfenv would refuse to run"
	expect_finding "error: https_proxy='socks5h://127.0.0.1:1080' is SOCKS"
}

test_invalid_proxy_url_exits_125() {
	run_clean HTTPS_PROXY=http://127.0.0.1:99999 "$HFENV" --explain
	expect_status 125
	expect_finding "the port must be 1 to 65535"
}

test_changes_and_warnings_are_listed_under_the_table() {
	run_clean HTTPS_PROXY=$A http_proxy=$A HTTP_PROXY=http://127.0.0.1:8080 "$HFENV" --explain
	expect_out_contains "What hfenv would do:"
	expect_out_contains "  set https_proxy='$A'"
	expect_finding "  warning: http_proxy='$A' wins over a different HTTP_PROXY"
}

test_nothing_to_change_is_said() {
	run_clean "$HFENV" --explain
	expect_status 0
	expect_out_contains "hfenv would change nothing."
}

test_table_names_every_client_family() {
	run_clean "$HFENV" --explain
	for label in curl git wget aria2c "Python urllib" "requests 2.34" "httpx 0.28" "httpx+socksio" huggingface_hub "reqwest 0.11" \
		"hf_xet, uv" "Go 1.26" Node undici; do
		expect_out_contains "$label"
	done
}

test_wide_terminal_shows_the_long_labels() {
	run_clean COLUMNS=120 "$HFENV" --explain
	for label in "httpx 0.28 (no socksio)" "huggingface_hub 2.4 (httpx2)" "hf_xet >= 1.3, uv: reqwest 0.13" "Go 1.26 net/http"; do
		expect_out_contains "$label"
	done
}

# expect_lines_fit COLUMNS: no line of stdout is wider.
expect_lines_fit() {
	wide=$(awk -v w="$1" 'length($0) > w' "$TMP/out")
	[ -z "$wide" ] || fail "lines over $1 columns: $wide"
}

test_every_line_fits_80_columns_for_clash() {
	run_clean http_proxy=$A https_proxy=$A all_proxy=socks5://127.0.0.1:7890 "$HFENV" --explain
	expect_status 0
	expect_lines_fit 80
}

test_every_line_fits_80_columns_for_the_readme_example() {
	run_clean HTTPS_PROXY=http://alice:secret@127.0.0.1:8888 http_proxy=127.0.0.1:8888 NO_PROXY=.corp.example \
		"$HFENV" --explain huggingface.co
	expect_status 0
	expect_lines_fit 80
}

test_every_line_fits_80_columns_with_notes_for_long_cells() {
	run_clean REQUEST_METHOD=GET http_proxy=$A https_proxy=http://u:p@127.0.0.1:8888 NO_PROXY=localhost "$HFENV" --explain localhost
	expect_lines_fit 80
	expect_out_contains "Notes:    1 = "
}

test_proxies_are_named_once_in_a_legend() {
	run_clean https_proxy=http://alice:secret@127.0.0.1:8888 "$HFENV" --explain
	expect_out_contains "Proxies:  A = http://alice:***@127.0.0.1:8888"
	[ -z "$(sed '/^What hfenv would do:/,$d' "$TMP/out" | grep '127.0.0.1:8888' | grep -v ' = http://alice:\*\*\*@')" ] ||
		fail "the proxy is named outside the legends and the findings"
	[ "$(awk '$1 == "curl" { print $NF }' "$TMP/out" | head -1)" = A ] || fail "curl's https AFTER cell is not A"
}

test_url_operand_shows_its_own_scheme_only() {
	run_clean https_proxy=$A http_proxy=$A "$HFENV" --explain http://example.com/x
	expect_out_contains "http:// URLs"
	expect_out_lacks "https:// URLs"
	run_clean https_proxy=$A http_proxy=$A "$HFENV" --explain https://example.com/x
	expect_out_contains "https:// URLs"
	expect_out_lacks "http:// URLs"
	run_clean https_proxy=$A http_proxy=$A "$HFENV" --explain=tsv https://example.com/x
	[ -z "$(printf '%s\n' "$out" | awk -F '\t' 'NR > 1 && $2 == "http"')" ] || fail "an http line for an https URL: $out"
}

test_url_operand_with_equals_in_its_query_is_a_host() {
	run_clean https_proxy=$A "$HFENV" --explain=tsv 'https://h.example/api?q=bert'
	expect_status 0
	[ "$(route curl https 7)" = 'https://h.example/api?q=bert' ] || fail "the URL is not the target: $out"
}

test_assignment_before_a_url_operand_still_sets_its_variable() {
	run_clean "$HFENV" --explain=tsv https_proxy=$A 'https://h.example/api?q=bert'
	expect_status 0
	[ "$(route curl https 4)" = "$A" ] || fail "https_proxy=$A was not applied: $out"
}

test_operand_without_a_shell_name_before_its_equals_is_a_host() {
	run_clean "$HFENV" --explain 'ftp://h.example/?q=1'
	expect_status 125
	expect_err_contains "--explain takes hosts/URLs, not 'ftp://h.example/?q=1'"
	run_clean "$HFENV" --probe '=1'
	expect_status 125
	expect_err_contains "--probe takes HOST or HOST:PORT, not '=1'"
}

test_operand_password_is_hidden_in_heading_verdict_and_tsv() {
	run_clean "$HFENV" --explain http://u:s3cret@h.example/
	expect_nowhere s3cret
	expect_out_contains "$(printf 'http://u:***@h.example/\n')"
	expect_out_contains "For http://u:***@h.example/: after hfenv"
	run_clean "$HFENV" --explain=tsv http://u:s3cret@h.example/
	expect_nowhere s3cret
	[ "$(awk -F '\t' '$7 == "http://u:***@h.example/"' "$TMP/out" | grep -c .)" -eq \
		"$(awk -F '\t' '$2 == "http"' "$TMP/out" | grep -c .)" ] || fail "not a line per client for the operand, password hidden"
}

test_operand_control_bytes_are_escaped_everywhere() {
	run_clean "$HFENV" --explain "http://h.example/${ESC}]0;x$(printf '\a')"
	expect_out_lacks "$ESC"
	expect_out_contains 'For http://h.example/\x1b]0;x\x07: after hfenv'
	run_clean "$HFENV" --explain=tsv "$(printf 'http://h.example/a\tb\nc')"
	[ -z "$(awk -F '\t' 'NF != 7' "$TMP/out")" ] || fail "a line without 7 fields"
	expect_out_contains 'http://h.example/a\x09b\x0ac'
}

test_long_operand_heading_fits_the_width() {
	path=$(printf '%0200d' 0)
	run_clean COLUMNS=80 "$HFENV" --explain "http://h.example:8080/$path"
	expect_out_contains "http://h.example:8080/0000"
	[ -z "$(awk 'length($0) > 80' "$TMP/out")" ] || fail "a line over 80 columns: $(awk 'length($0) > 80' "$TMP/out")"
}

test_tsv_starts_with_a_header_row() {
	run_clean "$HFENV" --explain=tsv
	[ "$(printf '%s\n' "$out" | head -1)" = "$(printf 'client\tscheme\tbefore\tafter\tbefore_text\tafter_text\ttarget')" ] ||
		fail "no header row: $out"
}

test_format_name_operand_gets_a_hint() {
	for format in tsv table; do
		run_clean "$HFENV" --explain $format
		expect_status 0
		expect_err_contains "hfenv: warning: '$format' is explained as a host; for the format, write --explain=$format"
		expect_out_contains "For $format: after hfenv, every client takes the same route."
	done
}

test_format_name_operand_hint_is_silenced_by_quiet() {
	for quiet in -q --quiet; do
		run_clean "$HFENV" --explain $quiet tsv
		expect_status 0
		expect_err_empty
		expect_out_contains "For tsv: after hfenv, every client takes the same route."
	done
	run_clean HFENV_QUIET=1 "$HFENV" --explain table
	expect_err_empty
}

# Each operand gets its own verdict: the worst one is the status, wherever it comes in the list.
test_exit_status_is_the_worst_targets_not_the_last() {
	for format in table tsv; do
		for order in "10.1.2.3 h.example" "h.example 10.1.2.3"; do
			run_clean https_proxy=$A NO_PROXY=10.0.0.0/8 "$HFENV" -q --explain=$format $order
			expect_status 1
		done
		run_clean https_proxy=$A NO_PROXY=10.0.0.0/8 "$HFENV" -q --explain=$format h.example
		expect_status 0
	done
}

test_command_as_operand_gets_a_hint() {
	run_clean "$HFENV" --explain sh train.py
	expect_status 0
	expect_err_lines 1
	expect_err_contains "hfenv: warning: 'sh' is a command: --explain takes hosts and URLs and runs nothing"
	expect_out_contains "For sh: after hfenv"
	run_clean "$HFENV" --explain=tsv sh
	expect_err_contains "'sh' is a command"
}

test_command_hint_is_only_for_words_without_a_dot_found_on_path() {
	run_clean "$HFENV" --explain no-such-command-here h.example
	expect_status 0
	expect_err_empty
	run_clean PATH=/nonexistent "$HFENV" --explain sh
	expect_err_empty
}

test_operand_hints_are_warnings_that_quiet_silences() {
	run_clean "$HFENV" -q --explain sh tsv
	expect_status 0
	expect_err_empty
}

test_password_is_never_shown() {
	for format in table tsv; do
		run_clean https_proxy=http://user:s3cret@127.0.0.1:7890 "$HFENV" --explain=$format
		expect_nowhere s3cret
		expect_out_contains "http://user:***@127.0.0.1:7890"
	done
}

test_assignments_count_before_hfenv() {
	run_clean "$HFENV" --explain=tsv HTTPS_PROXY=$A
	[ "$(route curl https 3)" = $A ] || fail "curl https BEFORE is not $A: $out"
	[ "$(route wget https 3)" = direct ] || fail "wget https BEFORE is not direct: $out"
	[ "$(route wget https 4)" = $A ] || fail "wget https AFTER is not $A: $out"
}

test_unset_counts_before_hfenv() {
	run_clean https_proxy=$A "$HFENV" -u https_proxy --explain=tsv
	[ "$(route curl https 3)" = direct ] || fail "curl https BEFORE is not direct: $out"
}

test_proxy_option_counts_after_hfenv_only() {
	run_clean "$HFENV" -p $A --explain=tsv
	expect_status 0
	[ "$(route go http 3)" = direct ] || fail "go http BEFORE is not direct: $out"
	[ "$(route go http 4)" = $A ] || fail "go http AFTER is not $A: $out"
}

test_tsv_has_one_line_per_client_and_scheme() {
	run_clean http_proxy=$A "$HFENV" --explain=tsv
	[ "$(printf '%s\n' "$out" | wc -l)" -eq 84 ] || fail "not 84 lines (header, 28 routes, 42 hub, 13 trust): $out"
	printf '%s\n' "$out" | awk -F '\t' 'NR > 1 && (NF != 7 || ($2 != "http" && $2 != "https" && $2 != "hub" && $2 != "trust")) { exit 1 }' ||
		fail "a line without 7 fields: $out"
	[ "$(route node https 3)" = direct ] || fail "node https BEFORE is not direct: $out"
	[ "$(route undici https 3)" = $A ] || fail "undici https BEFORE is not $A: $out"
}

test_clash_triple_fails_httpx_before_hfenv_only() {
	run_clean http_proxy=$A https_proxy=$A all_proxy=socks5://127.0.0.1:7891 "$HFENV" --explain=tsv
	for family in httpx httpx2; do
		[ "$(route $family https 3)" = fail ] || fail "$family https BEFORE is not fail: $out"
		[ "$(route $family https 4)" = $A ] || fail "$family https AFTER is not $A: $out"
	done
	[ "$(route requests https 3)" = $A ] || fail "requests https BEFORE is not $A: $out"
	[ "$(route httpx-socksio https 3)" = $A ] || fail "httpx-socksio https BEFORE is not $A: $out"
}

test_odd_case_https_proxy_splits_python_from_the_others_before_hfenv() {
	run_clean Https_Proxy=$A "$HFENV" --explain=tsv
	for family in urllib requests httpx2; do
		[ "$(route $family https 3)" = $A ] || fail "$family https BEFORE is not $A: $out"
	done
	for family in curl hf_xet go; do
		[ "$(route $family https 3)" = direct ] || fail "$family https BEFORE is not direct: $out"
		[ "$(route $family https 4)" = $A ] || fail "$family https AFTER is not $A: $out"
	done
	run_clean Https_Proxy=$A "$HFENV" --explain
	expect_status 0
	expect_out_contains "After hfenv, every client takes the same route."
	expect_finding "Https_Proxy: only Python reads this spelling; moved to https_proxy and HTTPS_PROXY"
}

test_section_headings_wrap_at_the_width() {
	run_clean COLUMNS=60 "$HFENV" --explain
	expect_status 0
	awk 'length($0) > 60 { print; bad = 1 } END { exit bad }' "$TMP/out" >"$TMP/wide" ||
		fail "lines over 60 columns: $(cat "$TMP/wide")"
	expect_out_contains "Trust: the CA bundle each client verifies https://"
}

test_trust_table_shows_each_clients_bundle_before_and_after() {
	cp /etc/ssl/certs/ca-certificates.crt "$TMP/ca.pem"
	run_clean REQUESTS_CA_BUNDLE="$TMP/ca.pem" "$HFENV" --explain
	expect_out_contains "Trust: the CA bundle each client verifies https:// servers with"
	expect_out_contains "Bundles:  F1 = $TMP/ca.pem"
	[ "$(awk '$1 == "requests" { print $NF }' "$TMP/out" | tail -1)" = only ] || fail "requests AFTER is not F1 only"
	expect_out_contains "F1 + system store"
	[ -z "$(sed -n '/^Trust:/,$p' "$TMP/out" | grep undici)" ] || fail "undici, which the trust model lacks, has a trust row"
	run_clean REQUESTS_CA_BUNDLE="$TMP/ca.pem" "$HFENV" --explain=tsv
	expect_out_contains "$TMP/ca.pem (REQUESTS_CA_BUNDLE) only"
	expect_out_contains "$TMP/ca.pem (SSL_CERT_FILE) + system store"
}

test_tsv_trust_lines_name_the_bundle_before_and_after() {
	run_clean SSL_CERT_FILE= REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt "$HFENV" --explain=tsv
	[ "$(route httpx trust 3)" = default ] || fail "httpx trust BEFORE is not default: $out"
	[ "$(route httpx trust 4)" = /etc/ssl/certs/ca-certificates.crt ] || fail "httpx trust AFTER is not the bundle: $out"
	[ "$(route hf_xet trust 3)" = none ] || fail "hf_xet trust BEFORE is not none (empty SSL_CERT_FILE): $out"
	[ "$(route wget trust 4)" = default ] || fail "wget trust AFTER is not default: $out"
}

test_trust_before_counts_assignments() {
	run_clean "$HFENV" --explain=tsv SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
	[ "$(route go trust 3)" = /etc/ssl/certs/ca-certificates.crt ] || fail "go trust BEFORE ignores SSL_CERT_FILE=: $out"
	[ "$(route requests trust 3)" = default ] || fail "requests trust BEFORE is not default: $out"
}

test_refused_bundle_shows_no_after() {
	run_clean "$HFENV" --ca-bundle "$TMP/missing.pem" --explain=tsv
	expect_status 125
	[ "$(route curl trust 4)" = refused ] || fail "curl trust AFTER is not refused: $out"
}

test_tsv_marks_failures_and_refusal() {
	run_clean https_proxy=socks5://127.0.0.1:1080 "$HFENV" --explain=tsv
	expect_status 125
	[ "$(route requests https 3)" = fail ] || fail "requests https BEFORE is not fail: $out"
	[ "$(route reqwest https 3)" = direct ] || fail "reqwest https BEFORE is not direct: $out"
	[ "$(route curl https 4)" = refused ] || fail "curl https AFTER is not refused: $out"
	expect_err_contains "hfenv: https_proxy='socks5://127.0.0.1:1080' is SOCKS"
}

# hfenv refuses a zone; before it, each client reads the zone as it does (docs/proxy-clients.md, the run).
test_zone_before_hfenv_is_read_as_each_client_reads_it() {
	zoned='http://[fe80::1%25lo]:3128'
	run_clean https_proxy=$zoned HTTPS_PROXY=$zoned "$HFENV" --explain=tsv
	expect_status 125
	[ "$(route curl https 3)" = "$zoned" ] || fail "curl https BEFORE is not the zoned proxy: $out"
	[ "$(route go https 3)" = "$zoned" ] || fail "go https BEFORE is not the zoned proxy: $out"
	[ "$(route httpx2 https 3)" = fail ] || fail "httpx2 https BEFORE is not fail: $out"
	[ "$(route httpx2 https 5)" = "fails: %25 in zone" ] || fail "httpx2 https BEFORE does not say why: $out"
	[ "$(route reqwest https 3)" = direct ] || fail "reqwest https BEFORE is not direct: $out"
	[ "$(route curl https 4)" = refused ] || fail "curl https AFTER is not refused: $out"
	expect_err_contains "clients differ on zones"
}

test_percent_escaped_host_before_hfenv_is_decoded_or_not_as_each_client_does() {
	run_clean https_proxy=http://%6cocalhost:3128 HTTPS_PROXY=http://%6cocalhost:3128 "$HFENV" --explain=tsv
	expect_status 125
	[ "$(route requests https 3)" = http://localhost:3128 ] || fail "requests https BEFORE is not decoded: $out"
	[ "$(route httpx https 5)" = "fails: %HH in host" ] || fail "httpx https BEFORE is not a failure: $out"
	[ "$(route hf_xet https 3)" = direct ] || fail "hf_xet https BEFORE is not direct: $out"
	[ "$(route go https 3)" = fail ] || fail "go https BEFORE is not fail: $out"
}

test_no_colour_when_stdout_is_not_a_terminal() {
	run_clean REQUEST_METHOD=GET http_proxy=$A "$HFENV" --explain
	case $out in *"$ESC"*) fail "escape sequence in piped output" ;; esac
}

# script(1) gives hfenv a terminal for its stdout.
run_on_terminal() {
	need script
	env -i PATH="$PATH" TERM=dumb "$@" script -qec "'$HFENV' --explain" /dev/null >"$TMP/out" 2>&1 || true
	out=$(cat "$TMP/out")
	: >"$TMP/err"
	err=
}

test_colour_on_a_terminal() {
	run_on_terminal REQUEST_METHOD=GET http_proxy=$A
	case $out in *"$ESC["*) ;; *) fail "no colour on a terminal: $out" ;; esac
}

test_no_colour_on_a_terminal_with_no_color() {
	run_on_terminal REQUEST_METHOD=GET http_proxy=$A NO_COLOR=1
	expect_out_contains "CLIENT"
	case $out in *"$ESC"*) fail "escape sequence despite NO_COLOR" ;; esac
}

test_command_after_explain_is_refused() {
	run_clean "$HFENV" --explain ls -l
	expect_status 125
	expect_err_contains "--explain takes hosts/URLs, not '-l'"
}

test_host_operand_gives_each_clients_route_for_it() {
	run_clean https_proxy=$A NO_PROXY=.hf.co "$HFENV" --explain=tsv hf.co http://cas.hf.co/ other.co
	[ "$(printf '%s\n' "$out" | sed 1d | grep -vc -e '	trust	' -e '	hub	')" -eq 70 ] || fail "not 70 route lines: $out"
	printf '%s\n' "$out" | awk -F '\t' 'NF != 7 { exit 1 }' || fail "a line without 7 fields: $out"
	line=$(printf '%s\n' "$out" | awk -F '\t' '$1 == "go" && $2 == "https" && $7 == "hf.co"')
	[ "$(printf '%s' "$line" | cut -f 3,4)" = "$A	direct" ] || fail "go https hf.co is not $A, then direct: $line"
	line=$(printf '%s\n' "$out" | awk -F '\t' '$1 == "curl" && $7 == "http://cas.hf.co/"')
	[ "$(printf '%s' "$line" | cut -f 2,3,4)" = "http	direct	direct" ] || fail "curl http://cas.hf.co/: $line"
	line=$(printf '%s\n' "$out" | awk -F '\t' '$1 == "curl" && $2 == "https" && $7 == "other.co"')
	[ "$(printf '%s' "$line" | cut -f 3,4)" = "$A	$A" ] || fail "curl https other.co: $line"
}

test_loopback_operand_is_direct_after_hfenv() {
	run_clean https_proxy=$A "$HFENV" --explain=tsv 127.0.0.1
	expect_status 0
	line=$(printf '%s\n' "$out" | awk -F '\t' '$1 == "curl" && $2 == "https"')
	[ "$(printf '%s' "$line" | cut -f 3,4)" = "$A	direct" ] || fail "curl https 127.0.0.1: $line"
}

test_explain_with_export_is_refused() {
	run_clean "$HFENV" --explain --export
	expect_status 125
	expect_err_contains "cannot be combined"
}

test_unknown_explain_format_is_refused() {
	run_clean "$HFENV" --explain=json
	expect_status 125
	expect_err_contains "--explain takes table or tsv"
}

test_hugging_face_block_names_the_default_hub_and_xet_hosts() {
	run_clean https_proxy=$A "$HFENV" --explain
	expect_out_contains "  endpoint https://huggingface.co (the Hub); Xet on"
	expect_out_contains "  metadata, Xet token: huggingface.co:443"
	expect_out_contains "  Xet storage (CAS): cas-server.xethub.hf.co:443"
	expect_out_contains "  Xet storage (xorbs): transfer.xethub.hf.co:443"
	expect_out_lacks "does not go to the mirror"
}

test_hugging_face_block_routes_a_mirror_in_no_proxy_directly() {
	run_clean https_proxy=$A HF_ENDPOINT=hf-mirror.com/ NO_PROXY=hf-mirror.com "$HFENV" --explain
	expect_out_contains "  endpoint https://hf-mirror.com (a mirror); Xet on"
	expect_out_contains "    direct: NO_PROXY"
	expect_out_contains "  Xet storage traffic does not go to the mirror."
	expect_out_contains "  run with -x (Xet off), or give them a proxy"
}

test_hugging_face_block_with_xet_off_names_only_the_hosts_of_that_download() {
	run_clean https_proxy=$A HF_HUB_DISABLE_XET=1 "$HFENV" --explain
	expect_out_contains "Xet off (HF_HUB_DISABLE_XET)"
	expect_out_contains "  metadata, files: huggingface.co:443"
	expect_out_contains "  files, redirected (Xet bridge): cas-bridge.xethub.hf.co:443"
	expect_out_lacks "Xet token"
	expect_out_lacks "cas-server"
	expect_out_lacks "transfer.xethub"
}

test_hugging_face_block_shows_xet_off_for_the_copied_switch() {
	run_clean https_proxy=$A HF_HUB_DISABLE_XETHUB=1 "$HFENV" --explain
	expect_out_contains "Xet off (HF_HUB_DISABLE_XET)"
	expect_out_contains "  files, redirected (Xet bridge): cas-bridge.xethub.hf.co:443"
}

test_hugging_face_block_names_proxies_by_the_letters_of_the_one_legend() {
	run_clean https_proxy=http://alice:secret@127.0.0.1:8888 HF_ENDPOINT=hf-mirror.com NO_PROXY=hf-mirror.com \
		"$HFENV" --explain
	expect_out_contains "Proxies:  A = http://alice:***@127.0.0.1:8888"
	expect_out_contains "    A: curl, git, wget"
	[ "$(grep -c 'Proxies:' "$TMP/out")" -eq 1 ] || fail "more than one legend of proxies"
}

test_one_legend_names_each_proxy_by_the_same_letter_everywhere() {
	run_clean http_proxy=http://127.0.0.1:8080 https_proxy=http://alice:secret@127.0.0.1:3128 "$HFENV" --explain \
		h.example http://other.example/
	[ "$(sed -n 1p "$TMP/out")" = "Proxies:  A = http://127.0.0.1:8080" ] || fail "the legend is not first"
	[ "$(sed -n 2p "$TMP/out")" = "          B = http://alice:***@127.0.0.1:3128" ] || fail "B is not the https proxy"
	[ "$(grep -c 'Proxies:' "$TMP/out")" -eq 1 ] || fail "more than one legend of proxies"
	[ "$(awk '$1 == "curl" { print $NF }' "$TMP/out" | head -2 | tr '\n' ' ')" = "B A " ] ||
		fail "curl's AFTER cells are not B (https, h.example) then A (http, other.example)"
	expect_out_contains "    B: curl, git, wget,"
}

test_hugging_face_block_names_clients_as_the_tables_do() {
	run_clean https_proxy=$A "$HFENV" --explain
	expect_out_contains "Python urllib, requests 2.34"
	expect_out_contains "huggingface_hub, reqwest 0.11, hf_xet, uv, Go 1.26, Node,"
	expect_out_lacks "httpx2"
	sed -n '/^Hugging Face/,/^$/p' "$TMP/out" | grep -q -e 'Python$' -e '^ *urllib' -e ' Go$' && fail "a label split"
	return 0
}

test_hugging_face_block_has_a_tsv_line_per_client_and_host() {
	run_clean https_proxy=$A HF_ENDPOINT=hf-mirror.com NO_PROXY=hf-mirror.com "HF_TOKEN=hf_planted" "$HFENV" \
		--explain=tsv
	expect_out_lacks "hf_planted"
	[ "$(awk -F '\t' '$2 == "hub" && $7 == "https://hf-mirror.com:443"' "$TMP/out" | grep -c .)" -eq 14 ] ||
		fail "not one hub line per client for the endpoint"
	[ "$(awk -F '\t' '$1 == "hf_xet" && $2 == "hub" && $7 == "https://cas-server.xethub.hf.co:443" { print $4 }' \
		"$TMP/out")" = "$A" ] || fail "hf_xet's route to the CAS host after hfenv is not the proxy"
	[ "$(awk -F '\t' '$1 == "curl" && $2 == "hub" && $7 == "https://hf-mirror.com:443" { print $4 }' \
		"$TMP/out")" = direct ] || fail "curl's route to the mirror in NO_PROXY is not direct"
	[ -z "$(awk -F '\t' 'NF != 7' "$TMP/out")" ] || fail "a line without 7 fields"
}

test_hugging_face_block_lines_fit_80_columns_and_hide_the_token() {
	run_clean https_proxy=$A HF_ENDPOINT=mirror.corp:8443 "HF_TOKEN=hf_planted$(printf '\r')" "$HFENV" --explain
	expect_out_lacks "hf_planted"
	long=$(printf '%s\n' "$out" | sed -n '/^Hugging Face/,/^$/p' | awk 'length > 80')
	[ -z "$long" ] || fail "lines over 80 columns: $long"
}

test_proxy_without_port_shows_curl_and_git_on_1080_before() {
	run_clean https_proxy=http://127.0.0.1 "$HFENV" --explain=tsv
	expect_status 0
	expect_out_contains "curl	https	http://127.0.0.1:1080	http://127.0.0.1:80	"
	expect_out_contains "git	https	http://127.0.0.1:1080	http://127.0.0.1:80	"
	expect_out_contains "requests	https	http://127.0.0.1:80	http://127.0.0.1:80	"
}

run_case
