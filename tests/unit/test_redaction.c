#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "helpers.h"
#include "messages.h"

static void assert_quoted(const char *value, const char *expected)
{
	char *quoted = hfenv_quote_redacted(value);
	assert_non_null(quoted);
	assert_string_equal(quoted, expected);
	free(quoted);
}

static void password_is_replaced_by_stars(void **state)
{
	(void)state;
	assert_quoted("http://user:secret@127.0.0.1:7890", "'http://user:***@127.0.0.1:7890'");
}

static void password_of_scheme_less_url_is_replaced(void **state)
{
	(void)state;
	assert_quoted("user:secret@127.0.0.1:7890", "'user:***@127.0.0.1:7890'");
}

static void password_with_at_and_colon_is_replaced_whole(void **state)
{
	(void)state;
	assert_quoted("socks5://user:se:c@ret@[::1]:1080", "'socks5://user:***@[::1]:1080'");
}

static void password_of_unknown_scheme_is_replaced(void **state)
{
	(void)state;
	assert_quoted("ftp://user:secret@host", "'ftp://user:***@host'");
}

static void url_without_user_part_is_shown_whole(void **state)
{
	(void)state;
	assert_quoted("http://127.0.0.1:7890", "'http://127.0.0.1:7890'");
	assert_quoted("http://@127.0.0.1:7890", "'http://@127.0.0.1:7890'");
}

static void user_part_without_password_is_replaced_as_a_token(void **state)
{
	(void)state;
	assert_quoted("http://TOKEN@proxy:8080", "'http://***@proxy:8080'");
	assert_quoted("https://sk-TOKEN@[::1]:8080", "'https://***@[::1]:8080'");
}

static void user_part_with_at_before_the_password_is_replaced_whole(void **state)
{
	(void)state;
	assert_quoted("http://TOKEN@x:y@host:1", "'http://***@host:1'");
}

static void token_of_scheme_less_url_is_replaced(void **state)
{
	(void)state;
	assert_quoted("TOKEN@127.0.0.1:7890", "'***@127.0.0.1:7890'");
}

static void token_with_control_character_is_still_replaced(void **state)
{
	(void)state;
	assert_quoted("http://TO\nKEN@host:1\r", "'http://***@host:1\\x0d'");
}

static void unquoted_redaction_replaces_a_token(void **state)
{
	(void)state;
	char *shown = hfenv_redact("socks5h://TOKEN@127.0.0.1:1080");
	assert_non_null(shown);
	assert_string_equal(shown, "socks5h://***@127.0.0.1:1080");
	free(shown);
}

static void quote_and_backslash_are_escaped(void **state)
{
	(void)state;
	assert_quoted("a'b\\c", "'a\\'b\\\\c'");
}

static void control_and_non_ascii_bytes_are_escaped(void **state)
{
	(void)state;
	assert_quoted("a\r\n\x1b\x7f\xc3\xa9", "'a\\x0d\\x0a\\x1b\\x7f\\xc3\\xa9'");
}

static void password_with_control_character_is_still_replaced(void **state)
{
	(void)state;
	assert_quoted("http://user:sec\nret@host:1\r", "'http://user:***@host:1\\x0d'");
}

static void long_value_is_shortened_in_its_middle(void **state)
{
	(void)state;
	char value[400];
	memset(value, 'a', sizeof value - 1);
	memcpy(value + sizeof value - 6, ":7890", 5);
	value[sizeof value - 1] = '\0';
	char *quoted = hfenv_quote_redacted(value);
	assert_non_null(quoted);
	assert_true(strlen(quoted) <= 40);
	assert_non_null(strstr(quoted, "aaa...aaa"));
	assert_non_null(strstr(quoted, ":7890'"));
	free(quoted);
}

static void long_value_keeps_its_password_hidden(void **state)
{
	(void)state;
	char value[400];
	strcpy(value, "http://user:");
	size_t n = strlen(value);
	while (n < 300)
		value[n++] = 's';
	strcpy(value + n, "@host:1");
	char *quoted = hfenv_quote_redacted(value);
	assert_non_null(quoted);
	assert_null(strstr(quoted, "ss"));
	free(quoted);
}

