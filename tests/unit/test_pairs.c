#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "helpers.h"

static const char *const pair_names[][2] = {
	{"http_proxy", "HTTP_PROXY"},
	{"https_proxy", "HTTPS_PROXY"},
	{"all_proxy", "ALL_PROXY"},
	{"no_proxy", "NO_PROXY"},
};

static void surrounding_blanks_cr_and_lf_are_stripped_with_a_warning(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy= \thttp://127.0.0.1:7890\r\n", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_string_equal(lookup(&r, "http_proxy"), "http://127.0.0.1:7890");
	assert_string_equal(lookup(&r, "HTTP_PROXY"), "http://127.0.0.1:7890");
	assert_true(find_finding(&r, HFENV_WARNING, "http_proxy=", "blanks", NULL) >= 0);
	hfenv_result_free(&r);
}

static void trailing_cr_is_stripped_in_every_pair(void **state)
{
	(void)state;
	char *envp[] = {"HTTP_PROXY=http://127.0.0.1:1\r", "HTTPS_PROXY=http://127.0.0.1:2\r",
			"ALL_PROXY=http://127.0.0.1:3\r", "NO_PROXY=localhost,127.0.0.1,::1\r", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_string_equal(lookup(&r, "HTTP_PROXY"), "http://127.0.0.1:1");
	assert_string_equal(lookup(&r, "HTTPS_PROXY"), "http://127.0.0.1:2");
	assert_string_equal(lookup(&r, "ALL_PROXY"), "http://127.0.0.1:3");
	assert_string_equal(lookup(&r, "NO_PROXY"), "localhost,127.0.0.1,::1");
	for (size_t i = 0; i < 4; i++)
		assert_true(find_finding(&r, HFENV_WARNING, pair_names[i][1], "blanks", NULL) >= 0);
	hfenv_result_free(&r);
}

static void empty_value_is_removed(void **state)
{
	(void)state;
	for (size_t i = 0; i < 4; i++) {
		for (size_t c = 0; c < 2; c++) {
			char entry[64];
			snprintf(entry, sizeof entry, "%s=", pair_names[i][c]);
			char *envp[] = {"A=1", entry, "B=2", NULL};
			struct hfenv_options opts = {0};
			struct hfenv_result r;
			normalize(&opts, envp, &r);
			assert_int_equal(r.error_count, 0);
			assert_int_equal(r.env_count, 2);
			assert_string_equal(r.env[0], "A=1");
			assert_string_equal(r.env[1], "B=2");
			assert_int_equal(r.edit_count, 1);
			assert_string_equal(r.edits[0].name, pair_names[i][c]);
			assert_null(r.edits[0].value);
			hfenv_result_free(&r);
		}
	}
}

static void empty_spelling_takes_the_other_spellings_value(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=", "HTTP_PROXY=http://127.0.0.1:7890", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_string_equal(lookup(&r, "http_proxy"), "http://127.0.0.1:7890");
	assert_string_equal(lookup(&r, "HTTP_PROXY"), "http://127.0.0.1:7890");
	assert_int_equal(find_finding(&r, HFENV_WARNING, "differ", NULL), -1);
	hfenv_result_free(&r);
}

static void blank_only_value_is_removed_with_a_warning(void **state)
{
	(void)state;
	char *envp[] = {"https_proxy= \r\n", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_int_equal(r.env_count, 0);
	assert_true(find_finding(&r, HFENV_WARNING, "https_proxy=", "blanks", NULL) >= 0);
	hfenv_result_free(&r);
}

static void lower_spelling_is_copied_to_upper_in_every_pair(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=http://127.0.0.1:1", "https_proxy=http://127.0.0.1:2",
			"all_proxy=http://127.0.0.1:3", "no_proxy=localhost,127.0.0.1,::1", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_int_equal(r.finding_count, 4);
	assert_int_equal(count_findings(&r, HFENV_CHANGE), 4);
	assert_string_equal(lookup(&r, "HTTP_PROXY"), "http://127.0.0.1:1");
	assert_string_equal(lookup(&r, "HTTPS_PROXY"), "http://127.0.0.1:2");
	assert_string_equal(lookup(&r, "ALL_PROXY"), "http://127.0.0.1:3");
	assert_string_equal(lookup(&r, "NO_PROXY"), "localhost,127.0.0.1,::1");
	hfenv_result_free(&r);
}

static void upper_spelling_is_copied_to_lower_in_every_pair(void **state)
{
	(void)state;
	char *envp[] = {"HTTP_PROXY=http://127.0.0.1:1", "HTTPS_PROXY=http://127.0.0.1:2",
			"ALL_PROXY=http://127.0.0.1:3", "NO_PROXY=localhost,127.0.0.1,::1", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_int_equal(r.finding_count, 4);
	assert_string_equal(lookup(&r, "http_proxy"), "http://127.0.0.1:1");
	assert_string_equal(lookup(&r, "https_proxy"), "http://127.0.0.1:2");
	assert_string_equal(lookup(&r, "all_proxy"), "http://127.0.0.1:3");
	assert_string_equal(lookup(&r, "no_proxy"), "localhost,127.0.0.1,::1");
	hfenv_result_free(&r);
}

static void copy_appends_the_new_spelling_at_the_end(void **state)
{
	(void)state;
	char *envp[] = {"A=1", "HTTPS_PROXY=http://127.0.0.1:7890", "B=2", NULL};
	struct hfenv_options opts = {.proxy_loopback = true};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.env_count, 4);
	assert_ptr_equal(r.env[0], envp[0]);
	assert_ptr_equal(r.env[1], envp[1]);
	assert_ptr_equal(r.env[2], envp[2]);
	assert_string_equal(r.env[3], "https_proxy=http://127.0.0.1:7890");
	assert_int_equal(r.edit_count, 1);
	assert_string_equal(r.edits[0].name, "https_proxy");
	assert_string_equal(r.edits[0].value, "http://127.0.0.1:7890");
	hfenv_result_free(&r);
}

static void equal_pair_is_untouched(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=http://127.0.0.1:7890", "HTTP_PROXY=http://127.0.0.1:7890", NULL};
	struct hfenv_options opts = {.proxy_loopback = true};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.finding_count, 0);
	assert_int_equal(r.edit_count, 0);
	assert_int_equal(r.env_count, 2);
	assert_ptr_equal(r.env[0], envp[0]);
	assert_ptr_equal(r.env[1], envp[1]);
	hfenv_result_free(&r);
}

static void pair_equal_after_normalizing_gives_no_warning(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=127.0.0.1:7890", "HTTP_PROXY=HTTP://127.0.0.1:7890", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(count_findings(&r, HFENV_WARNING), 0);
	assert_string_equal(lookup(&r, "http_proxy"), "http://127.0.0.1:7890");
	assert_string_equal(lookup(&r, "HTTP_PROXY"), "http://127.0.0.1:7890");
	hfenv_result_free(&r);
}

static void differing_pair_takes_lower_by_default_with_a_warning(void **state)
{
	(void)state;
	char *envp[] = {"HTTPS_PROXY=http://127.0.0.1:1", "https_proxy=http://127.0.0.1:2", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_string_equal(lookup(&r, "https_proxy"), "http://127.0.0.1:2");
	assert_string_equal(lookup(&r, "HTTPS_PROXY"), "http://127.0.0.1:2");
	assert_true(find_finding(&r, HFENV_WARNING, "https_proxy='http://127.0.0.1:2'",
				 "HTTPS_PROXY='http://127.0.0.1:1'", "differ", NULL) >= 0);
	hfenv_result_free(&r);
}

static void differing_pair_takes_lower_with_prefer_lower(void **state)
{
	(void)state;
	char *envp[] = {"no_proxy=a", "NO_PROXY=b", NULL};
	struct hfenv_options opts = {.prefer = HFENV_PREFER_LOWER};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(lookup(&r, "no_proxy"), "a");
	assert_string_equal(lookup(&r, "NO_PROXY"), "a");
	assert_true(find_finding(&r, HFENV_WARNING, "no_proxy='a'", "NO_PROXY='b'", NULL) >= 0);
	hfenv_result_free(&r);
}

static void differing_pair_takes_upper_with_prefer_upper(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=http://127.0.0.1:1", "HTTP_PROXY=http://127.0.0.1:2", NULL};
	struct hfenv_options opts = {.prefer = HFENV_PREFER_UPPER};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_string_equal(lookup(&r, "http_proxy"), "http://127.0.0.1:2");
	assert_string_equal(lookup(&r, "HTTP_PROXY"), "http://127.0.0.1:2");
	assert_true(find_finding(&r, HFENV_WARNING, "http_proxy='http://127.0.0.1:1'",
				 "HTTP_PROXY='http://127.0.0.1:2'", "upper", NULL) >= 0);
	hfenv_result_free(&r);
}

static void differing_pair_warning_redacts_both_passwords(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=http://alice:secret@127.0.0.1:1", "HTTP_PROXY=http://bob:secret2@127.0.0.1:2", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_true(find_finding(&r, HFENV_WARNING, "alice:***@127.0.0.1:1", "bob:***@127.0.0.1:2", NULL) >= 0);
	assert_no_finding_contains(&r, "secret");
	hfenv_result_free(&r);
}

static void invalid_losing_spelling_is_replaced_with_a_warning(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=http://127.0.0.1:1", "HTTP_PROXY=ftp://junk", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_string_equal(lookup(&r, "HTTP_PROXY"), "http://127.0.0.1:1");
	assert_true(find_finding(&r, HFENV_WARNING, "differ", "ftp://junk", NULL) >= 0);
	hfenv_result_free(&r);
}

static void invalid_winning_spelling_is_an_error(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=ftp://junk", "HTTP_PROXY=http://127.0.0.1:1", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 1);
	assert_true(find_finding(&r, HFENV_ERROR, "http_proxy='ftp://junk'", NULL) >= 0);
	hfenv_result_free(&r);
}

static void scheme_less_value_gets_http_in_both_spellings(void **state)
{
	(void)state;
	char *envp[] = {"https_proxy=127.0.0.1:7890", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_string_equal(lookup(&r, "https_proxy"), "http://127.0.0.1:7890");
	assert_string_equal(lookup(&r, "HTTPS_PROXY"), "http://127.0.0.1:7890");
	assert_true(find_finding(&r, HFENV_CHANGE, "changed https_proxy", NULL) >= 0);
	hfenv_result_free(&r);
}

static void upper_case_scheme_is_lower_cased_in_place(void **state)
{
	(void)state;
	char *envp[] = {"X=1", "ALL_PROXY=HTTP://127.0.0.1:7890", "all_proxy=HTTP://127.0.0.1:7890", "Y=2", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_string_equal(r.env[1], "ALL_PROXY=http://127.0.0.1:7890");
	assert_string_equal(r.env[2], "all_proxy=http://127.0.0.1:7890");
	assert_ptr_equal(r.env[0], envp[0]);
	assert_ptr_equal(r.env[3], envp[3]);
	hfenv_result_free(&r);
}

static void each_invalid_url_is_an_error_naming_the_variable(void **state)
{
	(void)state;
	static const struct {
		const char *entry;
		enum hfenv_url_status status;
	} cases[] = {
		{"http_proxy=gopher://127.0.0.1:70", HFENV_URL_SCHEME},
		{"HTTP_PROXY=!!!", HFENV_URL_BAD_HOST},
		{"https_proxy=http://:7890", HFENV_URL_NO_HOST},
		{"HTTPS_PROXY=http://a..b:7890", HFENV_URL_DNS_LIMITS},
		{"HTTPS_PROXY=http://127.0.0.1:0", HFENV_URL_BAD_PORT},
		{"all_proxy=http://127.0.0.1:65536", HFENV_URL_BAD_PORT},
		{"ALL_PROXY=http://127.0.0.1:abc", HFENV_URL_BAD_PORT},
		{"http_proxy=http://127.0.0.1:", HFENV_URL_BAD_PORT},
		{"http_proxy=http://::1:7890", HFENV_URL_IPV6_UNBRACKETED},
		{"https_proxy=http://127.0.0.1:7890/path", HFENV_URL_PATH},
		{"https_proxy=http://127.0.0.1:7890?q", HFENV_URL_PATH},
		{"https_proxy=http://127.0.0.1:7890#f", HFENV_URL_PATH},
		{"http_proxy=http://127.0.0.1 :7890", HFENV_URL_CONTROL},
		{"http_proxy=http://127.0.0.1\x01:7890", HFENV_URL_CONTROL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *envp[] = {(char *)cases[i].entry, NULL};
		struct hfenv_options opts = {0};
		struct hfenv_result r;
		normalize(&opts, envp, &r);
		size_t name_len = (size_t)(strchr(cases[i].entry, '=') - cases[i].entry);
		char name[32];
		snprintf(name, sizeof name, "%.*s=", (int)name_len, cases[i].entry);
		if (r.error_count != 1 || find_finding(&r, HFENV_ERROR, name, hfenv_url_status_text(cases[i].status), NULL) < 0)
			fail_msg("'%s': expected one error naming %s with '%s'", cases[i].entry, name,
				 hfenv_url_status_text(cases[i].status));
		assert_int_equal(r.edit_count, 0);
		hfenv_result_free(&r);
	}
}

static void control_character_in_error_message_is_escaped(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=http://127.0.0.1\x1b[2J:7890", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 1);
	assert_true(find_finding(&r, HFENV_ERROR, "\\x1b[2J", NULL) >= 0);
	assert_int_equal(find_finding(&r, HFENV_ERROR, "\x1b", NULL), -1);
	hfenv_result_free(&r);
}

static void http_all_proxy_fills_unset_http_and_https_pairs(void **state)
{
	(void)state;
	char *envp[] = {"all_proxy=http://127.0.0.1:7890", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	const char *names[] = {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "ALL_PROXY"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		const char *value = lookup(&r, names[i]);
		if (value == NULL || strcmp(value, "http://127.0.0.1:7890") != 0)
			fail_msg("%s is %s", names[i], value ? value : "unset");
	}
	hfenv_result_free(&r);
}

static void https_all_proxy_fills_unset_pairs(void **state)
{
	(void)state;
	char *envp[] = {"ALL_PROXY=https://127.0.0.1:7890", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(lookup(&r, "http_proxy"), "https://127.0.0.1:7890");
	assert_string_equal(lookup(&r, "HTTPS_PROXY"), "https://127.0.0.1:7890");
	hfenv_result_free(&r);
}

static void all_proxy_fills_with_its_normalized_value(void **state)
{
	(void)state;
	char *envp[] = {"ALL_PROXY=127.0.0.1:7890", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(lookup(&r, "https_proxy"), "http://127.0.0.1:7890");
	assert_string_equal(lookup(&r, "ALL_PROXY"), "http://127.0.0.1:7890");
	hfenv_result_free(&r);
}

static void all_proxy_leaves_a_set_pair_alone(void **state)
{
	(void)state;
	char *envp[] = {"all_proxy=http://127.0.0.1:1", "HTTPS_PROXY=http://127.0.0.1:2", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(lookup(&r, "https_proxy"), "http://127.0.0.1:2");
	assert_string_equal(lookup(&r, "HTTPS_PROXY"), "http://127.0.0.1:2");
	assert_string_equal(lookup(&r, "http_proxy"), "http://127.0.0.1:1");
	assert_string_equal(lookup(&r, "HTTP_PROXY"), "http://127.0.0.1:1");
	hfenv_result_free(&r);
}

static void no_proxy_list_is_rewritten_in_both_spellings(void **state)
{
	(void)state;
	char *envp[] = {"no_proxy=localhost, *.example.com,,.Example.ORG", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_string_equal(lookup(&r, "no_proxy"), "localhost,example.com,example.org");
	assert_string_equal(lookup(&r, "NO_PROXY"), "localhost,example.com,example.org");
	hfenv_result_free(&r);
}

static void no_proxy_with_only_empty_entries_is_removed(void **state)
{
	(void)state;
	char *envp[] = {"NO_PROXY=,,", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_null(lookup(&r, "NO_PROXY"));
	assert_null(lookup(&r, "no_proxy"));
	hfenv_result_free(&r);
}

static void no_proxy_entry_with_inner_blank_is_an_error(void **state)
{
	(void)state;
	char *envp[] = {"NO_PROXY=localhost 127.0.0.1", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 1);
	assert_true(find_finding(&r, HFENV_ERROR, "NO_PROXY='localhost 127.0.0.1'", NULL) >= 0);
	hfenv_result_free(&r);
}

static void cgi_removes_upper_http_proxy_with_a_warning(void **state)
{
	(void)state;
	char *envp[] = {"REQUEST_METHOD=GET", "HTTP_PROXY=http://127.0.0.1:6666", "http_proxy=http://127.0.0.1:7890", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_null(lookup(&r, "HTTP_PROXY"));
	assert_string_equal(lookup(&r, "http_proxy"), "http://127.0.0.1:7890");
	assert_true(find_finding(&r, HFENV_WARNING, "REQUEST_METHOD", "HTTP_PROXY", NULL) >= 0);
	assert_int_equal(find_finding(&r, HFENV_WARNING, "differ", NULL), -1);
	hfenv_result_free(&r);
}

static void cgi_does_not_copy_upper_http_proxy_to_lower(void **state)
{
	(void)state;
	char *envp[] = {"REQUEST_METHOD=POST", "HTTP_PROXY=http://127.0.0.1:6666", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_null(lookup(&r, "HTTP_PROXY"));
	assert_null(lookup(&r, "http_proxy"));
	assert_true(find_finding(&r, HFENV_WARNING, "httpoxy", NULL) >= 0);
	hfenv_result_free(&r);
}

static void cgi_does_not_copy_lower_http_proxy_to_upper(void **state)
{
	(void)state;
	char *envp[] = {"REQUEST_METHOD=GET", "http_proxy=http://127.0.0.1:7890", NULL};
	struct hfenv_options opts = {.proxy_loopback = true};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.finding_count, 0);
	assert_int_equal(r.edit_count, 0);
	assert_null(lookup(&r, "HTTP_PROXY"));
	assert_string_equal(lookup(&r, "http_proxy"), "http://127.0.0.1:7890");
	hfenv_result_free(&r);
}

static void cgi_normalizes_the_other_pairs_as_usual(void **state)
{
	(void)state;
	char *envp[] = {"REQUEST_METHOD=GET", "HTTPS_PROXY=http://127.0.0.1:1", "all_proxy=http://127.0.0.1:2",
			"NO_PROXY=*.example.com", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_string_equal(lookup(&r, "https_proxy"), "http://127.0.0.1:1");
	assert_string_equal(lookup(&r, "ALL_PROXY"), "http://127.0.0.1:2");
	assert_string_equal(lookup(&r, "no_proxy"), "example.com,localhost,127.0.0.1,::1");
	assert_string_equal(lookup(&r, "NO_PROXY"), "example.com,localhost,127.0.0.1,::1");
	hfenv_result_free(&r);
}

static void cgi_all_proxy_fills_lower_http_proxy_only(void **state)
{
	(void)state;
	char *envp[] = {"REQUEST_METHOD=GET", "ALL_PROXY=http://127.0.0.1:7890", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(lookup(&r, "http_proxy"), "http://127.0.0.1:7890");
	assert_null(lookup(&r, "HTTP_PROXY"));
	assert_string_equal(lookup(&r, "HTTPS_PROXY"), "http://127.0.0.1:7890");
	hfenv_result_free(&r);
}

static void cgi_with_proxy_option_sets_lower_http_proxy_without_httpoxy_warning(void **state)
{
	(void)state;
	char *envp[] = {"REQUEST_METHOD=GET", NULL};
	struct hfenv_options opts = {.proxy = "http://127.0.0.1:7890"};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_int_equal(count_findings(&r, HFENV_WARNING), 0);
	assert_string_equal(lookup(&r, "http_proxy"), "http://127.0.0.1:7890");
	assert_null(lookup(&r, "HTTP_PROXY"));
	assert_string_equal(lookup(&r, "HTTPS_PROXY"), "http://127.0.0.1:7890");
	hfenv_result_free(&r);
}

static void without_request_method_upper_http_proxy_is_kept(void **state)
{
	(void)state;
	char *envp[] = {"HTTP_PROXY=http://127.0.0.1:7890", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(lookup(&r, "HTTP_PROXY"), "http://127.0.0.1:7890");
	assert_string_equal(lookup(&r, "http_proxy"), "http://127.0.0.1:7890");
	hfenv_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(surrounding_blanks_cr_and_lf_are_stripped_with_a_warning),
		cmocka_unit_test(trailing_cr_is_stripped_in_every_pair),
		cmocka_unit_test(empty_value_is_removed),
		cmocka_unit_test(empty_spelling_takes_the_other_spellings_value),
		cmocka_unit_test(blank_only_value_is_removed_with_a_warning),
		cmocka_unit_test(lower_spelling_is_copied_to_upper_in_every_pair),
		cmocka_unit_test(upper_spelling_is_copied_to_lower_in_every_pair),
		cmocka_unit_test(copy_appends_the_new_spelling_at_the_end),
		cmocka_unit_test(equal_pair_is_untouched),
		cmocka_unit_test(pair_equal_after_normalizing_gives_no_warning),
		cmocka_unit_test(differing_pair_takes_lower_by_default_with_a_warning),
		cmocka_unit_test(differing_pair_takes_lower_with_prefer_lower),
		cmocka_unit_test(differing_pair_takes_upper_with_prefer_upper),
		cmocka_unit_test(differing_pair_warning_redacts_both_passwords),
		cmocka_unit_test(invalid_losing_spelling_is_replaced_with_a_warning),
		cmocka_unit_test(invalid_winning_spelling_is_an_error),
		cmocka_unit_test(scheme_less_value_gets_http_in_both_spellings),
		cmocka_unit_test(upper_case_scheme_is_lower_cased_in_place),
		cmocka_unit_test(each_invalid_url_is_an_error_naming_the_variable),
		cmocka_unit_test(control_character_in_error_message_is_escaped),
		cmocka_unit_test(http_all_proxy_fills_unset_http_and_https_pairs),
		cmocka_unit_test(https_all_proxy_fills_unset_pairs),
		cmocka_unit_test(all_proxy_fills_with_its_normalized_value),
		cmocka_unit_test(all_proxy_leaves_a_set_pair_alone),
		cmocka_unit_test(no_proxy_list_is_rewritten_in_both_spellings),
		cmocka_unit_test(no_proxy_with_only_empty_entries_is_removed),
		cmocka_unit_test(no_proxy_entry_with_inner_blank_is_an_error),
		cmocka_unit_test(cgi_removes_upper_http_proxy_with_a_warning),
		cmocka_unit_test(cgi_does_not_copy_upper_http_proxy_to_lower),
		cmocka_unit_test(cgi_does_not_copy_lower_http_proxy_to_upper),
		cmocka_unit_test(cgi_normalizes_the_other_pairs_as_usual),
		cmocka_unit_test(cgi_all_proxy_fills_lower_http_proxy_only),
		cmocka_unit_test(cgi_with_proxy_option_sets_lower_http_proxy_without_httpoxy_warning),
		cmocka_unit_test(without_request_method_upper_http_proxy_is_kept),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
