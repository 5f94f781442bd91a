#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "helpers.h"

static void one_spelling_is_copied_to_the_other(void **state)
{
	(void)state;
	char *envp[] = {"HTTPS_PROXY=http://127.0.0.1:7890", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_string_equal(lookup(&r, "https_proxy"), "http://127.0.0.1:7890");
	assert_string_equal(lookup(&r, "HTTPS_PROXY"), "http://127.0.0.1:7890");
	hfenv_result_free(&r);
}

static void clean_environment_is_returned_unchanged(void **state)
{
	(void)state;
	char *envp[] = {"HOME=/root", "http_proxy=http://127.0.0.1:7890", "HTTP_PROXY=http://127.0.0.1:7890",
			"https_proxy=http://127.0.0.1:7890", "HTTPS_PROXY=http://127.0.0.1:7890",
			"all_proxy=http://127.0.0.1:7891", "ALL_PROXY=http://127.0.0.1:7891",
			"no_proxy=localhost,example.com,127.0.0.1,::1", "NO_PROXY=localhost,example.com,127.0.0.1,::1",
			"HF_HUB_DISABLE_XET=1", "PATH=/usr/bin:/bin", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.finding_count, 0);
	assert_int_equal(r.edit_count, 0);
	assert_int_equal(r.env_count, 11);
	for (size_t i = 0; i < 11; i++)
		assert_ptr_equal(r.env[i], envp[i]);
	assert_null(r.env[11]);
	hfenv_result_free(&r);
}

static void empty_environment_gives_empty_result(void **state)
{
	(void)state;
	char *envp[] = {NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.finding_count, 0);
	assert_int_equal(r.edit_count, 0);
	assert_int_equal(r.env_count, 0);
	assert_null(r.env[0]);
	hfenv_result_free(&r);
}

static void untouched_variables_keep_order_and_identity(void **state)
{
	(void)state;
	char *envp[] = {"A=1", "http_proxy=127.0.0.1:7890", "B=2", "NO_PROXY=*.x.com", "C=3",
			"HTTP_PROXY=http://127.0.0.1:1", "D=4", NULL};
	struct hfenv_options opts = {.proxy_loopback = true};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_int_equal(r.env_count, 8);
	assert_ptr_equal(r.env[0], envp[0]);
	assert_string_equal(r.env[1], "http_proxy=http://127.0.0.1:7890");
	assert_ptr_equal(r.env[2], envp[2]);
	assert_string_equal(r.env[3], "NO_PROXY=x.com");
	assert_ptr_equal(r.env[4], envp[4]);
	assert_string_equal(r.env[5], "HTTP_PROXY=http://127.0.0.1:7890");
	assert_ptr_equal(r.env[6], envp[6]);
	assert_string_equal(r.env[7], "no_proxy=x.com");
	hfenv_result_free(&r);
}

static void every_change_is_one_edit_and_one_change_finding(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=127.0.0.1:7890", "HTTPS_PROXY=", NULL};
	struct hfenv_options opts = {.proxy_loopback = true};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.edit_count, 3);
	assert_int_equal(count_findings(&r, HFENV_CHANGE), 3);
	assert_string_equal(find_edit(&r, "http_proxy")->value, "http://127.0.0.1:7890");
	assert_string_equal(find_edit(&r, "HTTP_PROXY")->value, "http://127.0.0.1:7890");
	assert_null(find_edit(&r, "HTTPS_PROXY")->value);
	assert_true(find_finding(&r, HFENV_CHANGE, "changed http_proxy from '127.0.0.1:7890' to 'http://127.0.0.1:7890'", NULL) >= 0);
	assert_true(find_finding(&r, HFENV_CHANGE, "set HTTP_PROXY='http://127.0.0.1:7890'", NULL) >= 0);
	assert_true(find_finding(&r, HFENV_CHANGE, "unset HTTPS_PROXY", NULL) >= 0);
	hfenv_result_free(&r);
}

