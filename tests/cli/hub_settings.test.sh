. "$(dirname "$0")/../helpers/lib.sh"

CR=$(printf '\r')

test_endpoint_as_guides_print_it_reaches_the_command_fixed() {
	run env -i "HF_ENDPOINT=hf-mirror.com/$CR" "$HFENV" printenv HF_ENDPOINT
	expect_status 0
	expect_out "https://hf-mirror.com"
	expect_err_contains "hfenv: warning: HF_ENDPOINT='hf-mirror.com/\x0d': blanks, CR or LF around it removed"
}

test_unusable_endpoint_is_125_naming_it() {
	run env -i HF_ENDPOINT=ftp://hf-mirror.com "$HFENV" true
	expect_status 125
	expect_err_contains "hfenv: HF_ENDPOINT='ftp://hf-mirror.com' is no http(s) URL"
}

test_xet_flag_with_a_cr_reaches_the_command_as_1() {
	run env -i "HF_HUB_DISABLE_XET=1$CR" "$HFENV" printenv HF_HUB_DISABLE_XET
	expect_status 0
	expect_out "1"
}

test_empty_timeout_is_removed_before_the_command() {
	run env -i HF_HUB_DOWNLOAD_TIMEOUT= "$HFENV" sh -c 'echo "${HF_HUB_DOWNLOAD_TIMEOUT-unset}"'
	expect_status 0
	expect_out "unset"
}

test_staging_warns_at_exec_and_in_explain() {
	run_clean HUGGINGFACE_CO_STAGING=1 HF_ENDPOINT=https://hf-mirror.com "$HFENV" true
	expect_status 0
	expect_err_contains "hfenv: warning: HUGGINGFACE_CO_STAGING='1' moves the Hub to https://hub-ci.huggingface.co; unset it"
	run_clean HUGGINGFACE_CO_STAGING=1 HF_ENDPOINT=https://hf-mirror.com COLUMNS=120 "$HFENV" --explain
	expect_status 0
	expect_out_contains "endpoint https://hub-ci.huggingface.co (HUGGINGFACE_CO_STAGING); Xet on"
	expect_out_contains "warning: HUGGINGFACE_CO_STAGING='1' moves the Hub to https://hub-ci.huggingface.co; unset it"
	expect_out_lacks "mirror"
}

test_token_is_never_shown_in_any_output() {
	run env -i "HF_TOKEN=hf_planted$CR" HF_ENDPOINT=ftp://x "$HFENV" -v true
	expect_status 125
	expect_err_lacks "hf_planted"
	run env -i "HF_TOKEN=hf_planted$CR" "$HFENV" -v --explain
	expect_out_lacks "hf_planted"
	expect_err_lacks "hf_planted"
	run env -i "HF_TOKEN=hf_planted$CR" "$HFENV" -v true
	expect_status 0
	expect_err_contains "hfenv: changed HF_TOKEN (a secret: its value is not shown)"
	expect_err_lacks "hf_planted"
}

test_quoted_settings_reach_the_command_without_quotes() {
	run env -i 'HF_HUB_OFFLINE="1"' 'HF_ENDPOINT="https://hf-mirror.com"' "$HFENV" printenv HF_HUB_OFFLINE HF_ENDPOINT
	expect_status 0
	expect_out "1
https://hf-mirror.com"
	expect_err_contains "hfenv: warning: HF_HUB_OFFLINE: quotes removed (docker --env-file, systemd keep them)"
	expect_err_contains "hfenv: warning: HF_ENDPOINT: quotes removed"
}

test_quoted_token_reaches_the_command_without_quotes_and_unseen() {
	run env -i "HF_TOKEN='hf_planted'$CR" "$HFENV" -v printenv HF_TOKEN
	expect_status 0
	expect_out "hf_planted"
	expect_err_lines 2
	expect_err_contains "hfenv: warning: HF_TOKEN: quotes removed"
	expect_err_lacks "hf_planted"
}

test_copied_xet_switch_alone_turns_xet_off() {
	run env -i HF_HUB_DISABLE_XETHUB=1 "$HFENV" printenv HF_HUB_DISABLE_XET
	expect_status 0
	expect_out "1"
	expect_err_lines 0
}

test_copied_xet_switch_alone_is_explained_with_v() {
	run env -i HF_HUB_DISABLE_XETHUB=1 "$HFENV" -v true
	expect_status 0
	expect_err_contains "hfenv: warning: HF_HUB_DISABLE_XETHUB is read by no client: HF_HUB_DISABLE_XET takes its meaning"
	expect_err_contains "hfenv: set HF_HUB_DISABLE_XET='1'"
}

test_hub_switch_wins_over_a_different_copied_switch() {
	run env -i HF_HUB_DISABLE_XET=0 HF_HUB_DISABLE_XETHUB=1 "$HFENV" printenv HF_HUB_DISABLE_XET HF_HUB_DISABLE_XETHUB
	expect_status 0
	expect_out "0
0"
	expect_err_lines 1
	expect_err_contains "hfenv: warning: HF_HUB_DISABLE_XET='0' wins over HF_HUB_DISABLE_XETHUB, which nothing reads"
}

test_unknown_hub_name_gets_one_warning_naming_the_nearest_setting() {
	run env -i HF_HUB_ENDPOINT=https://hf-mirror.com "$HFENV" printenv HF_HUB_ENDPOINT
	expect_status 0
	expect_out "https://hf-mirror.com"
	expect_err_contains "hfenv: warning: HF_HUB_ENDPOINT is read by no Hugging Face client: did you mean HF_ENDPOINT?"
	expect_err_lines 1
}

test_retired_xet_name_gets_one_warning_naming_its_replacement() {
	run env -i HF_XET_MAX_CONCURRENT_DOWNLOADS=2 "$HFENV" true
	expect_status 0
	expect_err_contains "hfenv: warning: HF_XET_MAX_CONCURRENT_DOWNLOADS is now HF_XET_DATA_MAX_CONCURRENT_FILE_DOWNLOADS"
	expect_err_lines 1
	run env -i HF_XET_MAX_CONCURRENT_DOWNLOADS=2 "$HFENV" -v true
	expect_err_contains "hfenv: warning: read by hf_xet 1.2.0, not by 1.8.0"
}

test_other_hf_names_and_known_settings_stay_silent() {
	run env -i HF_DATASETS_CACHE=/d HF_EVALUATE_OFFLINE=1 HF_MODULES_CACHE=/m HF_HUB_OFFLINE=1 HF_XET_HP=1 "$HFENV" true
	expect_status 0
	expect_err_lines 0
}

test_quiet_silences_the_unknown_name_warning() {
	run env -i HF_HUB_TOKEN=x "$HFENV" -q true
	expect_status 0
	expect_err_lines 0
}

run_case
