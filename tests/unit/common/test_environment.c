#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/environment.h"

static void getenv_reads_the_first_entry_of_a_name(void **state)
{
	(void)state;
	char *env[] = {"HTTP=no", "http_proxy_x=no", "http_proxy=first", "http_proxy=second", NULL};
	assert_string_equal(hfenv_getenv(env, "http_proxy"), "first");
	assert_null(hfenv_getenv(env, "HTTP_PROXY"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(getenv_reads_the_first_entry_of_a_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
