#include "common/shorten.h"

#include "common/escape.h"

#include <string.h>

#define ELLIPSIS "..."

size_t shown_width(const char *shown, bool quoted)
{
	size_t width = quoted ? 2 : 0;
	for (const unsigned char *p = (const unsigned char *)shown; *p; p++)
		width += escaped_width(*p, quoted);
	return width;
}

/* How many bytes of shown to keep at its head and tail in room columns: half each, or the head up to a hidden password. */
static void split_for_room(const char *shown, bool quoted, size_t room, size_t *head, size_t *tail)
{
	size_t n = strlen(shown), tail_room = room / 2, head_room = room - tail_room, used = 0;
	/* A hidden password stays in sight, so the reader knows there was one. */
	const char *hidden = strstr(shown, "***@");
	size_t hidden_end = hidden ? (size_t)(hidden - shown) + 4 : 0;
	if (hidden != NULL && hidden_end + 4 <= room && hidden_end > head_room) {
		head_room = hidden_end;
		tail_room = room - hidden_end;
	}
	for (*head = 0; *head < n && used + escaped_width((unsigned char)shown[*head], quoted) <= head_room;)
		used += escaped_width((unsigned char)shown[(*head)++], quoted);
	for (*tail = 0, used = 0; *tail < n - *head && used + escaped_width((unsigned char)shown[n - 1 - *tail], quoted) <= tail_room;)
		used += escaped_width((unsigned char)shown[n - 1 - (*tail)++], quoted);
}

void text_append_shortened(struct text *t, const char *shown, bool quoted, size_t width)
{
	size_t n = strlen(shown), frame = (quoted ? 2 : 0) + strlen(ELLIPSIS), head, tail;
	if (quoted)
		text_puts(t, "'");
	if (shown_width(shown, quoted) <= width) {
		text_append_escaped(t, shown, n, quoted);
	} else {
		split_for_room(shown, quoted, width > frame ? width - frame : 0, &head, &tail);
		text_append_escaped(t, shown, head, quoted);
		text_puts(t, ELLIPSIS);
		text_append_escaped(t, shown + n - tail, tail, quoted);
	}
	if (quoted)
		text_puts(t, "'");
}
