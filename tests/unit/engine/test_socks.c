#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "engine_cases.h"

/* A SOCKS URL refused names the HTTP port of the same proxy: a well-known local proxy's, else in words. */
static const struct engine_case cases[] = {
	{"clash_socks_port_names_its_http_port", {"https_proxy=socks5://127.0.0.1:7891"}, {0},
	 {"error: https_proxy='socks5://127.0.0.1:7891' is SOCKS: use 'http://127.0.0.1:7890' or --allow-socks",
	  "errors: 1", "no warnings"}},
	{"v2rayn_socks_port_names_its_http_port", {"HTTPS_PROXY=socks5h://127.0.0.1:10808"}, {0},
	 {"error: HTTPS_PROXY= ... is SOCKS: use 'http://127.0.0.1:10809' or --allow-socks"}},
	{"clash_mixed_port_takes_http_on_the_same_port", {NULL}, {.proxy = "socks5://127.0.0.1:7890"},
	 {"error: --proxy 'socks5://127.0.0.1:7890' is SOCKS: use 'http://127.0.0.1:7890' or --allow-socks"}},
	{"clash_verge_mixed_port_takes_http_on_the_same_port", {"http_proxy=socks5://127.0.0.1:7897"}, {0},
	 {"error: http_proxy='socks5://127.0.0.1:7897' is SOCKS: use 'http://127.0.0.1:7897' or --allow-socks"}},
	{"other_port_names_the_proxys_http_port_in_words", {"https_proxy=socks5://127.0.0.1:1080"}, {0},
	 {"error: https_proxy='socks5://127.0.0.1:1080' is SOCKS: use its HTTP port or --allow-socks"}},
	{"http_url_keeps_the_host_and_the_user_not_the_password", {"HTTPS_PROXY=socks5://u:s3cret@lan:7891/"}, {0},
	 {"error: HTTPS_PROXY= ... use 'http://u:***@lan:7890' or --allow-socks", "no finding: s3cret"}},
	{"http_url_of_an_ipv6_proxy_keeps_its_brackets", {"https_proxy=socks5://[::1]:10808"}, {0},
	 {"error: use 'http://[::1]:10809' or --allow-socks"}},
	{"both_spellings_on_a_known_port_are_one_error_naming_the_http_url",
	 {"http_proxy=socks5://127.0.0.1:7891", "https_proxy=socks5://127.0.0.1:7891"}, {0},
	 {"error: http_proxy and https_proxy are SOCKS: use 'http://127.0.0.1:7890' or --allow-socks", "errors: 1"}},
	{"socks_all_proxy_alone_on_a_known_port_names_the_option_to_add", {"ALL_PROXY=socks5://127.0.0.1:7890"}, {0},
	 {"error: ALL_PROXY is SOCKS only: add -p 'http://127.0.0.1:7890' or --allow-socks", "errors: 1"}},
	{"socks_all_proxy_alone_on_another_port_names_the_http_port_in_words", {"all_proxy=socks5h://127.0.0.1:1080"}, {0},
	 {"error: all_proxy='socks5h://127.0.0.1:1080' is SOCKS only: use its HTTP port or --allow-socks"}},
	{"verbose_refusal_names_the_local_proxy_and_says_why", {"https_proxy=socks5://127.0.0.1:7891"}, {.verbose = true},
	 {"errors: 1", "warning: SOCKS: 7891 is Clash's SOCKS port; its HTTP port is 7890",
	  "warning: SOCKS: aria2c, Debian's reqwest and hf_xet < 1.2.0 ignore it and connect directly",
	  "warning: SOCKS: requests needs PySocks"}},
	{"verbose_refusal_names_v2rayn", {"ALL_PROXY=socks5://127.0.0.1:10808"}, {.verbose = true},
	 {"warning: SOCKS: 10808 is V2RayN's SOCKS port; its HTTP port is 10809",
	  "warning: SOCKS: ALL_PROXY is the only proxy for http and https URLs"}},
	{"verbose_refusal_on_another_port_still_says_why", {"https_proxy=socks5://127.0.0.1:1080"}, {.verbose = true},
	 {"warning: SOCKS: aria2c, Debian's reqwest", "no warning: Clash's SOCKS port"}},
};

