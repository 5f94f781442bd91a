#include "common/shorten.h"

#include "common/escape.h"
#include "common/url.h"

#include <string.h>

#define ELLIPSIS "..."
#define ELLIPSIS_WIDTH 3
/* A label that loses its middle keeps this many bytes at each end. */
#define LABEL_END 2
/* Only the longest labels lose their middle: a host name has few long ones. */
#define LABEL_CUTS_MAX 4
#define CUTS_MAX (2 + LABEL_CUTS_MAX)
/* A file name kept whole leaves its directories at least this many columns. */
#define FILE_HEAD_MIN 5

/* A span of a value that may lose its middle to "...". */
struct cut {
	size_t start, end;
	size_t width;                 /* its columns, whole */
	size_t least;                 /* the fewest it takes once cut, "..." included */
	size_t columns;               /* the columns it is given */
};

/*
 * The spans of a value that may lose their middle, in the order they do: path, user name, labels
 * longest first; then, when the labels cannot give enough, the host name itself instead of them.
 */
struct shape {
	struct cut cuts[CUTS_MAX + 1];
	size_t count;
	size_t first_label;
	bool host;                    /* the value has a host (and port) to keep whole */
	struct cut name;              /* the host name, without its port */
};

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

static void add_cut(struct shape *shape, const char *s, size_t start, size_t end, size_t least, bool quoted)
{
	size_t width = span_width(s + start, end - start, quoted);
	if (width > least)
		shape->cuts[shape->count++] = (struct cut){start, end, width, least, width};
}

/* A label joins the cuts when it is among the LABEL_CUTS_MAX longest; they stay sorted, longest first. */
static void add_label(struct shape *shape, const char *s, size_t start, size_t end, bool quoted)
{
	size_t width = span_width(s + start, end - start, quoted), least = 2 * LABEL_END + ELLIPSIS_WIDTH;
	struct cut *labels = shape->cuts + shape->first_label;
	size_t count = shape->count - shape->first_label;
	if (width <= least || (count == LABEL_CUTS_MAX && labels[count - 1].width >= width))
		return;
	size_t i = count < LABEL_CUTS_MAX ? count : LABEL_CUTS_MAX - 1;
	for (; i > 0 && labels[i - 1].width < width; i--)
		labels[i] = labels[i - 1];
	labels[i] = (struct cut){start, end, width, least, width};
	shape->count += count < LABEL_CUTS_MAX;
}

static bool is_name_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
	       c == '_' || c == '%' || c == '~';
}

