#include "engine_cases.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* The finding that does not fit its line, HFENV_LINE_WIDTH columns with the wrapper's prefix; NULL when all fit. */
static const char *unfit_finding(const struct hfenv_result *r)
{
	for (size_t i = 0; i < r->finding_count; i++) {
		const struct hfenv_finding *f = &r->findings[i];
		if (strlen(f->kind == HFENV_WARNING ? "hfenv: warning: " : "hfenv: ") + strlen(f->message) > HFENV_LINE_WIDTH)
			return f->message;
	}
	return NULL;
}

void normalize(const struct hfenv_options *opts, char *const envp[], struct hfenv_result *r)
{
	assert_int_equal(hfenv_normalize(opts, NULL, envp, r), 0);
	const char *unfit = unfit_finding(r);
	if (unfit != NULL)
		fail_msg("a finding is wider than its line of %d columns: %s", HFENV_LINE_WIDTH, unfit);
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

static char miss_message[512];

/* Records why an expectation failed; false, for the caller to return. */
static bool miss(const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	vsnprintf(miss_message, sizeof miss_message, format, ap);
	va_end(ap);
	return false;
}

static bool take_prefix(const char *text, const char *prefix, const char **rest)
{
	size_t n = strlen(prefix);
	if (strncmp(text, prefix, n) != 0)
		return false;
	*rest = text + n;
	return true;
}

static const char *kind_name(enum hfenv_finding_kind kind)
{
	return kind == HFENV_CHANGE ? "change" : kind == HFENV_WARNING ? "warning" : "error";
}

static void print_result(const struct hfenv_result *r)
{
	for (size_t i = 0; i < r->env_count; i++)
		print_error("  env[%zu] %s\n", i, r->env[i]);
	for (size_t i = 0; i < r->finding_count; i++)
		print_error("  %s: %s\n", kind_name(r->findings[i].kind), r->findings[i].message);
	for (size_t i = 0; i < r->edit_count; i++)
		print_error("  edit: %s%s%s%s\n", r->edits[i].value ? "" : "-", r->edits[i].name,
			    r->edits[i].value ? "=" : "", r->edits[i].value ? r->edits[i].value : "");
}

static bool contains(const char *text, const char *fragment, size_t length)
{
	for (; *text != '\0'; text++)
		if (strncmp(text, fragment, length) == 0)
			return true;
	return length == 0;
}

/* Whether message holds every fragment of "a ... b ... c". */
static bool has_fragments(const char *message, const char *fragments)
{
	static const char separator[] = " ... ";
	for (const char *fragment = fragments;;) {
		const char *end = strstr(fragment, separator);
		if (!contains(message, fragment, end ? (size_t)(end - fragment) : strlen(fragment)))
			return false;
		if (end == NULL)
			return true;
		fragment = end + strlen(separator);
	}
}

/* The finding kind a word names; -1 for "finding" (any kind), -2 when it names none. */
static int finding_kind(const char *word, size_t length)
{
	for (int kind = HFENV_CHANGE; kind <= HFENV_ERROR; kind++)
		if (strlen(kind_name((enum hfenv_finding_kind)kind)) == length &&
		    strncmp(word, kind_name((enum hfenv_finding_kind)kind), length) == 0)
			return kind;
	return length == 7 && strncmp(word, "finding", 7) == 0 ? -1 : -2;
}

/* "warning: TEXT" and, negated, "no warning: TEXT"; *known false when expectation is no such thing. */
static bool check_finding(const struct hfenv_result *r, const char *expectation, bool negated, bool *known)
{
	size_t length = strcspn(expectation, ":");
	int kind = finding_kind(expectation, length);
	*known = kind != -2 && strncmp(expectation + length, ": ", 2) == 0;
	if (!*known)
		return false;
	const char *text = expectation + length + 2;
	for (size_t i = 0; i < r->finding_count; i++)
		if ((kind == -1 || (int)r->findings[i].kind == kind) && has_fragments(r->findings[i].message, text))
			return negated ? miss("a %s contains it: %s", kind_name(r->findings[i].kind), r->findings[i].message) : true;
	return negated ? true : miss("no such finding");
}

/* "errors: 1" and, negated, "no errors"; *known false when expectation is no such thing. */
static bool check_count(const struct hfenv_result *r, const char *expectation, bool negated, bool *known)
{
	static const char *const names[] = {"changes", "warnings", "errors", "findings", "edits", "variables"};
	size_t length = negated ? strlen(expectation) : strcspn(expectation, ":");
	size_t which = 0;
	while (which < 6 && !(strlen(names[which]) == length && strncmp(expectation, names[which], length) == 0))
		which++;
	size_t expected = 0;
	char *end = NULL;
	if (which < 6 && !negated && strncmp(expectation + length, ": ", 2) == 0)
		expected = strtoul(expectation + length + 2, &end, 10);
	*known = which < 6 && (negated || (end != NULL && end != expectation + length + 2 && *end == '\0'));
	if (!*known)
		return false;
	size_t actual = which < 3 ? count_findings(r, (enum hfenv_finding_kind)which) :
			which == 3 ? r->finding_count : which == 4 ? r->edit_count : r->env_count;
	return actual == expected || miss("there are %zu", actual);
}

static bool check_order(const struct hfenv_result *r, const char *names)
{
	const char *at = names;
	for (size_t i = 0; i < r->env_count; i++) {
		size_t length = strcspn(r->env[i], "=");
		at += strspn(at, " ");
		if (strncmp(at, r->env[i], length) != 0 || (at[length] != ' ' && at[length] != '\0'))
			return miss("env[%zu] is %s", i, r->env[i]);
		at += length;
	}
	return at[strspn(at, " ")] == '\0' || miss("the environment ends before '%s'", at);
}

static bool check_edit(const struct hfenv_result *r, const char *edit)
{
	bool removal = edit[0] == '-';
	const char *name = edit + removal;
	size_t length = strcspn(name, "=");
	for (size_t i = 0; i < r->edit_count; i++) {
		if (strlen(r->edits[i].name) != length || strncmp(r->edits[i].name, name, length) != 0)
			continue;
		const char *value = r->edits[i].value;
		if (removal ? value == NULL : value != NULL && name[length] == '=' && strcmp(value, name + length + 1) == 0)
			return true;
		return miss("the edit is %s%s%s", value ? "" : "-", r->edits[i].name, value ? "=..." : "");
	}
	return miss("no edit for that name");
}

static bool check_variable(const struct hfenv_result *r, const char *expectation, size_t name_length)
{
	char name[128];
	if (name_length >= sizeof name)
		return miss("name too long");
	memcpy(name, expectation, name_length);
	name[name_length] = '\0';
	const char *value = lookup(r, name);
	if (value == NULL)
		return miss("%s is not set", name);
	return strcmp(value, expectation + name_length + 1) == 0 || miss("%s is '%s'", name, value);
}

/* The reader a row runs with, and how many times the engine called it for the contents, and for a stat. */
static hfenv_bundle_reader *row_reader;
static size_t bundle_reads, bundle_looks;

static void counting_reader(const char *path, bool contents, struct hfenv_bundle_facts *facts)
{
	*(contents ? &bundle_reads : &bundle_looks) += 1;
	row_reader(path, contents, facts);
}

static bool check_expectation(const struct hfenv_result *r, const char *expectation)
{
	const char *rest;
	bool known = true;
	size_t name_length = strcspn(expectation, "=");
	bool met;
	if (expectation[0] == '-')
		met = (rest = lookup(r, expectation + 1)) == NULL || miss("it is '%s'", rest);
	else if (expectation[name_length] == '=' && strcspn(expectation, ":") > name_length)
		met = check_variable(r, expectation, name_length);
	else if (take_prefix(expectation, "order: ", &rest))
		met = check_order(r, rest);
	else if (take_prefix(expectation, "edit: ", &rest))
		met = check_edit(r, rest);
	else if (take_prefix(expectation, "no edit: ", &rest))
		met = find_edit(r, rest) == NULL || miss("there is one");
	else if (take_prefix(expectation, "path: ", &rest))
		met = (r->path != NULL && strcmp(r->path, rest) == 0) || miss("path is %s", r->path ? r->path : "none");
	else if (take_prefix(expectation, "bundle reads: ", &rest))
		met = (size_t)strtoul(rest, NULL, 10) == bundle_reads || miss("the reader was called %zu times", bundle_reads);
	else if (take_prefix(expectation, "bundle looks: ", &rest))
		met = (size_t)strtoul(rest, NULL, 10) == bundle_looks || miss("the reader looked %zu times", bundle_looks);
	else if (strcmp(expectation, "no path") == 0)
		met = r->path == NULL || miss("path is %s", r->path);
	else if (strcmp(expectation, "verbose") == 0 || strcmp(expectation, "not verbose") == 0)
		met = r->verbose == (expectation[0] == 'v') || miss("verbose is %d", r->verbose);
	else if (strcmp(expectation, "quiet") == 0 || strcmp(expectation, "not quiet") == 0)
		met = r->quiet == (expectation[0] == 'q') || miss("quiet is %d", r->quiet);
	else if (take_prefix(expectation, "no ", &rest)) {
		met = check_count(r, rest, true, &known);
		if (!known)
			met = check_finding(r, rest, true, &known);
	} else {
		met = check_count(r, expectation, false, &known);
		if (!known)
			met = check_finding(r, expectation, false, &known);
	}
	return known ? met : miss("unknown expectation (see engine_cases.h)");
}

/* Entries whose name has no edit are the input's own pointers, in the input's order; the list ends with NULL. */
static bool check_unchanged_entries_are_the_input(const struct hfenv_result *r, char *const envp[])
{
	size_t next_input = 0;
	for (size_t i = 0; i < r->env_count; i++) {
		size_t length = strcspn(r->env[i], "=");
		bool edited = false;
		for (size_t e = 0; !edited && e < r->edit_count; e++)
			edited = strlen(r->edits[e].name) == length && strncmp(r->edits[e].name, r->env[i], length) == 0;
		if (edited)
			continue;
		size_t j = next_input;
		while (envp[j] != NULL && envp[j] != r->env[i])
			j++;
		if (envp[j] == NULL)
			return miss("env[%zu] %s has no edit, yet is not the input's next entry", i, r->env[i]);
		next_input = j + 1;
	}
	return r->env[r->env_count] == NULL || miss("env[%zu] is not NULL", r->env_count);
}

void run_engine_case(const struct engine_case *row)
{
	run_engine_case_reading(row, NULL);
}

void run_engine_case_reading(const struct engine_case *row, hfenv_bundle_reader *read_bundle)
{
	if (row->env[ENGINE_ENV_MAX - 1] != NULL || row->expect[ENGINE_EXPECT_MAX - 1] != NULL)
		fail_msg("%s: a list has no room for its NULL end: raise ENGINE_ENV_MAX or ENGINE_EXPECT_MAX", row->name);
	if (row->expect[0] == NULL)
		fail_msg("%s: a row needs an expectation", row->name);
	char *const *envp = (char *const *)row->env;
	struct hfenv_result r;
	row_reader = read_bundle;
	bundle_reads = bundle_looks = 0;
	assert_int_equal(hfenv_normalize(&row->opts, read_bundle ? counting_reader : NULL, envp, &r), 0);
	const char *failed = NULL;
	for (size_t i = 0; failed == NULL && row->expect[i] != NULL; i++)
		if (!check_expectation(&r, row->expect[i]))
			failed = row->expect[i];
	if (failed == NULL && !check_unchanged_entries_are_the_input(&r, envp))
		failed = "unchanged entries to be the input's, in order";
	if (failed == NULL && unfit_finding(&r) != NULL)
		failed = "every finding to fit its line of 100 columns";
	if (failed != NULL) {
		print_result(&r);
		hfenv_result_free(&r);
		fail_msg("%s: expected %s: %s", row->name, failed, miss_message);
	}
	hfenv_result_free(&r);
}

/* One row and the reader of its group: a cmocka test's state. */
struct bound_row {
	const struct engine_case *row;
	hfenv_bundle_reader *read_bundle;
};

static void run_row(void **state)
{
	const struct bound_row *bound = *state;
	run_engine_case_reading(bound->row, bound->read_bundle);
}

int run_engine_cases(const char *group, hfenv_bundle_reader *read_bundle, const struct engine_case *rows,
		     size_t row_count, const struct CMUnitTest *functions, size_t function_count)
{
	struct CMUnitTest *tests = calloc(row_count + function_count, sizeof *tests);
	struct bound_row *bound = calloc(row_count + 1, sizeof *bound);
	if (tests == NULL || bound == NULL) {
		free(tests);
		free(bound);
		return 1;
	}
	for (size_t i = 0; i < row_count; i++) {
		bound[i] = (struct bound_row){&rows[i], read_bundle};
		tests[i] = (struct CMUnitTest){.name = rows[i].name, .test_func = run_row, .initial_state = &bound[i]};
	}
	if (function_count > 0)
		memcpy(tests + row_count, functions, function_count * sizeof *tests);
	int status = _cmocka_run_group_tests(group, tests, row_count + function_count, NULL, NULL);
	free(tests);
	free(bound);
	return status;
}
