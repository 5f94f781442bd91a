#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "clients/python_proxies.h"

/* What urllib.request.getproxies_environment returns for pair (its lower-case row): the second pass, else the first. */
static const char *urllib_reads(char *const envp[], enum hfenv_variable lower)
{
	static const char *values[HFENV_VARIABLES];
	assert_int_equal(python_proxy_values(envp, values), 0);
	return values[lower] != NULL ? (*values[lower] ? values[lower] : NULL) : values[lower + 1];
}

static void an_odd_case_spelling_alone_is_read(void **state)
{
	(void)state;
	char *envp[] = {"Https_Proxy=http://a:1", NULL};
	assert_string_equal(urllib_reads(envp, VAR_HTTPS_LOWER), "http://a:1");
	assert_null(urllib_reads(envp, VAR_HTTP_LOWER));
}

static void of_two_spellings_in_the_first_pass_the_later_name_wins(void **state)
{
	(void)state;
	char *upper_first[] = {"HTTPS_PROXY=http://a:1", "Https_Proxy=http://b:1", NULL};
	char *odd_first[] = {"Https_Proxy=http://b:1", "HTTPS_PROXY=http://a:1", NULL};
	assert_string_equal(urllib_reads(upper_first, VAR_HTTPS_LOWER), "http://b:1");
	assert_string_equal(urllib_reads(odd_first, VAR_HTTPS_LOWER), "http://a:1");
}

static void a_name_ending_in_lower_case_proxy_wins_the_second_pass(void **state)
{
	(void)state;
	char *envp[] = {"Https_proxy=http://c:1", "HTTPS_PROXY=http://a:1", NULL};
	assert_string_equal(urllib_reads(envp, VAR_HTTPS_LOWER), "http://c:1");
}

static void an_empty_lower_case_name_removes_every_other_spelling(void **state)
{
	(void)state;
	char *envp[] = {"https_proxy=", "Https_Proxy=http://b:1", NULL};
	assert_null(urllib_reads(envp, VAR_HTTPS_LOWER));
}

static void a_name_given_twice_keeps_its_first_place_and_its_last_value(void **state)
{
	(void)state;
	char *later_value[] = {"Https_Proxy=http://b:1", "HTTPS_PROXY=http://a:1", "Https_Proxy=http://d:1", NULL};
	char *emptied[] = {"Https_Proxy=http://b:1", "Https_Proxy=", NULL};
	assert_string_equal(urllib_reads(later_value, VAR_HTTPS_LOWER), "http://a:1");
	assert_null(urllib_reads(emptied, VAR_HTTPS_LOWER));
}

static void every_pair_is_read_in_any_case(void **state)
{
	(void)state;
	char *envp[] = {"No_Proxy=x.test", "All_Proxy=http://a:1", "HTTP_Proxy=http://h:1", "A=1", "junk", NULL};
	assert_string_equal(urllib_reads(envp, VAR_NO_LOWER), "x.test");
	assert_string_equal(urllib_reads(envp, VAR_ALL_LOWER), "http://a:1");
	assert_string_equal(urllib_reads(envp, VAR_HTTP_LOWER), "http://h:1");
}

/* All 1024 spellings of https_proxy: each alone is read, and the second pass only for a lower-case "proxy". */
static void every_spelling_of_the_longest_name_is_read(void **state)
{
	(void)state;
	for (unsigned bits = 0; bits < 1024; bits++) {
		char entry[] = "https_proxy=http://a:1";
		for (unsigned i = 0, k = 0; i < 11; i++)
			if (entry[i] != '_' && (bits >> k++ & 1))
				entry[i] = (char)(entry[i] - 'a' + 'A');
		char *envp[] = {entry, NULL};
		const char *values[HFENV_VARIABLES];
		assert_int_equal(python_proxy_values(envp, values), 0);
		assert_string_equal(values[VAR_HTTPS_UPPER], "http://a:1");
		if (bits >> 5 == 0)
			assert_string_equal(values[VAR_HTTPS_LOWER], "http://a:1");
		else
			assert_null(values[VAR_HTTPS_LOWER]);
	}
}

static void other_rows_are_left_alone(void **state)
{
	(void)state;
	const char *values[HFENV_VARIABLES] = {[VAR_PATH] = "/bin", [VAR_HTTPS_UPPER] = "stale"};
	char *envp[] = {"PATH=/usr/bin", NULL};
	assert_int_equal(python_proxy_values(envp, values), 0);
	assert_string_equal(values[VAR_PATH], "/bin");
	assert_null(values[VAR_HTTPS_UPPER]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(an_odd_case_spelling_alone_is_read),
		cmocka_unit_test(of_two_spellings_in_the_first_pass_the_later_name_wins),
		cmocka_unit_test(a_name_ending_in_lower_case_proxy_wins_the_second_pass),
		cmocka_unit_test(an_empty_lower_case_name_removes_every_other_spelling),
		cmocka_unit_test(a_name_given_twice_keeps_its_first_place_and_its_last_value),
		cmocka_unit_test(every_pair_is_read_in_any_case),
		cmocka_unit_test(every_spelling_of_the_longest_name_is_read),
		cmocka_unit_test(other_rows_are_left_alone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
