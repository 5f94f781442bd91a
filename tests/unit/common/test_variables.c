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

static void a_proxy_variable_in_any_case_names_its_lower_case_row(void **state)
{
	(void)state;
	assert_int_equal(hfenv_proxy_variable_any_case("Https_Proxy", 11), VAR_HTTPS_LOWER);
	assert_int_equal(hfenv_proxy_variable_any_case("hTTP_pROXY=x", 10), VAR_HTTP_LOWER);
	assert_int_equal(hfenv_proxy_variable_any_case("All_Proxy", 9), VAR_ALL_LOWER);
	assert_int_equal(hfenv_proxy_variable_any_case("No_Proxy", 8), VAR_NO_LOWER);
	assert_int_equal(hfenv_proxy_variable_any_case("https_proxy", 11), VAR_HTTPS_LOWER);
	assert_int_equal(hfenv_proxy_variable_any_case("HTTPS_PROXY", 11), VAR_HTTPS_LOWER);
}

static void other_names_of_a_proxy_variables_length_are_no_proxy_variable(void **state)
{
	(void)state;
	static const char *const names[] = {"LC_CTYPE", "Https_Proxx", "Xttps_Proxy", "ftp_proxy", "HTTPSPROXY", "no-proxy",
					    "Http_Proxy_", "", "_proxy"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		assert_int_equal(hfenv_proxy_variable_any_case(names[i], strlen(names[i])), HFENV_VARIABLES);
}

static void the_quick_test_passes_every_proxy_variable(void **state)
{
	(void)state;
	for (enum hfenv_variable v = VAR_HTTP_LOWER; v <= VAR_NO_UPPER; v++)
		assert_true(hfenv_proxy_variable_may_be(hfenv_variables[v].name, strlen(hfenv_variables[v].name)));
	assert_false(hfenv_proxy_variable_may_be("PATH", 4));
	assert_false(hfenv_proxy_variable_may_be("", 0));
	assert_false(hfenv_proxy_variable_may_be("XDG_RUNTIME_DIR", 15));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_row_is_found_by_its_name),
		cmocka_unit_test(a_name_matches_whole_and_in_its_case),
		cmocka_unit_test(a_twin_is_lower_case_then_upper_case),
		cmocka_unit_test(only_the_variables_clients_read_are_written),
		cmocka_unit_test(a_proxy_variable_in_any_case_names_its_lower_case_row),
		cmocka_unit_test(other_names_of_a_proxy_variables_length_are_no_proxy_variable),
		cmocka_unit_test(the_quick_test_passes_every_proxy_variable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
