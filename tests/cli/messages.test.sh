. "$(dirname "$0")/../helpers/lib.sh"

test_exec_path_writes_nothing_to_stdout() {
	run env http_proxy=127.0.0.1:7890 https_proxy=' http://127.0.0.1:7890' "$HFENV" -v -x true
	expect_status 0
	expect_out_empty
}

test_changes_are_silent_without_verbose() {
	run env http_proxy=127.0.0.1:7890 NO_PROXY='*.example.com' "$HFENV" -x true
	expect_status 0
	expect_err_empty
}

test_verbose_prints_one_line_per_change() {
	run env -i http_proxy=127.0.0.1:7890 NO_PROXY='*.hf.co' "$HFENV" -v -x true
	expect_status 0
	expect_err_lines 7
	expect_err_contains "hfenv: changed http_proxy from '127.0.0.1:7890' to 'http://127.0.0.1:7890'"
	expect_err_contains "hfenv: set HTTP_PROXY='http://127.0.0.1:7890'"
	expect_err_contains "hfenv: changed NO_PROXY from '*.hf.co' to 'hf.co,.hf.co,localhost,.localhost,127.0.0.1,::1'"
	expect_err_contains "hfenv: set no_proxy='hf.co,.hf.co,localhost,.localhost,127.0.0.1,::1'"
	expect_err_contains "hfenv: warning: NO_PROXY: requests < 2.34 matches entries as bare suffixes (nothf.co for hf.co)"
	expect_err_contains "hfenv: set HF_HUB_DISABLE_XET='1'"
	expect_err_contains "hfenv: set HF_HUB_DISABLE_XETHUB='1'"
}

test_verbose_reports_removals() {
	run env -i https_proxy= FOO=1 "$HFENV" --verbose -u FOO true
	expect_status 0
	expect_err_lines 2
	expect_err_contains "hfenv: unset https_proxy"
	expect_err_contains "hfenv: unset FOO (was '1')"
}

test_verbose_is_silent_when_nothing_changes() {
	run env -i http_proxy=http://127.0.0.1:7890 HTTP_PROXY=http://127.0.0.1:7890 \
		no_proxy=localhost,.localhost,127.0.0.1,::1 NO_PROXY=localhost,.localhost,127.0.0.1,::1 "$HFENV" -v true
	expect_status 0
	expect_err_empty
}

test_warning_is_one_line_on_stderr() {
	run env -i "https_proxy=http://127.0.0.1:7890$(printf '\r')" "$HFENV" true
	expect_status 0
	expect_err_lines 1
	expect_err_contains "hfenv: warning: https_proxy='http://127.0.0.1:7890\x0d': blanks, CR or LF around it removed"
}

test_quiet_silences_warnings() {
	run env -i "https_proxy=http://127.0.0.1:7890$(printf '\r')" http_proxy=http://127.0.0.1:1 HTTP_PROXY=http://127.0.0.1:2 "$HFENV" -q true
	expect_status 0
	expect_err_empty
	run env -i http_proxy=http://127.0.0.1:1 HTTP_PROXY=http://127.0.0.1:2 "$HFENV" --quiet true
	expect_err_empty
}

test_quiet_keeps_verbose_changes() {
	run env -i http_proxy=http://127.0.0.1:1 HTTP_PROXY=http://127.0.0.1:2 "$HFENV" -q -v --proxy-loopback true
	expect_status 0
	expect_err_lines 1
	expect_err_contains "hfenv: changed HTTP_PROXY"
	expect_err_lacks "warning"
}

test_quiet_keeps_errors() {
	run env -i https_proxy=ftp://127.0.0.1:21 "$HFENV" -q true
	expect_status 125
	expect_err_lines 1
	expect_err_contains "hfenv: https_proxy='ftp://127.0.0.1:21': not a proxy scheme; use http://HOST:PORT"
}

test_errors_print_without_warnings_or_changes() {
	run env -i https_proxy=ftp://127.0.0.1:21 "http_proxy= http://127.0.0.1:1" "$HFENV" -v -x true
	expect_status 125
	expect_err_lines 1
}

test_differing_pair_warning_names_both() {
	run env -i https_proxy=http://127.0.0.1:1 HTTPS_PROXY=http://127.0.0.1:2 "$HFENV" true
	expect_status 0
	expect_err_lines 1
	expect_err_contains "hfenv: warning: https_proxy='http://127.0.0.1:1' wins over a different HTTPS_PROXY"
	run env -i https_proxy=http://127.0.0.1:1 HTTPS_PROXY=http://127.0.0.1:2 "$HFENV" -v true
	expect_err_contains "hfenv: warning: HTTPS_PROXY was 'http://127.0.0.1:2' (--prefer upper chooses the other)"
}

