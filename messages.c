#include "messages.h"

#include "engine_internal.h"
#include "text.h"
#include "url.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A value shortened in a message keeps at least this many columns; a name or an argument takes at most ARGUMENT_WIDTH. */
#define VALUE_WIDTH_MIN 16
#define ARGUMENT_WIDTH 40
#define ELLIPSIS "..."
/* Values in one format: bounded by the formats of this file's callers, not by data. */
#define FORMAT_VALUES_MAX 8

/* Columns c takes once escaped: \xHH for control and non-ASCII bytes, a backslash before a quote in quotes. */
static size_t escaped_width(unsigned char c, bool quoted)
{
	if (quoted && (c == '\'' || c == '\\'))
		return 2;
	return c >= 0x20 && c < 0x7f ? 1 : 4;
}

/* Control and non-ASCII bytes become \xHH, so that a message stays one harmless line. */
static void append_escaped(struct text *t, const char *s, size_t n, bool quoted)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (quoted && (c == '\'' || c == '\\')) {
			char pair[2] = {'\\', (char)c};
			text_append(t, pair, 2);
		} else if (c >= 0x20 && c < 0x7f) {
			text_append(t, (const char *)&c, 1);
		} else {
			char esc[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
			text_append(t, esc, 4);
		}
	}
}

/* Appends s to t with the password in its userinfo replaced by ***, or the whole user part when it has none (an API token). */
static void append_redacted(struct text *t, const char *s, size_t n)
{
	size_t start = hfenv_scheme_length(s);
	start = start ? start + 3 : 0;
	const char *at = NULL;
	for (size_t i = start; i < n; i++)
		if (s[i] == '@')
			at = s + i;
	if (at == NULL) {
		text_append(t, s, n);
		return;
	}
	const char *colon = memchr(s + start, ':', (size_t)(at - (s + start)));
	/* A user name with '@' in it (TOKEN@x:y@host) may hold a token: hidden with the rest. */
	if (colon != NULL && memchr(s + start, '@', (size_t)(colon - (s + start))) != NULL)
		colon = NULL;
	const char *secret = colon ? colon + 1 : s + start;
	text_append(t, s, (size_t)(secret - s));
	if (at > s + start)
		text_puts(t, "***");
	text_append(t, at, n - (size_t)(at - s));
}

/* SHOWN_UNREDACTED: a file name, whose '@' hides nothing, unless it has a URL's, a password's or a token's shape. */
enum shown { SHOWN_QUOTED = 1, SHOWN_UNREDACTED = 4 };

/* value with its password hidden (unless SHOWN_UNREDACTED), not yet escaped; NULL on ENOMEM. */
static char *redacted_copy(const char *value, unsigned how)
{
	struct text redacted = {0};
	const char *at = strrchr(value, '@');
	/* A ':' before the last '@' is a password's, no '/' before the first a token's: only a path's '@' hides nothing. */
	const char *first_at = strchr(value, '@');
	bool password_shape = hfenv_scheme_length(value) > 0 ||
			      (at != NULL && (memchr(value, ':', (size_t)(at - value)) != NULL ||
					      memchr(value, '/', (size_t)(first_at - value)) == NULL));
	if ((how & SHOWN_UNREDACTED) && !password_shape)
		text_puts(&redacted, value);
	else
		append_redacted(&redacted, value, strlen(value));
	return text_finish(&redacted);
}

/* Columns the redacted value takes in a message, quotes included. */
static size_t shown_width(const char *redacted, unsigned how)
{
	bool quoted = how & SHOWN_QUOTED;
	size_t width = quoted ? 2 : 0;
	for (const unsigned char *p = (const unsigned char *)redacted; *p; p++)
		width += escaped_width(*p, quoted);
	return width;
}

