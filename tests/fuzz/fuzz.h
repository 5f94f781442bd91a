#ifndef HFENV_FUZZ_H
#define HFENV_FUZZ_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A property the target checks: on violation, say which and abort, so that libFuzzer keeps the input. */
#define require(condition)                                                                          \
	do {                                                                                        \
		if (!(condition)) {                                                                 \
			fprintf(stderr, "property violated: %s (%s:%d)\n", #condition, __FILE__, __LINE__); \
			abort();                                                                    \
		}                                                                                   \
	} while (0)

/* The one character of PLANTED_PASSWORD that the targets remove from their inputs. */
#define PASSWORD_MARK '~'
#define PLANTED_PASSWORD "~~planted~~"

static inline char *copy_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	require(s != NULL);
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Length of "scheme://" at the start of s, or 0: where a URL's userinfo begins. */
static inline size_t scheme_prefix(const char *s)
{
	size_t n = 0;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= '0' && s[n] <= '9') ||
	       s[n] == '+' || s[n] == '-' || s[n] == '.')
		n++;
	return strncmp(s + n, "://", 3) == 0 ? n + 3 : 0;
}

/*
 * value with ":" PLANTED_PASSWORD put before the first '@' after "scheme://", where a user reads
 * a URL's password, or PLANTED_PASSWORD alone when nothing comes before that '@' (a user part that
 * is an API token, http://TOKEN@proxy:8080); NULL when value has no such '@'. Messages must never show it.
 */
static inline char *plant_password(const char *value)
{
	const char *user = value + scheme_prefix(value);
	const char *at = strchr(user, '@');
	if (at == NULL)
		return NULL;
	size_t before = (size_t)(at - value);
	bool token = at == user;
	char *planted = malloc(strlen(value) + sizeof PLANTED_PASSWORD + 1);
	require(planted != NULL);
	memcpy(planted, value, before);
	if (!token)
		planted[before++] = ':';
	strcpy(planted + before, PLANTED_PASSWORD);
	strcat(planted, at);
	return planted;
}

/* Messages are one line: no control character, non-ASCII escaped, and no planted password. */
static inline void require_clean_message(const char *message)
{
	require(message != NULL && *message != '\0');
	for (const unsigned char *p = (const unsigned char *)message; *p; p++) {
		require(*p >= 0x20 && *p < 0x7f);
		require(*p != PASSWORD_MARK);
	}
}

#endif
