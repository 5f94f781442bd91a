#ifndef HFENV_RENDER_TABLE_H
#define HFENV_RENDER_TABLE_H

#include "clients/routes.h"

#include <stdbool.h>
#include <stdio.h>

#define ANSI_BOLD "\033[1m"
#define ANSI_RED "\033[31m"
#define ANSI_GREEN "\033[32m"
#define ANSI_YELLOW "\033[33m"
#define ANSI_RESET "\033[0m"

/* The long labels ("hf_xet >= 1.3, uv: reqwest 0.13") need this many columns for the trust table beside them. */
#define FULL_LABELS_WIDTH 100
#define CELL_COLUMNS (2 * HFENV_TARGETS)
/* Every distinct proxy or bundle of a table has a key; there are at most as many as cells. */
#define KEYS_MAX (HFENV_CLIENTS * CELL_COLUMNS)

/* Values named once above a table ("A = http://..."), and notes for cells too wide for it ("1 = fails: ..."). */
struct legend {
	const char *values[KEYS_MAX];
	size_t count;
	char *notes[KEYS_MAX];
	size_t note_count;
};

/* A table as it is printed: the label column, then cells; labels shortened when the full ones do not fit. */
struct table {
	size_t cell_columns;
	const char *groups[HFENV_TARGETS]; /* over each pair of cell columns, or NULL */
	const char *headings[1 + CELL_COLUMNS];
	bool rows[HFENV_CLIENTS];     /* the families shown */
	bool short_labels;
	char *cells[HFENV_CLIENTS][CELL_COLUMNS];
	const char *colours[HFENV_CLIENTS][CELL_COLUMNS];
};

/* What a person reads about a route, the proxy in full (its password ***): the tsv's text fields. */
char *route_text(const struct hfenv_route *route);

/* The way out, for machines: direct (ignored too), fail, or the proxy as in the text. */
const char *route_token(const struct hfenv_route *route, const char *text);

/* value's key (proxies A to Z, then P27...; bundles F1, F2...), adding value to the legend when it is new. */
char *keyed(struct legend *legend, const char *value, bool letters);

/* "Proxies: A = http://..." and the notes, one a line, under title. */
void print_legend(FILE *out, const char *title, const struct legend *legend, bool letters);

/* Fits the table to width: the long labels from FULL_LABELS_WIDTH columns on and when they fit, and notes for cells too wide. */
int fit_table(struct table *table, struct legend *notes, size_t width);

void print_table(FILE *out, const struct table *table, bool colour);

void free_table(struct table *table, struct legend *legend);

/* text from column on, wrapped at single spaces before width; lines after the first indented by indent. */
void print_wrapped(FILE *out, const char *text, size_t column, size_t indent, size_t width);

#endif