static void unset_removes_the_variable(void **state)
{
	(void)state;
	char *envp[] = {"A=1", "FOO=bar", "B=2", NULL};
	const char *unset[] = {"FOO"};
	struct hfenv_options opts = {.unset = unset, .unset_count = 1};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_int_equal(r.env_count, 2);
	assert_ptr_equal(r.env[0], envp[0]);
	assert_ptr_equal(r.env[1], envp[2]);
	assert_int_equal(r.edit_count, 1);
	assert_string_equal(r.edits[0].name, "FOO");
	assert_null(r.edits[0].value);
	hfenv_result_free(&r);
}

static void unset_of_a_missing_variable_changes_nothing(void **state)
{
	(void)state;
	char *envp[] = {"A=1", NULL};
	const char *unset[] = {"FOO"};
	struct hfenv_options opts = {.unset = unset, .unset_count = 1};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.finding_count, 0);
	assert_int_equal(r.edit_count, 0);
	assert_int_equal(r.env_count, 1);
	hfenv_result_free(&r);
}

static void unset_is_repeatable(void **state)
{
	(void)state;
	char *envp[] = {"A=1", "B=2", "C=3", NULL};
	const char *unset[] = {"A", "C"};
	struct hfenv_options opts = {.unset = unset, .unset_count = 2};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.env_count, 1);
	assert_ptr_equal(r.env[0], envp[1]);
	hfenv_result_free(&r);
}

static void unset_of_both_spellings_removes_the_proxy(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=http://127.0.0.1:1", "HTTP_PROXY=http://127.0.0.1:1", NULL};
	const char *unset[] = {"http_proxy", "HTTP_PROXY"};
	struct hfenv_options opts = {.unset = unset, .unset_count = 2};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.env_count, 0);
	hfenv_result_free(&r);
}

static void unset_of_one_spelling_is_refilled_from_the_other(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=http://127.0.0.1:1", "HTTP_PROXY=http://127.0.0.1:2", NULL};
	const char *unset[] = {"http_proxy"};
	struct hfenv_options opts = {.unset = unset, .unset_count = 1};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(count_findings(&r, HFENV_WARNING), 0);
	assert_string_equal(lookup(&r, "http_proxy"), "http://127.0.0.1:2");
	assert_string_equal(lookup(&r, "HTTP_PROXY"), "http://127.0.0.1:2");
	hfenv_result_free(&r);
}

static void unset_name_with_equals_sign_is_an_error(void **state)
{
	(void)state;
	char *envp[] = {NULL};
	const char *unset[] = {"A=B"};
	struct hfenv_options opts = {.unset = unset, .unset_count = 1};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 1);
	assert_true(find_finding(&r, HFENV_ERROR, "'A=B'", NULL) >= 0);
	hfenv_result_free(&r);
}

static void unset_of_empty_name_is_an_error(void **state)
{
	(void)state;
	char *envp[] = {NULL};
	const char *unset[] = {""};
	struct hfenv_options opts = {.unset = unset, .unset_count = 1};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 1);
	hfenv_result_free(&r);
}

static void assignment_adds_a_new_variable_at_the_end(void **state)
{
	(void)state;
	char *envp[] = {"A=1", NULL};
	const char *assign[] = {"NEW=x y"};
	struct hfenv_options opts = {.assign = assign, .assign_count = 1};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.env_count, 2);
	assert_ptr_equal(r.env[0], envp[0]);
	assert_string_equal(r.env[1], "NEW=x y");
	assert_string_equal(find_edit(&r, "NEW")->value, "x y");
	hfenv_result_free(&r);
}

static void assignments_are_appended_in_command_line_order(void **state)
{
	(void)state;
	char *envp[] = {NULL};
	const char *assign[] = {"Z=1", "A=2", "M=3"};
	struct hfenv_options opts = {.assign = assign, .assign_count = 3};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.env_count, 3);
	assert_string_equal(r.env[0], "Z=1");
	assert_string_equal(r.env[1], "A=2");
	assert_string_equal(r.env[2], "M=3");
	hfenv_result_free(&r);
}

