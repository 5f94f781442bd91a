. "$(dirname "$0")/../helpers/lib.sh"

test_no_command_lists_an_unchanged_environment_like_env() {
	run env -i A=1 'B=two words' C= "$HFENV"
	expect_status 0
	expect_out "A=1
B=two words
C="
	expect_err_empty
}

test_no_command_lists_the_normalized_environment() {
	run env -i A=1 http_proxy=127.0.0.1:7890 B=2 NO_PROXY='*.example.com, localhost' HTTPS_PROXY= "$HFENV"
	expect_status 0
	expect_out "A=1
http_proxy=http://127.0.0.1:7890
B=2
NO_PROXY=example.com,.example.com,localhost,.localhost,127.0.0.1,::1
HTTP_PROXY=http://127.0.0.1:7890
no_proxy=example.com,.example.com,localhost,.localhost,127.0.0.1,::1"
	expect_err_empty
}

test_listing_matches_what_the_command_gets() {
	env -i A=1 all_proxy=HTTP://127.0.0.1:7890 "$HFENV" -x Z=26 >"$TMP/listed" 2>"$TMP/err" || fail "listing failed"
	env -i A=1 all_proxy=HTTP://127.0.0.1:7890 "$HFENV" -x Z=26 /usr/bin/env >"$TMP/out" 2>"$TMP/err"
	status=$?
	expect_status 0
	cmp -s "$TMP/listed" "$TMP/out" || fail "listing differs from the command's environment"
}

test_listing_carries_the_password() {
	run env -i https_proxy=http://user:secret@127.0.0.1:7890 "$HFENV"
	expect_status 0
	expect_out "https_proxy=http://user:secret@127.0.0.1:7890
HTTPS_PROXY=http://user:secret@127.0.0.1:7890
no_proxy=localhost,.localhost,127.0.0.1,::1
NO_PROXY=localhost,.localhost,127.0.0.1,::1"
}

test_listing_with_only_double_dash() {
	run env -i A=1 "$HFENV" --
	expect_status 0
	expect_out "A=1"
}

test_listing_with_assignments_and_unset() {
	run env -i A=1 B=2 "$HFENV" -u A C=3
	expect_status 0
	expect_out "B=2
C=3"
}

test_no_xet_sets_both_xet_variables() {
	run env -i "$HFENV" -x
	expect_status 0
	expect_out "HF_HUB_DISABLE_XET=1
HF_HUB_DISABLE_XETHUB=1"
	run env -i "$HFENV" --no-xet
	expect_out "HF_HUB_DISABLE_XET=1
HF_HUB_DISABLE_XETHUB=1"
}

test_proxy_option_sets_both_pairs() {
	run env -i "$HFENV" -p 127.0.0.1:7890
	expect_status 0
	expect_out "http_proxy=http://127.0.0.1:7890
HTTP_PROXY=http://127.0.0.1:7890
https_proxy=http://127.0.0.1:7890
HTTPS_PROXY=http://127.0.0.1:7890
no_proxy=localhost,.localhost,127.0.0.1,::1
NO_PROXY=localhost,.localhost,127.0.0.1,::1"
}

test_prefer_upper_picks_the_upper_case_value() {
	run env -i http_proxy=http://127.0.0.1:1 HTTP_PROXY=http://127.0.0.1:2 "$HFENV" -q --prefer upper
	expect_status 0
	expect_out "http_proxy=http://127.0.0.1:2
HTTP_PROXY=http://127.0.0.1:2
no_proxy=localhost,.localhost,127.0.0.1,::1
NO_PROXY=localhost,.localhost,127.0.0.1,::1"
	run env -i http_proxy=http://127.0.0.1:1 HTTP_PROXY=http://127.0.0.1:2 "$HFENV" -q --prefer=lower
	expect_out "http_proxy=http://127.0.0.1:1
HTTP_PROXY=http://127.0.0.1:1
no_proxy=localhost,.localhost,127.0.0.1,::1
NO_PROXY=localhost,.localhost,127.0.0.1,::1"
}

test_allow_socks_lets_socks_through() {
	run env -i https_proxy=socks5h://127.0.0.1:1080 "$HFENV" --allow-socks
	expect_status 0
	expect_err_lines 1
	expect_err_contains "warning: a SOCKS proxy is let through (--allow-socks)"
	expect_out "https_proxy=socks5h://127.0.0.1:1080
HTTPS_PROXY=socks5h://127.0.0.1:1080
no_proxy=localhost,.localhost,127.0.0.1,::1
NO_PROXY=localhost,.localhost,127.0.0.1,::1"
}

test_clash_shell_command_loses_its_socks_all_proxy() {
	run env -i https_proxy=http://127.0.0.1:7890 http_proxy=http://127.0.0.1:7890 all_proxy=socks5://127.0.0.1:7890 "$HFENV"
	expect_status 0
	expect_err_empty
	expect_out "https_proxy=http://127.0.0.1:7890
http_proxy=http://127.0.0.1:7890
HTTP_PROXY=http://127.0.0.1:7890
HTTPS_PROXY=http://127.0.0.1:7890
no_proxy=localhost,.localhost,127.0.0.1,::1
NO_PROXY=localhost,.localhost,127.0.0.1,::1"
}

test_clash_shell_command_with_allow_socks_keeps_all_proxy_as_socks5h() {
	run env -i https_proxy=http://127.0.0.1:7890 http_proxy=http://127.0.0.1:7890 all_proxy=socks5://127.0.0.1:7890 "$HFENV" --allow-socks
	expect_status 0
	expect_err_lines 1
	expect_err_contains "socksio"
	expect_err_contains "PySocks"
	expect_out "https_proxy=http://127.0.0.1:7890
http_proxy=http://127.0.0.1:7890
all_proxy=socks5h://127.0.0.1:7890
HTTP_PROXY=http://127.0.0.1:7890
HTTPS_PROXY=http://127.0.0.1:7890
ALL_PROXY=socks5h://127.0.0.1:7890
no_proxy=localhost,.localhost,127.0.0.1,::1
NO_PROXY=localhost,.localhost,127.0.0.1,::1"
}

test_cgi_drops_upper_http_proxy() {
	run env -i REQUEST_METHOD=GET HTTP_PROXY=http://127.0.0.1:6666 https_proxy=http://127.0.0.1:7890 "$HFENV"
	expect_status 0
	expect_out "REQUEST_METHOD=GET
https_proxy=http://127.0.0.1:7890
HTTPS_PROXY=http://127.0.0.1:7890
no_proxy=localhost,.localhost,127.0.0.1,::1
NO_PROXY=localhost,.localhost,127.0.0.1,::1"
	expect_err_contains "httpoxy"
}

run_case
