#include "messages.h"

#include "engine_internal.h"
#include "text.h"
#include "url.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MESSAGE_VALUE_MAX 120

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
enum shown { SHOWN_QUOTED = 1, SHOWN_CAPPED = 2, SHOWN_UNREDACTED = 4 };

/* value with its password hidden (unless SHOWN_UNREDACTED) and its bytes escaped; quoted or not, shortened or not. */
static void append_shown(struct text *t, const char *value, unsigned how)
{
	bool quoted = how & SHOWN_QUOTED, capped = how & SHOWN_CAPPED;
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
	if (redacted.failed) {
		t->failed = true;
		free(redacted.data);
		return;
	}
	bool shorten = capped && redacted.len > MESSAGE_VALUE_MAX;
	if (quoted)
		text_puts(t, "'");
	append_escaped(t, redacted.data ? redacted.data : "", shorten ? MESSAGE_VALUE_MAX - 20 : redacted.len, quoted);
	if (quoted)
		text_puts(t, "'");
	if (shorten) {
		char tail[64];
		snprintf(tail, sizeof tail, "... (%zu bytes)", redacted.len);
		text_puts(t, tail);
	}
	free(redacted.data);
}

char *hfenv_quote_redacted(const char *value)
{
	struct text t = {0};
	append_shown(&t, value, SHOWN_QUOTED | SHOWN_CAPPED);
	return text_finish(&t);
}

void add_finding(struct engine *e, enum hfenv_finding_kind kind, const char *format, ...)
{
	struct text t = {0};
	va_list ap;
	va_start(ap, format);
	for (const char *f = format; *f; f++) {
		if (f[0] != '%' || f[1] == '\0') {
			text_append(&t, f, 1);
			continue;
		}
		f++;
		if (*f == 'v') {
			append_shown(&t, va_arg(ap, const char *), SHOWN_QUOTED | SHOWN_CAPPED);
		} else if (*f == 'f') {
			append_shown(&t, va_arg(ap, const char *), SHOWN_QUOTED | SHOWN_CAPPED | SHOWN_UNREDACTED);
		} else if (*f == 'n') {
			append_shown(&t, va_arg(ap, const char *), SHOWN_CAPPED);
		} else if (*f == 's') {
			text_puts(&t, va_arg(ap, const char *));
		} else if (*f == 'z') {
			char number[32];
			snprintf(number, sizeof number, "%zu", va_arg(ap, size_t));
			text_puts(&t, number);
		}
	}
	va_end(ap);
	char *message = text_finish(&t);
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
	append_shown(&t, value, 0);
	return text_finish(&t);
}