/* How many bytes of redacted to keep at its head and tail in room columns: half each, or the head up to a hidden password. */
static void split_for_room(const char *redacted, bool quoted, size_t room, size_t *head, size_t *tail)
{
	size_t n = strlen(redacted), tail_room = room / 2, head_room = room - tail_room, used = 0;
	/* A hidden password stays in sight, so the reader knows there was one. */
	const char *hidden = strstr(redacted, "***@");
	size_t hidden_end = hidden ? (size_t)(hidden - redacted) + 4 : 0;
	if (hidden != NULL && hidden_end + 4 <= room && hidden_end > head_room) {
		head_room = hidden_end;
		tail_room = room - hidden_end;
	}
	for (*head = 0; *head < n && used + escaped_width((unsigned char)redacted[*head], quoted) <= head_room;)
		used += escaped_width((unsigned char)redacted[(*head)++], quoted);
	for (*tail = 0, used = 0; *tail < n - *head && used + escaped_width((unsigned char)redacted[n - 1 - *tail], quoted) <= tail_room;)
		used += escaped_width((unsigned char)redacted[n - 1 - (*tail)++], quoted);
}

/* The redacted value in at most width columns: its middle becomes "..." when it is longer, so scheme and port stay. */
static void append_shown(struct text *t, const char *redacted, unsigned how, size_t width)
{
	bool quoted = how & SHOWN_QUOTED;
	size_t n = strlen(redacted), frame = (quoted ? 2 : 0) + strlen(ELLIPSIS), head, tail;
	if (quoted)
		text_puts(t, "'");
	if (shown_width(redacted, how) <= width) {
		append_escaped(t, redacted, n, quoted);
	} else {
		split_for_room(redacted, quoted, width > frame ? width - frame : 0, &head, &tail);
		append_escaped(t, redacted, head, quoted);
		text_puts(t, ELLIPSIS);
		append_escaped(t, redacted + n - tail, tail, quoted);
	}
	if (quoted)
		text_puts(t, "'");
}

char *hfenv_quote_redacted(const char *value)
{
	struct text t = {0};
	char *redacted = redacted_copy(value, SHOWN_QUOTED);
	if (redacted == NULL)
		return NULL;
	append_shown(&t, redacted, SHOWN_QUOTED, ARGUMENT_WIDTH);
	free(redacted);
	return text_finish(&t);
}

/* One value of a finding: its redacted text, how it is shown, and the columns it may take. */
struct shown_value {
	char *redacted;
	unsigned how;
	size_t width;
	size_t columns;
};

/* Gives each value its full width where the line has room, and the rest an equal share of what is left; names first. */
static void share_columns(struct shown_value *values, size_t count, size_t room)
{
	bool done[FORMAT_VALUES_MAX] = {false};
	size_t waiting = count, share = 0;
	for (size_t i = 0; i < count; i++) {
		if (values[i].how != 0 || values[i].width > ARGUMENT_WIDTH)
			continue;
		values[i].columns = values[i].width;
		room = room > values[i].width ? room - values[i].width : 0;
		done[i] = true;
		waiting--;
	}
	for (bool changed = true; changed && waiting > 0;) {
		changed = false;
		share = room / waiting;
		for (size_t i = 0; i < count; i++) {
			if (done[i] || values[i].width > share)
				continue;
			values[i].columns = values[i].width;
			room -= values[i].width;
			done[i] = changed = true;
			waiting--;
		}
	}
	for (size_t i = 0; i < count; i++)
		if (!done[i])
			values[i].columns = share > VALUE_WIDTH_MIN ? share : VALUE_WIDTH_MIN;
}

/* value redacted and measured for a share of the line; a failed copy fails t. */
static void read_value(struct text *t, struct shown_value *shown, char directive, const char *value)
{
	shown->how = directive == 'v' ? SHOWN_QUOTED : directive == 'f' ? SHOWN_QUOTED | SHOWN_UNREDACTED : 0;
	shown->redacted = redacted_copy(value, shown->how);
	t->failed = t->failed || shown->redacted == NULL;
	shown->width = shown->redacted ? shown_width(shown->redacted, shown->how) : 0;
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
				append_shown(t, values[count].redacted, values[count].how, values[count].columns);
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

char *hfenv_redact(const char *value)
{
	struct text t = {0};
	char *redacted = redacted_copy(value, 0);
	if (redacted == NULL)
		return NULL;
	append_escaped(&t, redacted, strlen(redacted), false);
	free(redacted);
	return text_finish(&t);
}
