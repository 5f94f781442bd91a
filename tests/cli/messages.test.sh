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

test_shortened_password_url_keeps_its_host_and_port() {
	run_clean HTTPS_PROXY=http://user:pw@127.0.0.1:7890 https_proxy=http://anotheruser:pw@127.0.0.1:7891 "$HFENV" true
	expect_status 0
	expect_err_contains ":***@127.0.0.1:7891' wins over a different HTTPS_PROXY"
	expect_err_lacks "...0.0.1"
}

test_shortened_url_loses_its_path_before_its_host() {
	path=$(printf '%0120d' 0)
	run_clean "https_proxy=http://alice:pw@proxy.example:3128/$path" "$HFENV" true
	expect_status 125
	expect_err_contains "hfenv: https_proxy='http://alice:***@proxy.example:3128/00...00': remove the path"
}

test_shortened_list_loses_whole_entries() {
	long=$(printf 'host%02d.example.com,' 1 2 3 4 5 6 7 8 9 10)
	run_clean "NO_PROXY=${long}localhost,127.0.0.1" "$HFENV" -v true
	expect_status 0
	expect_err_contains "hfenv: set no_proxy='host01.example.com,...,localhost,.localhost,127.0.0.1'"
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
	run env -i https_proxy=ftp://127.0.0.1:21 "http_proxy= http://127.0.0.1:1" "$HFENV" -x true
	expect_status 125
	expect_err_lines 1
}

