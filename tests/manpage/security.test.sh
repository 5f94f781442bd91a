# The claims of hfenv.1's SECURITY, each marked there by '.\" test: NAME' (tests/manpage/claims).
. "$(dirname "$0")/../helpers/lib.sh"

# Up to the command's own execve, hfenv makes no socket and opens no file but the bundle it checks (the dynamic
# loader's libraries aside, and what a sanitizer's runtime reads of /proc and /sys).
test_hfenv_opens_no_connection_and_no_file_but_the_bundle() {
	need strace
	cp /etc/ssl/certs/ca-certificates.crt "$TMP/ca.pem"
	run_clean https_proxy=http://127.0.0.1:7890 SSL_CERT_FILE="$TMP/ca.pem" \
		strace -o "$TMP/trace" -e trace=execve,socket,connect,open,openat "$HFENV" /bin/true
	expect_status 0
	awk '/execve\("\/bin\/true"/ { exit } { print }' "$TMP/trace" |
		grep -E 'socket|connect|open' | grep -vE 'ld\.so\.cache|/lib[^"]*\.so|"/(proc|sys)/' >"$TMP/calls"
	[ "$(grep -c . "$TMP/calls")" -eq 1 ] && grep -q "ca.pem" "$TMP/calls" ||
		fail "hfenv's own calls are not the bundle's open alone: $(cat "$TMP/calls")"
}

test_passwords_never_appear_in_messages() {
	run_clean https_proxy=http://u:s3cret@127.0.0.1:99999 "$HFENV" true
	expect_status 125
	expect_err_contains "http://u:***@127.0.0.1:99999"
	run_clean https_proxy=http://u:s3cret@127.0.0.1 "$HFENV" -v true
	expect_err_contains "warning"
	expect_err_contains "http://u:***@127.0.0.1:80"
	run_clean "$HFENV" --prefer http://u:s3cret@h.example:1 true
	expect_status 125
	expect_err_contains "'http://u:***@h.example:1'"
	run_clean "$HFENV" http://u:s3cret@h.example:1
	expect_status 127
	expect_err_contains "'http://u:***@h.example:1'"
	for option in "" -v --explain; do
		run_clean https_proxy=http://u:s3cret@127.0.0.1 HTTPS_PROXY=http://v:s3cret@127.0.0.1:1 "$HFENV" $option true
		expect_nowhere s3cret
	done
}

test_user_part_without_a_password_is_a_secret() {
	run_clean https_proxy=http://t0ken@127.0.0.1:1 "$HFENV" -v true
	expect_err_contains "http://***@127.0.0.1:1"
	expect_nowhere t0ken
}

test_bundle_value_is_shown_unless_shaped_like_a_url_or_user_part() {
	run_clean SSL_CERT_FILE=t0ken@x "$HFENV" true
	expect_err_contains "'***@x'"
	expect_nowhere t0ken
	run_clean SSL_CERT_FILE=/home/me@corp/ca.pem "$HFENV" true
	expect_err_contains "'/home/me@corp/ca.pem'"
}

test_only_export_and_the_listing_print_passwords() {
	run env -i https_proxy=http://u:s3cret@127.0.0.1:1 "$HFENV"
	expect_out_contains "HTTPS_PROXY=http://u:s3cret@127.0.0.1:1"
	run_clean https_proxy=http://u:s3cret@127.0.0.1:1 "$HFENV" --export
	expect_out_contains "export HTTPS_PROXY='http://u:s3cret@127.0.0.1:1'"
	run_clean https_proxy=http://u:s3cret@127.0.0.1:1 "$HFENV" --explain=tsv
	expect_nowhere s3cret
}

test_httpoxy_header_is_removed_with_a_warning() {
	run_clean REQUEST_METHOD=GET HTTP_PROXY=http://evil.example:80 "$HFENV" sh -c 'echo "[$HTTP_PROXY$http_proxy]"'
	expect_status 0
	expect_out "[]"
	expect_err_contains "HTTP_PROXY"
}

# The environment fits the kernel's limit (1 MiB of stack / 4) when hfenv starts, not once no_proxy is added.
test_environment_that_no_longer_fits_after_hfenv_is_126() {
	entries=$(awk 'BEGIN { for (i = 0; i < 5000; i++) printf "%shost%05d.example.org", i ? "," : "", i }')
	filler=$(awk 'BEGIN { while (n++ < 100000) printf "x" }')
	run sh -c 'ulimit -s 1024 && exec env -i NO_PROXY="$1" FILLER="$2" "$3" /bin/true' sh "$entries" "$filler" "$HFENV"
	expect_status 126
	expect_err_contains "Argument list too long"
}

run_case
