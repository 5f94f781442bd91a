#ifndef HFENV_RENDER_EXPLAIN_H
#define HFENV_RENDER_EXPLAIN_H

#include "common/assignments.h"
#include "engine/result.h"

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
 * --explain: writes each client's route before hfenv (envp under the command line's -u and NAME=VALUE) and
 * after it (result), and, as a table, what hfenv changes.  Returns an explain_verdict, or -1
 * with errno ENOMEM.
 */
int explain_routes(const struct explain_output *output, const struct hfenv_assignments *assignments, char *const envp[],
		   const struct hfenv_result *result, const char *const *operands);

/* The format --explain=NAME writes, table or tsv; NULL means table.  False for another name. */
bool explain_format_named(const char *name, enum explain_format *format);

/* An operand --explain takes: HOST, HOST:PORT, [IPv6]:PORT or an http:// or https:// URL. */
bool explain_target_is_valid(const char *text);

/*
 * Warns on out ("hfenv: warning: ...", a line each) of operands that look meant otherwise: in a table,
 * a format's name (tsv); in any format, a command, as is_command(operand, search_path) says (python).
 */
void explain_warn_about_operands(FILE *out, const char *const *operands, enum explain_format format,
				 bool (*is_command)(const char *word, const char *search_path), const char *search_path);

#endif
