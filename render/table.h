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
/* A cell too wide for its table becomes a note; there are at most as many as cells. */
#define NOTES_MAX (HFENV_CLIENTS * CELL_COLUMNS)

/* Values named once and shown by their key ("A = http://..."): the proxies of the whole output, a table's bundles. */
struct legend {
	char **values;                /* copies, malloc'd */
	size_t count;
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
	char *notes[NOTES_MAX];       /* the cells too wide for the table ("1 = fails: ...") */
	size_t note_count;
};

/* What a person reads about a route, the proxy in full (its password ***): the tsv's text fields. */
char *route_text(const struct hfenv_route *route);

/* The way out, for machines: direct (ignored too), fail, or the proxy as in the text. */
const char *route_token(const struct hfenv_route *route, const char *text);

/* value's key (proxies A to Z, then P27...; bundles F1, F2...), adding a copy of value when it is new; NULL on ENOMEM. */
char *keyed(struct legend *legend, const char *value, bool letters);

/* "TITLE  A = http://..." a line each, the values redacted and escaped, the title's column as wide as "Proxies:  ". */
void print_legend(FILE *out, const char *title, const struct legend *legend, bool letters);

void free_legend(struct legend *legend);

/* Fits the table to width: the long labels from FULL_LABELS_WIDTH columns on and when they fit, and notes for cells too wide. */
int fit_table(struct table *table, size_t width);

/* "Notes:  1 = fails: bad URL" a line each, in the legend's column. */
void print_notes(FILE *out, const struct table *table);

void print_table(FILE *out, const struct table *table, bool colour);

void free_table(struct table *table);

/* text from column on, wrapped at single spaces before width; lines after the first indented by indent. */
void print_wrapped(FILE *out, const char *text, size_t column, size_t indent, size_t width);

#endif
