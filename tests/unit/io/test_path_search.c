#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <errno.h>
#include <limits.h>

#include "io/path_search.h"

/* The candidates a search offers for file, joined by spaces; free it. */
static char *candidates(const char *file, const char *search_path)
{
	struct path_search search;
	assert_true(path_search_begin(&search, file, search_path));
	size_t size = 1;
	char *all = calloc(1, size);
	for (const char *path; (path = path_search_next(&search)) != NULL;) {
		size += strlen(path) + 1;
		all = realloc(all, size);
		assert_non_null(all);
		if (*all != '\0')
			strcat(all, " ");
		strcat(all, path);
	}
	path_search_end(&search);
	return all;
}

static void each_directory_is_joined_to_the_name_an_empty_one_is_the_current(void **state)
{
	(void)state;
	char *all = candidates("cmd", "/a::/b/");
	assert_string_equal(all, "/a/cmd cmd /b//cmd");
	free(all);
}

static void unset_path_is_bin_then_usr_bin(void **state)
{
	(void)state;
	char *all = candidates("cmd", NULL);
	assert_string_equal(all, "/bin/cmd /usr/bin/cmd");
	free(all);
}

static void directory_of_path_max_bytes_or_more_is_skipped(void **state)
{
	(void)state;
	char *path = malloc(PATH_MAX + 16);
	assert_non_null(path);
	path[0] = '/';
	memset(path + 1, 'a', PATH_MAX - 1);
	strcpy(path + PATH_MAX, ":/b");
	char *all = candidates("cmd", path);
	assert_string_equal(all, "/b/cmd");
	free(all);
	path[PATH_MAX - 1] = '\0';
	all = candidates("c", path);
	assert_int_equal(strlen(all), PATH_MAX + 1);
	free(all);
	strcpy(path + 1, "b:");
	memset(path + 3, 'a', PATH_MAX);
	path[3 + PATH_MAX] = '\0';
	all = candidates("cmd", path);
	assert_string_equal(all, "/b/cmd");
	free(all);
	free(path);
}

static void missing_and_denied_files_are_passed_over_as_glibc_does(void **state)
{
	(void)state;
	struct path_search search;
	assert_true(path_search_begin(&search, "cmd", "/a"));
	const int passed_over[] = {ENOENT, ENOTDIR, ESTALE, ENODEV, ETIMEDOUT};
	for (size_t i = 0; i < sizeof passed_over / sizeof passed_over[0]; i++)
		assert_true(path_search_goes_on(&search, passed_over[i]));
	assert_int_equal(path_search_error(&search), ENOENT);
	assert_true(path_search_goes_on(&search, EACCES));
	assert_true(path_search_goes_on(&search, ENOENT));
	assert_int_equal(path_search_error(&search), EACCES);
	path_search_end(&search);
}

static void any_other_error_ends_the_search(void **state)
{
	(void)state;
	struct path_search search;
	assert_true(path_search_begin(&search, "cmd", "/a"));
	const int ending[] = {ELOOP, ENAMETOOLONG, ENOEXEC, E2BIG, ENOMEM, ETXTBSY, EISDIR};
	for (size_t i = 0; i < sizeof ending / sizeof ending[0]; i++)
		assert_false(path_search_goes_on(&search, ending[i]));
	path_search_end(&search);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_directory_is_joined_to_the_name_an_empty_one_is_the_current),
		cmocka_unit_test(unset_path_is_bin_then_usr_bin),
		cmocka_unit_test(directory_of_path_max_bytes_or_more_is_skipped),
		cmocka_unit_test(missing_and_denied_files_are_passed_over_as_glibc_does),
		cmocka_unit_test(any_other_error_ends_the_search),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