/* The end of the host in s[start..end): after "]" of an IPv6 address, else before ":PORT"; 0 when it is no host. */
static size_t host_end(const char *s, size_t start, size_t end)
{
	size_t stop = end;
	if (start < end && s[start] == '[') {
		const char *close = memchr(s + start, ']', end - start);
		stop = close ? (size_t)(close - s) + 1 : 0;
	} else {
		for (size_t i = start; i < end; i++)
			if (s[i] == ':')
				stop = i;
		for (size_t i = start; i < stop; i++)
			if (!is_name_byte((unsigned char)s[i]))
				return 0;
	}
	if (stop <= start || (stop < end && (s[stop] != ':' || stop + 1 == end)))
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

/* A user part keeps its hidden password's ":***@" or "***@"; the name before it may lose its middle. */
static size_t user_name_end(const char *s, size_t start, size_t at)
{
	size_t end = at;
	if (end - start >= 3 && memcmp(s + end - 3, "***", 3) == 0)
		end -= 3;
	return end > start && s[end - 1] == ':' ? end - 1 : end;
}

/* The host name's labels join the cuts, the longest first; an IPv6 address has none. */
static void add_labels(struct shape *shape, const char *s, size_t host, size_t stop, bool quoted)
{
	size_t name_width = span_width(s + host, stop - host, quoted);
	shape->first_label = shape->count;
	shape->name = (struct cut){host, stop, name_width, 2 * LABEL_END + ELLIPSIS_WIDTH, name_width};
	for (size_t label = host; s[host] != '[' && label < stop;) {
		size_t dot = label + strcspn(s + label, ".");
		dot = dot < stop ? dot : stop;
		add_label(shape, s, label, dot, quoted);
		label = dot + 1;
	}
}

/* The spans of s (n bytes) that may lose their middle; shape->host false when s is no URL nor HOST[:PORT][/PATH]. */
static void find_shape(const char *s, size_t n, bool quoted, struct shape *shape)
{
	*shape = (struct shape){0};
	size_t lead = 0, trail = n;
	while (lead < n && is_around((unsigned char)s[lead]))
		lead++;
	while (trail > lead && is_around((unsigned char)s[trail - 1]))
		trail--;
	size_t scheme = hfenv_scheme_length(s + lead);
	size_t start = lead + (scheme ? scheme + 3 : 0);
	size_t end = start + strcspn(s + start, "/?#");
	end = end < trail ? end : trail;
	const char *at = NULL;
	for (size_t i = start; i < end; i++)
		at = s[i] == '@' ? s + i : at;
	size_t host = at ? (size_t)(at - s) + 1 : start, stop = host_end(s, host, end);
	shape->host = stop != 0 && (scheme || memchr(s + start, '.', stop - start) || stop < end);
	if (!shape->host)
		return;
	if (end < trail)
		add_cut(shape, s, end + (s[end] == '/'), trail, ELLIPSIS_WIDTH, quoted);
	if (at != NULL)
		add_cut(shape, s, start, user_name_end(s, start, host - 1), ELLIPSIS_WIDTH, quoted);
	add_labels(shape, s, host, stop, quoted);
}

size_t shown_width_to_keep_host(const char *shown, bool quoted)
{
	size_t n = strlen(shown), width = shown_width(shown, quoted);
	struct shape shape;
	find_shape(shown, n, quoted, &shape);
	if (!shape.host)
		return (quoted ? 2 : 0) + ELLIPSIS_WIDTH + 2;
	for (size_t i = 0; i < shape.first_label; i++)
		width -= shape.cuts[i].width - shape.cuts[i].least;
	return width;
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

static void append_cut(struct text *t, const char *s, size_t n, bool quoted, size_t head, size_t tail)
{
	text_append_escaped(t, s, head, quoted);
	text_puts(t, ELLIPSIS);
	text_append_escaped(t, s + n - tail, tail, quoted);
}

/* s with each cut given its columns, in the order of s. */
static void append_with_cuts(struct text *t, const char *s, size_t n, bool quoted, const struct shape *shape)
{
	size_t done = 0;
	while (done < n) {
		const struct cut *next = NULL;
		for (size_t i = 0; i < shape->count; i++)
			if (shape->cuts[i].start >= done && (next == NULL || shape->cuts[i].start < next->start))
				next = &shape->cuts[i];
		size_t until = next ? next->start : n, head, tail;
		text_append_escaped(t, s + done, until - done, quoted);
		done = until;
		if (next == NULL)
			break;
		if (next->columns < next->width) {
			size_t room = next->columns - ELLIPSIS_WIDTH;
			split_by_room(s + next->start, next->end - next->start, quoted, room - room / 2, room / 2, &head, &tail);
			append_cut(t, s + next->start, next->end - next->start, quoted, head, tail);
		} else {
			text_append_escaped(t, s + next->start, next->end - next->start, quoted);
		}
		done = next->end;
	}
}

/* The cuts from first on give up to excess columns, each in turn; returns what is still in excess. */
static size_t give_columns(struct cut *cuts, size_t first, size_t count, size_t excess)
{
	for (size_t i = first; excess > 0 && i < count; i++) {
		size_t give = cuts[i].width > cuts[i].least ? cuts[i].width - cuts[i].least : 0;
		give = give < excess ? give : excess;
		cuts[i].columns -= give;
		excess -= give;
	}
	return excess;
}

/*
 * shown in room columns, its spans cut in their order: host and port whole when they can be, else
 * the host name's middle, never the port; false when that is not enough or shown has no host.
 */
static bool append_host_kept(struct text *t, const char *shown, bool quoted, size_t room)
{
	size_t n = strlen(shown), excess = span_width(shown, n, quoted);
	struct shape shape;
	find_shape(shown, n, quoted, &shape);
	if (!shape.host)
		return false;
	excess = give_columns(shape.cuts, 0, shape.first_label, excess > room ? excess - room : 0);
	struct shape labels = shape;
	if (give_columns(labels.cuts, labels.first_label, labels.count, excess) == 0) {
		shape = labels;
	} else {
		shape.cuts[shape.first_label] = shape.name;
		shape.count = shape.first_label + 1;
		if (give_columns(shape.cuts, shape.first_label, shape.count, excess) > 0)
			return false;
	}
	append_with_cuts(t, shown, n, quoted, &shape);
	return true;
}

/* Head and tail of shown in room columns: half each, or the head up to a hidden password; whole entries of a list. */
static void split_middle(const char *shown, size_t n, bool quoted, size_t room, size_t *head, size_t *tail)
{
	size_t tail_room = room / 2, head_room = room - tail_room;
	/* A hidden password stays in sight, so the reader knows there was one. */
	const char *hidden = strstr(shown, "***@");
	size_t hidden_width = hidden ? span_width(shown, (size_t)(hidden - shown) + 4, quoted) : 0;
	/* A file keeps its name, the directories before it losing their middle. */
	const char *slash = strrchr(shown, '/');
	size_t name_width = slash && slash > shown ? span_width(slash, strlen(slash), quoted) : 0;
	if (hidden != NULL && hidden_width + 4 <= room && hidden_width > head_room) {
		head_room = hidden_width;
		tail_room = room - hidden_width;
	} else if (name_width > tail_room && name_width + FILE_HEAD_MIN <= room) {
		tail_room = name_width;
		head_room = room - name_width;
	}
	split_by_room(shown, n, quoted, head_room, tail_room, head, tail);
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
