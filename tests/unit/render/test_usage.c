#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "common/variables.h"
#include "render/usage.h"

static void help_names_every_ca_bundle_variable_setting_and_xet_switch(void **state)
{
	(void)state;
	for (enum hfenv_variable v = 0; v < HFENV_VARIABLES; v++) {
		enum hfenv_variable_kind kind = hfenv_variables[v].kind;
		bool named = kind == VAR_KIND_CA_BUNDLE || kind == VAR_KIND_SETTING;
		if (named && strstr(hfenv_usage, hfenv_variables[v].name) == NULL)
			fail_msg("hfenv --help does not name %s", hfenv_variables[v].name);
	}
	assert_non_null(strstr(hfenv_usage, "HF_HUB_DISABLE_XET=1"));
	assert_non_null(strstr(hfenv_usage, "HF_HUB_DISABLE_XETHUB=1"));
}

static void help_lines_fit_80_columns(void **state)
{
	(void)state;
	for (const char *line = hfenv_usage; *line;) {
		size_t n = strcspn(line, "\n");
		if (n > 80)
			fail_msg("hfenv --help has a line of %zu columns: %.*s", n, (int)n, line);
		line += n + (line[n] == '\n');
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(help_names_every_ca_bundle_variable_setting_and_xet_switch),
		cmocka_unit_test(help_lines_fit_80_columns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