static void assert_refused(char *entry, const char *name)
{
	char *envp[] = {entry, NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	char named[32];
	snprintf(named, sizeof named, "%s=", name);
	if (find_finding(&r, HFENV_ERROR, named, "SOCKS", NULL) < 0)
		fail_msg("'%s' was not refused as SOCKS in %s", entry, name);
	assert_int_equal(r.edit_count, 0);
	hfenv_result_free(&r);
}

static void socks_in_http_proxy_is_refused(void **state)
{
	(void)state;
	assert_refused("http_proxy=socks5://127.0.0.1:1080", "http_proxy");
}

static void socks_in_upper_http_proxy_is_refused(void **state)
{
	(void)state;
	assert_refused("HTTP_PROXY=socks5h://127.0.0.1:1080", "HTTP_PROXY");
}

static void socks_in_https_proxy_is_refused(void **state)
{
	(void)state;
	assert_refused("https_proxy=socks4://127.0.0.1:1080", "https_proxy");
}

static void socks_in_upper_https_proxy_is_refused(void **state)
{
	(void)state;
	assert_refused("HTTPS_PROXY=socks4a://127.0.0.1:1080", "HTTPS_PROXY");
}

static void socks_all_proxy_as_only_proxy_is_refused(void **state)
{
	(void)state;
	assert_refused("all_proxy=socks5://127.0.0.1:1080", "all_proxy");
	assert_refused("ALL_PROXY=socks5://127.0.0.1:1080", "ALL_PROXY");
}

static void socks_all_proxy_as_fallback_for_https_is_refused(void **state)
{
	(void)state;
	char *envp[] = {"all_proxy=socks5://127.0.0.1:1080", "http_proxy=http://127.0.0.1:7890", NULL};
	struct hfenv_options opts = {.verbose = true};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 1);
	assert_true(find_finding(&r, HFENV_ERROR, "all_proxy=", "SOCKS only", NULL) >= 0);
	assert_true(find_finding(&r, HFENV_WARNING, "all_proxy is the only proxy for https URLs", NULL) >= 0);
	hfenv_result_free(&r);
}

static void socks_all_proxy_as_fallback_for_http_is_refused(void **state)
{
	(void)state;
	char *envp[] = {"ALL_PROXY=socks5://127.0.0.1:1080", "HTTPS_PROXY=http://127.0.0.1:7890", NULL};
	struct hfenv_options opts = {.verbose = true};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 1);
	assert_true(find_finding(&r, HFENV_ERROR, "ALL_PROXY=", "is SOCKS only", NULL) >= 0);
	assert_true(find_finding(&r, HFENV_WARNING, "ALL_PROXY is the only proxy for http URLs", NULL) >= 0);
	hfenv_result_free(&r);
}

