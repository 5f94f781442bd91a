#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hub/settings.h"

static void table_is_in_strcmp_order_and_passes_the_quick_test(void **state)
{
	(void)state;
	for (size_t i = 0; i < hfenv_hub_setting_count; i++) {
		const char *name = hfenv_hub_settings[i].name;
		assert_true(hfenv_hub_may_be(name, strlen(name)));
		assert_true(i == 0 || strcmp(hfenv_hub_settings[i - 1].name, name) < 0);
		assert_ptr_equal(hfenv_hub_find(name, strlen(name)), &hfenv_hub_settings[i]);
	}
	assert_null(hfenv_hub_find("HF_TOKE", 7));
	assert_null(hfenv_hub_find("HF_TOKEN_", 9));
	assert_null(hfenv_hub_find("HOME", 4));
	assert_null(hfenv_hub_find("DO_NOT_TRACKS", 13));
	assert_null(hfenv_hub_find("TERM", 4));
}

/* huggingface_hub's constants.py reads them with _is_true, beside HF_HUB_OFFLINE and HF_HUB_DISABLE_TELEMETRY. */
static void names_the_hub_reads_beside_its_own_are_flags(void **state)
{
	(void)state;
	static const char *const names[] = {"DISABLE_TELEMETRY", "DO_NOT_TRACK", "TRANSFORMERS_OFFLINE"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		const struct hfenv_hub_setting *row = hfenv_hub_find(names[i], strlen(names[i]));
		assert_non_null(row);
		assert_int_equal(row->kind, HFENV_HUB_FLAG);
		assert_int_equal(row->readers, HFENV_READ_HUB);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_is_in_strcmp_order_and_passes_the_quick_test),
		cmocka_unit_test(names_the_hub_reads_beside_its_own_are_flags),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