test_no_xet_socks_warns_about_python() {
	run env -i https_proxy=socks5://127.0.0.1:1080 http_proxy=socks5://127.0.0.1:1080 "$HFENV" -x true
	expect_status 0
	expect_err_lines 1
	expect_err_contains "PySocks"
}

test_removed_socks_all_proxy_is_gone_for_the_command_without_a_word() {
	run env -i HTTP_PROXY=http://127.0.0.1:7890 HTTPS_PROXY=http://127.0.0.1:7890 ALL_PROXY=socks5h://127.0.0.1:7891 "$HFENV" printenv ALL_PROXY
	expect_status 1
	expect_err_empty
}

test_removed_socks_all_proxy_is_said_with_verbose() {
	run env -i HTTP_PROXY=http://127.0.0.1:7890 HTTPS_PROXY=http://127.0.0.1:7890 ALL_PROXY=socks5h://127.0.0.1:7891 "$HFENV" -v true
	expect_status 0
	expect_err_contains "hfenv: ALL_PROXY is SOCKS beside HTTP proxies: removed, as httpx fails on it without socksio"
	expect_err_contains "hfenv: unset ALL_PROXY (was 'socks5h://127.0.0.1:7891')"
}

test_port_less_proxy_gets_its_port_with_one_warning() {
	run env -i http_proxy=http://127.0.0.1 HTTP_PROXY=http://127.0.0.1 "$HFENV" printenv http_proxy
	expect_status 0
	expect_out "http://127.0.0.1:80"
	expect_err_lines 1
	expect_err_contains "hfenv: warning: http_proxy and HTTP_PROXY have no port: every client now uses :80; add it"
}

test_quoted_proxy_loses_its_quotes_with_a_warning() {
	run env -i HTTPS_PROXY='"http://127.0.0.1:7890"' https_proxy='"http://127.0.0.1:7890"' "$HFENV" printenv HTTPS_PROXY
	expect_status 0
	expect_out "http://127.0.0.1:7890"
	expect_err_lines 1
	expect_err_contains "hfenv: warning: https_proxy and HTTPS_PROXY: quotes removed (docker --env-file, systemd keep them)"
}

test_scheme_without_colon_is_refused_naming_the_colon() {
	run env -i https_proxy=http//127.0.0.1:7890 "$HFENV" true
	expect_status 125
	expect_err_lines 1
	expect_err_contains "hfenv: https_proxy='http//127.0.0.1:7890': no ':' after the scheme; write http://"
}

test_socks_proxy_option_is_one_error() {
	run env -i "$HFENV" -p socks5://127.0.0.1:1080 true
	expect_status 125
	expect_err_lines 1
	expect_err_contains "hfenv: --proxy 'socks5://127.0.0.1:1080' is SOCKS: use an HTTP proxy or --allow-socks"
}

test_no_proxy_star_beside_proxy_option_is_a_warning() {
	run env -i NO_PROXY='*' "$HFENV" -p http://127.0.0.1:7890 printenv https_proxy
	expect_status 1
	expect_err_lines 1
	expect_err_contains "hfenv: warning: NO_PROXY has '*', so every client goes direct: --proxy unused; remove the '*'"
}

test_help_goes_to_stdout() {
	for option in -h --help; do
		run "$HFENV" "$option"
		expect_status 0
		expect_err_empty
		grep -q '^Usage: hfenv ' "$TMP/out" || fail "no usage line from $option"
		grep -q -e '--export' "$TMP/out" || fail "$option does not list --export"
	done
}

test_version_goes_to_stdout() {
	for option in -V --version; do
		run "$HFENV" "$option"
		expect_status 0
		expect_err_empty
		grep -q '^hfenv [0-9]' "$TMP/out" || fail "no version line from $option"
	done
}

test_help_runs_nothing() {
	run "$HFENV" -h touch "$TMP/ran"
	expect_status 0
	[ ! -e "$TMP/ran" ] || fail "the command ran"
}

test_help_fits_80_columns() {
	run "$HFENV" --help
	expect_status 0
	wide=$(awk 'length($0) > 80' "$TMP/out")
	[ -z "$wide" ] || fail "--help lines over 80 columns: $wide"
}

test_help_says_no_xet_lets_socks_through() {
	run "$HFENV" --help
	grep -A1 -e '-x, --no-xet' "$TMP/out" | grep -q 'SOCKS' || fail "--help does not say what -x does to SOCKS"
	run env -i https_proxy=socks5://127.0.0.1:1080 "$HFENV" -x -q true
	expect_status 0
}

run_case
