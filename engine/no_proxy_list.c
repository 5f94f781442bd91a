#include "engine/no_proxy_list.h"

#include "common/ascii.h"
#include "common/hash.h"
#include "common/text.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int add_no_proxy_note(struct hfenv_no_proxy *out, enum hfenv_no_proxy_note_kind kind, const char *entry,
			     size_t length)
{
	if ((out->note_count & (out->note_count - 1)) == 0) {
		size_t capacity = out->note_count ? 2 * out->note_count : 1;
		struct hfenv_no_proxy_note *notes = realloc(out->notes, capacity * sizeof *notes);
		if (notes == NULL)
			return -1;
		out->notes = notes;
	}
	out->notes[out->note_count++] = (struct hfenv_no_proxy_note){kind, entry, length};
	return 0;
}

static size_t count_char(const char *s, size_t n, char c)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		count += s[i] == c;
	return count;
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

/* IPv6 text: two colons at least, hex digits, colons and dots only, no dot first. */
static bool is_ipv6_text(const char *p, size_t n)
{
	if (n == 0 || *p == '.' || count_char(p, n, ':') < 2)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!is_ipv6_char(p[i]))
			return false;
	return true;
}

/* An IPv6 address, perhaps with a prefix length, between brackets. */
static bool is_bracketed_address(const char *p, const char *end)
{
	const char *slash = memchr(p, '/', (size_t)(end - p));
	const char *address_end = slash ? slash : end;
	return is_ipv6_text(p, (size_t)(address_end - p)) && (slash == NULL || all_digits(slash + 1, (size_t)(end - slash - 1)));
}

/* A part of an entry: [start, end). */
struct span {
	const char *start;
	const char *end;
};

/* ".dom" and "*.dom", any number of times over, stand for dom. */
static const char *skip_leading_wildcards(const char *start, const char *end)
{
	while (start < end && (*start == '.' || (end - start >= 2 && start[0] == '*' && start[1] == '.')))
		start += *start == '.' ? 1 : 2;
	return start;
}

/* Narrows host to what comes before a port ("[v6]:port" and "[v6]" lose their brackets too); true when a port went. */
static bool remove_port(struct span *host)
{
	const char *start = host->start, *end = host->end;
	if (start < end && *start == '[') {
		const char *close = memchr(start, ']', (size_t)(end - start));
		if (close == NULL || !is_bracketed_address(start + 1, close))
			return false;
		if (close + 1 != end && !(close[1] == ':' && all_digits(close + 2, (size_t)(end - close - 2))))
			return false;
		*host = (struct span){start + 1, close};
		return close + 1 != end;
	}
	if (count_char(start, (size_t)(end - start), ':') != 1)
		return false;
	const char *colon = memchr(start, ':', (size_t)(end - start));
	if (!all_digits(colon + 1, (size_t)(end - colon - 1)))
		return false;
	host->end = colon;
	return true;
}

enum prefix { PREFIX_NONE, PREFIX_SINGLE_ADDRESS, PREFIX_IPV6_RANGE, PREFIX_IPV4_RANGE };

/* What "/bits" after host's address means ("/32" and "/128": the address alone); *address is that address. */
static enum prefix read_prefix(struct span host, const char *slash, struct span *address)
{
	size_t bits = (size_t)(host.end - slash - 1);
	bool bracketed = slash - host.start >= 2 && host.start[0] == '[' && slash[-1] == ']';
	*address = bracketed ? (struct span){host.start + 1, slash - 1} : (struct span){host.start, slash};
	size_t length = (size_t)(address->end - address->start);
	bool ipv6 = is_ipv6_text(address->start, length);
	bool ipv4 = !bracketed && length > 0 && strspn(address->start, "0123456789.") >= length;
	if ((ipv6 && bits == 3 && memcmp(slash + 1, "128", 3) == 0) || (ipv4 && bits == 2 && memcmp(slash + 1, "32", 2) == 0))
		return PREFIX_SINGLE_ADDRESS;
	return ipv6 ? PREFIX_IPV6_RANGE : ipv4 ? PREFIX_IPV4_RANGE : PREFIX_NONE;
}

/* A host name: letters, digits, '-', '_' and '.' only (no address, range, pattern or stray quote), not digits and dots. */
static bool is_name(struct span host)
{
	bool digits_and_dots = true;
	for (const char *p = host.start; p < host.end; p++) {
		char c = lower_ascii(*p);
		bool digit_or_dot = (c >= '0' && c <= '9') || c == '.';
		if (!digit_or_dot && !(c >= 'a' && c <= 'z') && c != '-' && c != '_')
			return false;
		digits_and_dots = digits_and_dots && digit_or_dot;
	}
	return !digits_and_dots;
}

static void append_lowered(struct text *t, bool dotted, struct span host)
{
	if (t->len > 0)
		text_append(t, ",", 1);
	if (dotted)
		text_append(t, ".", 1);
	size_t n = (size_t)(host.end - host.start);
	text_append(t, host.start, n);
	for (size_t i = t->failed ? n : 0; i < n; i++)
		t->data[t->len - n + i] = lower_ascii(t->data[t->len - n + i]);
}

/* A name as "dom,.dom": aria2c reads "dom" as that host alone and ".dom" as its subdomains; every other client
 * reads "dom" as both, and ".dom" as its subdomains or as both. */
static void append_entry(struct text *t, struct span host, bool dotted)
{
	if (host.start == host.end)
		return;
	append_lowered(t, false, host);
	if (dotted && is_name(host))
		append_lowered(t, true, host);
}

