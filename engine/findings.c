#include "engine/findings.h"

#include "common/redact.h"
#include "common/shorten.h"
#include "common/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A value shortened in a message keeps at least this many columns. */
#define VALUE_WIDTH_MIN 16
/* Values in one format: bounded by the formats of the engine's steps, not by data. */
#define FORMAT_VALUES_MAX 8

const char hidden_value[] = "***";

/* One value of a finding: its redacted text, how it is shown, and the columns it may take. */
struct shown_value {
	char *redacted;
	bool quoted;                  /* %v and %f; a name (%n) is shown bare */
	size_t width;
	size_t least;                 /* the fewest it is given: what keeps its host and port whole, or VALUE_WIDTH_MIN */
	size_t columns;
};

/* The columns a value takes at level: its width up to level, and never less than its least. */
static size_t columns_at(const struct shown_value *value, size_t level)
{
	return level < value->least ? value->least : level < value->width ? level : value->width;
}

static size_t sum_at(const struct shown_value *values, const bool *done, size_t count, size_t level)
{
	size_t sum = 0;
	for (size_t i = 0; i < count; i++)
		sum += done[i] ? 0 : columns_at(&values[i], level);
	return sum;
}

static size_t smaller(size_t a, size_t b)
{
	return a < b ? a : b;
}

/* The least of every value that is not done: what keeps its host and port whole when keep_hosts, at most its width. */
static void set_leasts(struct shown_value *values, const bool *done, size_t count, bool keep_hosts)
{
	for (size_t i = 0; i < count; i++) {
		size_t keep = keep_hosts && !done[i] && values[i].redacted != NULL
				      ? shown_width_to_keep_host(values[i].redacted, values[i].quoted) : 0;
		values[i].least = smaller(values[i].width, keep > VALUE_WIDTH_MIN ? keep : VALUE_WIDTH_MIN);
	}
}

/*
 * Names first get their full width; the other values the highest equal level that fits the room, each
 * whole below it and none below its least: the columns that keep its host and port whole, or, when
 * those do not fit, VALUE_WIDTH_MIN.
 */
static void share_columns(struct shown_value *values, size_t count, size_t room)
{
	bool done[FORMAT_VALUES_MAX] = {false};
	for (size_t i = 0; i < count; i++) {
		if (values[i].quoted || values[i].width > HFENV_ARGUMENT_WIDTH)
			continue;
		values[i].columns = values[i].width;
		room = room > values[i].width ? room - values[i].width : 0;
		done[i] = true;
	}
	set_leasts(values, done, count, false);
	/* Only values that do not all fit whole are measured for what keeps their host. */
	if (sum_at(values, done, count, room) > room) {
		set_leasts(values, done, count, true);
		if (sum_at(values, done, count, 0) > room)
			set_leasts(values, done, count, false);
	}
	size_t level = room;
	while (level > 0 && sum_at(values, done, count, level) > room)
		level--;
	for (size_t i = 0; i < count; i++)
		if (!done[i])
			values[i].columns = columns_at(&values[i], level);
}

/* value redacted and measured for a share of the line; a failed copy fails t. */
static void read_value(struct text *t, struct shown_value *shown, char directive, const char *value)
{
	shown->quoted = directive != 'n' && value != hidden_value;
	shown->redacted = value == hidden_value ? strdup(hidden_value) : hfenv_redacted(value, directive == 'f');
	t->failed = t->failed || shown->redacted == NULL;
	shown->width = shown->redacted ? shown_width(shown->redacted, shown->quoted) : 0;
}

/* format to t, %s and %z filled in; its values (%v, %f, %n) read into values[], or once read, shown in their columns. */
static size_t fill_format(struct text *t, struct shown_value *values, bool show, const char *format, va_list ap)
{
	size_t count = 0;
	for (const char *f = format; *f; f++) {
		if (f[0] != '%' || f[1] == '\0') {
			text_append(t, f, 1);
			continue;
		}
		f++;
		if (*f == 's') {
			text_puts(t, va_arg(ap, const char *));
		} else if (*f == 'z') {
			char number[32];
			snprintf(number, sizeof number, "%zu", va_arg(ap, size_t));
			text_puts(t, number);
		} else if (count < FORMAT_VALUES_MAX && (*f == 'v' || *f == 'f' || *f == 'n')) {
			const char *value = va_arg(ap, const char *);
			if (!show)
				read_value(t, &values[count], *f, value);
			else if (values[count].redacted != NULL)
				text_append_shortened(t, values[count].redacted, values[count].quoted, values[count].columns);
			count++;
		}
	}
	return count;
}

/* The message of a finding, one line that fits HFENV_LINE_WIDTH after the prefix the wrapper prints for kind. */
static char *compose(enum hfenv_finding_kind kind, const char *format, va_list ap)
{
	size_t room = HFENV_LINE_WIDTH - strlen(kind == HFENV_WARNING ? "hfenv: warning: " : "hfenv: ");
	struct shown_value values[FORMAT_VALUES_MAX] = {{0}};
	struct text fixed = {0}, t = {0};
	va_list again;
	va_copy(again, ap);
	size_t count = fill_format(&fixed, values, false, format, ap);
	share_columns(values, count, fixed.len < room ? room - fixed.len : 0);
	t.failed = fixed.failed;
	fill_format(&t, values, true, format, again);
	va_end(again);
	free(fixed.data);
	for (size_t i = 0; i < count; i++)
		free(values[i].redacted);
	return text_finish(&t);
}

void add_finding(struct engine *e, enum hfenv_finding_kind kind, const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	char *message = compose(kind, format, ap);
	va_end(ap);
	if (message == NULL) {
		e->out_of_memory = true;
		return;
	}
	struct hfenv_result *r = e->result;
	if (r->finding_count == e->finding_capacity) {
		size_t capacity = e->finding_capacity ? 2 * e->finding_capacity : 16;
		struct hfenv_finding *findings = realloc(r->findings, capacity * sizeof *findings);
		if (findings == NULL) {
			free(message);
			e->out_of_memory = true;
			return;
		}
		r->findings = findings;
		e->finding_capacity = capacity;
	}
	r->findings[r->finding_count++] = (struct hfenv_finding){kind, message};
	if (kind == HFENV_ERROR)
		r->error_count++;
}


void drop_warnings(struct hfenv_result *r)
{
	size_t kept = 0;
	for (size_t i = 0; i < r->finding_count; i++) {
		if (r->findings[i].kind == HFENV_WARNING)
			free(r->findings[i].message);
		else
			r->findings[kept++] = r->findings[i];
	}
	r->finding_count = kept;
}
