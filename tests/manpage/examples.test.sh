# The claims of hfenv.1's EXAMPLES, each marked there by '.\" test: NAME' (tests/manpage/claims): each
# example runs as written, with stand-ins for python and huggingface-cli that print what they were given.
. "$(dirname "$0")/../helpers/lib.sh"

A=http://127.0.0.1:7890

stand_in() {
	mkdir -p "$TMP/bin"
	printf '#!/bin/sh\necho "$0 $*|$HTTPS_PROXY|$https_proxy|$HF_HUB_DISABLE_XET|$SSL_CERT_FILE"\n' >"$TMP/bin/$1"
	chmod +x "$TMP/bin/$1"
}

test_a_script_runs_with_consistent_settings() {
	stand_in python
	run env -i PATH="$TMP/bin:$PATH" HTTPS_PROXY=$A "$HFENV" python prepare.py
	expect_status 0
	expect_out "$TMP/bin/python prepare.py|$A|$A||"
}

test_download_through_clash_with_xet_off() {
	stand_in huggingface-cli
	run env -i PATH="$TMP/bin:$PATH" "$HFENV" -x -p 127.0.0.1:7890 huggingface-cli download gpt2
	expect_status 0
	expect_out "$TMP/bin/huggingface-cli download gpt2|$A|$A|1|"
}

test_every_client_trusts_the_company_root() {
	stand_in huggingface-cli
	cd "$TMP" || fail "no $TMP"
	cp /etc/ssl/certs/ca-certificates.crt ca-bundle.pem
	run env -i PATH="$TMP/bin:$PATH" "$HFENV" --ca-bundle ca-bundle.pem huggingface-cli download gpt2
	expect_status 0
	expect_out "$TMP/bin/huggingface-cli download gpt2||||$TMP/ca-bundle.pem"
}

test_explain_shows_the_routes_before_and_after() {
	run_clean https_proxy=$A "$HFENV" --explain
	expect_status 0
	expect_out_contains "BEFORE  AFTER"
	run_clean https_proxy=$A NO_PROXY=10.0.0.0/8 "$HFENV" -q --explain huggingface.co http://10.1.2.3/
	expect_out_contains "For huggingface.co:"
	expect_out_contains "For http://10.1.2.3/:"
}

test_probe_checks_the_hugging_face_and_xet_hosts() {
	port=$(free_port)
	start "$port" "$PYTHON" "$TESTS/helpers/servers.py" fake-proxy "$port" "200 Connection established" "$TMP/requests"
	run_clean https_proxy=http://127.0.0.1:$port "$HFENV" --probe
	expect_status 0
	[ "$(grep -c '^CONNECT .*hf.co:443 \|^CONNECT huggingface.co:443 ' "$TMP/requests")" -eq 4 ] ||
		fail "not the Hub and the three Xet hosts: $(cat "$TMP/requests")"
}

test_export_fixes_the_current_shell() {
	need bash
	run_clean https_proxy=$A bash -c 'eval "$("$0" --export)"; echo "$HTTPS_PROXY $NO_PROXY"' "$HFENV"
	expect_status 0
	expect_out "$A localhost,.localhost,127.0.0.1,::1"
}

run_case
