#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hub/nearest.h"
#include "hub/retired.h"
#include "hub/settings.h"

static void table_is_own_names_in_strcmp_order(void **state)
{
	(void)state;
	for (size_t i = 0; i < hfenv_hub_retired_count; i++) {
		const char *name = hfenv_hub_retired_names[i].name;
		assert_true(hfenv_hub_is_own_name(name, strlen(name)));
		assert_true(i == 0 || strcmp(hfenv_hub_retired_names[i - 1].name, name) < 0);
		assert_ptr_equal(hfenv_hub_retired_find(name, strlen(name)), &hfenv_hub_retired_names[i]);
	}
	assert_null(hfenv_hub_retired_find("HF_XET_LOG_FIL", 14));
	assert_null(hfenv_hub_retired_find("HF_XET_LOG_FILES", 16));
}

static void no_retired_name_is_read_now(void **state)
{
	(void)state;
	for (size_t i = 0; i < hfenv_hub_retired_count; i++) {
		const char *name = hfenv_hub_retired_names[i].name;
		if (hfenv_hub_find(name, strlen(name)) != NULL)
			fail_msg("%s is retired and in the table of settings read now", name);
	}
}

static void every_replacement_is_read_now(void **state)
{
	(void)state;
	for (size_t i = 0; i < hfenv_hub_retired_count; i++) {
		const char *replacement = hfenv_hub_retired_names[i].replacement;
		const struct hfenv_hub_setting *row = replacement ? hfenv_hub_find(replacement, strlen(replacement)) : NULL;
		if (replacement != NULL && (row == NULL || row->readers == 0))
			fail_msg("%s replaces %s but no reader reads it", replacement, hfenv_hub_retired_names[i].name);
	}
}

static void every_row_names_the_release_that_read_it(void **state)
{
	(void)state;
	for (size_t i = 0; i < hfenv_hub_retired_count; i++) {
		const char *reader = hfenv_hub_retired_names[i].last_reader;
		assert_true(strncmp(reader, "hf_xet 1.", 9) == 0 || strncmp(reader, "huggingface_hub 0.", 18) == 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_is_own_names_in_strcmp_order),
		cmocka_unit_test(no_retired_name_is_read_now),
		cmocka_unit_test(every_replacement_is_read_now),
		cmocka_unit_test(every_row_names_the_release_that_read_it),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
