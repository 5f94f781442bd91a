#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "env.h"

static void assert_list(const char *value, const char *expected)
{
	const char *bad = "unset";
	char *list = hfenv_normalize_no_proxy(value, &bad);
	assert_non_null(list);
	assert_null(bad);
	assert_string_equal(list, expected);
	free(list);
}

static void entries_are_trimmed(void **state)
{
	(void)state;
	assert_list(" localhost , 127.0.0.1\t,\t.example.com ", "localhost,127.0.0.1,.example.com");
}

static void empty_entries_are_dropped(void **state)
{
	(void)state;
	assert_list(",localhost,,  ,127.0.0.1,", "localhost,127.0.0.1");
}

static void only_empty_entries_give_an_empty_list(void **state)
{
	(void)state;
	assert_list(" , ,", "");
}

static void star_dot_domain_becomes_dot_domain(void **state)
{
	(void)state;
	assert_list("*.example.com", ".example.com");
	assert_list("localhost, *.hf.co ,*.cdn.hf.co", "localhost,.hf.co,.cdn.hf.co");
}

static void star_alone_is_kept(void **state)
{
	(void)state;
	assert_list("*", "*");
	assert_list(" * ", "*");
}

static void clean_list_is_unchanged(void **state)
{
	(void)state;
	assert_list("localhost,127.0.0.1,::1,.example.com,10.0.0.0/8", "localhost,127.0.0.1,::1,.example.com,10.0.0.0/8");
}

static void entry_with_inner_blank_is_reported(void **state)
{
	(void)state;
	const char *value = "localhost,foo bar,x";
	const char *bad = NULL;
	assert_null(hfenv_normalize_no_proxy(value, &bad));
	assert_ptr_equal(bad, value + strlen("localhost,"));
}

static void entry_with_control_character_is_reported(void **state)
{
	(void)state;
	const char *value = "a,b\x01" "c";
	const char *bad = NULL;
	assert_null(hfenv_normalize_no_proxy(value, &bad));
	assert_ptr_equal(bad, value + 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(entries_are_trimmed),
		cmocka_unit_test(empty_entries_are_dropped),
		cmocka_unit_test(only_empty_entries_give_an_empty_list),
		cmocka_unit_test(star_dot_domain_becomes_dot_domain),
		cmocka_unit_test(star_alone_is_kept),
		cmocka_unit_test(clean_list_is_unchanged),
		cmocka_unit_test(entry_with_inner_blank_is_reported),
		cmocka_unit_test(entry_with_control_character_is_reported),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