static void assignment_replaces_a_variable_in_place(void **state)
{
	(void)state;
	char *envp[] = {"A=1", "B=2", "C=3", NULL};
	const char *assign[] = {"B=two"};
	struct hfenv_options opts = {.assign = assign, .assign_count = 1};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.env_count, 3);
	assert_string_equal(r.env[1], "B=two");
	assert_ptr_equal(r.env[2], envp[2]);
	hfenv_result_free(&r);
}

static void assignment_of_the_same_value_changes_nothing(void **state)
{
	(void)state;
	char *envp[] = {"A=1", NULL};
	const char *assign[] = {"A=1"};
	struct hfenv_options opts = {.assign = assign, .assign_count = 1};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.finding_count, 0);
	assert_int_equal(r.edit_count, 0);
	assert_ptr_equal(r.env[0], envp[0]);
	hfenv_result_free(&r);
}

static void assignment_with_empty_value_sets_it_empty(void **state)
{
	(void)state;
	char *envp[] = {"A=1", NULL};
	const char *assign[] = {"A="};
	struct hfenv_options opts = {.assign = assign, .assign_count = 1};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(lookup(&r, "A"), "");
	hfenv_result_free(&r);
}

static void later_assignment_of_the_same_name_wins(void **state)
{
	(void)state;
	char *envp[] = {NULL};
	const char *assign[] = {"A=1", "A=2"};
	struct hfenv_options opts = {.assign = assign, .assign_count = 2};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.env_count, 1);
	assert_string_equal(lookup(&r, "A"), "2");
	hfenv_result_free(&r);
}

static void assignment_applies_after_unset(void **state)
{
	(void)state;
	char *envp[] = {"A=old", NULL};
	const char *unset[] = {"A"};
	const char *assign[] = {"A=new"};
	struct hfenv_options opts = {.unset = unset, .unset_count = 1, .assign = assign, .assign_count = 1};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.env_count, 1);
	assert_string_equal(r.env[0], "A=new");
	hfenv_result_free(&r);
}

static void assigned_proxy_is_normalized(void **state)
{
	(void)state;
	char *envp[] = {"HTTPS_PROXY=http://127.0.0.1:1", NULL};
	const char *assign[] = {"HTTPS_PROXY=127.0.0.1:7890"};
	struct hfenv_options opts = {.assign = assign, .assign_count = 1};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_string_equal(lookup(&r, "HTTPS_PROXY"), "http://127.0.0.1:7890");
	assert_string_equal(lookup(&r, "https_proxy"), "http://127.0.0.1:7890");
	hfenv_result_free(&r);
}

static void assignment_with_empty_name_is_an_error(void **state)
{
	(void)state;
	char *envp[] = {NULL};
	const char *assign[] = {"=x"};
	struct hfenv_options opts = {.assign = assign, .assign_count = 1};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 1);
	hfenv_result_free(&r);
}

static void assignment_without_equals_sign_is_an_error(void **state)
{
	(void)state;
	char *envp[] = {NULL};
	const char *assign[] = {"x"};
	struct hfenv_options opts = {.assign = assign, .assign_count = 1};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 1);
	hfenv_result_free(&r);
}

static void no_xet_sets_both_variables(void **state)
{
	(void)state;
	char *envp[] = {"A=1", NULL};
	struct hfenv_options opts = {.no_xet = true};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_int_equal(count_findings(&r, HFENV_WARNING), 0);
	assert_string_equal(lookup(&r, "HF_HUB_DISABLE_XET"), "1");
	assert_string_equal(lookup(&r, "HF_HUB_DISABLE_XETHUB"), "1");
	assert_int_equal(r.edit_count, 2);
	hfenv_result_free(&r);
}

static void no_xet_keeps_a_true_value(void **state)
{
	(void)state;
	char *envp[] = {"HF_HUB_DISABLE_XET=YES", "HF_HUB_DISABLE_XETHUB=1", NULL};
	struct hfenv_options opts = {.no_xet = true};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.finding_count, 0);
	assert_int_equal(r.edit_count, 0);
	hfenv_result_free(&r);
}

