#include "common/text.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void text_append(struct text *t, const char *bytes, size_t n)
{
	if (t->failed)
		return;
	/* Keeps len + n + 1 and the doubled capacity from wrapping around, which GCC's -O3 cannot rule out otherwise. */
	if (n >= SIZE_MAX / 2 - t->len) {
		t->failed = true;
		return;
	}
	if (t->len + n + 1 > t->capacity) {
		size_t capacity = t->capacity ? t->capacity : 64;
		while (capacity < t->len + n + 1)
			capacity *= 2;
		char *data = realloc(t->data, capacity);
		if (data == NULL) {
			t->failed = true;
			return;
		}
		t->data = data;
		t->capacity = capacity;
	}
	memcpy(t->data + t->len, bytes, n);
	t->len += n;
	t->data[t->len] = '\0';
}

void text_puts(struct text *t, const char *s)
{
	text_append(t, s, strlen(s));
}

char *text_finish(struct text *t)
{
	if (t->failed) {
		free(t->data);
		return NULL;
	}
	if (t->data == NULL)
		return strdup("");
	return t->data;
}

char *text_join(const char *a, const char *b, size_t b_len)
{
	size_t a_len = strlen(a);
	char *s = malloc(a_len + b_len + 1);
	if (s != NULL) {
		memcpy(s, a, a_len);
		memcpy(s + a_len, b, b_len);
		s[a_len + b_len] = '\0';
	}
	return s;
}

char *text_format(const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	int n = vsnprintf(NULL, 0, format, ap);
	va_end(ap);
	char *text = n < 0 ? NULL : malloc((size_t)n + 1);
	if (text != NULL) {
		va_start(ap, format);
		vsnprintf(text, (size_t)n + 1, format, ap);
		va_end(ap);
	}
	return text;
}
