#include "clients/no_proxy_match.h"

#include "common/ascii.h"
#include "common/url.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

static bool same_text(const char *a, const char *b, size_t n, bool any_case)
{
	for (size_t i = 0; i < n; i++)
		if (any_case ? lower_ascii(a[i]) != lower_ascii(b[i]) : a[i] != b[i])
			return false;
	return true;
}

/* host is name, or ends in "." name. */
static bool is_domain_of(const char *host, const char *name, size_t n, bool any_case)
{
	size_t h = strlen(host);
	return (h == n && same_text(host, name, n, any_case)) ||
	       (h > n && host[h - n - 1] == '.' && same_text(host + h - n, name, n, any_case));
}

size_t parse_address(const char *text, size_t n, unsigned char bytes[16])
{
	char copy[64];
	if (n == 0 || n >= sizeof copy)
		return 0;
	memcpy(copy, text, n);
	copy[n] = '\0';
	if (inet_pton(AF_INET, copy, bytes) == 1)
		return 4;
	return inet_pton(AF_INET6, copy, bytes) == 1 ? 16 : 0;
}

bool is_loopback_address(const unsigned char bytes[16], size_t length)
{
	static const unsigned char ipv6_loopback[16] = {[15] = 1};
	return (length == 4 && bytes[0] == 127) || (length == 16 && memcmp(bytes, ipv6_loopback, 16) == 0);
}

bool is_loopback_host(const char *host)
{
	unsigned char address[16];
	size_t length = parse_address(host, strlen(host), address);
	return strcmp(host, "localhost") == 0 || is_loopback_address(address, length);
}

/* The first bits of two addresses of length bytes are equal. */
static bool same_prefix(const unsigned char *a, const unsigned char *b, size_t length, unsigned long bits)
{
	for (size_t i = 0; i < length && bits > 0; i++, bits = bits > 8 ? bits - 8 : 0) {
		unsigned mask = bits >= 8 ? 0xffu : (0xffu << (8 - bits)) & 0xffu;
		if ((a[i] & mask) != (b[i] & mask))
			return false;
	}
	return true;
}

/* entry is an address or a CIDR range (families as allowed) that holds address. */
static bool address_matches(const unsigned char *address, size_t length, const char *entry, size_t n, bool ipv6_ranges)
{
	const char *slash = memchr(entry, '/', n);
	unsigned char range[16];
	size_t range_length = parse_address(entry, slash ? (size_t)(slash - entry) : n, range);
	if (range_length != length || (slash != NULL && length == 16 && !ipv6_ranges))
		return false;
	unsigned long bits = 8 * length;
	if (slash != NULL) {
		char *end;
		bits = strtoul(slash + 1, &end, 10);
		if (end != entry + n || slash + 1 == end || bits > 8 * length)
			return false;
	}
	return same_prefix(address, range, length, bits);
}

static size_t count_colons(const char *text, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		count += text[i] == ':';
	return count;
}

static bool port_equals(const char *text, size_t n, unsigned port)
{
	unsigned value;
	return hfenv_parse_port(text, n, &value) && value == port;
}

/* "dom" matches dom and its subdomains, ".dom" its subdomains only. */
static bool name_matches(const char *host, const char *name, size_t n)
{
	bool apex = true;
	if (n > 0 && *name == '.')
		name++, n--, apex = false;
	return is_domain_of(host, name, n, true) && (apex || strlen(host) != n);
}

static bool same_address(const unsigned char *entry_address, size_t entry_length, const struct matched_host *h)
{
	return entry_length == h->address_length && memcmp(entry_address, h->address, entry_length) == 0;
}

static bool curl_style_matches(const char *entry, size_t n, const struct matched_host *h, bool rust, bool any_case)
{
	if (h->address_length != 0)
		return address_matches(h->address, h->address_length, entry, n, true) ||
		       (!rust && n == strlen(h->d->host) && same_text(entry, h->d->host, n, true));
	if (rust && n == 1 && *entry == '*')
		return true;
	if (*entry == '.')
		entry++, n--;
	return is_domain_of(h->d->host, entry, n, any_case);
}

bool match_curl(const char *entry, size_t n, const struct matched_host *h)
{
	return curl_style_matches(entry, n, h, false, true);
}

bool match_rust(const char *entry, size_t n, const struct matched_host *h)
{
	return curl_style_matches(entry, n, h, true, false);
}

bool match_rust_any_case(const char *entry, size_t n, const struct matched_host *h)
{
	return curl_style_matches(entry, n, h, true, true);
}

bool match_wget(const char *entry, size_t n, const struct matched_host *h)
{
	if (*entry == '.')
		return strlen(h->d->host) != n - 1 && is_domain_of(h->d->host, entry + 1, n - 1, true);
	return is_domain_of(h->d->host, entry, n, true);
}

bool match_urllib(const char *entry, size_t n, const struct matched_host *h)
{
	while (n > 0 && *entry == '.')
		entry++, n--;
	const char *colon = memchr(entry, ':', n);
	if (colon != NULL && h->address_length != 16) {
		size_t host_n = (size_t)(colon - entry);
		return h->d->port_given && port_equals(colon + 1, n - host_n - 1, h->d->port) &&
		       is_domain_of(h->d->host, entry, host_n, true);
	}
	return is_domain_of(h->d->host, entry, n, true);
}

