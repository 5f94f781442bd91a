#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/name_search.h"

struct row {
	const char *name;
	int value;
};

static const struct row rows[] = {{"HF_A", 1}, {"HF_AB", 2}, {"HF_B", 3}, {"HF_HUB_X", 4}, {"HF_Z", 5}};
#define ROWS (sizeof rows / sizeof rows[0])

static const struct row *find(const char *name, size_t len)
{
	return find_named_row(rows, ROWS, sizeof rows[0], name, len);
}

static void every_row_is_found_by_its_name(void **state)
{
	(void)state;
	for (size_t i = 0; i < ROWS; i++)
		assert_ptr_equal(find(rows[i].name, strlen(rows[i].name)), &rows[i]);
}

static void a_name_is_its_first_len_bytes(void **state)
{
	(void)state;
	assert_int_equal(find("HF_AB=1", 5)->value, 2);
	assert_int_equal(find("HF_ABC", 4)->value, 1);
}

static void a_prefix_or_an_extension_of_a_name_is_not_found(void **state)
{
	(void)state;
	assert_null(find("HF_", 3));
	assert_null(find("HF_ABC", 6));
	assert_null(find("HF_HUB", 6));
	assert_null(find("HF_ZZ", 5));
	assert_null(find("A", 1));
	assert_null(find("", 0));
}

static void no_rows_find_nothing(void **state)
{
	(void)state;
	assert_null(find_named_row(rows, 0, sizeof rows[0], "HF_A", 4));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_row_is_found_by_its_name),
		cmocka_unit_test(a_name_is_its_first_len_bytes),
		cmocka_unit_test(a_prefix_or_an_extension_of_a_name_is_not_found),
		cmocka_unit_test(no_rows_find_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
