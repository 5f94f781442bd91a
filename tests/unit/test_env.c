#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "env.h"

static const char *lookup(const struct hfenv_result *r, const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < r->env_count; i++)
		if (strncmp(r->env[i], name, n) == 0 && r->env[i][n] == '=')
			return r->env[i] + n + 1;
	return NULL;
}

static void one_spelling_is_copied_to_the_other(void **state)
{
	(void)state;
	char *envp[] = {"HTTPS_PROXY=http://127.0.0.1:7890", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	assert_int_equal(hfenv_normalize(&opts, envp, &r), 0);
	assert_int_equal(r.error_count, 0);
	assert_string_equal(lookup(&r, "https_proxy"), "http://127.0.0.1:7890");
	assert_string_equal(lookup(&r, "HTTPS_PROXY"), "http://127.0.0.1:7890");
	hfenv_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(one_spelling_is_copied_to_the_other),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