static void no_xet_overrides_a_false_value(void **state)
{
	(void)state;
	char *envp[] = {"HF_HUB_DISABLE_XET=0", NULL};
	struct hfenv_options opts = {.no_xet = true};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(r.env[0], "HF_HUB_DISABLE_XET=1");
	hfenv_result_free(&r);
}

static void without_no_xet_xet_variables_are_untouched(void **state)
{
	(void)state;
	char *envp[] = {"HF_HUB_DISABLE_XET=0", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.edit_count, 0);
	assert_ptr_equal(r.env[0], envp[0]);
	hfenv_result_free(&r);
}

static void proxy_option_sets_both_pairs(void **state)
{
	(void)state;
	char *envp[] = {"HTTP_PROXY=http://127.0.0.1:1", NULL};
	struct hfenv_options opts = {.proxy = "127.0.0.1:7890"};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_int_equal(count_findings(&r, HFENV_WARNING), 0);
	const char *names[] = {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"};
	for (size_t i = 0; i < 4; i++)
		assert_string_equal(lookup(&r, names[i]), "http://127.0.0.1:7890");
	assert_null(lookup(&r, "all_proxy"));
	hfenv_result_free(&r);
}

static void invalid_proxy_option_is_an_error(void **state)
{
	(void)state;
	char *envp[] = {NULL};
	struct hfenv_options opts = {.proxy = "ftp://127.0.0.1:21"};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 1);
	assert_true(find_finding(&r, HFENV_ERROR, "--proxy", "ftp://127.0.0.1:21", NULL) >= 0);
	hfenv_result_free(&r);
}

static void empty_proxy_option_is_an_error(void **state)
{
	(void)state;
	char *envp[] = {NULL};
	struct hfenv_options opts = {.proxy = " "};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 1);
	assert_true(find_finding(&r, HFENV_ERROR, "--proxy", NULL) >= 0);
	hfenv_result_free(&r);
}

static void hfenv_proxy_sets_both_pairs(void **state)
{
	(void)state;
	char *envp[] = {"HFENV_PROXY=http://127.0.0.1:7890", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_string_equal(lookup(&r, "https_proxy"), "http://127.0.0.1:7890");
	assert_string_equal(lookup(&r, "HTTP_PROXY"), "http://127.0.0.1:7890");
	assert_ptr_equal(r.env[0], envp[0]);
	hfenv_result_free(&r);
}

static void proxy_option_wins_over_hfenv_proxy(void **state)
{
	(void)state;
	char *envp[] = {"HFENV_PROXY=ftp://not-used", NULL};
	struct hfenv_options opts = {.proxy = "http://127.0.0.1:7890"};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_string_equal(lookup(&r, "https_proxy"), "http://127.0.0.1:7890");
	hfenv_result_free(&r);
}

static void invalid_hfenv_proxy_is_an_error(void **state)
{
	(void)state;
	char *envp[] = {"HFENV_PROXY=http://127.0.0.1:0", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 1);
	assert_true(find_finding(&r, HFENV_ERROR, "HFENV_PROXY", "port", NULL) >= 0);
	hfenv_result_free(&r);
}

static void empty_hfenv_proxy_is_ignored(void **state)
{
	(void)state;
	char *envp[] = {"HFENV_PROXY=", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.finding_count, 0);
	assert_int_equal(r.edit_count, 0);
	hfenv_result_free(&r);
}

static void hfenv_proxy_from_an_assignment_is_used(void **state)
{
	(void)state;
	char *envp[] = {NULL};
	const char *assign[] = {"HFENV_PROXY=127.0.0.1:7890"};
	struct hfenv_options opts = {.assign = assign, .assign_count = 1};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(lookup(&r, "http_proxy"), "http://127.0.0.1:7890");
	assert_string_equal(lookup(&r, "HFENV_PROXY"), "127.0.0.1:7890");
	hfenv_result_free(&r);
}

static void unset_hfenv_proxy_is_not_used(void **state)
{
	(void)state;
	char *envp[] = {"HFENV_PROXY=http://127.0.0.1:7890", NULL};
	const char *unset[] = {"HFENV_PROXY"};
	struct hfenv_options opts = {.unset = unset, .unset_count = 1};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.env_count, 0);
	hfenv_result_free(&r);
}

