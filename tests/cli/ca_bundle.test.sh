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

test_bundle_over_64_mib_is_refused_unread() {
	truncate -s 32G "$TMP/disk.img"
	run env -i SSL_CERT_FILE="$TMP/disk.img" "$HFENV" true
	expect_status 125
	expect_err_contains "hfenv: SSL_CERT_FILE='"
	expect_err_contains "disk.img': over 64 MiB, not a CA bundle; name a PEM CA bundle"
}

run_case
