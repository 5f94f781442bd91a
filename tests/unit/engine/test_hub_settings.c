#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine_cases.h"
#include "common/secrets.h"
#include "hub/settings.h"

static const struct engine_case cases[] = {
	{"endpoint_with_a_cr_is_trimmed_with_one_warning", {"HF_ENDPOINT=https://hf-mirror.com\r"}, {0},
	 {"HF_ENDPOINT=https://hf-mirror.com", "warning: HF_ENDPOINT='https://hf-mirror.com\\x0d': blanks, CR or LF",
	  "warnings: 1", "no errors"}},
	{"endpoint_with_a_trailing_blank_is_trimmed", {"HF_ENDPOINT=https://hf-mirror.com "}, {0},
	 {"HF_ENDPOINT=https://hf-mirror.com", "warnings: 1"}},
	{"endpoint_without_a_scheme_gets_https", {"HF_ENDPOINT=hf-mirror.com"}, {0},
	 {"HF_ENDPOINT=https://hf-mirror.com", "warning: HF_ENDPOINT='hf-mirror.com' has no scheme: https:// added"}},
	{"endpoint_loses_its_trailing_slashes_silently", {"HF_ENDPOINT=https://hf-mirror.com//"}, {0},
	 {"HF_ENDPOINT=https://hf-mirror.com", "no warnings", "edit: HF_ENDPOINT=https://hf-mirror.com"}},
	{"endpoint_keeps_its_port_and_path", {"HF_ENDPOINT=http://nexus.corp:8081/repository/hf/"}, {0},
	 {"HF_ENDPOINT=http://nexus.corp:8081/repository/hf", "no warnings"}},
	{"normal_endpoint_is_left_alone", {"HF_ENDPOINT=https://hf-mirror.com"}, {0}, {"no findings", "no edits"}},
	{"inference_endpoint_is_a_url_too", {"HF_INFERENCE_ENDPOINT=api.corp/"}, {0},
	 {"HF_INFERENCE_ENDPOINT=https://api.corp", "warnings: 1"}},
	{"endpoint_with_another_scheme_is_refused", {"HF_ENDPOINT=ftp://hf-mirror.com"}, {0},
	 {"errors: 1", "error: HF_ENDPOINT='ftp://hf-mirror.com' is no http(s) URL; write https://HOST", "no edits"}},
	{"endpoint_with_a_bad_port_is_refused", {"HF_ENDPOINT=https://hf-mirror.com:99999"}, {0},
	 {"errors: 1", "error: HF_ENDPOINT= ... bad port"}},
	{"endpoint_with_a_blank_inside_is_refused", {"HF_ENDPOINT=https://hf mirror.com"}, {0}, {"errors: 1", "error: HF_ENDPOINT="}},
	{"endpoint_with_a_query_is_refused", {"HF_ENDPOINT=https://hf-mirror.com/?x=1"}, {0},
	 {"errors: 1", "error: HF_ENDPOINT= ... query or fragment"}},
	{"endpoint_without_a_host_is_refused", {"HF_ENDPOINT=https:///"}, {0}, {"errors: 1", "error: HF_ENDPOINT= ... no valid host"}},
	{"empty_endpoint_is_removed_with_a_warning", {"HF_ENDPOINT= "}, {0},
	 {"-HF_ENDPOINT", "warning: HF_ENDPOINT is empty: removed; the default applies", "no errors"}},
	{"endpoint_password_is_not_shown", {"HF_ENDPOINT=https://user:s3cret@hf mirror"}, {0}, {"errors: 1", "no finding: s3cret"}},
	{"xet_flag_with_a_cr_is_trimmed", {"HF_HUB_DISABLE_XET=1\r"}, {0},
	 {"HF_HUB_DISABLE_XET=1", "warning: HF_HUB_DISABLE_XET='1\\x0d': blanks", "warnings: 1"}},
	{"flag_with_blanks_is_trimmed", {"HF_HUB_OFFLINE= true "}, {0}, {"HF_HUB_OFFLINE=true", "warnings: 1"}},
	{"flag_the_hub_reads_as_false_is_respelled", {"HF_HUB_DISABLE_XET=y"}, {0},
	 {"HF_HUB_DISABLE_XET=1", "warning: HF_HUB_DISABLE_XET='y': the Hub reads it as false; written 1"}},
	{"flag_both_readers_take_is_left_alone", {"HF_XET_HIGH_PERFORMANCE=On", "HF_HUB_OFFLINE=no"}, {0},
	 {"no findings", "no edits"}},
	{"xet_only_flag_keeps_its_y", {"HF_XET_HP=Y"}, {0}, {"no findings"}},
	{"flag_meaning_neither_is_refused", {"HF_HUB_DISABLE_XET=auto"}, {0},
	 {"errors: 1", "error: HF_HUB_DISABLE_XET='auto' is neither true nor false; set 1 or 0"}},
	{"xet_flag_meaning_neither_is_refused", {"HF_XET_CLIENT_ENABLE_ADAPTIVE_CONCURRENCY=enabled"}, {0},
	 {"errors: 1", "error: HF_XET_CLIENT_ENABLE_ADAPTIVE_CONCURRENCY= ... set 1 or 0"}},
	{"empty_flag_is_left_alone", {"HF_HUB_OFFLINE="}, {0}, {"HF_HUB_OFFLINE=", "no findings"}},
	{"empty_timeout_is_removed_with_a_warning", {"HF_HUB_DOWNLOAD_TIMEOUT="}, {0},
	 {"-HF_HUB_DOWNLOAD_TIMEOUT", "warning: HF_HUB_DOWNLOAD_TIMEOUT is empty: removed", "edit: -HF_HUB_DOWNLOAD_TIMEOUT"}},
	{"empty_xet_size_is_removed", {"HF_XET_RECONSTRUCTION_DOWNLOAD_BUFFER_SIZE=\r"}, {0},
	 {"-HF_XET_RECONSTRUCTION_DOWNLOAD_BUFFER_SIZE", "warnings: 2"}},
	{"python_int_takes_a_sign_and_underscores", {"HF_HUB_ETAG_TIMEOUT=+1_000"}, {0}, {"no findings"}},
	{"timeout_that_is_no_number_is_refused", {"HF_HUB_DOWNLOAD_TIMEOUT=10s"}, {0},
	 {"errors: 1", "error: HF_HUB_DOWNLOAD_TIMEOUT='10s' is no whole number; write e.g. 30"}},
	{"xet_count_with_a_sign_is_refused", {"HF_XET_CLIENT_RETRY_MAX_ATTEMPTS=-1"}, {0},
	 {"errors: 1", "error: HF_XET_CLIENT_RETRY_MAX_ATTEMPTS= ... no whole number; write e.g. 8"}},
	{"xet_count_past_u32_is_refused", {"HF_XET_CLIENT_SHARD_API_VERSION=4294967296"}, {0}, {"errors: 1"}},
	{"xet_counts_take_the_largest_u32_and_u64", {"HF_XET_CLIENT_SHARD_API_VERSION=4294967295",
	  "HF_XET_CLIENT_RETRY_MAX_ATTEMPTS=18446744073709551615"}, {0}, {"no findings"}},
	{"xet_count_past_u64_is_refused", {"HF_XET_CLIENT_RETRY_MAX_ATTEMPTS=18446744073709551616"}, {0}, {"errors: 1"}},
	{"python_int_refuses_an_underscore_not_between_digits", {"HF_HUB_DOWNLOAD_TIMEOUT=30_", "HF_HUB_ETAG_TIMEOUT=3__0"}, {0},
	 {"errors: 2", "error: HF_HUB_DOWNLOAD_TIMEOUT='30_' is no whole number", "error: HF_HUB_ETAG_TIMEOUT='3__0' is no whole"}},
	{"xet_duration_without_a_unit_is_refused", {"HF_XET_CLIENT_CONNECT_TIMEOUT=30"}, {0},
	 {"errors: 1", "error: HF_XET_CLIENT_CONNECT_TIMEOUT='30' is no duration; write e.g. 30s"}},
	{"xet_durations_in_humantime_syntax_pass", {"HF_XET_CLIENT_CONNECT_TIMEOUT=1m 30s", "HF_XET_CLIENT_READ_TIMEOUT=0",
	  "HF_XET_CLIENT_RETRY_BASE_DELAY=1.5sec", "HF_XET_CLIENT_RETRY_MAX_DURATION=2h30m"}, {0}, {"no findings"}},
	{"xet_duration_unit_case_matters", {"HF_XET_CLIENT_READ_TIMEOUT=30S"}, {0}, {"errors: 1"}},
	{"xet_sizes_in_bytesize_syntax_pass", {"HF_XET_RECONSTRUCTION_DOWNLOAD_BUFFER_SIZE=1.5GiB",
	  "HF_XET_SHARD_CACHE_SIZE_LIMIT=4096", "HF_XET_LOG_DIR_MAX_SIZE=512 mb"}, {0}, {"no findings"}},
	{"xet_size_with_a_bad_unit_is_refused", {"HF_XET_RECONSTRUCTION_DOWNLOAD_BUFFER_SIZE=2k"}, {0},
	 {"errors: 1", "error: HF_XET_RECONSTRUCTION_DOWNLOAD_BUFFER_SIZE= ... no size; write e.g. 512mb"}},
	{"xet_float_is_read_like_rust", {"HF_XET_CLIENT_AC_RTT_SUCCESS_MAX_QUANTILE=.95"}, {0}, {"no findings"}},
	{"xet_float_with_a_comma_is_refused", {"HF_XET_CLIENT_AC_RTT_SUCCESS_MAX_QUANTILE=0,95"}, {0}, {"errors: 1"}},
	{"xet_float_takes_an_exponent_with_digits", {"HF_XET_CLIENT_AC_RTT_SUCCESS_MAX_QUANTILE=1e-5",
	  "HF_XET_CLIENT_AC_LATENCY_RTT_HALF_LIFE=2.5E+3"}, {0}, {"no findings"}},
	{"xet_float_with_an_exponent_without_digits_is_refused", {"HF_XET_CLIENT_AC_RTT_SUCCESS_MAX_QUANTILE=1e",
	  "HF_XET_CLIENT_AC_LATENCY_RTT_HALF_LIFE=1e+"}, {0}, {"errors: 2"}},
	{"path_is_trimmed_only", {"HF_HOME= /data/hf\r\n"}, {0}, {"HF_HOME=/data/hf", "warnings: 1"}},
	{"token_is_trimmed_and_never_shown", {"HF_TOKEN=hf_abcdef123\r\n"}, {.verbose = true},
	 {"HF_TOKEN=hf_abcdef123", "warning: HF_TOKEN: blanks, CR or LF around it", "no finding: hf_abcdef",
	  "change: changed HF_TOKEN (a secret: its value is not shown)"}},
	{"token_set_by_an_operand_is_not_shown", {NULL}, {ASSIGN("HF_TOKEN=hf_abcdef123"), .verbose = true},
	 {"HF_TOKEN=hf_abcdef123", "change: set HF_TOKEN (a secret", "no finding: hf_abcdef"}},
	{"token_unset_by_an_option_is_not_shown", {"HF_TOKEN=hf_abcdef123"}, {UNSET("HF_TOKEN"), .verbose = true},
	 {"-HF_TOKEN", "change: unset HF_TOKEN (a secret", "no finding: hf_abcdef"}},
	{"old_token_name_is_a_secret_too", {"HUGGING_FACE_HUB_TOKEN= hf_abcdef123"}, {0}, {"no finding: hf_abcdef", "warnings: 1"}},
	{"flag_named_like_a_secret_hides_its_value", {"HF_HUB_DISABLE_IMPLICIT_TOKEN=planted"}, {0},
	 {"errors: 1", "error: HF_HUB_DISABLE_IMPLICIT_TOKEN=*** is neither true nor false", "no finding: planted"}},
	{"token_pasted_into_a_flag_is_hidden", {"HF_HUB_OFFLINE=hf_plantedplantedplantedplanted"}, {0},
	 {"errors: 1", "error: HF_HUB_OFFLINE='hf_***' is neither", "no finding: planted"}},
	{"quoted_flag_loses_its_quotes", {"HF_HUB_OFFLINE=\"1\""}, {0},
	 {"HF_HUB_OFFLINE=1", "no errors", "warnings: 1",
	  "warning: HF_HUB_OFFLINE: quotes removed (docker --env-file, systemd keep them)"}},
	{"quoted_endpoint_loses_its_quotes", {"HF_ENDPOINT=\"https://hf-mirror.com\""}, {0},
	 {"HF_ENDPOINT=https://hf-mirror.com", "no errors", "warnings: 1", "warning: HF_ENDPOINT: quotes removed"}},
	{"quoted_endpoint_without_a_scheme_gets_both_fixes", {"HF_ENDPOINT='hf-mirror.com/'"}, {0},
	 {"HF_ENDPOINT=https://hf-mirror.com", "no errors", "warnings: 2", "warning: HF_ENDPOINT='hf-mirror.com/' has no scheme"}},
	{"quoted_number_loses_its_quotes", {"HF_HUB_DOWNLOAD_TIMEOUT='30'", "HF_XET_CLIENT_READ_TIMEOUT=\"5m\""}, {0},
	 {"HF_HUB_DOWNLOAD_TIMEOUT=30", "HF_XET_CLIENT_READ_TIMEOUT=5m", "no errors", "warnings: 2"}},
	{"blanks_inside_the_quotes_go_too", {"HF_HUB_OFFLINE=\" 1 \""}, {0}, {"HF_HUB_OFFLINE=1", "warnings: 1"}},
	{"quotes_around_nothing_leave_an_empty_value", {"HF_ENDPOINT=''"}, {0},
	 {"-HF_ENDPOINT", "warning: HF_ENDPOINT is empty: removed; the default applies", "no errors"}},
	{"quotes_within_quotes_stay", {"HF_HOME=\"'/data'\""}, {0}, {"HF_HOME=\"'/data'\"", "no findings"}},
	{"one_quote_alone_stays", {"HF_HOME=\"/data"}, {0}, {"HF_HOME=\"/data", "no findings"}},
	{"quoted_token_loses_its_quotes_and_is_never_shown", {"HF_TOKEN=\"hf_abcdef123\""}, {.verbose = true},
	 {"HF_TOKEN=hf_abcdef123", "warnings: 1", "warning: HF_TOKEN: quotes removed", "no finding: hf_abcdef",
	  "change: changed HF_TOKEN (a secret: its value is not shown)"}},
	{"quoted_token_with_a_cr_is_one_warning", {"HF_TOKEN='hf_abcdef123'\r\n"}, {0},
	 {"HF_TOKEN=hf_abcdef123", "warnings: 1", "no finding: hf_abcdef"}},
	{"quoted_token_set_by_an_operand_loses_its_quotes", {NULL}, {ASSIGN("HF_TOKEN='hf_abcdef123'")},
	 {"HF_TOKEN=hf_abcdef123", "no finding: hf_abcdef"}},
	{"unknown_hf_variable_keeps_its_quotes", {"HF_SOMETHING=\"x\""}, {0}, {"HF_SOMETHING=\"x\"", "no findings"}},
	{"hf_transfer_points_at_high_performance", {"HF_HUB_ENABLE_HF_TRANSFER=1"}, {0},
	 {"HF_HUB_ENABLE_HF_TRANSFER=1", "warning: HF_HUB_ENABLE_HF_TRANSFER is ignored now; set HF_XET_HIGH_PERFORMANCE=1",
	  "no edits"}},
	{"hf_transfer_beside_high_performance_is_quiet", {"HF_HUB_ENABLE_HF_TRANSFER=1", "HF_XET_HIGH_PERFORMANCE=1"}, {0},
	 {"no findings"}},
	{"unknown_hf_variable_passes_untouched", {"HF_SOMETHING= x\r", "HF_XET_NOT_A_SETTING=\r", "A=1"}, {0},
	 {"no edits", "order: HF_SOMETHING HF_XET_NOT_A_SETTING A", "warnings: 1", "warning: HF_XET_NOT_A_SETTING is read",
	  "no warning: HF_SOMETHING"}},
	{"hub_settings_keep_their_place", {"A=1", "HF_ENDPOINT=hf-mirror.com", "B=2", "HF_HOME=/h"}, {0},
	 {"order: A HF_ENDPOINT B HF_HOME", "HF_ENDPOINT=https://hf-mirror.com"}},
	{"hub_setting_given_twice_keeps_the_first", {"HF_HOME=/a", "HF_HOME=/b"}, {0},
	 {"HF_HOME=/a", "variables: 1", "warning: HF_HOME is set 2 times: kept the first"}},
	{"many_hub_settings_are_all_read",
	 {"HF_HOME=/h", "HF_HUB_CACHE=/c", "HF_XET_CACHE=/x", "HF_TOKEN_PATH=/t", "HF_HUB_OFFLINE=0", "HF_DEBUG=0",
	  "HF_HUB_VERBOSITY=info", "HF_HUB_ETAG_TIMEOUT=5", "HF_XET_HP=0", "HF_XET_CLIENT_READ_TIMEOUT=5m",
	  "HF_XET_LOG_PREFIX=x", "HF_ENDPOINT=hf-mirror.com", "HF_HOME=/again", "PATH=/bin"}, {0},
	 {"HF_ENDPOINT=https://hf-mirror.com", "HF_HOME=/h", "warnings: 2", "edits: 1", "variables: 13", "path: /bin"}},
	{"offline_and_telemetry_names_beside_the_hubs_are_flags", {"TRANSFORMERS_OFFLINE=y", "DO_NOT_TRACK= 1"}, {0},
	 {"TRANSFORMERS_OFFLINE=1", "warning: TRANSFORMERS_OFFLINE='y': the Hub reads it as false; written 1",
	  "DO_NOT_TRACK=1", "warning: DO_NOT_TRACK=' 1': blanks", "no errors"}},
	{"telemetry_name_beside_the_hubs_meaning_neither_is_refused", {"DISABLE_TELEMETRY=auto", "DO_NOT_TRACK=0"}, {0},
	 {"error: DISABLE_TELEMETRY='auto' is neither true nor false; set 1 or 0", "errors: 1"}},
	{"staging_says_where_the_hub_goes", {"HUGGINGFACE_CO_STAGING=1", "HF_ENDPOINT=https://hf-mirror.com"}, {0},
	 {"warning: HUGGINGFACE_CO_STAGING='1' moves the Hub to https://hub-ci.huggingface.co; unset it", "warnings: 1",
	  "no edits"}},
	{"staging_respelled_true_says_so_too", {"HUGGINGFACE_CO_STAGING=y"}, {0},
	 {"HUGGINGFACE_CO_STAGING=1", "warning: HUGGINGFACE_CO_STAGING='y' moves the Hub to https://hub-ci", "warnings: 2"}},
	{"staging_off_says_nothing", {"HUGGINGFACE_CO_STAGING=0"}, {0}, {"no findings"}},
	{"no_xet_option_overrides_a_false_flag", {"HF_HUB_DISABLE_XET=0"}, {.no_xet = true}, {"HF_HUB_DISABLE_XET=1"}},
};