struct scenario {
	const char *what;
	char *envp[6];
	struct hfenv_options opts;
	enum hfenv_finding_kind kind;
};

static const char *const bad_unset[] = {"u=http://user:secret@h"};
static const char *const bad_assign[] = {"=http://user:secret@h"};

static const struct scenario scenarios[] = {
	{"cleaned value warning", {"http_proxy= http://user:secret@127.0.0.1:7890\r", NULL}, {0}, HFENV_WARNING},
	{"differing pair warning",
	 {"http_proxy=http://user:secret@127.0.0.1:1", "HTTP_PROXY=http://user:secret@127.0.0.1:2", NULL}, {0}, HFENV_WARNING},
	{"changed value", {"http_proxy=user:secret@127.0.0.1:7890", NULL}, {0}, HFENV_CHANGE},
	{"set value", {"HTTPS_PROXY=http://user:secret@127.0.0.1:7890", NULL}, {0}, HFENV_CHANGE},
	{"unset value", {"HTTPS_PROXY=http://user:secret@127.0.0.1:7890", NULL},
	 {.unset = (const char *const[]){"HTTPS_PROXY", "https_proxy"}, .unset_count = 2}, HFENV_CHANGE},
	{"invalid URL error", {"https_proxy=http://user:secret@127.0.0.1:0", NULL}, {0}, HFENV_ERROR},
	{"invalid URL with control character", {"https_proxy=http://user:secret@127.0.0.1 :1", NULL}, {0}, HFENV_ERROR},
	{"invalid URL with a path", {"https_proxy=http://user:secret@127.0.0.1:1/x", NULL}, {0}, HFENV_ERROR},
	{"SOCKS refusal", {"https_proxy=socks5://user:secret@127.0.0.1:1080", NULL}, {0}, HFENV_ERROR},
	{"SOCKS all_proxy refusal", {"all_proxy=socks5h://user:secret@127.0.0.1:1080", NULL}, {0}, HFENV_ERROR},
	{"--proxy error", {NULL}, {.proxy = "ftp://user:secret@127.0.0.1:1"}, HFENV_ERROR},
	{"HFENV_PROXY error", {"HFENV_PROXY=http://user:secret@127.0.0.1:99999", NULL}, {0}, HFENV_ERROR},
	{"HFENV_PREFER error", {"HFENV_PREFER=http://user:secret@h", NULL}, {0}, HFENV_ERROR},
	{"HFENV_NO_XET warning", {"HFENV_NO_XET=http://user:secret@h", NULL}, {0}, HFENV_WARNING},
	{"entry without '='", {"http://user:secret@h", NULL}, {0}, HFENV_WARNING},
	{"NO_PROXY error", {"NO_PROXY=http://user:secret@h x", NULL}, {0}, HFENV_ERROR},
	{"-u error", {NULL}, {.unset = bad_unset, .unset_count = 1}, HFENV_ERROR},
	{"NAME=VALUE error", {NULL}, {.assign = bad_assign, .assign_count = 1}, HFENV_ERROR},
};

static void no_finding_of_any_kind_shows_a_password(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++) {
		const struct scenario *s = &scenarios[i];
		struct hfenv_result r;
		normalize(&s->opts, s->envp, &r);
		if (count_findings(&r, s->kind) == 0)
			fail_msg("%s: no finding of kind %d", s->what, (int)s->kind);
		for (size_t j = 0; j < r.finding_count; j++)
			if (strstr(r.findings[j].message, "secret") != NULL)
				fail_msg("%s: password shown in '%s'", s->what, r.findings[j].message);
		if (find_finding(&r, s->kind, "***", NULL) < 0)
			fail_msg("%s: no '***' in the finding", s->what);
		hfenv_result_free(&r);
	}
}