/* One trimmed entry, rewritten at the end of t; returns the note it earns, or NOTE_KINDS for none. */
static enum hfenv_no_proxy_note_kind rewrite_no_proxy_entry(struct text *t, const char *start, const char *end,
							     bool dotted)
{
	struct span host = {skip_leading_wildcards(start, end), end}, address;
	enum hfenv_no_proxy_note_kind note = remove_port(&host) ? HFENV_NO_PROXY_PORT_REMOVED : HFENV_NO_PROXY_NOTE_KINDS;
	const char *slash = memchr(host.start, '/', (size_t)(host.end - host.start));
	switch (slash != NULL ? read_prefix(host, slash, &address) : PREFIX_NONE) {
	case PREFIX_SINGLE_ADDRESS:
		host = address;
		break;
	case PREFIX_IPV6_RANGE:
		return HFENV_NO_PROXY_IPV6_RANGE_DROPPED;
	case PREFIX_IPV4_RANGE:
		note = HFENV_NO_PROXY_RANGE_KEPT;
		break;
	case PREFIX_NONE:
		break;
	}
	append_entry(t, host, dotted);
	return note;
}

struct kept_entry {
	const char *start;
	size_t length;
};

/* Keeps the first of equal entries of a comma-separated list, moving the rest up in place; -1 on ENOMEM. */
static int drop_duplicate_entries(char *list)
{
	size_t entries = 1, capacity = 2;
	for (const char *p = list; *p; p++)
		entries += *p == ',';
	while (capacity < 2 * entries)
		capacity *= 2;
	struct kept_entry *kept = calloc(capacity, sizeof *kept);
	if (kept == NULL)
		return -1;
	char *end = list;
	for (const char *p = list; *p;) {
		const char *entry = p;
		size_t n = strcspn(p, ","), slot = hfenv_hash(entry, n) & (capacity - 1);
		p += n + (p[n] == ',');
		while (kept[slot].start != NULL && !(kept[slot].length == n && memcmp(kept[slot].start, entry, n) == 0))
			slot = (slot + 1) & (capacity - 1);
		if (kept[slot].start != NULL)
			continue;
		if (end != list)
			*end++ = ',';
		memmove(end, entry, n);
		kept[slot] = (struct kept_entry){end, n};
		end += n;
	}
	*end = '\0';
	free(kept);
	return 0;
}

static int rewrite_list(const char *value, bool dotted, struct hfenv_no_proxy *out)
{
	struct text t = {0};
	*out = (struct hfenv_no_proxy){0};
	for (const char *p = value; *p;) {
		size_t n = strcspn(p, ",");
		const char *start = p, *end = p + n;
		p = *end ? end + 1 : end;
		trim_blanks(&start, &end);
		if (start == end)
			continue;
		for (const char *q = start; q < end; q++) {
			if ((unsigned char)*q <= 0x20 || (unsigned char)*q == 0x7f) {
				free(t.data);
				hfenv_no_proxy_free(out);
				out->bad_entry = start;
				return 0;
			}
		}
		size_t mark = t.len;
		enum hfenv_no_proxy_note_kind note = rewrite_no_proxy_entry(&t, start, end, dotted);
		if (!t.failed && t.len > mark && strcmp(t.data + mark + (mark > 0), "*") == 0)
			out->everything = true;
		if (note != HFENV_NO_PROXY_NOTE_KINDS && add_no_proxy_note(out, note, start, (size_t)(end - start)) != 0)
			t.failed = true;
	}
	if (out->everything) {
		t.len = 0;
		text_puts(&t, "*");
	}
	out->list = text_finish(&t);
	/* The text doubled as it grew: give back what the list does not use, for what is allocated after it. */
	char *fitted = out->list != NULL ? realloc(out->list, t.len + 1) : NULL;
	out->list = fitted != NULL ? fitted : out->list;
	if (out->list == NULL || drop_duplicate_entries(out->list) != 0) {
		hfenv_no_proxy_free(out);
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

const char *const hfenv_no_proxy_loopback[HFENV_NO_PROXY_LOOPBACK_ENTRIES] = {"localhost", ".localhost", "127.0.0.1", "::1"};

/* Linux's MAX_ARG_STRLEN, 32 pages of 4 KiB: execve refuses a longer "NO_PROXY=..." string. */
#define LONGEST_LIST (131072 - sizeof "NO_PROXY=")

/* The length of list with room for every loopback entry, counted once whether list has it or not. */
static size_t length_with_loopback(const char *list)
{
	size_t length = 0;
	for (size_t i = 0; i < HFENV_NO_PROXY_LOOPBACK_ENTRIES; i++)
		length += strlen(hfenv_no_proxy_loopback[i]) + 1;
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ","), i = 0;
		while (i < HFENV_NO_PROXY_LOOPBACK_ENTRIES &&
		       !(strlen(hfenv_no_proxy_loopback[i]) == n && memcmp(p, hfenv_no_proxy_loopback[i], n) == 0))
			i++;
		length += i < HFENV_NO_PROXY_LOOPBACK_ENTRIES ? 0 : n + 1;
		p += n + (p[n] == ',');
	}
	return length;
}

int hfenv_normalize_no_proxy(const char *value, struct hfenv_no_proxy *out)
{
	if (rewrite_list(value, true, out) != 0)
		return -1;
	/* A measure the loopback entries added after it do not change, so that a second run decides alike. */
	if (out->list == NULL || strlen(out->list) + 1 + length_with_loopback("") <= LONGEST_LIST ||
	    length_with_loopback(out->list) <= LONGEST_LIST)
		return 0;
	hfenv_no_proxy_free(out);
	if (rewrite_list(value, false, out) != 0)
		return -1;
	out->names_alone = true;
	return 0;
}

void hfenv_no_proxy_free(struct hfenv_no_proxy *no_proxy)
{
	free(no_proxy->list);
	free(no_proxy->notes);
	*no_proxy = (struct hfenv_no_proxy){0};
}
