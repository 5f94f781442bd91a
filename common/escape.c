#include "common/escape.h"

#include <string.h>

static bool is_quote_special(unsigned char c, bool quoted)
{
	return quoted && (c == '\'' || c == '\\');
}

size_t escaped_width(unsigned char c, bool quoted)
{
	if (is_quote_special(c, quoted))
		return 2;
	return c >= 0x20 && c < 0x7f ? 1 : 4;
}

void text_append_escaped(struct text *t, const char *bytes, size_t n, bool quoted)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)bytes[i];
		if (is_quote_special(c, quoted)) {
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

char *hfenv_escape(const char *text)
{
	struct text t = {0};
	text_append_escaped(&t, text, strlen(text), false);
	return text_finish(&t);
}
