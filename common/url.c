#include "common/url.h"

#include "common/ascii.h"
#include "common/text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_scheme_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '+' || c == '-' || c == '.';
}

size_t hfenv_scheme_length(const char *s)
{
	size_t n = 0;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	while (is_scheme_char(s[n]))
		n++;
	return strncmp(s + n, "://", 3) == 0 ? n : 0;
}

/* The cause and the fix, in the terms of someone who typed the URL: a message puts the name and value before it. */
const char *hfenv_url_status_text(enum hfenv_url_status status)
{
	static const char *const texts[HFENV_URL_STATUSES] = {
		[HFENV_URL_OK] = "valid",
		[HFENV_URL_CONTROL] = "remove the blank, control or non-ASCII byte",
		[HFENV_URL_SCHEME] = "not a proxy scheme; use http://HOST:PORT",
		[HFENV_URL_NO_HOST] = "no host in it; write http://HOST:PORT",
		[HFENV_URL_BAD_HOST] = "the host is not a valid name or address",
		[HFENV_URL_DNS_LIMITS] = "host name too long or with an empty label",
		[HFENV_URL_IPV6_UNBRACKETED] = "put an IPv6 address in brackets: [::1]",
		[HFENV_URL_BAD_PORT] = "the port must be 1 to 65535",
		[HFENV_URL_PATH] = "remove the path, query or fragment",
		[HFENV_URL_QUOTES] = "quotes in it; remove them",
		[HFENV_URL_NO_COLON] = "no ':' after the scheme; write http://",
		[HFENV_URL_NO_SLASHES] = "no '//' after the scheme; write http://",
		[HFENV_URL_USERINFO] = "percent-encode / ? # in user or password",
		[HFENV_URL_ZONE] = "clients differ on zones: use a global address",
		[HFENV_URL_HOST_ESCAPE] = "clients differ on %HH in a host: decode it",
	};
	return (unsigned)status < HFENV_URL_STATUSES ? texts[status] : "invalid";
}

static bool is_host_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c == '_' || c == '~';
}

static int hex_digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The character at p with %HH decoded into *c; returns where the next one starts. */
static const char *decode_char(const char *p, const char *end, char *c)
{
	if (*p == '%' && end - p >= 3 && hex_digit(p[1]) >= 0 && hex_digit(p[2]) >= 0) {
		*c = (char)(hex_digit(p[1]) * 16 + hex_digit(p[2]));
		return p + 3;
	}
	*c = *p;
	return p + 1;
}

char *hfenv_percent_decode(const char *text, size_t length)
{
	char *out = malloc(length + 1);
	size_t k = 0;
	for (const char *p = text, *end = text + length; out != NULL && p < end; k++)
		p = decode_char(p, end, &out[k]);
	if (out != NULL)
		out[k] = '\0';
	return out;
}

/* RFC 1035 2.3.4; one trailing dot is free. */
bool hfenv_fits_dns(const char *host, size_t length)
{
	size_t label = 0;
	for (size_t i = 0; i < length; i++) {
		if (host[i] != '.')
			label++;
		else if (label == 0)
			return false;
		else
			label = 0;
		if (label > 63)
			return false;
	}
	return label > 0 ? length <= 253 : length > 0 && length - 1 <= 253;
}

bool hfenv_parse_port(const char *text, size_t length, unsigned *port)
{
	unsigned long value = 0;
	if (length == 0 || length > 5)
		return false;
	for (size_t i = 0; i < length; i++) {
		if (text[i] < '0' || text[i] > '9')
			return false;
		value = value * 10 + (unsigned long)(text[i] - '0');
	}
	*port = (unsigned)value;
	return value >= 1 && value <= 65535;
}

static enum hfenv_url_status check_port(const char *p, const char *end)
{
	unsigned port;
	return hfenv_parse_port(p, (size_t)(end - p), &port) ? HFENV_URL_OK : HFENV_URL_BAD_PORT;
}

/* A dotted IPv4 address filling p..end: four decimal numbers 0 to 255, no leading zero. */
static bool is_ipv4_address(const char *p, const char *end)
{
	for (int octet = 0; octet < 4; octet++) {
		const char *digits = p;
		unsigned value = 0;
		while (p < end && *p >= '0' && *p <= '9' && p - digits < 3)
			value = value * 10 + (unsigned)(*p++ - '0');
		if (p == digits || value > 255 || (p - digits > 1 && *digits == '0'))
			return false;
		if (octet < 3 && (p == end || *p++ != '.'))
			return false;
	}
	return p == end;
}

/* A group of 1 to 4 hex digits at p and the ':' or "::" after it: where the next group starts, or NULL. */
static const char *after_ipv6_group(const char *p, const char *end, bool *compressed)
{
	const char *digits = p;
	while (p < end && hex_digit(*p) >= 0 && p - digits < 5)
		p++;
	if (p == digits || p - digits > 4)
		return NULL;
	if (p == end)
		return p;
	if (*p != ':' || ++p == end)
		return NULL;
	if (*p == ':') {
		if (*compressed)
			return NULL;
		*compressed = true;
		p++;
	}
	return p;
}

