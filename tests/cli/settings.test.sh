. "$(dirname "$0")/../helpers/lib.sh"

test_hfenv_proxy_sets_both_pairs() {
	run env -i HFENV_PROXY=127.0.0.1:7890 "$HFENV"
	expect_status 0
	expect_err_empty
	expect_out "HFENV_PROXY=127.0.0.1:7890
http_proxy=http://127.0.0.1:7890
HTTP_PROXY=http://127.0.0.1:7890
https_proxy=http://127.0.0.1:7890
HTTPS_PROXY=http://127.0.0.1:7890
no_proxy=localhost,.localhost,127.0.0.1,::1
NO_PROXY=localhost,.localhost,127.0.0.1,::1"
}

test_proxy_option_wins_over_hfenv_proxy() {
	run env -i HFENV_PROXY=ftp://bad "$HFENV" -p http://127.0.0.1:7890 printenv HTTPS_PROXY
	expect_status 0
	expect_out "http://127.0.0.1:7890"
}

test_invalid_hfenv_proxy_is_125() {
	run env -i HFENV_PROXY=http://127.0.0.1:0 "$HFENV" true
	expect_status 125
	expect_err_contains "HFENV_PROXY"
}

test_hfenv_no_xet_sets_both_xet_variables() {
	for value in 1 on YES True; do
		run env -i HFENV_NO_XET="$value" "$HFENV" printenv HF_HUB_DISABLE_XET HF_HUB_DISABLE_XETHUB
		expect_status 0
		expect_out "1
1"
	done
}

test_false_hfenv_no_xet_sets_nothing() {
	for value in 0 off no FALSE ''; do
		run env -i HFENV_NO_XET="$value" "$HFENV"
		expect_status 0
		expect_err_empty
		expect_out "HFENV_NO_XET=$value"
	done
}

test_unknown_setting_value_warns_and_counts_as_false() {
	run env -i HFENV_NO_XET=maybe "$HFENV"
	expect_status 0
	expect_out "HFENV_NO_XET=maybe"
	expect_err_contains "warning: HFENV_NO_XET='maybe'"
}

test_hfenv_no_xet_from_a_windows_env_file_is_true() {
	run env -i "HFENV_NO_XET=$(printf '1\r')" "$HFENV" printenv HF_HUB_DISABLE_XET
	expect_status 0
	expect_out "1"
	expect_err_contains "hfenv: warning: HFENV_NO_XET='1\x0d': blanks, CR or LF around it removed"
	expect_err_lacks "not true or false"
}

test_settings_in_blanks_or_quotes_are_read() {
	run env -i "HFENV_PREFER= upper " 'HFENV_CA_BUNDLE="/etc/ssl/certs/ca-certificates.crt"' \
		http_proxy=http://127.0.0.1:1 HTTP_PROXY=http://127.0.0.1:2 "$HFENV" printenv http_proxy SSL_CERT_FILE HFENV_PREFER
	expect_status 0
	expect_out "http://127.0.0.1:2
/etc/ssl/certs/ca-certificates.crt
 upper "
	expect_err_contains "hfenv: warning: HFENV_PREFER=' upper ': blanks, CR or LF around it removed"
	expect_err_contains "hfenv: warning: HFENV_CA_BUNDLE: quotes removed"
}

test_hfenv_allow_socks_lets_socks_through() {
	run env -i HFENV_ALLOW_SOCKS=yes https_proxy=socks5://127.0.0.1:1080 "$HFENV" printenv HTTPS_PROXY
	expect_status 0
	expect_err_lines 1
	expect_out "socks5h://127.0.0.1:1080"
}

test_hfenv_prefer_upper_picks_upper() {
	run env -i HFENV_PREFER=upper http_proxy=http://127.0.0.1:1 HTTP_PROXY=http://127.0.0.1:2 "$HFENV" -q printenv http_proxy
	expect_status 0
	expect_out "http://127.0.0.1:2"
}

test_prefer_option_wins_over_hfenv_prefer() {
	run env -i HFENV_PREFER=upper http_proxy=http://127.0.0.1:1 HTTP_PROXY=http://127.0.0.1:2 "$HFENV" -q --prefer lower printenv HTTP_PROXY
	expect_status 0
	expect_out "http://127.0.0.1:1"
}

test_invalid_hfenv_prefer_is_125() {
	run env -i HFENV_PREFER=sideways "$HFENV" true
	expect_status 125
	expect_err_contains "HFENV_PREFER='sideways'"
}

test_hfenv_verbose_reports_changes() {
	run env -i HFENV_VERBOSE=1 HFENV_PROXY_LOOPBACK=1 http_proxy=127.0.0.1:7890 "$HFENV" true
	expect_status 0
	expect_err_lines 2
	expect_err_contains "hfenv: set HTTP_PROXY="
}

test_hfenv_quiet_silences_warnings() {
	run env -i HFENV_QUIET=on http_proxy=http://127.0.0.1:1 HTTP_PROXY=http://127.0.0.1:2 "$HFENV" true
	expect_status 0
	expect_err_empty
}

test_settings_from_assignments_apply() {
	run env -i "$HFENV" HFENV_NO_XET=1 printenv HF_HUB_DISABLE_XET
	expect_status 0
	expect_out 1
}

test_settings_reach_the_command_unchanged() {
	run env -i HFENV_QUIET=1 HFENV_PREFER=lower "$HFENV" printenv HFENV_QUIET HFENV_PREFER
	expect_status 0
	expect_out "1
lower"
}

test_docker_entrypoint_form() {
	run env -i PATH=/usr/bin:/bin HFENV_PROXY=http://127.0.0.1:7890 HFENV_NO_XET=1 "$HFENV" -- sh -c 'echo "$https_proxy $HF_HUB_DISABLE_XET"'
	expect_status 0
	expect_err_empty
	expect_out "http://127.0.0.1:7890 1"
}

run_case