static void socks_refusal_says_what_to_do(void **state)
{
	(void)state;
	char *envp[] = {"https_proxy=socks5://127.0.0.1:7891", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_true(find_finding(&r, HFENV_ERROR, "SOCKS: use 'http://127.0.0.1:7890' or --allow-socks", NULL) >= 0);
	assert_int_equal(count_findings(&r, HFENV_WARNING), 0);
	hfenv_result_free(&r);
}

static void socks_let_through_says_why_with_verbose(void **state)
{
	(void)state;
	char *envp[] = {"https_proxy=socks5://127.0.0.1:7891", NULL};
	struct hfenv_options opts = {.verbose = true, .allow_socks = true};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_true(find_finding(&r, HFENV_WARNING, "reqwest", "directly", NULL) >= 0);
	assert_true(find_finding(&r, HFENV_WARNING, "7890", "10809", NULL) >= 0);
	assert_int_equal(r.error_count, 0);
	hfenv_result_free(&r);
}

static void socks_proxy_option_is_one_error(void **state)
{
	(void)state;
	struct hfenv_options opts = {.proxy = "socks5://127.0.0.1:7891"};
	struct hfenv_result r;
	normalize(&opts, (char *[]){NULL}, &r);
	assert_int_equal(r.error_count, 1);
	assert_true(find_finding(&r, HFENV_ERROR, "--proxy 'socks5://127.0.0.1:7891' is SOCKS", NULL) >= 0);
	hfenv_result_free(&r);
}

static void socks_in_both_https_spellings_is_one_error_naming_both(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=socks5h://127.0.0.1:1", "https_proxy=socks5h://127.0.0.1:1", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 1);
	assert_true(find_finding(&r, HFENV_ERROR, "http_proxy and https_proxy are SOCKS: use its HTTP port", NULL) >= 0);
	hfenv_result_free(&r);
}

static char *clash_triple[] = {"https_proxy=http://127.0.0.1:7890", "http_proxy=http://127.0.0.1:7890",
			       "all_proxy=socks5://127.0.0.1:7890", NULL};

static void clash_socks_all_proxy_beside_http_proxies_is_removed(void **state)
{
	(void)state;
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, clash_triple, &r);
	assert_int_equal(r.error_count, 0);
	assert_null(lookup(&r, "all_proxy"));
	assert_null(lookup(&r, "ALL_PROXY"));
	assert_string_equal(lookup(&r, "HTTP_PROXY"), "http://127.0.0.1:7890");
	assert_string_equal(lookup(&r, "HTTPS_PROXY"), "http://127.0.0.1:7890");
	hfenv_result_free(&r);
}

static void removed_socks_all_proxy_is_a_change_naming_httpx_not_a_warning(void **state)
{
	(void)state;
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, clash_triple, &r);
	assert_int_equal(count_findings(&r, HFENV_WARNING), 0);
	assert_true(find_finding(&r, HFENV_CHANGE, "all_proxy is SOCKS", "removed", "httpx", "socksio", NULL) >= 0);
	hfenv_result_free(&r);
}

