. "$(dirname "$0")/../helpers/lib.sh"

# A FIFO stands for a bundle that must not be opened: opening it for reading would wait for a writer.
every_bundle_variable() {
	echo REQUESTS_CA_BUNDLE="$1" CURL_CA_BUNDLE="$1" SSL_CERT_FILE="$1" GIT_SSL_CAINFO="$1" NODE_EXTRA_CA_CERTS="$1"
}

test_bundle_every_variable_already_names_is_found_no_file_without_opening_it() {
	mkfifo "$TMP/bundle.pem"
	for verbose in "" -v; do
		run env -i $(every_bundle_variable "$TMP/bundle.pem") "$HFENV" $verbose printenv SSL_CERT_FILE
		expect_status 125
		expect_err_contains "REQUESTS_CA_BUNDLE='$TMP/bundle.pem': not a regular file; name a PEM CA bundle"
		expect_out_empty
	done
}

test_bundle_every_variable_already_names_is_looked_at_not_opened() {
	need strace
	cp /etc/ssl/certs/ca-certificates.crt "$TMP/ca.pem"
	run env -i $(every_bundle_variable "$TMP/ca.pem") strace -f -o "$TMP/trace" -e trace=open,openat,stat,newfstatat,access \
		"$HFENV" true
	expect_status 0
	grep "ca.pem" "$TMP/trace" >"$TMP/calls" || fail "the bundle was not looked at"
	! grep -q "open" "$TMP/calls" || fail "the bundle was opened: $(cat "$TMP/calls")"
}

# Root reads any file: the case runs as nobody then, on a bundle whose mode lets nobody read it.
test_unreadable_bundle_every_variable_names_is_refused() {
	cp /etc/ssl/certs/ca-certificates.crt "$TMP/ca.pem"
	chmod 755 "$TMP"
	chmod 000 "$TMP/ca.pem"
	as_user=
	if [ "$(id -u)" -eq 0 ]; then
		need setpriv
		as_user="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	fi
	run env -i $(every_bundle_variable "$TMP/ca.pem") $as_user "$HFENV" true
	expect_status 125
	expect_err_contains "': Permission denied; name a PEM CA bundle"
}

test_missing_bundle_every_variable_names_is_refused_with_or_without_verbose() {
	for verbose in "" -v; do
		run env -i $(every_bundle_variable "$TMP/missing.pem") "$HFENV" $verbose true
		expect_status 125
		expect_err_contains "hfenv: REQUESTS_CA_BUNDLE='"
		expect_err_contains "': No such file or directory; name a PEM CA bundle"
	done
}

# Its contents are read only under -v, which only adds words: a warning, and the command runs as without it.
test_bundle_every_variable_already_names_is_read_under_verbose_for_words_only() {
	printf 'not a certificate\n' >"$TMP/bundle.pem"
	run env -i $(every_bundle_variable "$TMP/bundle.pem") "$HFENV" printenv SSL_CERT_FILE
	expect_status 0
	expect_err_empty
	expect_out "$TMP/bundle.pem"
	run env -i $(every_bundle_variable "$TMP/bundle.pem") "$HFENV" -v printenv SSL_CERT_FILE
	expect_status 0
	expect_err_contains "hfenv: warning: REQUESTS_CA_BUNDLE='"
	expect_err_contains "': no PEM certificate in it; name a PEM CA bundle"
	expect_out "$TMP/bundle.pem"
}

test_bundle_the_option_names_is_checked() {
	mkfifo "$TMP/bundle.pem"
	run env -i $(every_bundle_variable "$TMP/bundle.pem") "$HFENV" --ca-bundle "$TMP/bundle.pem" true
	expect_status 125
	expect_err_contains "--ca-bundle '$TMP/bundle.pem': not a regular file; name a PEM CA bundle"
}

test_bundle_is_checked_before_it_is_mirrored() {
	mkfifo "$TMP/bundle.pem"
	run env -i SSL_CERT_FILE="$TMP/bundle.pem" "$HFENV" true
	expect_status 125
	expect_err_contains "SSL_CERT_FILE='$TMP/bundle.pem': not a regular file; name a PEM CA bundle"
}

test_bundle_over_64_mib_is_refused_unread() {
	truncate -s 32G "$TMP/disk.img"
	run env -i SSL_CERT_FILE="$TMP/disk.img" "$HFENV" true
	expect_status 125
	expect_err_contains "hfenv: SSL_CERT_FILE='"
	expect_err_contains "disk.img': over 64 MiB, not a CA bundle; name a PEM CA bundle"
}

# The hint is the whole command: run as printed, with the file for FILE, it makes a bundle hfenv takes.
test_der_bundle_gets_the_command_that_converts_it() {
	need openssl
	cd "$TMP" || fail "no $TMP"
	openssl x509 -in /etc/ssl/certs/ca-certificates.crt -outform der -out root.der || fail "no DER file made"
	run_clean SSL_CERT_FILE=root.der "$HFENV" true
	expect_status 125
	expect_err_contains "SSL_CERT_FILE='root.der': DER: openssl x509 -inform der -in FILE -out FILE.pem"
	command=$(sed -n 's/.*DER: //p' "$TMP/err" | sed "s|FILE|root.der|g")
	$command </dev/null || fail "the hint's command failed: $command"
	run_clean "$HFENV" -q --ca-bundle root.der.pem true
	expect_status 0
}

run_case
