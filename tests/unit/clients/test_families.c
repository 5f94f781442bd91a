#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "clients/families.h"

static void every_client_has_an_id_and_a_label(void **state)
{
	(void)state;
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		assert_non_null(hfenv_client_id(c));
		assert_non_null(hfenv_client_label(c));
		assert_null(strchr(hfenv_client_id(c), ' '));
	}
}

/* --explain's 80-column tables count on it. */
static void every_short_label_fits_15_columns(void **state)
{
	(void)state;
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++)
		assert_in_range(strlen(hfenv_client_short_label(c)), 1, 15);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_client_has_an_id_and_a_label),
		cmocka_unit_test(every_short_label_fits_15_columns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
