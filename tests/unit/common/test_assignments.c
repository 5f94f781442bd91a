#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/assignments.h"

#define PROXY_A "http://127.0.0.1:7890"
#define PROXY_B "http://127.0.0.1:8080"

#define LIST(...) ((const char *const[]){__VA_ARGS__})
#define COUNT(...) (sizeof LIST(__VA_ARGS__) / sizeof(const char *))

/* Fails unless env holds exactly the expected entries, in order. */
static void assert_environment(char **env, const char *const expected[], size_t count)
{
	assert_non_null(env);
	for (size_t i = 0; i < count; i++) {
		assert_non_null(env[i]);
		assert_string_equal(env[i], expected[i]);
	}
	assert_null(env[count]);
	free(env);
}

static void unsets_come_before_assignments_whatever_their_order(void **state)
{
	(void)state;
	char *envp[] = {"PATH=/bin", "https_proxy=" PROXY_A, "HTTP_PROXY=" PROXY_A, NULL};
	struct hfenv_assignments a = {LIST("HTTP_PROXY", "https_proxy"), 2, LIST("https_proxy=" PROXY_A, "https_proxy=" PROXY_B), 2};
	const char *const expected[] = {"PATH=/bin", "https_proxy=" PROXY_B};
	assert_environment(hfenv_assigned_environment(&a, envp), expected, 2);
}

static void assignment_takes_the_place_of_the_first_entry_and_drops_the_others(void **state)
{
	(void)state;
	char *envp[] = {"A=1", "HF_ENDPOINT=https://a.example", "B=2", "HF_ENDPOINT=https://b.example", NULL};
	struct hfenv_assignments a = {NULL, 0, LIST("HF_ENDPOINT=https://hf-mirror.com"), 1};
	const char *const expected[] = {"A=1", "HF_ENDPOINT=https://hf-mirror.com", "B=2"};
	assert_environment(hfenv_assigned_environment(&a, envp), expected, 3);
}

static void name_the_environment_lacks_is_added_at_the_end(void **state)
{
	(void)state;
	char *envp[] = {"A=1", NULL};
	struct hfenv_assignments a = {NULL, 0, LIST("NEW=x"), 1};
	const char *const expected[] = {"A=1", "NEW=x"};
	assert_environment(hfenv_assigned_environment(&a, envp), expected, 2);
}

static void unset_removes_every_entry_of_the_name(void **state)
{
	(void)state;
	char *envp[] = {"A=1", "no_proxy=x", "B=2", "no_proxy=y", NULL};
	struct hfenv_assignments a = {LIST("no_proxy"), 1, NULL, 0};
	const char *const expected[] = {"A=1", "B=2"};
	assert_environment(hfenv_assigned_environment(&a, envp), expected, 2);
}

static void malformed_assignments_change_nothing(void **state)
{
	(void)state;
	char *envp[] = {"A=1", "=x", NULL};
	struct hfenv_assignments a = {LIST("A=1", ""), 2, LIST("=x", "noequals"), 2};
	const char *const expected[] = {"A=1", "=x"};
	assert_environment(hfenv_assigned_environment(&a, envp), expected, 2);
}

static void assignments_come_in_env_order_valid_or_not(void **state)
{
	(void)state;
	struct hfenv_assignments a = {LIST("U", "bad=name"), 2, LIST("A=1", "=x"), 2};
	struct hfenv_assignment one;
	assert_int_equal(hfenv_assignment_count(&a), COUNT("U", "bad=name", "A=1", "=x"));
	assert_true(hfenv_assignment_at(&a, 0, &one));
	assert_null(one.entry);
	assert_false(hfenv_assignment_at(&a, 1, &one));
	assert_true(hfenv_assignment_at(&a, 2, &one));
	assert_string_equal(one.value, "1");
	assert_int_equal(one.name_len, 1);
	assert_false(hfenv_assignment_at(&a, 3, &one));
}

static void shell_name_is_a_letter_or_underscore_then_letters_digits_underscores(void **state)
{
	(void)state;
	assert_true(hfenv_is_shell_name("HTTPS_PROXY", 11));
	assert_true(hfenv_is_shell_name("_x9", 3));
	assert_false(hfenv_is_shell_name("", 0));
	assert_false(hfenv_is_shell_name("9x", 2));
	assert_false(hfenv_is_shell_name("HF-TOKEN", 8));
	assert_false(hfenv_is_shell_name("https://h.example/api?q", 23));
}

static void url_with_equals_in_its_query_is_no_host_mode_assignment(void **state)
{
	(void)state;
	assert_false(hfenv_is_host_mode_assignment("https://h.example/api?q=bert"));
	assert_false(hfenv_is_host_mode_assignment("h.example:1=2"));
	assert_false(hfenv_is_host_mode_assignment("=1"));
	assert_false(hfenv_is_host_mode_assignment("h.example"));
	assert_true(hfenv_is_host_mode_assignment("HTTPS_PROXY=http://127.0.0.1:7890/?a=b"));
	assert_true(hfenv_is_host_mode_assignment("X="));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(unsets_come_before_assignments_whatever_their_order),
		cmocka_unit_test(assignment_takes_the_place_of_the_first_entry_and_drops_the_others),
		cmocka_unit_test(name_the_environment_lacks_is_added_at_the_end),
		cmocka_unit_test(unset_removes_every_entry_of_the_name),
		cmocka_unit_test(malformed_assignments_change_nothing),
		cmocka_unit_test(assignments_come_in_env_order_valid_or_not),
		cmocka_unit_test(shell_name_is_a_letter_or_underscore_then_letters_digits_underscores),
		cmocka_unit_test(url_with_equals_in_its_query_is_no_host_mode_assignment),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
