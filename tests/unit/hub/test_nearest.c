#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "hub/nearest.h"
#include "hub/settings.h"

/* The nearest known name's, or NULL. */
static const char *nearest_to(const char *name)
{
	const struct hfenv_hub_setting *nearest;
	assert_int_equal(hfenv_hub_nearest(name, strlen(name), &nearest), 0);
	return nearest ? nearest->name : NULL;
}

static void assert_nearest(const char *name, const char *expected)
{
	const char *got = nearest_to(name);
	if (expected == NULL ? got != NULL : got == NULL || strcmp(got, expected) != 0)
		fail_msg("nearest to %s: %s, expected %s", name, got ? got : "none", expected ? expected : "none");
}

static void own_names_are_hf_hub_and_hf_xet(void **state)
{
	(void)state;
	assert_true(hfenv_hub_is_own_name("HF_HUB_X", 8));
	assert_true(hfenv_hub_is_own_name("HF_XET_X", 8));
	assert_true(hfenv_hub_is_own_name("HF_HUB_", 7));
	assert_false(hfenv_hub_is_own_name("HF_HUB", 6));
	assert_false(hfenv_hub_is_own_name("HF_DATASETS_CACHE", 17));
	assert_false(hfenv_hub_is_own_name("HF_HOME", 7));
	assert_false(hfenv_hub_is_own_name("hf_hub_offline", 14));
}

static void another_prefix_gives_the_name_with_the_known_prefix(void **state)
{
	(void)state;
	assert_nearest("HF_HUB_ENDPOINT", "HF_ENDPOINT");
	assert_nearest("HF_HUB_TOKEN", "HF_TOKEN");
	assert_nearest("HF_HUB_HOME", "HF_HOME");
	assert_nearest("HF_XET_OFFLINE", "HF_HUB_OFFLINE");
	assert_nearest("HF_HUB_XET_CACHE", "HF_XET_CACHE");
}

static void a_typo_gives_the_name_it_misspells(void **state)
{
	(void)state;
	assert_nearest("HF_HUB_DISABLE_PROGRESS_BAR", "HF_HUB_DISABLE_PROGRESS_BARS");
	assert_nearest("HF_HUB_DISABLE_SYMLINK_WARNING", "HF_HUB_DISABLE_SYMLINKS_WARNING");
	assert_nearest("HF_HUB_OFFLIEN", "HF_HUB_OFFLINE");
	assert_nearest("HF_HUB_DOWNLOAD_TIMOUT", "HF_HUB_DOWNLOAD_TIMEOUT");
	assert_nearest("HF_XET_HIGH_PERFORMANCES", "HF_XET_HIGH_PERFORMANCE");
}

static void a_missing_group_gives_the_grouped_name(void **state)
{
	(void)state;
	assert_nearest("HF_XET_CONNECT_TIMEOUT", "HF_XET_CLIENT_CONNECT_TIMEOUT");
	assert_nearest("HF_XET_RETRY_MAX_ATTEMPTS", "HF_XET_CLIENT_RETRY_MAX_ATTEMPTS");
}

static void a_cut_name_gives_the_one_it_begins(void **state)
{
	(void)state;
	assert_nearest("HF_XET_HIGH_PERF", "HF_XET_HIGH_PERFORMANCE");
	assert_nearest("HF_HUB_OFF", NULL); /* three letters: too short to guess from */
}

static void two_equally_near_names_give_none(void **state)
{
	(void)state;
	assert_nearest("HF_XET_ENABLED", NULL); /* TELEMETRY_ENABLED, SYSTEM_MONITOR_ENABLED */
	assert_nearest("HF_HUB_DISABLE", NULL);
	assert_nearest("HF_HUB_TIMEOUT", NULL);
}

static void far_names_give_none(void **state)
{
	(void)state;
	assert_nearest("HF_HUB_FOO", NULL);
	assert_nearest("HF_HUB_", NULL);
	assert_nearest("HF_XET_LOG", NULL);
	assert_nearest("HF_HUB_CACHE_DIRECTORY", NULL);
	assert_nearest("HF_DATASETS_CACHE", NULL);
}

static void a_name_nothing_reads_is_never_suggested(void **state)
{
	(void)state;
	assert_nearest("HF_HUB_DISABLE_XETHUBS", NULL); /* HF_HUB_DISABLE_XETHUB is in the table, read by none */
}

static void a_very_long_name_gives_none(void **state)
{
	(void)state;
	size_t n = 1 << 20;
	char *name = malloc(n + 1);
	assert_non_null(name);
	memcpy(name, "HF_HUB_", 7);
	memset(name + 7, 'A', n - 7);
	name[n] = '\0';
	assert_nearest(name, NULL);
	free(name);
}

/* A known name with one letter of its words dropped is taken back to it, or to none when another is as near. */
static void each_known_name_with_a_letter_dropped_comes_back_or_none(void **state)
{
	(void)state;
	size_t suggested = 0, rows = 0;
	for (size_t i = 0; i < hfenv_hub_setting_count; i++) {
		const struct hfenv_hub_setting *row = &hfenv_hub_settings[i];
		size_t n = strlen(row->name);
		if (row->readers == 0 || !hfenv_hub_is_own_name(row->name, n) || n < 12)
			continue;
		char name[128];
		snprintf(name, sizeof name, "%.*s%s", (int)(n - 2), row->name, row->name + n - 1);
		if (hfenv_hub_find(name, strlen(name)) != NULL)
			continue;
		const char *got = nearest_to(name);
		if (got != NULL && strcmp(got, row->name) != 0)
			fail_msg("%s (from %s) gave %s", name, row->name, got);
		suggested += got != NULL;
		rows++;
	}
	assert_true(suggested * 10 >= rows * 9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(own_names_are_hf_hub_and_hf_xet),
		cmocka_unit_test(another_prefix_gives_the_name_with_the_known_prefix),
		cmocka_unit_test(a_typo_gives_the_name_it_misspells),
		cmocka_unit_test(a_missing_group_gives_the_grouped_name),
		cmocka_unit_test(a_cut_name_gives_the_one_it_begins),
		cmocka_unit_test(two_equally_near_names_give_none),
		cmocka_unit_test(far_names_give_none),
		cmocka_unit_test(a_name_nothing_reads_is_never_suggested),
		cmocka_unit_test(a_very_long_name_gives_none),
		cmocka_unit_test(each_known_name_with_a_letter_dropped_comes_back_or_none),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
