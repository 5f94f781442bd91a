#include "render/table.h"

#include "common/redact.h"
#include "common/text.h"

#include <stdlib.h>
#include <string.h>

/* Where a legend's keys begin: after "Proxies:  ". */
#define LEGEND_COLUMN 10

char *route_text(const struct hfenv_route *route)
{
	switch (route->kind) {
	case HFENV_ROUTE_DIRECT:
		return route->reason ? text_join("direct: ", route->reason, strlen(route->reason)) : strdup("direct");
	case HFENV_ROUTE_PROXY:
		return hfenv_redact(route->proxy);
	case HFENV_ROUTE_IGNORED:
		return strcmp(route->reason, "CGI") == 0 ? strdup("ignored under CGI") : text_join("ignored: ", route->reason, strlen(route->reason));
	case HFENV_ROUTE_REFUSED_CGI:
		return strdup("refused under CGI");
	case HFENV_ROUTE_FAILS:
		break;
	}
	return text_join("fails: ", route->reason, strlen(route->reason));
}

const char *route_token(const struct hfenv_route *route, const char *text)
{
	if (route->kind == HFENV_ROUTE_PROXY)
		return text;
	return route->kind == HFENV_ROUTE_DIRECT || route->kind == HFENV_ROUTE_IGNORED ? "direct" : "fail";
}

void free_table(struct table *table)
{
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++)
		for (size_t col = 0; col < CELL_COLUMNS; col++)
			free(table->cells[c][col]);
	for (size_t i = 0; i < table->note_count; i++)
		free(table->notes[i]);
}

void free_legend(struct legend *legend)
{
	for (size_t i = 0; i < legend->count; i++)
		free(legend->values[i]);
	free(legend->values);
	*legend = (struct legend){0};
}

/* The key of a legend's value i: proxies A to Z, then P27...; bundles F1, F2... */
static char *legend_key(size_t i, bool letters)
{
	char key[24];
	if (letters && i < 26)
		snprintf(key, sizeof key, "%c", (char)('A' + i));
	else
		snprintf(key, sizeof key, "%s%zu", letters ? "P" : "F", i + 1);
	return strdup(key);
}

char *keyed(struct legend *legend, const char *value, bool letters)
{
	size_t i = 0;
	while (i < legend->count && strcmp(legend->values[i], value) != 0)
		i++;
	if (i == legend->count) {
		char **values = realloc(legend->values, (legend->count + 1) * sizeof *values);
		char *copy = values ? strdup(value) : NULL;
		if (values != NULL)
			legend->values = values;
		if (copy == NULL)
			return NULL;
		legend->values[legend->count++] = copy;
	}
	return legend_key(i, letters);
}

static const char *row_label(const struct table *table, enum hfenv_client c)
{
	return table->short_labels ? hfenv_client_short_label(c) : hfenv_client_label(c);
}

/* Each column's width; the table's, two spaces between columns. */
static size_t table_width(const struct table *table, size_t width[1 + CELL_COLUMNS])
{
	for (size_t col = 0; col <= table->cell_columns; col++)
		width[col] = strlen(table->headings[col]);
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		if (!table->rows[c])
			continue;
		if (strlen(row_label(table, c)) > width[0])
			width[0] = strlen(row_label(table, c));
		for (size_t col = 0; col < table->cell_columns; col++)
			if (strlen(table->cells[c][col]) > width[col + 1])
				width[col + 1] = strlen(table->cells[c][col]);
	}
	size_t total = 2 * table->cell_columns;
	for (size_t col = 0; col <= table->cell_columns; col++)
		total += width[col];
	return total;
}

