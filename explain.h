#ifndef HFENV_EXPLAIN_H
#define HFENV_EXPLAIN_H

#include "env.h"

#include <stdio.h>

enum explain_format { EXPLAIN_TABLE, EXPLAIN_TSV };

enum explain_verdict { EXPLAIN_AGREE, EXPLAIN_DISAGREE, EXPLAIN_REFUSED };

/* Where and how --explain writes; the tables fit width columns (0: 80). */
struct explain_output {
	FILE *stream;
	enum explain_format format;
	bool colour;
	size_t width;
};

/*
 * --explain: writes each client's route before hfenv (envp under opts' -u and NAME=VALUE) and
 * after it (result), and, as a table, what hfenv changes.  Returns an explain_verdict, or -1
 * with errno ENOMEM.
 */
int explain_routes(const struct explain_output *output, const struct hfenv_options *opts, char *const envp[],
		   const struct hfenv_result *result, const char *const *operands);

/* An operand --explain takes: HOST, HOST:PORT, [IPv6]:PORT or an http:// or https:// URL. */
bool explain_target_is_valid(const char *text);

#endif
