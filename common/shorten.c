#include "common/shorten.h"

#include "common/escape.h"
#include "common/url.h"

#include <string.h>

#define ELLIPSIS "..."
#define ELLIPSIS_WIDTH 3
/* A host name that loses its middle keeps this many bytes at each end. */
#define NAME_END 2
/* A file name kept whole leaves its directories at least this many columns. */
#define FILE_HEAD_MIN 5

/* A span of a value that may lose its middle to "...". */
struct cut {
	size_t start, end;
	size_t width;                 /* its columns, whole */
	size_t least;                 /* the fewest it takes once cut, "..." included */
	size_t columns;               /* the columns it is given */
};

/* The spans of a URL or HOST[:PORT][/PATH] that may lose their middle, in the order they do. */
enum span { SPAN_PATH, SPAN_USER, SPAN_NAME, SPANS };

static size_t span_width(const char *s, size_t n, bool quoted)
{
	size_t width = 0;
	for (size_t i = 0; i < n; i++)
		width += escaped_width((unsigned char)s[i], quoted);
	return width;
}

size_t shown_width(const char *shown, bool quoted)
{
	return (quoted ? 2 : 0) + span_width(shown, strlen(shown), quoted);
}

static bool is_name_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c && strchr(".-_%~", c));
}

/* The end of the host in s[start..end): after "]" of an IPv6 address, else before ":PORT"; 0 when it is no host. */
static size_t host_end(const char *s, size_t start, size_t end)
{
	const char *close = start < end && s[start] == '[' ? memchr(s + start, ']', end - start) : NULL;
	size_t stop = close ? (size_t)(close - s) + 1 : start;
	while (close == NULL && stop < end && is_name_byte((unsigned char)s[stop]))
		stop++;
	if (stop == start || (stop < end && (s[stop] != ':' || stop + 1 == end)))
		return 0;
	for (size_t i = stop + 1; i < end; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return stop;
}

/* Blanks, control bytes and quotes around a value are no part of its URL. */
static bool is_around(unsigned char c)
{
	return c <= 0x20 || c == '"' || c == '\'';
}

/* Where the user name in s[start..at) ends: before its hidden password's ":***" or "***". */
static size_t user_name_end(const char *s, size_t start, size_t at)
{
	size_t end = at - (at - start >= 3 && memcmp(s + at - 3, "***", 3) == 0 ? 3 : 0);
	return end - (end > start && s[end - 1] == ':');
}

/*
 * The spans of s (n bytes) that may lose their middle: the path, the user name (its hidden password's
 * ":***@" kept), the host name (never its port); false when s is no URL nor HOST[:PORT][/PATH].
 */
static bool find_spans(const char *s, size_t n, bool quoted, struct cut cuts[SPANS])
{
	size_t lead = 0;
	while (lead < n && is_around((unsigned char)s[lead]))
		lead++;
	size_t scheme = hfenv_scheme_length(s + lead), start = lead + (scheme ? scheme + 3 : 0);
	/* A blank or quote in the authority (one around the value too) makes it no URL: shortened as any other. */
	size_t end = start + strcspn(s + start, "/?#"), host = start;
	for (size_t i = start; i < end; i++)
		host = s[i] == '@' ? i + 1 : host;
	size_t stop = host_end(s, host, end);
	if (stop == 0 || !(scheme || memchr(s + host, '.', stop - host) || stop < end))
		return false;
	size_t spans[SPANS][3] = {
		[SPAN_PATH] = {end + (s[end] == '/'), n, ELLIPSIS_WIDTH},
		[SPAN_USER] = {start, host > start ? user_name_end(s, start, host - 1) : start, ELLIPSIS_WIDTH},
		[SPAN_NAME] = {host, stop, 2 * NAME_END + ELLIPSIS_WIDTH},
	};
	for (size_t i = 0; i < SPANS; i++) {
		size_t width = span_width(s + spans[i][0], spans[i][1] - spans[i][0], quoted);
		cuts[i] = (struct cut){spans[i][0], spans[i][1], width, width < spans[i][2] ? width : spans[i][2], width};
	}
	return true;
}

size_t shown_width_to_keep_host(const char *shown, bool quoted)
{
	size_t width = shown_width(shown, quoted);
	struct cut cuts[SPANS];
	if (!find_spans(shown, strlen(shown), quoted, cuts))
		return (quoted ? 2 : 0) + ELLIPSIS_WIDTH + 2;
	return width - (cuts[SPAN_PATH].width - cuts[SPAN_PATH].least) - (cuts[SPAN_USER].width - cuts[SPAN_USER].least);
}

/* How many bytes of s (n bytes) to keep at its head and tail, in head_room and tail_room columns. */
static void split_by_room(const char *s, size_t n, bool quoted, size_t head_room, size_t tail_room, size_t *head,
			  size_t *tail)
{
	size_t used = 0;
	for (*head = 0; *head < n && used + escaped_width((unsigned char)s[*head], quoted) <= head_room;)
		used += escaped_width((unsigned char)s[(*head)++], quoted);
	for (*tail = 0, used = 0; *tail < n - *head && used + escaped_width((unsigned char)s[n - 1 - *tail], quoted) <= tail_room;)
		used += escaped_width((unsigned char)s[n - 1 - (*tail)++], quoted);
}

/*
 * How many bytes of s (n bytes) to keep at its head and tail in room columns: half each, or, when it
 * leaves the head at least head_least columns, the tail from the last mark on (a file's name, a host's
 * last label).
 */
static void split_keeping_tail(const char *s, size_t n, bool quoted, size_t room, char mark, size_t head_least,
			       size_t *head, size_t *tail)
{
	size_t last = n;
	while (last > 1 && s[last - 1] != mark)
		last--;
	size_t kept = last > 1 ? span_width(s + last - 1, n - last + 1, quoted) : 0;
	size_t tail_room = kept > room / 2 && kept + head_least <= room ? kept : room / 2;
	split_by_room(s, n, quoted, room - tail_room, tail_room, head, tail);
}

static void append_cut(struct text *t, const char *s, size_t n, bool quoted, size_t head, size_t tail)
{
	text_append_escaped(t, s, head, quoted);
	text_puts(t, ELLIPSIS);
	text_append_escaped(t, s + n - tail, tail, quoted);
}

/*
 * shown in room columns, its path, then its user name, then its host name losing their middle, never
 * its port; false when that is not enough or shown has no host.
 */
static bool append_host_kept(struct text *t, const char *shown, bool quoted, size_t room)
{
	size_t n = strlen(shown), excess = span_width(shown, n, quoted), done = 0, head, tail;
	struct cut cuts[SPANS];
	if (!find_spans(shown, n, quoted, cuts))
		return false;
	excess = excess > room ? excess - room : 0;
	for (size_t i = 0; i < SPANS; i++) {
		size_t give = cuts[i].width - cuts[i].least < excess ? cuts[i].width - cuts[i].least : excess;
		cuts[i].columns -= give;
		excess -= give;
	}
	if (excess > 0)
		return false;
	static const enum span in_order[SPANS] = {SPAN_USER, SPAN_NAME, SPAN_PATH};
	for (size_t i = 0; i < SPANS; i++) {
		const struct cut *cut = &cuts[in_order[i]];
		text_append_escaped(t, shown + done, cut->start - done, quoted);
		if (cut->columns < cut->width) {
			split_keeping_tail(shown + cut->start, cut->end - cut->start, quoted, cut->columns - ELLIPSIS_WIDTH, '.',
					   NAME_END, &head, &tail);
			append_cut(t, shown + cut->start, cut->end - cut->start, quoted, head, tail);
		} else {
			text_append_escaped(t, shown + cut->start, cut->end - cut->start, quoted);
		}
		done = cut->end;
	}
	text_append_escaped(t, shown + done, n - done, quoted);
	return true;
}

/* Head and tail of shown in room columns: the head up to a hidden password, or a file's name kept; a list's whole entries. */
static void split_middle(const char *shown, size_t n, bool quoted, size_t room, size_t *head, size_t *tail)
{
	/* A hidden password stays in sight, so the reader knows there was one. */
	const char *hidden = strstr(shown, "***@");
	size_t hidden_width = hidden ? span_width(shown, (size_t)(hidden - shown) + 4, quoted) : 0;
	if (hidden != NULL && hidden_width + 4 <= room && hidden_width > room - room / 2)
		split_by_room(shown, n, quoted, hidden_width, room - hidden_width, head, tail);
	else
		split_keeping_tail(shown, n, quoted, room, '/', FILE_HEAD_MIN, head, tail);
	if (hfenv_scheme_length(shown) > 0 || strchr(shown, ',') == NULL)
		return;
	size_t entries_head = *head, entries_tail = *tail;
	while (entries_head > 0 && shown[entries_head - 1] != ',')
		entries_head--;
	while (entries_tail > 0 && shown[n - entries_tail] != ',')
		entries_tail--;
	*head = entries_head > 0 ? entries_head : *head;
	*tail = entries_tail > 0 ? entries_tail : *tail;
}

void text_append_shortened(struct text *t, const char *shown, bool quoted, size_t width)
{
	size_t n = strlen(shown), quotes = quoted ? 2 : 0, head, tail;
	size_t room = width > quotes ? width - quotes : 0;
	if (quoted)
		text_puts(t, "'");
	if (span_width(shown, n, quoted) <= room) {
		text_append_escaped(t, shown, n, quoted);
	} else if (!append_host_kept(t, shown, quoted, room)) {
		split_middle(shown, n, quoted, room > ELLIPSIS_WIDTH ? room - ELLIPSIS_WIDTH : 0, &head, &tail);
		append_cut(t, shown, n, quoted, head, tail);
	}
	if (quoted)
		text_puts(t, "'");
}