/* A cell too wide for the table becomes its first word and a note: "fails: bad URL" as "fails 1". -1 on ENOMEM. */
static int note_cell(struct table *table, char **cell)
{
	size_t i = 0;
	while (i < table->note_count && strcmp(table->notes[i], *cell) != 0)
		i++;
	if (i == table->note_count)
		table->notes[table->note_count++] = *cell;
	else
		free(*cell);
	size_t word = strcspn(table->notes[i], ": ");
	char *short_cell = malloc(word + 24);
	if (short_cell != NULL)
		snprintf(short_cell, word + 24, "%.*s %zu", (int)word, table->notes[i], i + 1);
	*cell = short_cell;
	return short_cell ? 0 : -1;
}

int fit_table(struct table *table, size_t width)
{
	size_t widths[1 + CELL_COLUMNS];
	table->short_labels = width < FULL_LABELS_WIDTH || table_width(table, widths) > width;
	if (table_width(table, widths) <= width)
		return 0;
	size_t share = width > widths[0] + 2 * table->cell_columns ? width - widths[0] - 2 * table->cell_columns : 0;
	share /= table->cell_columns;
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++)
		for (size_t col = 0; table->rows[c] && col < table->cell_columns; col++)
			if (strlen(table->cells[c][col]) > share && note_cell(table, &table->cells[c][col]) != 0)
				return -1;
	return 0;
}

static void print_cell(FILE *out, const char *text, size_t width, const char *colour, bool last)
{
	if (colour != NULL)
		fprintf(out, "%s%s%s", colour, text, ANSI_RESET);
	else
		fputs(text, out);
	for (size_t n = strlen(text); !last && n < width + 2; n++)
		fputc(' ', out);
}

static void print_groups(FILE *out, const struct table *table, const size_t width[], bool colour)
{
	if (table->groups[0] == NULL)
		return;
	print_cell(out, "", width[0], NULL, false);
	for (size_t g = 0; 2 * g < table->cell_columns; g++) {
		bool last = 2 * g + 2 >= table->cell_columns;
		print_cell(out, table->groups[g], width[2 * g + 1] + 2 + width[2 * g + 2], colour ? ANSI_BOLD : NULL, last);
	}
	fputc('\n', out);
}

void print_table(FILE *out, const struct table *table, bool colour)
{
	size_t width[1 + CELL_COLUMNS];
	table_width(table, width);
	print_groups(out, table, width, colour);
	for (size_t col = 0; col <= table->cell_columns; col++)
		print_cell(out, table->headings[col], width[col], colour ? ANSI_BOLD : NULL, col == table->cell_columns);
	fputc('\n', out);
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		if (!table->rows[c])
			continue;
		print_cell(out, row_label(table, c), width[0], NULL, false);
		for (size_t col = 0; col < table->cell_columns; col++)
			print_cell(out, table->cells[c][col], width[col + 1], colour ? table->colours[c][col] : NULL,
				   col + 1 == table->cell_columns);
		fputc('\n', out);
	}
}

void print_legend(FILE *out, const char *title, const struct legend *legend, bool letters)
{
	for (size_t i = 0; i < legend->count; i++) {
		char *key = legend_key(i, letters);
		char *value = letters ? hfenv_redact(legend->values[i]) : hfenv_redact_file_name(legend->values[i]);
		fprintf(out, "%-*s%s = %s\n", LEGEND_COLUMN, i == 0 ? title : "", key ? key : "?", value ? value : "?");
		free(value);
		free(key);
	}
}

void print_notes(FILE *out, const struct table *table)
{
	for (size_t i = 0; i < table->note_count; i++)
		fprintf(out, "%-*s%zu = %s\n", LEGEND_COLUMN, i == 0 ? "Notes:" : "", i + 1, table->notes[i]);
}

void print_wrapped(FILE *out, const char *text, size_t column, size_t indent, size_t width)
{
	for (bool first = true; *text; first = false) {
		size_t word = strcspn(text, " ");
		if (!first && column + 1 + word > width) {
			fprintf(out, "\n%*s", (int)indent, "");
			column = indent;
		} else if (!first) {
			fputc(' ', out);
			column++;
		}
		fwrite(text, 1, word, out);
		column += word;
		text += word;
		text += *text == ' ';
	}
}