static void both_spellings_of_a_socks_all_proxy_beside_http_proxies_are_removed(void **state)
{
	(void)state;
	char *envp[] = {"HTTP_PROXY=http://127.0.0.1:7890", "HTTPS_PROXY=http://127.0.0.1:7890",
			"ALL_PROXY=socks5h://127.0.0.1:7891", "all_proxy=socks5h://127.0.0.1:7891", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_null(lookup(&r, "all_proxy"));
	assert_null(lookup(&r, "ALL_PROXY"));
	hfenv_result_free(&r);
}

static void http_all_proxy_beside_http_proxies_is_kept(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=http://127.0.0.1:7890", "https_proxy=http://127.0.0.1:7890",
			"all_proxy=http://127.0.0.1:7891", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(count_findings(&r, HFENV_WARNING), 0);
	assert_string_equal(lookup(&r, "ALL_PROXY"), "http://127.0.0.1:7891");
	hfenv_result_free(&r);
}

static void socks_all_proxy_next_to_proxy_option_is_removed(void **state)
{
	(void)state;
	char *envp[] = {"ALL_PROXY=socks5://127.0.0.1:1080", NULL};
	struct hfenv_options opts = {.proxy = "127.0.0.1:7890"};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_string_equal(lookup(&r, "https_proxy"), "http://127.0.0.1:7890");
	assert_null(lookup(&r, "ALL_PROXY"));
	hfenv_result_free(&r);
}

static void allow_socks_keeps_clash_all_proxy_as_socks5h(void **state)
{
	(void)state;
	struct hfenv_options opts = {.allow_socks = true};
	struct hfenv_result r;
	normalize(&opts, clash_triple, &r);
	assert_int_equal(r.error_count, 0);
	assert_string_equal(lookup(&r, "all_proxy"), "socks5h://127.0.0.1:7890");
	assert_string_equal(lookup(&r, "ALL_PROXY"), "socks5h://127.0.0.1:7890");
	assert_string_equal(lookup(&r, "https_proxy"), "http://127.0.0.1:7890");
	hfenv_result_free(&r);
}

static void allowed_socks_warning_says_what_each_client_needs_and_where_names_resolve(void **state)
{
	(void)state;
	struct hfenv_options opts = {.allow_socks = true};
	struct hfenv_result r;
	normalize(&opts, clash_triple, &r);
	assert_int_equal(count_findings(&r, HFENV_WARNING), 1);
	assert_true(find_finding(&r, HFENV_WARNING, "--allow-socks", "httpx", "socksio", "requests", "PySocks", NULL) >= 0);
	hfenv_result_free(&r);
	opts.verbose = true;
	normalize(&opts, clash_triple, &r);
	assert_true(find_finding(&r, HFENV_WARNING, "socks5h://", "resolves names at the proxy", NULL) >= 0);
	hfenv_result_free(&r);
}

static void allowed_socks4_is_kept_and_said_to_resolve_names_in_the_client(void **state)
{
	(void)state;
	char *envp[] = {"all_proxy=socks4://127.0.0.1:1080", NULL};
	struct hfenv_options opts = {.allow_socks = true, .verbose = true};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(lookup(&r, "https_proxy"), "socks4://127.0.0.1:1080");
	assert_true(find_finding(&r, HFENV_WARNING, "socks4://", "resolves names itself", NULL) >= 0);
	hfenv_result_free(&r);
}

static void allowed_socks5h_is_kept_as_it_is(void **state)
{
	(void)state;
	char *envp[] = {"HTTPS_PROXY=socks5h://u:p@127.0.0.1:1080", NULL};
	struct hfenv_options opts = {.allow_socks = true};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(lookup(&r, "https_proxy"), "socks5h://u:p@127.0.0.1:1080");
	hfenv_result_free(&r);
}

static void socks_proxy_option_is_refused(void **state)
{
	(void)state;
	char *envp[] = {NULL};
	struct hfenv_options opts = {.proxy = "socks5://127.0.0.1:1080"};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_true(r.error_count > 0);
	assert_true(find_finding(&r, HFENV_ERROR, "SOCKS", NULL) >= 0);
	hfenv_result_free(&r);
}

static void allow_socks_lets_socks_through_with_one_warning(void **state)
{
	(void)state;
	char *envp[] = {"HTTPS_PROXY=socks5://127.0.0.1:1080", NULL};
	struct hfenv_options opts = {.allow_socks = true};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_int_equal(count_findings(&r, HFENV_WARNING), 1);
	assert_string_equal(lookup(&r, "https_proxy"), "socks5h://127.0.0.1:1080");
	hfenv_result_free(&r);
}

static void allowed_socks_all_proxy_fills_the_unset_pairs(void **state)
{
	(void)state;
	char *envp[] = {"all_proxy=socks5://127.0.0.1:1080", NULL};
	struct hfenv_options opts = {.allow_socks = true};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_string_equal(lookup(&r, "ALL_PROXY"), "socks5h://127.0.0.1:1080");
	assert_string_equal(lookup(&r, "http_proxy"), "socks5h://127.0.0.1:1080");
	assert_string_equal(lookup(&r, "HTTPS_PROXY"), "socks5h://127.0.0.1:1080");
	hfenv_result_free(&r);
}

static void no_xet_lets_socks_through_with_a_python_warning(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=socks5://127.0.0.1:1080", "https_proxy=socks5://127.0.0.1:1080", NULL};
	struct hfenv_options opts = {.no_xet = true};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_int_equal(count_findings(&r, HFENV_WARNING), 1);
	assert_true(find_finding(&r, HFENV_WARNING, "SOCKS", "Xet is off", "socksio", "PySocks", NULL) >= 0);
	assert_string_equal(lookup(&r, "HTTPS_PROXY"), "socks5h://127.0.0.1:1080");
	assert_string_equal(lookup(&r, "HF_HUB_DISABLE_XET"), "1");
	hfenv_result_free(&r);
}

static void no_xet_lets_socks_all_proxy_through_with_a_warning(void **state)
{
	(void)state;
	char *envp[] = {"all_proxy=socks5://127.0.0.1:1080", NULL};
	struct hfenv_options opts = {.no_xet = true};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_true(find_finding(&r, HFENV_WARNING, "PySocks", NULL) >= 0);
	assert_string_equal(lookup(&r, "ALL_PROXY"), "socks5h://127.0.0.1:1080");
	hfenv_result_free(&r);
}

static void no_xet_still_removes_a_socks_all_proxy_beside_http_proxies(void **state)
{
	(void)state;
	struct hfenv_options opts = {.no_xet = true};
	struct hfenv_result r;
	normalize(&opts, clash_triple, &r);
	assert_int_equal(count_findings(&r, HFENV_WARNING), 0);
	assert_true(find_finding(&r, HFENV_CHANGE, "removed", NULL) >= 0);
	assert_null(lookup(&r, "ALL_PROXY"));
	hfenv_result_free(&r);
}

static void socks_losing_spelling_is_not_refused(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=http://127.0.0.1:7890", "HTTP_PROXY=socks5://127.0.0.1:1080", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_string_equal(lookup(&r, "HTTP_PROXY"), "http://127.0.0.1:7890");
	hfenv_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(socks_in_http_proxy_is_refused),
		cmocka_unit_test(socks_in_upper_http_proxy_is_refused),
		cmocka_unit_test(socks_in_https_proxy_is_refused),
		cmocka_unit_test(socks_in_upper_https_proxy_is_refused),
		cmocka_unit_test(socks_all_proxy_as_only_proxy_is_refused),
		cmocka_unit_test(socks_all_proxy_as_fallback_for_https_is_refused),
		cmocka_unit_test(socks_all_proxy_as_fallback_for_http_is_refused),
		cmocka_unit_test(socks_refusal_says_what_to_do),
		cmocka_unit_test(socks_let_through_says_why_with_verbose),
		cmocka_unit_test(socks_proxy_option_is_one_error),
		cmocka_unit_test(socks_in_both_https_spellings_is_one_error_naming_both),
		cmocka_unit_test(clash_socks_all_proxy_beside_http_proxies_is_removed),
		cmocka_unit_test(removed_socks_all_proxy_is_a_change_naming_httpx_not_a_warning),
		cmocka_unit_test(both_spellings_of_a_socks_all_proxy_beside_http_proxies_are_removed),
		cmocka_unit_test(http_all_proxy_beside_http_proxies_is_kept),
		cmocka_unit_test(socks_all_proxy_next_to_proxy_option_is_removed),
		cmocka_unit_test(allow_socks_keeps_clash_all_proxy_as_socks5h),
		cmocka_unit_test(allowed_socks_warning_says_what_each_client_needs_and_where_names_resolve),
		cmocka_unit_test(allowed_socks4_is_kept_and_said_to_resolve_names_in_the_client),
		cmocka_unit_test(allowed_socks5h_is_kept_as_it_is),
		cmocka_unit_test(socks_proxy_option_is_refused),
		cmocka_unit_test(allow_socks_lets_socks_through_with_one_warning),
		cmocka_unit_test(allowed_socks_all_proxy_fills_the_unset_pairs),
		cmocka_unit_test(no_xet_lets_socks_through_with_a_python_warning),
		cmocka_unit_test(no_xet_lets_socks_all_proxy_through_with_a_warning),
		cmocka_unit_test(no_xet_still_removes_a_socks_all_proxy_beside_http_proxies),
		cmocka_unit_test(socks_losing_spelling_is_not_refused),
	};
	return ENGINE_CASES("socks", cases, tests);
}
