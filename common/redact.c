#include "common/redact.h"

#include "common/escape.h"
#include "common/secrets.h"
#include "common/shorten.h"
#include "common/text.h"
#include "common/url.h"

#include <stdlib.h>
#include <string.h>

/* Where a value's URL begins: after the blanks, control bytes and quotes a value may still have around it. */
static size_t url_start(const char *s)
{
	size_t lead = 0;
	while (s[lead] != '\0' && ((unsigned char)s[lead] <= 0x20 || s[lead] == '"' || s[lead] == '\''))
		lead++;
	size_t scheme = hfenv_scheme_length(s + lead);
	return scheme ? lead + scheme + 3 : lead;
}

/* Appends s to t with the password in its userinfo replaced by ***, or the whole user part when it has none (an API token). */
static void append_redacted(struct text *t, const char *s, size_t n)
{
	size_t start = url_start(s);
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

char *hfenv_redacted(const char *value, bool file_name)
{
	struct text redacted = {0};
	const char *at = strrchr(value, '@');
	/* A ':' before the last '@' is a password's, no '/' before the first a token's: only a path's '@' hides nothing. */
	const char *first_at = strchr(value, '@');
	bool password_shape = hfenv_scheme_length(value) > 0 ||
			      (at != NULL && (memchr(value, ':', (size_t)(at - value)) != NULL ||
					      memchr(value, '/', (size_t)(first_at - value)) == NULL));
	if (file_name && !password_shape)
		text_puts(&redacted, value);
	else
		append_redacted(&redacted, value, strlen(value));
	char *without_passwords = text_finish(&redacted);
	char *shown = without_passwords ? hfenv_hide_secrets(without_passwords) : NULL;
	free(without_passwords);
	return shown;
}

char *hfenv_quote_redacted_in(const char *value, size_t width)
{
	struct text t = {0};
	char *redacted = hfenv_redacted(value, false);
	if (redacted == NULL)
		return NULL;
	text_append_shortened(&t, redacted, true, width);
	free(redacted);
	return text_finish(&t);
}

char *hfenv_quote_redacted(const char *value)
{
	return hfenv_quote_redacted_in(value, HFENV_ARGUMENT_WIDTH);
}

static char *redact_escaped(const char *value, bool file_name)
{
	struct text t = {0};
	char *redacted = hfenv_redacted(value, file_name);
	if (redacted == NULL)
		return NULL;
	text_append_escaped(&t, redacted, strlen(redacted), false);
	free(redacted);
	return text_finish(&t);
}

char *hfenv_redact(const char *value)
{
	return redact_escaped(value, false);
}

char *hfenv_redact_file_name(const char *value)
{
	return redact_escaped(value, true);
}
