#ifndef HFENV_COMMON_TEXT_H
#define HFENV_COMMON_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* A growing string; after a failed allocation appends do nothing and text_finish returns NULL. */
struct text {
	char *data;
	size_t len;
	size_t capacity;
	bool failed;
};

void text_append(struct text *t, const char *bytes, size_t n);
void text_puts(struct text *t, const char *s);
/* The finished string, or NULL (and nothing to free) when an append failed. */
char *text_finish(struct text *t);

/* a followed by b[0..b_len), malloc'd; NULL on ENOMEM. */
char *text_join(const char *a, const char *b, size_t b_len);

/* printf's output, malloc'd; NULL on ENOMEM. */
__attribute__((format(printf, 1, 2))) char *text_format(const char *format, ...);

#endif
