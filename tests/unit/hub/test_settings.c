#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hub/settings.h"

static void table_is_hf_names_in_strcmp_order(void **state)
{
	(void)state;
	for (size_t i = 0; i < hfenv_hub_setting_count; i++) {
		const char *name = hfenv_hub_settings[i].name;
		assert_true(strncmp(name, "HF_", 3) == 0 || strncmp(name, "HUGGING", 7) == 0);
		assert_true(i == 0 || strcmp(hfenv_hub_settings[i - 1].name, name) < 0);
		assert_ptr_equal(hfenv_hub_find(name, strlen(name)), &hfenv_hub_settings[i]);
	}
	assert_null(hfenv_hub_find("HF_TOKE", 7));
	assert_null(hfenv_hub_find("HF_TOKEN_", 9));
	assert_null(hfenv_hub_find("HOME", 4));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_is_hf_names_in_strcmp_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
