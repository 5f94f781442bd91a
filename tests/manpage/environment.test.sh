# The claims of hfenv.1's ENVIRONMENT, each marked there by '.\" test: NAME' (tests/manpage/claims).
. "$(dirname "$0")/../helpers/lib.sh"

A=http://127.0.0.1:7890
B=http://127.0.0.1:8080

test_options_win_over_the_settings() {
	run_clean HFENV_PROXY=$B "$HFENV" -p $A printenv HTTPS_PROXY
	expect_out "$A"
	run_clean HFENV_PREFER=upper https_proxy=$A HTTPS_PROXY=$B "$HFENV" -q --prefer lower printenv HTTPS_PROXY
	expect_out "$A"
	run_clean HFENV_CA_BUNDLE=/nonexistent "$HFENV" --ca-bundle /etc/ssl/certs/ca-certificates.crt printenv SSL_CERT_FILE
	expect_out "/etc/ssl/certs/ca-certificates.crt"
}

test_true_and_false_words_in_any_case_anything_else_false_with_a_warning() {
	for word in 1 On YES true; do
		run_clean HFENV_NO_XET=$word "$HFENV" printenv HF_HUB_DISABLE_XET
		expect_status 0
		expect_out "1"
	done
	for word in 0 OFF no False ""; do
		run_clean HFENV_NO_XET=$word "$HFENV" printenv HF_HUB_DISABLE_XET
		expect_status 1
		expect_err_empty
	done
	run_clean HFENV_NO_XET=maybe "$HFENV" printenv HF_HUB_DISABLE_XET
	expect_status 1
	expect_err_contains "hfenv: warning: HFENV_NO_XET='maybe' is not true or false: taken as false"
}

test_hfenv_proxy_is_the_proxy_option_and_ignored_when_empty() {
	run_clean HFENV_PROXY=127.0.0.1:7890 "$HFENV" sh -c 'echo "$http_proxy $HTTPS_PROXY"'
	expect_out "$A $A"
	run_clean HFENV_PROXY= "$HFENV" true
	expect_status 0
	expect_err_empty
	run_clean "$HFENV" --proxy '' true
	expect_status 125
	expect_err_contains "hfenv: --proxy is empty"
}

test_flag_settings_are_their_options() {
	run_clean HFENV_ALLOW_SOCKS=1 https_proxy=socks5h://127.0.0.1:1 "$HFENV" -q true
	expect_status 0
	run_clean HFENV_PROXY_LOOPBACK=1 https_proxy=$A "$HFENV" printenv NO_PROXY
	expect_status 1
	run_clean HFENV_VERBOSE=1 https_proxy=$A "$HFENV" true
	expect_err_contains "hfenv: set HTTPS_PROXY='$A'"
	run_clean HFENV_QUIET=1 https_proxy=http://127.0.0.1 "$HFENV" true
	expect_err_empty
	run_clean HFENV_NO_XET=1 "$HFENV" printenv HF_HUB_DISABLE_XETHUB
	expect_out "1"
}

test_hfenv_prefer_in_any_case_and_anything_else_exits_125() {
	run_clean HFENV_PREFER=UPPER https_proxy=$A HTTPS_PROXY=$B "$HFENV" -q printenv https_proxy
	expect_status 0
	expect_out "$B"
	run_clean HFENV_PREFER=middle "$HFENV" true
	expect_status 125
	expect_err_contains "hfenv: HFENV_PREFER='middle' is not valid: set it to lower or upper"
}

test_hfenv_ca_bundle_is_the_option_and_empty_means_unset() {
	run_clean HFENV_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt "$HFENV" printenv REQUESTS_CA_BUNDLE
	expect_out "/etc/ssl/certs/ca-certificates.crt"
	run env -i HFENV_CA_BUNDLE= "$HFENV"
	expect_status 0
	expect_err_empty
	expect_out "HFENV_CA_BUNDLE="
}

run_case
