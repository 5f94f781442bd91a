#ifndef HFENV_TEST_HELPERS_H
#define HFENV_TEST_HELPERS_H

#include <stdbool.h>
#include <stddef.h>

#include "env.h"

/* Runs hfenv_normalize and fails the test on -1. */
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

#endif
