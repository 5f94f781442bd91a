#ifndef HFENV_IO_PROBE_LINE_H
#define HFENV_IO_PROBE_LINE_H

#include "io/connect.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Every line --probe prints fits this many columns, whatever the input. */
#define PROBE_LINE_WIDTH 100
/* The column of targets is at most this wide. */
#define PROBE_TARGET_WIDTH 40

/* The width of the column of targets for texts of these widths (not escaped). */
size_t probe_target_column(const char *const texts[], size_t count);

/*
 * TARGET  ROUTE  OUTCOME  N ms, TARGET padded to column: the untrusted texts escaped, and the longest
 * ones shortened in their middle so that the line fits PROBE_LINE_WIDTH.  ms < 0: no time.
 */
void probe_print_line(FILE *out, const char *target, size_t column, const char *route, const char *outcome, long ms);

/* A line of fixed words around one untrusted text (escaped, shortened to fit): before TEXT after. */
void probe_print_around(FILE *out, const char *before, const char *text, const char *after);

/*
 * Probes target by proxy and prints the line: label, route, the answer or the error, the time.  True
 * when it answered (probe_through); *reached, unless NULL, says whether the first hop accepted the connection.
 */
bool probe_print_probe(FILE *out, const char *label, size_t column, const char *route, const struct probe_proxy *proxy,
		       const struct probe_endpoint *target, int timeout_ms, bool *reached);

#endif
