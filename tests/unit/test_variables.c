#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "variables.h"

/* The whole of a file of the source tree, NUL-terminated. */
static char *read_source(const char *relative)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", HFENV_SOURCE_DIR, relative);
	FILE *file = fopen(path, "rb");
	assert_non_null(file);
	char *text = NULL;
	size_t len = 0, got;
	char chunk[4096];
	while ((got = fread(chunk, 1, sizeof chunk, file)) > 0) {
		text = realloc(text, len + got + 1);
		assert_non_null(text);
		memcpy(text + len, chunk, got);
		len += got;
	}
	fclose(file);
	assert_non_null(text);
	text[len] = '\0';
	return text;
}

static void help_names_every_ca_bundle_variable_setting_and_xet_flag(void **state)
{
	(void)state;
	char *wrapper = read_source("wrapper.c");
	char *usage = strstr(wrapper, "usage_text[] =");
	assert_non_null(usage);
	char *end = strstr(usage, ";\n");
	assert_non_null(end);
	*end = '\0';
	for (enum hfenv_variable v = 0; v < HFENV_VARIABLES; v++) {
		enum hfenv_variable_kind kind = hfenv_variables[v].kind;
		bool named = kind == VAR_KIND_CA_BUNDLE || kind == VAR_KIND_SETTING || kind == VAR_KIND_XET_FLAG;
		if (named && strstr(usage, hfenv_variables[v].name) == NULL)
			fail_msg("hfenv --help does not name %s", hfenv_variables[v].name);
	}
	free(wrapper);
}

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
		cmocka_unit_test(help_names_every_ca_bundle_variable_setting_and_xet_flag),
		cmocka_unit_test(getenv_reads_the_first_entry_of_a_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