static const struct scenario token_scenarios[] = {
	{"cleaned value warning", {"http_proxy= http://secret@127.0.0.1:7890\r", NULL}, {0}, HFENV_WARNING},
	{"differing pair warning", {"http_proxy=http://secret@127.0.0.1:1", "HTTP_PROXY=http://secret2@127.0.0.1:2", NULL},
	 {0}, HFENV_WARNING},
	{"changed value", {"http_proxy=secret@127.0.0.1:7890", NULL}, {0}, HFENV_CHANGE},
	{"invalid URL error", {"https_proxy=http://secret@127.0.0.1:0", NULL}, {0}, HFENV_ERROR},
	{"SOCKS refusal", {"https_proxy=socks5://secret@127.0.0.1:1080", NULL}, {0}, HFENV_ERROR},
	{"--proxy error", {NULL}, {.proxy = "ftp://secret@127.0.0.1:1"}, HFENV_ERROR},
	{"HFENV_PROXY error", {"HFENV_PROXY=http://secret@127.0.0.1:99999", NULL}, {0}, HFENV_ERROR},
	{"entry without '='", {"http://secret@h", NULL}, {0}, HFENV_WARNING},
};

static void no_finding_of_any_kind_shows_a_token(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof token_scenarios / sizeof token_scenarios[0]; i++) {
		const struct scenario *s = &token_scenarios[i];
		struct hfenv_result r;
		normalize(&s->opts, s->envp, &r);
		if (count_findings(&r, s->kind) == 0)
			fail_msg("%s: no finding of kind %d", s->what, (int)s->kind);
		for (size_t j = 0; j < r.finding_count; j++)
			if (strstr(r.findings[j].message, "secret") != NULL)
				fail_msg("%s: token shown in '%s'", s->what, r.findings[j].message);
		if (find_finding(&r, s->kind, "***@", NULL) < 0)
			fail_msg("%s: no '***@' in the finding", s->what);
		hfenv_result_free(&r);
	}
}

static void verbose_changes_redact_old_and_new_values(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=HTTP://user:secret@127.0.0.1:7890", NULL};
	struct hfenv_options opts = {.verbose = true};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_true(find_finding(&r, HFENV_CHANGE, "from 'HTTP://user:***@127.0.0.1:7890' to 'http://user:***@127.0.0.1:7890'", NULL) >= 0);
	assert_no_finding_contains(&r, "secret");
	assert_string_equal(lookup(&r, "HTTP_PROXY"), "http://user:secret@127.0.0.1:7890");
	hfenv_result_free(&r);
}

static void edits_carry_the_password_for_export(void **state)
{
	(void)state;
	char *envp[] = {"https_proxy=http://user:secret@127.0.0.1:7890", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(find_edit(&r, "HTTPS_PROXY")->value, "http://user:secret@127.0.0.1:7890");
	hfenv_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(password_is_replaced_by_stars),
		cmocka_unit_test(password_of_scheme_less_url_is_replaced),
		cmocka_unit_test(password_with_at_and_colon_is_replaced_whole),
		cmocka_unit_test(password_of_unknown_scheme_is_replaced),
		cmocka_unit_test(url_without_user_part_is_shown_whole),
		cmocka_unit_test(user_part_without_password_is_replaced_as_a_token),
		cmocka_unit_test(user_part_with_at_before_the_password_is_replaced_whole),
		cmocka_unit_test(token_of_scheme_less_url_is_replaced),
		cmocka_unit_test(token_with_control_character_is_still_replaced),
		cmocka_unit_test(unquoted_redaction_replaces_a_token),
		cmocka_unit_test(no_finding_of_any_kind_shows_a_token),
		cmocka_unit_test(quote_and_backslash_are_escaped),
		cmocka_unit_test(control_and_non_ascii_bytes_are_escaped),
		cmocka_unit_test(password_with_control_character_is_still_replaced),
		cmocka_unit_test(long_value_is_shortened_in_its_middle),
		cmocka_unit_test(long_value_keeps_its_password_hidden),
		cmocka_unit_test(no_finding_of_any_kind_shows_a_password),
		cmocka_unit_test(verbose_changes_redact_old_and_new_values),
		cmocka_unit_test(edits_carry_the_password_for_export),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
