#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine_cases.h"

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
	 {.assignments.unset = (const char *const[]){"HTTPS_PROXY", "https_proxy"}, .assignments.unset_count = 2}, HFENV_CHANGE},
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
	{"-u error", {NULL}, {.assignments.unset = bad_unset, .assignments.unset_count = 1}, HFENV_ERROR},
	{"NAME=VALUE error", {NULL}, {.assignments.assign = bad_assign, .assignments.assign_count = 1}, HFENV_ERROR},
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

static void values_sharing_a_line_keep_their_hosts_and_ports(void **state)
{
	(void)state;
	char *envp[] = {"HTTPS_PROXY=http://user:pw@127.0.0.1:7890", "https_proxy=http://anotheruser:pw@127.0.0.1:7891", NULL};
	struct hfenv_options opts = {.verbose = true};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_true(find_finding(&r, HFENV_CHANGE, "from 'http://user:***@127.0.0.1:7890' to 'http://", NULL) >= 0);
	assert_true(find_finding(&r, HFENV_CHANGE, ":***@127.0.0.1:7891'", NULL) >= 0);
	assert_true(find_finding(&r, HFENV_WARNING, ":***@127.0.0.1:7891' wins over", NULL) >= 0);
	hfenv_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_finding_of_any_kind_shows_a_password),
		cmocka_unit_test(no_finding_of_any_kind_shows_a_token),
		cmocka_unit_test(verbose_changes_redact_old_and_new_values),
		cmocka_unit_test(edits_carry_the_password_for_export),
		cmocka_unit_test(values_sharing_a_line_keep_their_hosts_and_ports),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
