#ifndef HFENV_COMMON_SECONDS_H
#define HFENV_COMMON_SECONDS_H

#include <stdbool.h>

/* Decimal seconds (digits, a '.' and digits) as milliseconds, rounded; false unless from min_ms to max_ms. */
bool hfenv_parse_seconds(const char *text, long min_ms, long max_ms, long *ms);

#endif
