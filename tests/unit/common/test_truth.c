#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/truth.h"

static void true_values_are_true_in_any_case(void **state)
{
	(void)state;
	const char *truths[] = {"1", "on", "ON", "On", "yes", "YES", "yEs", "true", "TRUE", "True"};
	for (size_t i = 0; i < sizeof truths / sizeof truths[0]; i++)
		if (!hfenv_is_true(truths[i]))
			fail_msg("'%s' should be true", truths[i]);
}

static void other_values_are_false(void **state)
{
	(void)state;
	const char *falsehoods[] = {"", "0", "2", "off", "no", "false", "y", "t", "tru", "truee", " 1", "1 ", "yes\n", "enable"};
	for (size_t i = 0; i < sizeof falsehoods / sizeof falsehoods[0]; i++)
		if (hfenv_is_true(falsehoods[i]))
			fail_msg("'%s' should be false", falsehoods[i]);
	assert_false(hfenv_is_true(NULL));
}

static void hf_xet_also_takes_y_and_n(void **state)
{
	(void)state;
	assert_int_equal(hfenv_xet_truth("Y"), HFENV_TRUE);
	assert_int_equal(hfenv_xet_truth("n"), HFENV_FALSE);
	assert_int_equal(hfenv_xet_truth("Off"), HFENV_FALSE);
	assert_int_equal(hfenv_xet_truth("enabled"), HFENV_NEITHER);
	assert_int_equal(hfenv_xet_truth(""), HFENV_NEITHER);
}

static void hfenv_settings_take_the_hubs_words_and_their_opposites(void **state)
{
	(void)state;
	assert_int_equal(hfenv_setting_truth("TRUE"), HFENV_TRUE);
	assert_int_equal(hfenv_setting_truth("no"), HFENV_FALSE);
	assert_int_equal(hfenv_setting_truth("y"), HFENV_NEITHER);
	assert_int_equal(hfenv_setting_truth("n"), HFENV_NEITHER);
	assert_int_equal(hfenv_setting_truth("2"), HFENV_NEITHER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(true_values_are_true_in_any_case),
		cmocka_unit_test(other_values_are_false),
		cmocka_unit_test(hf_xet_also_takes_y_and_n),
		cmocka_unit_test(hfenv_settings_take_the_hubs_words_and_their_opposites),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
