#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "common/variables.h"

static void every_row_is_found_by_its_name(void **state)
{
	(void)state;
	for (enum hfenv_variable v = 0; v < HFENV_VARIABLES; v++)
		assert_int_equal(hfenv_variable_named(hfenv_variables[v].name, strlen(hfenv_variables[v].name)), v);
}

static void a_name_matches_whole_and_in_its_case(void **state)
{
	(void)state;
	assert_int_equal(hfenv_variable_named("http_proxy=x", 10), VAR_HTTP_LOWER);
	assert_int_equal(hfenv_variable_named("http_prox", 9), HFENV_VARIABLES);
	assert_int_equal(hfenv_variable_named("Http_Proxy", 10), HFENV_VARIABLES);
	assert_int_equal(hfenv_variable_named("", 0), HFENV_VARIABLES);
}

static void a_twin_is_lower_case_then_upper_case(void **state)
{
	(void)state;
	for (enum hfenv_variable v = VAR_HTTP_LOWER; v <= VAR_NO_UPPER; v += 2) {
		const char *lower = hfenv_variables[v].name, *upper = hfenv_variables[v + 1].name;
		assert_int_equal(strlen(lower), strlen(upper));
		for (size_t i = 0; lower[i]; i++)
			assert_int_equal(lower[i] - (lower[i] >= 'a' && lower[i] <= 'z' ? 'a' - 'A' : 0), upper[i]);
	}
}

static void only_the_variables_clients_read_are_written(void **state)
{
	(void)state;
	assert_true(hfenv_variable_is_written(VAR_HTTPS_UPPER));
	assert_true(hfenv_variable_is_written(VAR_SSL_CERT_FILE));
	assert_false(hfenv_variable_is_written(VAR_PATH));
	assert_false(hfenv_variable_is_written(VAR_HFENV_PROXY));
	assert_false(hfenv_variable_is_written(VAR_REQUEST_METHOD));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_row_is_found_by_its_name),
		cmocka_unit_test(a_name_matches_whole_and_in_its_case),
		cmocka_unit_test(a_twin_is_lower_case_then_upper_case),
		cmocka_unit_test(only_the_variables_clients_read_are_written),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
