#include "io/probe_line.h"

#include "common/escape.h"
#include "common/shorten.h"
#include "common/text.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SEPARATOR "  "

static size_t min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

size_t probe_target_column(const char *const texts[], size_t count)
{
	size_t column = 0;
	for (size_t i = 0; i < count; i++)
		if (shown_width(texts[i], false) > column)
			column = shown_width(texts[i], false);
	return min_size(column, PROBE_TARGET_WIDTH);
}

/* Takes up to *over columns off *width, not below floor. */
static void shrink(size_t *width, size_t floor, size_t *over)
{
	size_t cut = *width > floor ? min_size(*over, *width - floor) : 0;
	*width -= cut;
	*over -= cut;
}

static void pad(struct text *t, size_t from, size_t to)
{
	for (; from < to; from++)
		text_puts(t, " ");
}

/* A route in width columns; a proxy URL keeps its host and port whole while they fit, losing its scheme and user first. */
static void append_route(struct text *t, const char *route, size_t width)
{
	const char *authority = strstr(route, "://"), *at = authority ? strrchr(authority, '@') : NULL;
	const char *host = at ? at + 1 : authority ? authority + 3 : NULL;
	size_t host_width = host ? shown_width(host, false) : 0;
	if (host == NULL || shown_width(route, false) <= width || host_width + 4 > width) {
		text_append_shortened(t, route, false, width);
		return;
	}
	char *head = strndup(route, (size_t)(host - route));
	text_append_shortened(t, head ? head : "", false, width - host_width);
	text_append_escaped(t, host, strlen(host), false);
	free(head);
}

void probe_print_line(FILE *out, const char *target, size_t column, const char *route, const char *outcome, long ms)
{
	char took[32] = "";
	if (ms >= 0)
		snprintf(took, sizeof took, SEPARATOR "%ld ms", ms);
	size_t target_width = column, route_width = shown_width(route, false), outcome_width = shown_width(outcome, false);
	size_t total = target_width + route_width + outcome_width + 2 * strlen(SEPARATOR) + strlen(took);
	size_t over = total > PROBE_LINE_WIDTH ? total - PROBE_LINE_WIDTH : 0;
	/* The untrusted strings give way first: the target's padding, the target, an odd answer, the proxy URL. */
	shrink(&target_width, min_size(column, shown_width(target, false)), &over);
	shrink(&target_width, 18, &over);
	shrink(&outcome_width, 40, &over);
	shrink(&route_width, 30, &over);
	shrink(&outcome_width, 16, &over);
	shrink(&route_width, 12, &over);
	shrink(&target_width, 12, &over);
	shrink(&outcome_width, 4, &over);
	struct text t = {0};
	text_append_shortened(&t, target, false, target_width);
	pad(&t, t.len, target_width);
	text_puts(&t, SEPARATOR);
	append_route(&t, route, route_width);
	text_puts(&t, SEPARATOR);
	text_append_shortened(&t, outcome, false, outcome_width);
	text_puts(&t, took);
	char *line = text_finish(&t);
	fprintf(out, "%s\n", line ? line : "(out of memory)");
	free(line);
}

void probe_print_around(FILE *out, const char *before, const char *text, const char *after)
{
	size_t fixed = strlen(before) + strlen(after);
	struct text t = {0};
	text_puts(&t, before);
	text_append_shortened(&t, text, false, PROBE_LINE_WIDTH > fixed ? PROBE_LINE_WIDTH - fixed : 0);
	text_puts(&t, after);
	char *line = text_finish(&t);
	fprintf(out, "%s\n", line ? line : "(out of memory)");
	free(line);
}

bool probe_print_probe(FILE *out, const char *label, size_t column, const char *route, const struct probe_proxy *proxy,
		       const struct probe_endpoint *target, int timeout_ms, bool *reached)
{
	struct probe_step step = PROBE_STEP(timeout_ms);
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	char *answer = NULL, *target_text = probe_endpoint_text(target);
	bool answered = target_text != NULL && probe_through(&step, proxy, target, target_text, &answer);
	const char *outcome = answer ? answer : step.error ? step.error : strerror(ENOMEM);
	probe_print_line(out, label, column, route, outcome, probe_elapsed_ms(&start));
	if (reached != NULL)
		*reached = step.connected;
	probe_step_end(&step);
	free(answer);
	free(target_text);
	return answered;
}
