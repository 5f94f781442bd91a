#ifndef HFENV_TEST_ENGINE_CASES_H
#define HFENV_TEST_ENGINE_CASES_H

#include <stdbool.h>
#include <stddef.h>

#include "env.h"

/* Runs hfenv_normalize, with no CA bundle reader, and fails the test on -1. */
void normalize(const struct hfenv_options *opts, char *const envp[], struct hfenv_result *r);

/* Value of name in the result environment, or NULL. */
const char *lookup(const struct hfenv_result *r, const char *name);

/* Index of the first finding of kind whose message contains every given fragment (NULL-terminated), or -1. */
long find_finding(const struct hfenv_result *r, enum hfenv_finding_kind kind, ...);
size_t count_findings(const struct hfenv_result *r, enum hfenv_finding_kind kind);

/* The edit for name, or NULL. */
const struct hfenv_edit *find_edit(const struct hfenv_result *r, const char *name);

/* Fails the test if a finding contains text. */
void assert_no_finding_contains(const struct hfenv_result *r, const char *text);

/*
 * Engine cases as table rows: an environment and options in, expectations out, one string each:
 *   "NAME=VALUE"          NAME is set to exactly VALUE         "-NAME"            NAME is not set
 *   "order: A B C"        the names of the whole environment, in order (an entry without '=' by its text)
 *   "change: TEXT"        a finding of that kind contains TEXT ("warning: ...", "error: ..." alike);
 *                         "a ... b" asks for both fragments in the same finding
 *   "no warning: TEXT"    no finding of that kind contains TEXT ("no finding: TEXT": of any kind)
 *   "errors: 1"           how many errors ("changes", "warnings", "findings", "edits", "variables");
 *                         "no errors" is "errors: 0"
 *   "edit: NAME=VALUE"    an edit sets NAME to VALUE           "edit: -NAME"      an edit removes NAME
 *   "no edit: NAME"       no edit touches NAME
 *   "path: /bin"          the result's PATH for the exec site  "no path"          it has none
 *   "verbose", "quiet"    the result's flags are set           "not verbose", "not quiet"
 *   "bundle reads: 1"     how many times the engine called the row's CA bundle reader for the contents
 *   "bundle looks: 1"     how many times for a stat only (contents false)
 * Every row also checks that each entry whose name has no edit is the input's own pointer, in the input's order.
 */
#define ENGINE_ENV_MAX 16
#define ENGINE_EXPECT_MAX 16

struct engine_case {
	const char *name;
	const char *env[ENGINE_ENV_MAX];
	struct hfenv_options opts;
	const char *expect[ENGINE_EXPECT_MAX];
};

/* -u and NAME=VALUE lists inside a row's options: {UNSET("A", "B"), .no_xet = true}. */
#define ENGINE_LIST(...) ((const char *const[]){__VA_ARGS__})
#define ENGINE_COUNT(...) (sizeof ENGINE_LIST(__VA_ARGS__) / sizeof(const char *))
#define UNSET(...) .assignments.unset = ENGINE_LIST(__VA_ARGS__), .assignments.unset_count = ENGINE_COUNT(__VA_ARGS__)
#define ASSIGN(...) .assignments.assign = ENGINE_LIST(__VA_ARGS__), .assignments.assign_count = ENGINE_COUNT(__VA_ARGS__)

/* Normalizes one row and checks each of its expectations. */
void run_engine_case(const struct engine_case *row);
/* The same, with read_bundle inspecting the CA bundle files the row names. */
void run_engine_case_reading(const struct engine_case *row, hfenv_bundle_reader *read_bundle);

struct CMUnitTest;

/* Runs every row as a cmocka test named after it, then the function tests; the status of cmocka's group run. */
int run_engine_cases(const char *group, hfenv_bundle_reader *read_bundle, const struct engine_case *rows,
		     size_t row_count, const struct CMUnitTest *functions, size_t function_count);

#define ENGINE_CASES_READING(group, read_bundle, rows, functions) \
	run_engine_cases(group, read_bundle, rows, sizeof(rows) / sizeof(rows)[0], functions, \
			 sizeof(functions) / sizeof(functions)[0])
#define ENGINE_CASES(group, rows, functions) ENGINE_CASES_READING(group, NULL, rows, functions)

#endif
