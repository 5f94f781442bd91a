. "$(dirname "$0")/../helpers/lib.sh"

# A FIFO stands for a bundle that must not be opened: hfenv refuses it as "not a regular file" once it looks.
every_bundle_variable() {
	echo REQUESTS_CA_BUNDLE="$1" CURL_CA_BUNDLE="$1" SSL_CERT_FILE="$1" GIT_SSL_CAINFO="$1" NODE_EXTRA_CA_CERTS="$1"
}

test_bundle_every_variable_already_names_is_not_opened() {
	mkfifo "$TMP/bundle.pem"
	run env -i $(every_bundle_variable "$TMP/bundle.pem") "$HFENV" printenv SSL_CERT_FILE
	expect_status 0
	expect_err_empty
	expect_out "$TMP/bundle.pem"
}

test_bundle_every_variable_already_names_is_checked_under_verbose() {
	mkfifo "$TMP/bundle.pem"
	run env -i $(every_bundle_variable "$TMP/bundle.pem") "$HFENV" -v true
	expect_status 125
	expect_err_contains "REQUESTS_CA_BUNDLE='$TMP/bundle.pem': not a regular file; name a PEM CA bundle"
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
