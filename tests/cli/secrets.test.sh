. "$(dirname "$0")/../helpers/lib.sh"

# A Hugging Face token (hf_ and 34 letters), and a secret of no known shape: only the name tells.
TOKEN=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
VALUE=PlantedValue42

expect_hidden() {
	expect_nowhere "$TOKEN"
	expect_nowhere "PlantedToken"
	expect_nowhere "$VALUE"
}

test_unset_option_with_a_value_shows_the_name_only() {
	run_clean "$HFENV" -u "HF_TOKEN=$TOKEN" true
	expect_status 125
	expect_err_contains "hfenv: cannot unset 'HF_TOKEN=***': "
	expect_hidden
}

test_proxy_option_with_an_assignment_shows_the_name_only() {
	run_clean "$HFENV" -p "HF_TOKEN=$TOKEN" true
	expect_status 125
	expect_err_contains "not 'HF_TOKEN=***'; try --help"
	expect_hidden
}

test_explain_operand_with_an_assignment_shows_the_name_only() {
	run_clean "$HFENV" --explain h.example "MY_PASSWORD=$VALUE"
	expect_status 125
	expect_err_contains "--explain takes hosts/URLs, not 'MY_PASSWORD=***'"
	expect_hidden
}

test_operand_without_a_name_hides_a_token() {
	run_clean "$HFENV" "=$TOKEN" true
	expect_status 125
	expect_err_contains "cannot set '=hf_***': write it as NAME=VALUE"
	expect_hidden
}

test_token_run_as_the_command_is_hidden_and_explained() {
	run_clean "$HFENV" HF_TOKEN= "$TOKEN" python3
	expect_status 127
	expect_err_lines 1
	expect_err_contains "hfenv: 'hf_***': command not found; a token? remove the blank after HF_TOKEN="
	expect_hidden
}

test_verbose_hides_the_value_of_every_secret_like_name() {
	for name in HF_HUB_TOKEN HUGGINGFACEHUB_API_TOKEN HF_API_TOKEN OPENAI_API_KEY aws_secret_access_key \
		DB_PASSWORD GOOGLE_APPLICATION_CREDENTIALS NPM_CONFIG__AUTH; do
		run_clean "$HFENV" -v "$name= $VALUE" true
		expect_status 0
		expect_err_contains "hfenv: set $name (a secret: its value is not shown)"
		expect_hidden
	done
}

test_unset_hides_the_old_value_of_a_secret_like_name() {
	run_clean HUGGINGFACEHUB_API_TOKEN="$TOKEN" "$HFENV" -v -u HUGGINGFACEHUB_API_TOKEN true
	expect_status 0
	expect_err_contains "hfenv: unset HUGGINGFACEHUB_API_TOKEN (a secret: its value is not shown)"
	expect_hidden
}

test_verbose_shows_the_value_of_other_names() {
	run_clean "$HFENV" -v HF_TOKEN_PATH=/run/token true
	expect_status 0
	expect_err_contains "hfenv: set HF_TOKEN_PATH='/run/token'"
}

test_a_flag_named_like_a_secret_hides_its_value() {
	run_clean HF_HUB_DISABLE_IMPLICIT_TOKEN="$VALUE" "$HFENV" true
	expect_status 125
	expect_err_contains "HF_HUB_DISABLE_IMPLICIT_TOKEN=*** is neither true nor false; set 1 or 0"
	expect_hidden
}

test_explain_shows_no_secret() {
	for format in table tsv; do
		run_clean HF_TOKEN=" $TOKEN" HF_HUB_TOKEN="$VALUE" HF_HUB_DISABLE_IMPLICIT_TOKEN="$TOKEN" \
			HTTPS_PROXY=http://127.0.0.1:3128 "$HFENV" -v --explain=$format HF_API_TOKEN="$VALUE" \
			OPENAI_API_KEY="$TOKEN" h.example
		expect_status 125
		expect_out_contains "h.example"
		expect_hidden
		run_clean HF_TOKEN=" $TOKEN" HUGGINGFACEHUB_API_TOKEN="$VALUE" "$HFENV" -v --explain=$format \
			-u HUGGINGFACEHUB_API_TOKEN HF_API_TOKEN="$VALUE"
		expect_status 0
		expect_hidden
	done
}

test_explain_hides_a_password_in_a_bundle_variable() {
	for format in table tsv; do
		run_clean REQUESTS_CA_BUNDLE="http://u:$VALUE@h.example/ca.pem" SSL_CERT_FILE=/home/me@corp/ca.pem \
			"$HFENV" --explain=$format
		expect_status 125
		expect_out_contains "http://u:***@h.example/ca.pem"
		expect_out_contains "/home/me@corp/ca.pem"
		expect_hidden
	done
}

test_listing_and_export_carry_the_values() {
	run_clean "$HFENV" HF_HUB_TOKEN="$VALUE" HF_TOKEN="$TOKEN"
	expect_status 0
	expect_out_contains "HF_HUB_TOKEN=$VALUE"
	expect_out_contains "HF_TOKEN=$TOKEN"
	run_clean "$HFENV" --export HF_HUB_TOKEN="$VALUE" HF_TOKEN="$TOKEN"
	expect_status 0
	expect_out_contains "HF_HUB_TOKEN='$VALUE'"
	expect_out_contains "HF_TOKEN='$TOKEN'"
}

run_case
