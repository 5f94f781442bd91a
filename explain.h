#ifndef HFENV_EXPLAIN_H
#define HFENV_EXPLAIN_H

#include "env.h"

#include <stdio.h>

enum explain_format { EXPLAIN_TABLE, EXPLAIN_TSV };

enum explain_verdict { EXPLAIN_AGREE, EXPLAIN_DISAGREE, EXPLAIN_REFUSED };

/*
 * --explain: writes to out each client's route before hfenv (envp under opts' -u and NAME=VALUE)
 * and after it (result), and, as a table, what hfenv changes.  Returns an explain_verdict, or -1
 * with errno ENOMEM.
 */
int explain_routes(FILE *out, enum explain_format format, bool colour, const struct hfenv_options *opts,
		   char *const envp[], const struct hfenv_result *result);

#endif
