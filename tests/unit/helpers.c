#include "helpers.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

void normalize(const struct hfenv_options *opts, char *const envp[], struct hfenv_result *r)
{
	assert_int_equal(hfenv_normalize(opts, envp, r), 0);
}

const char *lookup(const struct hfenv_result *r, const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < r->env_count; i++)
		if (strncmp(r->env[i], name, n) == 0 && r->env[i][n] == '=')
			return r->env[i] + n + 1;
	return NULL;
}

long find_finding(const struct hfenv_result *r, enum hfenv_finding_kind kind, ...)
{
	for (size_t i = 0; i < r->finding_count; i++) {
		if (r->findings[i].kind != kind)
			continue;
		bool all = true;
		va_list ap;
		va_start(ap, kind);
		for (const char *fragment; all && (fragment = va_arg(ap, const char *)) != NULL;)
			all = strstr(r->findings[i].message, fragment) != NULL;
		va_end(ap);
		if (all)
			return (long)i;
	}
	return -1;
}

size_t count_findings(const struct hfenv_result *r, enum hfenv_finding_kind kind)
{
	size_t n = 0;
	for (size_t i = 0; i < r->finding_count; i++)
		n += r->findings[i].kind == kind;
	return n;
}

const struct hfenv_edit *find_edit(const struct hfenv_result *r, const char *name)
{
	for (size_t i = 0; i < r->edit_count; i++)
		if (strcmp(r->edits[i].name, name) == 0)
			return &r->edits[i];
	return NULL;
}

void assert_no_finding_contains(const struct hfenv_result *r, const char *text)
{
	for (size_t i = 0; i < r->finding_count; i++)
		if (strstr(r->findings[i].message, text) != NULL)
			fail_msg("finding %zu contains '%s': %s", i, text, r->findings[i].message);
}