test_verbose_errors_print_with_warnings_not_changes() {
	run env -i https_proxy=ftp://127.0.0.1:21 "http_proxy= http://127.0.0.1:1" "$HFENV" -v -x true
	expect_status 125
	expect_err_contains "hfenv: https_proxy='ftp://127.0.0.1:21': not a proxy scheme"
	expect_err_contains "hfenv: warning: http_proxy=' http://127.0.0.1:1': blanks, CR or LF around it removed"
	expect_err_lacks "hfenv: set "
	expect_err_lacks "hfenv: changed "
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

test_odd_case_proxy_spelling_moves_to_both_spellings() {
	run env -i Https_Proxy=http://127.0.0.1:7890 "$HFENV" sh -c 'echo "$https_proxy $HTTPS_PROXY ${Https_Proxy-gone}"'
	expect_status 0
	expect_out "http://127.0.0.1:7890 http://127.0.0.1:7890 gone"
	expect_err_lines 1
	expect_err_contains "hfenv: warning: Https_Proxy: only Python reads this spelling; moved to https_proxy and HTTPS_PROXY"
}

test_odd_case_proxy_spelling_loses_to_the_usual_one() {
	run env -i https_proxy=http://127.0.0.1:1 No_Proxy=hf.test HTTPS_Proxy=http://127.0.0.1:2 "$HFENV" -v printenv HTTPS_PROXY NO_PROXY
	expect_status 0
	expect_out "http://127.0.0.1:1
hf.test,.hf.test,localhost,.localhost,127.0.0.1,::1"
	expect_err_contains "hfenv: warning: HTTPS_Proxy: only Python reads this spelling; removed (https_proxy wins over it)"
	expect_err_contains "hfenv: warning: HTTPS_Proxy was 'http://127.0.0.1:2'"
	expect_err_contains "hfenv: unset HTTPS_Proxy"
}

test_export_unsets_an_odd_case_spelling() {
	run env -i all_Proxy=http://127.0.0.1:1 "$HFENV" --export
	expect_status 0
	expect_out_contains "unset all_Proxy"
	expect_out_contains "export all_proxy='http://127.0.0.1:1'"
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
	expect_err_contains "hfenv: --proxy 'socks5://127.0.0.1:1080' is SOCKS: use its HTTP port or --allow-socks"
}

test_socks_refusal_names_the_http_port_of_a_local_proxy() {
	run env -i "$HFENV" -p socks5://127.0.0.1:7891 true
	expect_status 125
	expect_err_lines 1
	expect_err_contains "hfenv: --proxy 'socks5://127.0.0.1:7891' is SOCKS: use 'http://127.0.0.1:7890' or --allow-socks"
	run env -i ALL_PROXY=socks5://127.0.0.1:10808 "$HFENV" true
	expect_err_contains "hfenv: ALL_PROXY is SOCKS only: add -p 'http://127.0.0.1:10809' or --allow-socks"
}

test_verbose_refusal_adds_the_why_one_line_each() {
	run env -i https_proxy=socks5://127.0.0.1:7891 "$HFENV" -v touch "$TMP/ran"
	expect_status 125
	[ ! -e "$TMP/ran" ] || fail "the command ran"
	expect_err_contains "hfenv: https_proxy='socks5://127.0.0.1:7891' is SOCKS: use 'http://127.0.0.1:7890' or --allow-socks"
	expect_err_contains "hfenv: warning: SOCKS: 7891 is Clash's SOCKS port; its HTTP port is 7890"
	expect_err_contains "hfenv: warning: SOCKS: aria2c, Debian's reqwest and hf_xet < 1.2.0 ignore it and connect directly"
	expect_err_lacks "hfenv: set "
}

test_proxy_host_without_a_port_runs_with_one_warning() {
	run env -i "$HFENV" -p proxy.corp printenv https_proxy
	expect_status 0
	expect_out "http://proxy.corp:80"
	expect_err_lines 1
	expect_err_contains "hfenv: warning: --proxy has no port: every client now uses :80; add it"
	run env -i "$HFENV" -q -p proxy.corp true
	expect_err_lines 0
}

test_https_url_for_a_local_proxy_warns_with_the_http_url_to_write() {
	run env -i "$HFENV" -p https://127.0.0.1:7890 printenv https_proxy
	expect_status 0
	expect_out "https://127.0.0.1:7890"
	expect_err_lines 1
	expect_err_contains "hfenv: warning: --proxy: a local proxy speaks HTTP, not TLS; write 'http://127.0.0.1:7890'"
}

test_https_url_for_a_remote_proxy_names_the_client_that_fails() {
	run env -i HTTPS_PROXY=https://proxy.example:443 "$HFENV" true
	expect_status 0
	expect_err_lines 1
	expect_err_contains "hfenv: warning: the https:// proxy fails in wget (http:// only); use its http:// port"
}

test_cgi_with_an_http_proxy_warns_that_go_refuses_it() {
	run env -i REQUEST_METHOD=GET http_proxy=http://127.0.0.1:7890 "$HFENV" true
	expect_status 0
	expect_err_contains "hfenv: warning: Go 1.26: no proxy for http:// under CGI; unset REQUEST_METHOD if not CGI"
}

test_plain_http_proxy_is_silent() {
	run env -i "$HFENV" -p http://127.0.0.1:7890 true
	expect_status 0
	expect_err_lines 0
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

# hfenv-static (cli.static.*) is built without --probe: its help must not offer it.
test_help_offers_probe_only_where_it_is_built() {
	run "$HFENV" --probe --timeout x
	if grep -q 'is not in hfenv-static' "$TMP/err"; then
		expect_status 125
		run "$HFENV" --help
		expect_out_lacks "--probe"
		expect_out_lacks "--timeout"
	else
		expect_err_contains "--timeout takes a number of seconds"
		run "$HFENV" --help
		expect_out_contains "--probe [HOST[:PORT]]..."
		expect_out_contains "--timeout SECONDS"
	fi
}

test_help_says_no_xet_lets_socks_through() {
	run "$HFENV" --help
	grep -A1 -e '-x, --no-xet' "$TMP/out" | grep -q 'SOCKS' || fail "--help does not say what -x does to SOCKS"
	run env -i https_proxy=socks5://127.0.0.1:1080 "$HFENV" -x -q true
	expect_status 0
}

run_case
