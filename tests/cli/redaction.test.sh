. "$(dirname "$0")/../helpers/lib.sh"

URL='http://user:secret@127.0.0.1:7890'

# expect_redacted COMMAND...: the command writes to stderr, never the password, and shows ***@ in its place.
expect_redacted() {
	run "$@"
	[ -s "$TMP/err" ] || fail "no message from: $*"
	expect_err_lacks "secret"
	expect_err_contains "***@"
}

test_invalid_url_error_hides_the_password() {
	expect_redacted env https_proxy='http://user:secret@127.0.0.1:0' "$HFENV" true
	expect_status 125
	expect_redacted env HTTP_PROXY='ftp://user:secret@127.0.0.1' "$HFENV" true
	expect_redacted env ALL_PROXY="$(printf 'http://user:secret@127.0.0.1:7890/\033[31m')" "$HFENV" true
}

test_socks_refusal_hides_the_password() {
	expect_redacted env https_proxy='socks5://user:secret@127.0.0.1:1080' "$HFENV" true
	expect_status 125
	expect_redacted env all_proxy='socks5h://user:secret@127.0.0.1:1080' "$HFENV" true
	expect_status 125
}

test_warnings_hide_the_password() {
	expect_redacted env https_proxy="$URL$(printf '\r')" "$HFENV" true
	expect_status 0
	expect_redacted env http_proxy="$URL" HTTP_PROXY='http://user:secret2@127.0.0.1:1' "$HFENV" true
	expect_redacted env HTTPS_PROXY="\"$URL\"" "$HFENV" -v true
}

test_a_name_from_the_command_line_is_redacted_too() {
	run "$HFENV" -v "http://user:pw1234@127.0.0.1:7890=1" true
	expect_status 0
	expect_err_lacks "pw1234"
	expect_err_contains "set http://user:***@127.0.0.1:7890="
}

test_verbose_changes_hide_the_password() {
	expect_redacted env http_proxy='user:secret@127.0.0.1:7890' "$HFENV" -v --proxy-loopback true
	expect_status 0
	expect_err_lines 2
	expect_redacted env HTTPS_PROXY="$URL" FOO="$URL" "$HFENV" -v -u FOO -u HTTPS_PROXY true
	expect_redacted env "$HFENV" -v NEW="$URL" true
}

test_option_errors_hide_the_password() {
	expect_redacted "$HFENV" -p 'gopher://user:secret@127.0.0.1:70' true
	expect_status 125
	expect_redacted "$HFENV" --proxy='socks5://user:secret@127.0.0.1:1080' true
	expect_status 125
	expect_redacted "$HFENV" --prefer="$URL" true
	expect_status 125
	expect_redacted "$HFENV" --export="$URL"
	expect_status 125
	expect_redacted "$HFENV" -u "A=$URL" true
	expect_status 125
	expect_redacted "$HFENV" --export "$URL"
	expect_status 125
}

test_mistyped_option_does_not_show_its_value() {
	run "$HFENV" --proxi="$URL" true
	expect_status 125
	expect_err_lacks "secret"
	run "$HFENV" --no-xet="$URL" true
	expect_status 125
	expect_err_lacks "secret"
}

test_settings_errors_hide_the_password() {
	expect_redacted env HFENV_PROXY='http://user:secret@127.0.0.1:99999' "$HFENV" true
	expect_status 125
	expect_redacted env HFENV_PREFER="$URL" "$HFENV" true
	expect_status 125
	expect_redacted env HFENV_NO_XET="$URL" "$HFENV" true
	expect_redacted env NO_PROXY="$URL localhost" "$HFENV" true
}

test_exec_failure_hides_the_password() {
	expect_redacted "$HFENV" "$URL"
	expect_status 127
}

TOKEN_URL='http://secret@127.0.0.1:7890'

test_a_user_part_without_password_is_hidden_as_a_token() {
	expect_redacted env https_proxy='http://secret@127.0.0.1:0' "$HFENV" true
	expect_status 125
	expect_redacted env https_proxy="$TOKEN_URL$(printf '\r')" "$HFENV" true
	expect_status 0
	expect_redacted env http_proxy="$TOKEN_URL" "$HFENV" -v true
	expect_redacted "$HFENV" -p 'gopher://secret@127.0.0.1:70' true
	expect_status 125
	expect_redacted "$HFENV" "$TOKEN_URL"
	expect_status 127
}

test_explain_hides_a_token() {
	run env -i https_proxy="$TOKEN_URL" "$HFENV" --explain=tsv
	expect_status 0
	grep -qF 'http://***@127.0.0.1:7890' "$TMP/out" || fail "--explain does not show ***@"
	! grep -q secret "$TMP/out" || fail "--explain shows the token"
}

test_export_and_listing_carry_the_token() {
	run env -i https_proxy="$TOKEN_URL" "$HFENV" --export
	expect_status 0
	grep -qF "HTTPS_PROXY='$TOKEN_URL'" "$TMP/out" || fail "--export lacks the token"
}

test_export_and_listing_carry_the_password() {
	run env -i https_proxy="$URL" "$HFENV" --export
	expect_status 0
	expect_err_empty
	grep -qF "HTTPS_PROXY='$URL'" "$TMP/out" || fail "--export lacks the password"
}

run_case
