#ifndef HFENV_COMMON_ASCII_H
#define HFENV_COMMON_ASCII_H

#include <stdbool.h>

/* The byte classes hfenv's parsers share: ASCII rules, whatever the locale says. */

static inline bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static inline char lower_ascii(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static inline bool equal_ignoring_case(const char *a, const char *b)
{
	while (*a && lower_ascii(*a) == lower_ascii(*b))
		a++, b++;
	return *a == '\0' && *b == '\0';
}

/* Narrows [*start, *end) to what lies between blanks, CR and LF. */
static inline void trim_blanks(const char **start, const char **end)
{
	while (*start < *end && is_blank(**start))
		(*start)++;
	while (*end > *start && is_blank((*end)[-1]))
		(*end)--;
}

/* A character of IPv6 text: hex digits, ':' and, for an IPv4 tail, '.'. */
static inline bool is_ipv6_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
}

#endif