/* An IPv6 address filling p..end as RFC 4291 2.2 writes it: 8 groups of 1 to 4 hex digits, one "::" for one or
 * more of them, the last two as an IPv4 address. */
static bool is_ipv6_address(const char *p, const char *end)
{
	size_t groups = 0;
	bool compressed = end - p >= 2 && p[0] == ':' && p[1] == ':';
	p += compressed ? 2 : 0;
	while (p != NULL && p < end && groups <= 8) {
		const char *q = p;
		while (q < end && *q != ':' && *q != '.')
			q++;
		if (q < end && *q == '.')
			return is_ipv4_address(p, end) && (compressed ? groups + 2 <= 7 : groups + 2 == 8);
		p = after_ipv6_group(p, end, &compressed);
		groups++;
	}
	return p != NULL && (compressed ? groups <= 7 : groups == 8);
}

/* [IPv6 address]:port, between p and end; a zone (fe80::1%25eth0) is refused, as no spelling of it works everywhere. */
static enum hfenv_url_status check_bracketed_host_port(const char *p, const char *end)
{
	const char *close = memchr(p, ']', (size_t)(end - p));
	if (close == NULL)
		return HFENV_URL_BAD_HOST;
	if (memchr(p, '%', (size_t)(close - p)) != NULL)
		return HFENV_URL_ZONE;
	if (!is_ipv6_address(p + 1, close))
		return HFENV_URL_BAD_HOST;
	if (close + 1 == end)
		return HFENV_URL_OK;
	return close[1] == ':' ? check_port(close + 2, end) : HFENV_URL_BAD_HOST;
}

static enum hfenv_url_status check_host_port(const char *p, const char *end)
{
	if (p == end)
		return HFENV_URL_NO_HOST;
	if (*p == '[')
		return check_bracketed_host_port(p, end);
	const char *colon = memchr(p, ':', (size_t)(end - p));
	const char *host_end = colon ? colon : end;
	if (colon && memchr(colon + 1, ':', (size_t)(end - colon - 1)))
		return HFENV_URL_IPV6_UNBRACKETED;
	if (host_end == p)
		return HFENV_URL_NO_HOST;
	for (const char *q = p; q < host_end; q++)
		if (!is_host_char(*q))
			return *q == '%' ? HFENV_URL_HOST_ESCAPE : HFENV_URL_BAD_HOST;
	if (!hfenv_fits_dns(p, (size_t)(host_end - p)))
		return HFENV_URL_DNS_LIMITS;
	return colon ? check_port(colon + 1, end) : HFENV_URL_OK;
}

static const char *const proxy_schemes[] = {
	[HFENV_SCHEME_HTTP] = "http", [HFENV_SCHEME_HTTPS] = "https", [HFENV_SCHEME_SOCKS4] = "socks4",
	[HFENV_SCHEME_SOCKS4A] = "socks4a", [HFENV_SCHEME_SOCKS5] = "socks5", [HFENV_SCHEME_SOCKS5H] = "socks5h",
};

/* The scheme named by value[0..len), case-insensitively; false when it is not a proxy scheme. */
static bool find_scheme(const char *value, size_t len, enum hfenv_scheme *scheme)
{
	for (size_t i = 0; i < sizeof proxy_schemes / sizeof proxy_schemes[0]; i++) {
		size_t j = 0;
		while (j < len && lower_ascii(value[j]) == proxy_schemes[i][j])
			j++;
		if (j == len && proxy_schemes[i][j] == '\0') {
			*scheme = (enum hfenv_scheme)i;
			return true;
		}
	}
	return false;
}

/* Fills url's parts from a checked authority: [user[:password]@]host[:port]. */
static void split_authority(const char *p, const char *end, struct hfenv_url *url, bool *failed)
{
	const char *at = NULL;
	for (const char *q = p; q < end; q++)
		if (*q == '@')
			at = q;
	if (at != NULL) {
		const char *colon = memchr(p, ':', (size_t)(at - p));
		url->user = hfenv_percent_decode(p, (size_t)((colon ? colon : at) - p));
		if (colon != NULL)
			url->password = hfenv_percent_decode(colon + 1, (size_t)(at - colon - 1));
		*failed = *failed || url->user == NULL || (colon != NULL && url->password == NULL);
		p = at + 1;
	}
	const char *host = p, *host_end;
	if (*p == '[') {
		host = p + 1;
		host_end = memchr(p, ']', (size_t)(end - p));
		p = host_end + 1;
	} else {
		host_end = memchr(p, ':', (size_t)(end - p));
		host_end = host_end ? host_end : end;
		p = host_end;
	}
	url->host = strndup(host, (size_t)(host_end - host));
	*failed = *failed || url->host == NULL;
	for (p = p < end && *p == ':' ? p + 1 : end; p < end; p++)
		url->port = url->port * 10 + (unsigned)(*p - '0');
}