/* Every kind's refusal and warning, for a token planted in each secret: no message shows it. */
static void secrets_never_appear_in_a_message(void **state)
{
	(void)state;
	static const char *const values[] = {"hf_planted", " hf_planted\r", "", "hf planted", "https://x:hf_planted@h",
					     "\"hf_planted\"", "' hf_planted'\r", "\"hf_planted"};
	for (size_t i = 0; i < hfenv_hub_setting_count; i++) {
		if (hfenv_hub_settings[i].kind != HFENV_HUB_SECRET)
			continue;
		for (size_t j = 0; j < sizeof values / sizeof values[0]; j++) {
			char entry[256];
			snprintf(entry, sizeof entry, "%s=%s", hfenv_hub_settings[i].name, values[j]);
			char *env[] = {entry, NULL};
			struct hfenv_result r;
			normalize(&(struct hfenv_options){.verbose = true}, env, &r);
			assert_no_finding_contains(&r, "planted");
			hfenv_result_free(&r);
		}
	}
}

/* The name rule (common/secrets.h) covers the table's secrets; of its other rows, it catches one flag only. */
static void the_name_rule_agrees_with_the_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < hfenv_hub_setting_count; i++) {
		const struct hfenv_hub_setting *row = &hfenv_hub_settings[i];
		bool by_name = hfenv_name_is_secret(row->name, strlen(row->name));
		if (row->kind == HFENV_HUB_SECRET)
			assert_true(by_name);
		else if (by_name)
			assert_string_equal(row->name, "HF_HUB_DISABLE_IMPLICIT_TOKEN");
	}
}

int main(void)
{
	const struct CMUnitTest functions[] = {
		cmocka_unit_test(secrets_never_appear_in_a_message),
		cmocka_unit_test(the_name_rule_agrees_with_the_table),
	};
	return ENGINE_CASES("hub", cases, functions);
}