static void hfenv_no_xet_true_sets_both_variables(void **state)
{
	(void)state;
	char *envp[] = {"HFENV_NO_XET=Yes", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(lookup(&r, "HF_HUB_DISABLE_XET"), "1");
	assert_string_equal(lookup(&r, "HF_HUB_DISABLE_XETHUB"), "1");
	hfenv_result_free(&r);
}

static void hfenv_no_xet_false_sets_nothing(void **state)
{
	(void)state;
	const char *values[] = {"HFENV_NO_XET=0", "HFENV_NO_XET=off", "HFENV_NO_XET=NO", "HFENV_NO_XET=False", "HFENV_NO_XET="};
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		char *envp[] = {(char *)values[i], NULL};
		struct hfenv_options opts = {0};
		struct hfenv_result r;
		normalize(&opts, envp, &r);
		assert_int_equal(r.finding_count, 0);
		assert_int_equal(r.edit_count, 0);
		hfenv_result_free(&r);
	}
}

static void unknown_setting_value_is_false_with_a_warning(void **state)
{
	(void)state;
	char *envp[] = {"HFENV_NO_XET=maybe", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_null(lookup(&r, "HF_HUB_DISABLE_XET"));
	assert_true(find_finding(&r, HFENV_WARNING, "HFENV_NO_XET='maybe'", NULL) >= 0);
	hfenv_result_free(&r);
}

static void no_xet_option_wins_over_false_setting(void **state)
{
	(void)state;
	char *envp[] = {"HFENV_NO_XET=0", NULL};
	struct hfenv_options opts = {.no_xet = true};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(lookup(&r, "HF_HUB_DISABLE_XET"), "1");
	hfenv_result_free(&r);
}

static void hfenv_allow_socks_lets_socks_through(void **state)
{
	(void)state;
	char *envp[] = {"HFENV_ALLOW_SOCKS=on", "https_proxy=socks5://127.0.0.1:1080", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_string_equal(lookup(&r, "HTTPS_PROXY"), "socks5h://127.0.0.1:1080");
	hfenv_result_free(&r);
}

static void hfenv_prefer_upper_picks_upper(void **state)
{
	(void)state;
	char *envp[] = {"HFENV_PREFER=upper", "http_proxy=http://127.0.0.1:1", "HTTP_PROXY=http://127.0.0.1:2", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(lookup(&r, "http_proxy"), "http://127.0.0.1:2");
	hfenv_result_free(&r);
}

static void hfenv_prefer_ignores_case(void **state)
{
	(void)state;
	char *envp[] = {"HFENV_PREFER=UPPER", "http_proxy=http://127.0.0.1:1", "HTTP_PROXY=http://127.0.0.1:2", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_string_equal(lookup(&r, "http_proxy"), "http://127.0.0.1:2");
	hfenv_result_free(&r);
}

static void hfenv_prefer_lower_picks_lower(void **state)
{
	(void)state;
	char *envp[] = {"HFENV_PREFER=lower", "http_proxy=http://127.0.0.1:1", "HTTP_PROXY=http://127.0.0.1:2", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(lookup(&r, "HTTP_PROXY"), "http://127.0.0.1:1");
	hfenv_result_free(&r);
}

static void invalid_hfenv_prefer_is_an_error(void **state)
{
	(void)state;
	char *envp[] = {"HFENV_PREFER=both", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 1);
	assert_true(find_finding(&r, HFENV_ERROR, "HFENV_PREFER='both'", NULL) >= 0);
	hfenv_result_free(&r);
}

static void prefer_option_wins_over_hfenv_prefer(void **state)
{
	(void)state;
	char *envp[] = {"HFENV_PREFER=upper", "http_proxy=http://127.0.0.1:1", "HTTP_PROXY=http://127.0.0.1:2", NULL};
	struct hfenv_options opts = {.prefer = HFENV_PREFER_LOWER};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(lookup(&r, "HTTP_PROXY"), "http://127.0.0.1:1");
	hfenv_result_free(&r);
}

static void prefer_option_wins_over_invalid_hfenv_prefer(void **state)
{
	(void)state;
	char *envp[] = {"HFENV_PREFER=both", NULL};
	struct hfenv_options opts = {.prefer = HFENV_PREFER_UPPER};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	hfenv_result_free(&r);
}

static void hfenv_verbose_and_quiet_are_reported(void **state)
{
	(void)state;
	char *envp[] = {"HFENV_VERBOSE=TRUE", "HFENV_QUIET=1", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_true(r.verbose);
	assert_true(r.quiet);
	assert_int_equal(r.finding_count, 0);
	hfenv_result_free(&r);
}

static void verbose_and_quiet_default_to_false(void **state)
{
	(void)state;
	char *envp[] = {NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_false(r.verbose);
	assert_false(r.quiet);
	hfenv_result_free(&r);
}

static void verbose_and_quiet_options_win_over_false_settings(void **state)
{
	(void)state;
	char *envp[] = {"HFENV_VERBOSE=0", "HFENV_QUIET=no", NULL};
	struct hfenv_options opts = {.verbose = true, .quiet = true};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_true(r.verbose);
	assert_true(r.quiet);
	hfenv_result_free(&r);
}

static void settings_pass_through_to_the_command(void **state)
{
	(void)state;
	char *envp[] = {"HFENV_QUIET=1", "HFENV_PREFER=upper", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.env_count, 2);
	assert_ptr_equal(r.env[0], envp[0]);
	assert_ptr_equal(r.env[1], envp[1]);
	hfenv_result_free(&r);
}

static void duplicate_proxy_variable_keeps_the_first_with_a_warning(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=http://127.0.0.1:1", "A=1", "http_proxy=http://127.0.0.1:2",
			"HTTP_PROXY=http://127.0.0.1:1", NULL};
	struct hfenv_options opts = {.proxy_loopback = true};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_int_equal(r.env_count, 3);
	assert_ptr_equal(r.env[0], envp[0]);
	assert_ptr_equal(r.env[1], envp[1]);
	assert_ptr_equal(r.env[2], envp[3]);
	assert_true(find_finding(&r, HFENV_WARNING, "http_proxy", "2 times", NULL) >= 0);
	assert_int_equal(r.edit_count, 0);
	hfenv_result_free(&r);
}

static void duplicate_other_variable_passes_through(void **state)
{
	(void)state;
	char *envp[] = {"A=1", "A=2", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.finding_count, 0);
	assert_int_equal(r.env_count, 2);
	assert_ptr_equal(r.env[0], envp[0]);
	assert_ptr_equal(r.env[1], envp[1]);
	hfenv_result_free(&r);
}

static void duplicate_assigned_variable_is_replaced_once(void **state)
{
	(void)state;
	char *envp[] = {"A=1", "B=x", "A=2", NULL};
	const char *assign[] = {"A=3"};
	struct hfenv_options opts = {.assign = assign, .assign_count = 1};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.env_count, 2);
	assert_string_equal(r.env[0], "A=3");
	assert_ptr_equal(r.env[1], envp[1]);
	hfenv_result_free(&r);
}

static void entry_without_equals_sign_passes_through_with_a_warning(void **state)
{
	(void)state;
	char *envp[] = {"A=1", "JUNK", "B=2", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_int_equal(r.env_count, 3);
	assert_ptr_equal(r.env[1], envp[1]);
	assert_true(find_finding(&r, HFENV_WARNING, "'JUNK'", NULL) >= 0);
	assert_int_equal(r.edit_count, 0);
	hfenv_result_free(&r);
}

static void entry_named_like_a_proxy_without_equals_sign_is_not_a_proxy(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_int_equal(r.env_count, 1);
	assert_null(lookup(&r, "HTTP_PROXY"));
	hfenv_result_free(&r);
}

static void errors_leave_no_edits(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=127.0.0.1:7890", "https_proxy=ftp://x", NULL};
	struct hfenv_options opts = {.no_xet = true};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 1);
	assert_int_equal(r.edit_count, 0);
	assert_int_equal(count_findings(&r, HFENV_CHANGE), 0);
	hfenv_result_free(&r);
}

static void normalized_environment_needs_no_further_change(void **state)
{
	(void)state;
	static const struct {
		const char *envp[6];
		struct hfenv_options opts;
	} cases[] = {
		{{"http_proxy=127.0.0.1:7890\r", "HTTPS_PROXY=", "no_proxy= *.a.com,,b", NULL}, {0}},
		{{"http_proxy=http://127.0.0.1:1", "HTTP_PROXY=HTTP://127.0.0.1:2", NULL}, {.prefer = HFENV_PREFER_UPPER}},
		{{"ALL_PROXY=127.0.0.1:7890", "https_proxy=http://127.0.0.1:1", NULL}, {0}},
		{{"REQUEST_METHOD=GET", "HTTP_PROXY=http://127.0.0.1:6666", "all_proxy=http://127.0.0.1:1", NULL}, {0}},
		{{"all_proxy=socks5://127.0.0.1:1080", "https_proxy=socks5h://127.0.0.1:1080", NULL}, {.no_xet = true}},
		{{"A=1", "http_proxy=http://127.0.0.1:1", "http_proxy=http://127.0.0.1:2", NULL}, {.proxy = "127.0.0.1:7890"}},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct hfenv_result first, second;
		normalize(&cases[i].opts, (char *const *)cases[i].envp, &first);
		assert_int_equal(first.error_count, 0);
		assert_true(first.edit_count > 0);
		normalize(&cases[i].opts, first.env, &second);
		if (second.edit_count != 0 || count_findings(&second, HFENV_CHANGE) != 0)
			fail_msg("case %zu: a second pass still changes %s", i, second.edits[0].name);
		hfenv_result_free(&second);
		hfenv_result_free(&first);
	}
}

static void result_free_leaves_an_empty_result(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=127.0.0.1:7890", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	hfenv_result_free(&r);
	assert_null(r.env);
	assert_null(r.findings);
	assert_int_equal(r.finding_count, 0);
	hfenv_result_free(&r);
}

static void path_is_the_first_path_entry(void **state)
{
	(void)state;
	char *envp[] = {"HOME=/root", "PATH=/first", "PATH=/second", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(r.path, "/first");
	hfenv_result_free(&r);
}

static void path_follows_a_path_operand(void **state)
{
	(void)state;
	static const char *const assign[] = {"PATH=/opt/bin"};
	char *envp[] = {"PATH=/usr/bin", NULL};
	struct hfenv_options opts = {.assign = assign, .assign_count = 1};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(r.path, "/opt/bin");
	assert_string_equal(lookup(&r, "PATH"), "/opt/bin");
	hfenv_result_free(&r);
}

static void path_is_null_when_unset(void **state)
{
	(void)state;
	static const char *const unset[] = {"PATH"};
	char *envp[] = {"PATH=/usr/bin", NULL};
	struct hfenv_options opts = {.unset = unset, .unset_count = 1};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_null(r.path);
	assert_null(lookup(&r, "PATH"));
	hfenv_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(one_spelling_is_copied_to_the_other),
		cmocka_unit_test(clean_environment_is_returned_unchanged),
		cmocka_unit_test(empty_environment_gives_empty_result),
		cmocka_unit_test(untouched_variables_keep_order_and_identity),
		cmocka_unit_test(every_change_is_one_edit_and_one_change_finding),
		cmocka_unit_test(unset_removes_the_variable),
		cmocka_unit_test(unset_of_a_missing_variable_changes_nothing),
		cmocka_unit_test(unset_is_repeatable),
		cmocka_unit_test(unset_of_both_spellings_removes_the_proxy),
		cmocka_unit_test(unset_of_one_spelling_is_refilled_from_the_other),
		cmocka_unit_test(unset_name_with_equals_sign_is_an_error),
		cmocka_unit_test(unset_of_empty_name_is_an_error),
		cmocka_unit_test(assignment_adds_a_new_variable_at_the_end),
		cmocka_unit_test(assignments_are_appended_in_command_line_order),
		cmocka_unit_test(assignment_replaces_a_variable_in_place),
		cmocka_unit_test(assignment_of_the_same_value_changes_nothing),
		cmocka_unit_test(assignment_with_empty_value_sets_it_empty),
		cmocka_unit_test(later_assignment_of_the_same_name_wins),
		cmocka_unit_test(assignment_applies_after_unset),
		cmocka_unit_test(assigned_proxy_is_normalized),
		cmocka_unit_test(assignment_with_empty_name_is_an_error),
		cmocka_unit_test(assignment_without_equals_sign_is_an_error),
		cmocka_unit_test(no_xet_sets_both_variables),
		cmocka_unit_test(no_xet_keeps_a_true_value),
		cmocka_unit_test(no_xet_overrides_a_false_value),
		cmocka_unit_test(without_no_xet_xet_variables_are_untouched),
		cmocka_unit_test(proxy_option_sets_both_pairs),
		cmocka_unit_test(invalid_proxy_option_is_an_error),
		cmocka_unit_test(empty_proxy_option_is_an_error),
		cmocka_unit_test(hfenv_proxy_sets_both_pairs),
		cmocka_unit_test(proxy_option_wins_over_hfenv_proxy),
		cmocka_unit_test(invalid_hfenv_proxy_is_an_error),
		cmocka_unit_test(empty_hfenv_proxy_is_ignored),
		cmocka_unit_test(hfenv_proxy_from_an_assignment_is_used),
		cmocka_unit_test(unset_hfenv_proxy_is_not_used),
		cmocka_unit_test(hfenv_no_xet_true_sets_both_variables),
		cmocka_unit_test(hfenv_no_xet_false_sets_nothing),
		cmocka_unit_test(unknown_setting_value_is_false_with_a_warning),
		cmocka_unit_test(no_xet_option_wins_over_false_setting),
		cmocka_unit_test(hfenv_allow_socks_lets_socks_through),
		cmocka_unit_test(hfenv_prefer_upper_picks_upper),
		cmocka_unit_test(hfenv_prefer_ignores_case),
		cmocka_unit_test(hfenv_prefer_lower_picks_lower),
		cmocka_unit_test(invalid_hfenv_prefer_is_an_error),
		cmocka_unit_test(prefer_option_wins_over_hfenv_prefer),
		cmocka_unit_test(prefer_option_wins_over_invalid_hfenv_prefer),
		cmocka_unit_test(hfenv_verbose_and_quiet_are_reported),
		cmocka_unit_test(verbose_and_quiet_default_to_false),
		cmocka_unit_test(verbose_and_quiet_options_win_over_false_settings),
		cmocka_unit_test(settings_pass_through_to_the_command),
		cmocka_unit_test(duplicate_proxy_variable_keeps_the_first_with_a_warning),
		cmocka_unit_test(duplicate_other_variable_passes_through),
		cmocka_unit_test(duplicate_assigned_variable_is_replaced_once),
		cmocka_unit_test(entry_without_equals_sign_passes_through_with_a_warning),
		cmocka_unit_test(entry_named_like_a_proxy_without_equals_sign_is_not_a_proxy),
		cmocka_unit_test(errors_leave_no_edits),
		cmocka_unit_test(normalized_environment_needs_no_further_change),
		cmocka_unit_test(result_free_leaves_an_empty_result),
		cmocka_unit_test(path_is_the_first_path_entry),
		cmocka_unit_test(path_follows_a_path_operand),
		cmocka_unit_test(path_is_null_when_unset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