/* A control or non-ASCII byte anywhere; a quote at either end (one inside may be a password's). */
static enum hfenv_url_status check_characters(const char *value)
{
	size_t n = 0;
	for (; value[n]; n++) {
		unsigned char c = (unsigned char)value[n];
		if (c <= 0x20 || c >= 0x7f)
			return HFENV_URL_CONTROL;
	}
	if (n > 0 && (value[0] == '"' || value[0] == '\'' || value[n - 1] == '"' || value[n - 1] == '\''))
		return HFENV_URL_QUOTES;
	return HFENV_URL_OK;
}

/* "http//host", "http:/host", "http:host": a scheme without its "://" ("http:8080" is a host named http and a port). */
static enum hfenv_url_status check_scheme_separator(const char *value)
{
	size_t n = 0;
	enum hfenv_scheme scheme;
	if (!((value[0] >= 'a' && value[0] <= 'z') || (value[0] >= 'A' && value[0] <= 'Z')))
		return HFENV_URL_OK;
	while (is_scheme_char(value[n]))
		n++;
	if (strncmp(value + n, "//", 2) == 0)
		return HFENV_URL_NO_COLON;
	if (value[n] != ':' || strncmp(value + n, "://", 3) == 0 || !find_scheme(value, n, &scheme))
		return HFENV_URL_OK;
	const char *after = value + n + 1;
	return *after != '/' && strspn(after, "0123456789") == strlen(after) ? HFENV_URL_OK : HFENV_URL_NO_SLASHES;
}

unsigned hfenv_scheme_port(enum hfenv_scheme scheme)
{
	return scheme == HFENV_SCHEME_HTTP ? 80 : scheme == HFENV_SCHEME_HTTPS ? 443 : 1080;
}

/* scheme://authority, the scheme's port when the authority has none, then the "/" the value may end in. */
static char *normalized_text(struct hfenv_url *url, const char *authority, size_t authority_len, const char *after)
{
	struct text t = {0};
	text_puts(&t, proxy_schemes[url->scheme]);
	text_puts(&t, "://");
	text_append(&t, authority, authority_len);
	if (url->port == 0) {
		char port[8];
		url->written_port = t.len;
		snprintf(port, sizeof port, ":%u", hfenv_scheme_port(url->scheme));
		text_puts(&t, port);
	}
	text_puts(&t, after);
	return text_finish(&t);
}

int hfenv_parse_proxy_url(const char *value, enum hfenv_url_status *status, struct hfenv_url *url)
{
	*url = (struct hfenv_url){.scheme = HFENV_SCHEME_HTTP};
	*status = check_characters(value);
	if (*status == HFENV_URL_OK)
		*status = check_scheme_separator(value);
	if (*status != HFENV_URL_OK)
		return 0;
	size_t scheme_len = hfenv_scheme_length(value);
	const char *rest = scheme_len ? value + scheme_len + 3 : value;
	if (scheme_len && !find_scheme(value, scheme_len, &url->scheme)) {
		*status = HFENV_URL_SCHEME;
		return 0;
	}
	size_t authority_len = strcspn(rest, "/?#");
	const char *after = rest + authority_len;
	if (*after != '\0' && strcmp(after, "/") != 0) {
		*status = strchr(after, '@') != NULL ? HFENV_URL_USERINFO : HFENV_URL_PATH;
		return 0;
	}
	const char *host = rest;
	for (const char *q = rest; q < after; q++)
		if (*q == '@')
			host = q + 1;
	*status = check_host_port(host, after);
	if (*status != HFENV_URL_OK)
		return 0;
	url->socks = url->scheme >= HFENV_SCHEME_SOCKS4;
	bool failed = false;
	split_authority(rest, after, url, &failed);
	url->text = normalized_text(url, rest, authority_len, after);
	if (failed || url->text == NULL) {
		hfenv_url_free(url);
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

char *hfenv_url_with_port(const struct hfenv_url *url, unsigned port)
{
	if (url->written_port == 0)
		return strdup(url->text);
	const char *written = url->text + url->written_port;
	char digits[8];
	snprintf(digits, sizeof digits, ":%u", port);
	struct text t = {0};
	text_append(&t, url->text, url->written_port);
	text_puts(&t, digits);
	text_puts(&t, written + strcspn(written, "/"));
	return text_finish(&t);
}

void hfenv_url_free(struct hfenv_url *url)
{
	free(url->text);
	free(url->user);
	free(url->password);
	free(url->host);
	*url = (struct hfenv_url){0};
}
