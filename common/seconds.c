#include "common/seconds.h"

#include <stdlib.h>
#include <string.h>

bool hfenv_parse_seconds(const char *text, long min_ms, long max_ms, long *ms)
{
	const char *digits = "0123456789";
	size_t whole = strspn(text, digits);
	size_t fraction = text[whole] == '.' ? strspn(text + whole + 1, digits) : 0;
	size_t length = whole + (text[whole] == '.') + fraction;
	double seconds = whole + fraction > 0 && text[length] == '\0' ? strtod(text, NULL) : 0;
	/* Bounded before the conversion, so that a huge number cannot overflow long. */
	*ms = seconds <= (max_ms + 1000) / 1000.0 ? (long)(seconds * 1000 + 0.5) : max_ms + 1;
	return *ms >= min_ms && *ms <= max_ms;
}