bool match_requests(const char *entry, size_t n, const struct matched_host *h)
{
	return (h->address_length == 4 && address_matches(h->address, 4, entry, n, false)) || match_urllib(entry, n, h);
}

/* httpx's name entries: "localhost" is that name alone; "dom:port" for a URL with that port; "*.dom" as ".dom" or never. */
static bool httpx_name_matches(const char *entry, size_t n, const struct matched_host *h, bool star_dot)
{
	if (n == 9 && same_text(entry, "localhost", n, true))
		return strcmp(h->d->host, "localhost") == 0;
	const char *colon = memchr(entry, ':', n);
	size_t host_n = colon ? (size_t)(colon - entry) : n;
	if (colon != NULL && !(h->d->port_given && port_equals(colon + 1, n - host_n - 1, h->d->port)))
		return false;
	if (host_n >= 2 && entry[0] == '*' && entry[1] == '.') {
		if (!star_dot)
			return false;
		entry++, host_n--;
	}
	return name_matches(h->d->host, entry, host_n);
}

static bool httpx_style_matches(const char *entry, size_t n, const struct matched_host *h, bool httpx2)
{
	const char *slash = memchr(entry, '/', n);
	unsigned char entry_address[16];
	size_t entry_length = parse_address(entry, slash ? (size_t)(slash - entry) : n, entry_address);
	if (entry_length != 0 && slash != NULL && httpx2)
		return h->address_length != 0 && address_matches(h->address, h->address_length, entry, n, true);
	if (entry_length != 0)
		return same_address(entry_address, entry_length, h);
	if (slash != NULL && httpx2)
		return false;
	return httpx_name_matches(entry, n, h, httpx2);
}

bool match_httpx(const char *entry, size_t n, const struct matched_host *h)
{
	return httpx_style_matches(entry, n, h, false);
}

bool match_httpx2(const char *entry, size_t n, const struct matched_host *h)
{
	return httpx_style_matches(entry, n, h, true);
}

/* Go's "host:port" and "[host]:port": narrows entry to its host; false when the port is not port. */
static bool go_host_of_entry(const char **entry, size_t *n, unsigned port)
{
	const char *p = *entry, *end = *entry + *n, *port_text = NULL;
	size_t host_n = *n;
	if (*p == '[') {
		const char *close = memchr(p, ']', *n);
		if (close == NULL || (close + 1 < end && close[1] != ':'))
			return false;
		port_text = close + 1 < end ? close + 2 : NULL;
		host_n = (size_t)(close - p - 1);
		p++;
	} else if (count_colons(p, *n) == 1) {
		port_text = (const char *)memchr(p, ':', *n) + 1;
		host_n = (size_t)(port_text - 1 - p);
	}
	if (port_text != NULL && !port_equals(port_text, (size_t)(end - port_text), port))
		return false;
	*entry = p;
	*n = host_n;
	return true;
}

bool match_go(const char *entry, size_t n, const struct matched_host *h)
{
	if (n == 1 && *entry == '*')
		return true;
	if (memchr(entry, '/', n) != NULL)
		return h->address_length != 0 && address_matches(h->address, h->address_length, entry, n, true);
	if (!go_host_of_entry(&entry, &n, h->d->port))
		return false;
	unsigned char entry_address[16];
	size_t entry_length = parse_address(entry, n, entry_address);
	if (entry_length != 0)
		return same_address(entry_address, entry_length, h);
	if (n >= 2 && entry[0] == '*' && entry[1] == '.')
		entry++, n--;
	return name_matches(h->d->host, entry, n);
}

/* aria2 1.36 util::inSameCidrBlock: a prefix over the address's length counts as the whole address. */
static bool aria2_range_matches(const char *entry, const char *slash, size_t n, const struct matched_host *h)
{
	unsigned char range[16];
	char *end;
	unsigned long bits = strtoul(slash + 1, &end, 10);
	if (end != entry + n || slash + 1 == end || slash[1] < '0' || slash[1] > '9' || h->address_length == 0 ||
	    parse_address(entry, (size_t)(slash - entry), range) != h->address_length)
		return false;
	return same_prefix(h->address, range, h->address_length, bits < 8 * h->address_length ? bits : 8 * h->address_length);
}

bool match_aria2(const char *entry, size_t n, const struct matched_host *h)
{
	const char *slash = memchr(entry, '/', n), *host = h->d->written ? h->d->written : h->d->host;
	size_t host_n = strlen(host);
	if (slash != NULL)
		return aria2_range_matches(entry, slash, n, h);
	if (*entry == '.' && h->address_length == 0)
		return host_n >= n && memcmp(host + host_n - n, entry, n) == 0;
	return host_n == n && memcmp(host, entry, n) == 0;
}

bool httpx_entry_fails_at_start(const char *entry, size_t n)
{
	const char *slash = memchr(entry, '/', n), *colon = memchr(entry, ':', n);
	unsigned char address[16];
	if (*entry == '[' || (slash != NULL && parse_address(entry, (size_t)(slash - entry), address) == 16))
		return true;
	if (colon == NULL || count_colons(entry, n) != 1 || slash != NULL)
		return false;
	for (const char *p = colon + 1; p < entry + n; p++)
		if (*p < '0' || *p > '9')
			return true;
	return false;
}
