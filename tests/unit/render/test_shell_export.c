#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "env.h"
#include "render/shell_export.h"
#include "common/variables.h"

static void assert_statement(enum hfenv_shell shell, const char *name, const char *value, const char *expected)
{
	struct hfenv_edit edit = {name, value};
	char *statement = hfenv_shell_statement(shell, &edit);
	assert_non_null(statement);
	assert_string_equal(statement, expected);
	free(statement);
}

static void sh_exports_a_set_variable_single_quoted(void **state)
{
	(void)state;
	assert_statement(HFENV_SHELL_SH, "http_proxy", "http://127.0.0.1:7890", "export http_proxy='http://127.0.0.1:7890'");
}

static void sh_unsets_a_removed_variable(void **state)
{
	(void)state;
	assert_statement(HFENV_SHELL_SH, "HTTP_PROXY", NULL, "unset HTTP_PROXY");
}

static void sh_quotes_a_single_quote(void **state)
{
	(void)state;
	assert_statement(HFENV_SHELL_SH, "A", "it's", "export A='it'\\''s'");
}

static void sh_leaves_other_specials_inside_single_quotes(void **state)
{
	(void)state;
	assert_statement(HFENV_SHELL_SH, "A", "\"$HOME`id`\\\n!*", "export A='\"$HOME`id`\\\n!*'");
}

static void sh_exports_an_empty_value(void **state)
{
	(void)state;
	assert_statement(HFENV_SHELL_SH, "A", "", "export A=''");
}

static void fish_sets_a_global_exported_variable(void **state)
{
	(void)state;
	assert_statement(HFENV_SHELL_FISH, "http_proxy", "http://127.0.0.1:7890", "set -gx http_proxy 'http://127.0.0.1:7890'");
}

static void fish_erases_a_removed_variable(void **state)
{
	(void)state;
	assert_statement(HFENV_SHELL_FISH, "HTTP_PROXY", NULL, "set -e HTTP_PROXY");
}

static void fish_escapes_single_quote_and_backslash(void **state)
{
	(void)state;
	assert_statement(HFENV_SHELL_FISH, "A", "it's a\\b", "set -gx A 'it\\'s a\\\\b'");
}

static void fish_leaves_other_specials_inside_single_quotes(void **state)
{
	(void)state;
	assert_statement(HFENV_SHELL_FISH, "A", "\"$HOME(id)`\n*", "set -gx A '\"$HOME(id)`\n*'");
}

static void name_that_is_not_a_shell_name_is_refused(void **state)
{
	(void)state;
	const char *names[] = {"", "1A", "A-B", "A B", "A;rm", "A=B", "\xc3\xa9"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		struct hfenv_edit edit = {names[i], "v"};
		errno = 0;
		assert_null(hfenv_shell_statement(HFENV_SHELL_SH, &edit));
		assert_int_equal(errno, EINVAL);
		errno = 0;
		assert_null(hfenv_shell_statement(HFENV_SHELL_FISH, &edit));
		assert_int_equal(errno, EINVAL);
	}
}

static void underscore_and_digits_make_a_shell_name(void **state)
{
	(void)state;
	assert_statement(HFENV_SHELL_SH, "_A1", "v", "export _A1='v'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sh_exports_a_set_variable_single_quoted),
		cmocka_unit_test(sh_unsets_a_removed_variable),
		cmocka_unit_test(sh_quotes_a_single_quote),
		cmocka_unit_test(sh_leaves_other_specials_inside_single_quotes),
		cmocka_unit_test(sh_exports_an_empty_value),
		cmocka_unit_test(fish_sets_a_global_exported_variable),
		cmocka_unit_test(fish_erases_a_removed_variable),
		cmocka_unit_test(fish_escapes_single_quote_and_backslash),
		cmocka_unit_test(fish_leaves_other_specials_inside_single_quotes),
		cmocka_unit_test(name_that_is_not_a_shell_name_is_refused),
		cmocka_unit_test(underscore_and_digits_make_a_shell_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
