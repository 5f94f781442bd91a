#include "hub/syntax.h"

#include "common/ascii.h"

#include <stdint.h>
#include <string.h>

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Python's int() after its strip: a sign, digits, single underscores between digits. */
static bool is_python_int(const char *p)
{
	p += *p == '+' || *p == '-';
	if (!is_digit(*p))
		return false;
	for (p++; *p; p++)
		if (!is_digit(*p) && !(*p == '_' && is_digit(p[1])))
			return false;
	return true;
}

/* Rust's unsigned FromStr: an optional '+', digits, at most max. */
static bool is_rust_unsigned(const char *p, uint64_t max)
{
	p += *p == '+';
	if (!is_digit(*p))
		return false;
	uint64_t n = 0;
	for (; *p; p++) {
		if (!is_digit(*p) || n > (max - (uint64_t)(*p - '0')) / 10)
			return false;
		n = n * 10 + (uint64_t)(*p - '0');
	}
	return true;
}

/* inf, infinity or nan, in any case. */
static bool is_rust_float_word(const char *p, size_t n)
{
	static const char *const words[] = {"inf", "infinity", "nan"};
	for (size_t i = 0; i < 3; i++) {
		size_t j = 0;
		while (strlen(words[i]) == n && j < n && lower_ascii(p[j]) == words[i][j])
			j++;
		if (strlen(words[i]) == n && j == n)
			return true;
	}
	return false;
}

/* Rust's f64 FromStr over [p, end): a sign, then inf, infinity, nan (any case) or a decimal number with an exponent. */
static bool is_rust_float(const char *p, const char *end)
{
	p += p < end && (*p == '+' || *p == '-');
	if (is_rust_float_word(p, (size_t)(end - p)))
		return true;
	size_t digits = 0;
	while (p < end && is_digit(*p))
		p++, digits++;
	if (p < end && *p == '.')
		for (p++; p < end && is_digit(*p); p++)
			digits++;
	if (digits == 0)
		return false;
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		p += p < end && (*p == '+' || *p == '-');
		if (p == end || !is_digit(*p))
			return false;
		while (p < end && is_digit(*p))
			p++;
	}
	return p == end;
}

/* xet-core's ByteSize: a float, blanks, then b, kb, mb, gb, tb, pb, kib ... pib in any case, or no unit. */
static bool is_byte_size(const char *value)
{
	static const char *const units[] = {"pib", "tib", "gib", "mib", "kib", "pb", "tb", "gb", "mb", "kb", "b"};
	const char *end = value + strlen(value);
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
		size_t n = strlen(units[i]);
		if ((size_t)(end - value) >= n && equal_ignoring_case(end - n, units[i])) {
			end -= n;
			break;
		}
	}
	while (end > value && is_blank(end[-1]))
		end--;
	return is_rust_float(value, end);
}

/* humantime 2.3's units (case matters). */
static bool is_time_unit(const char *p, size_t n)
{
	static const char *const units[] = {
		"nanos", "nsec", "ns", "usec", "us", "\xc2\xb5s", "millis", "msec", "ms", "seconds", "second", "secs", "sec", "s",
		"minutes", "minute", "min", "mins", "m", "hours", "hour", "hr", "hrs", "h", "days", "day", "d", "weeks",
		"week", "wk", "wks", "w", "months", "month", "M", "years", "year", "yr", "yrs", "y",
	};
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strlen(units[i]) == n && memcmp(units[i], p, n) == 0)
			return true;
	return false;
}

/* Digits, with blanks among them as humantime skips them; counts the digits. */
static const char *skip_digits(const char *p, size_t *digits)
{
	for (;; p++) {
		if (is_digit(*p))
			(*digits)++;
		else if (*p != ' ' && *p != '\t')
			return p;
	}
}

/* humantime::parse_duration: "0", or spans of a number, an optional fraction and a unit ("1m 30s", "1.5h"). */
static bool is_duration(const char *p)
{
	if (strcmp(p, "0") == 0)
		return true;
	for (bool spans = false;; spans = true) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			return spans;
		size_t digits = 0, fraction = 0;
		if (!is_digit(*p))
			return false;
		p = skip_digits(p, &digits);
		if (*p == '.' && (p = skip_digits(p + 1, &fraction), fraction == 0))
			return false;
		const char *unit = p;
		while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (p[0] == '\xc2' && p[1] == '\xb5'))
			p += p[0] == '\xc2' ? 2 : 1;
		if (!is_time_unit(unit, (size_t)(p - unit)))
			return false;
	}
}

bool hfenv_hub_number_is_valid(enum hfenv_hub_kind kind, const char *value)
{
	switch (kind) {
	case HFENV_HUB_PY_INT:
		return is_python_int(value);
	case HFENV_HUB_U64:
		return is_rust_unsigned(value, UINT64_MAX);
	case HFENV_HUB_U32:
		return is_rust_unsigned(value, UINT32_MAX);
	case HFENV_HUB_FLOAT:
		return is_rust_float(value, value + strlen(value));
	case HFENV_HUB_DURATION:
		return is_duration(value);
	case HFENV_HUB_SIZE:
		return is_byte_size(value);
	default:
		return true;
	}
}
