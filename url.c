#include "url.h"

#include "ascii.h"
#include "text.h"

#include <errno.h>
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

const char *hfenv_url_status_text(enum hfenv_url_status status)
{
	switch (status) {
	case HFENV_URL_OK:
		return "valid";
	case HFENV_URL_CONTROL:
		return "it contains a blank, control or non-ASCII character; remove it or percent-encode it";
	case HFENV_URL_SCHEME:
		return "the scheme is not supported; use http://HOST:PORT (https, socks4, socks4a, socks5 and socks5h also work)";
	case HFENV_URL_NO_HOST:
		return "it has no host; write it as http://HOST:PORT";
	case HFENV_URL_BAD_HOST:
		return "the host is not a valid name or address; write it as http://HOST:PORT";
	case HFENV_URL_DNS_LIMITS:
		return "the host name is longer than DNS allows or has an empty label (at most 253 characters, "
		       "1 to 63 between dots); write it as http://HOST:PORT";
	case HFENV_URL_IPV6_UNBRACKETED:
		return "an IPv6 address must be in brackets, as in http://[::1]:7890";
	case HFENV_URL_BAD_PORT:
		return "the port must be a number from 1 to 65535";
	case HFENV_URL_PATH:
		return "a proxy URL has no path, query or fragment; write it as http://HOST:PORT";
	}
	return "invalid";
}

static bool is_host_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c == '_' || c == '~' || c == '%';
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

/* RFC 1035 2.3.4 on the name a client resolves (%HH decoded, as Go and WHATWG parsers do); one trailing dot is free. */
bool hfenv_fits_dns(const char *host, size_t length)
{
	size_t decoded = 0, label = 0;
	for (const char *p = host, *end = host + length; p < end; decoded++) {
		char c;
		p = decode_char(p, end, &c);
		if (c != '.')
			label++;
		else if (label == 0)
			return false;
		else
			label = 0;
		if (label > 63)
			return false;
	}
	return label > 0 ? decoded <= 253 : decoded > 0 && decoded - 1 <= 253;
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

/* [IPv6 address or zone]:port, between p and end. */
static enum hfenv_url_status check_bracketed_host_port(const char *p, const char *end)
{
	const char *close = memchr(p, ']', (size_t)(end - p));
	const char *zone = NULL;
	bool colon = false;
	if (close == NULL || close == p + 1)
		return HFENV_URL_BAD_HOST;
	for (const char *q = p + 1; q < close; q++) {
		if (zone == NULL && *q == '%')
			zone = q;
		else if (zone ? !is_host_char(*q) : !is_ipv6_char(*q))
			return HFENV_URL_BAD_HOST;
		colon = colon || (zone == NULL && *q == ':');
	}
	if (!colon || zone == p + 1)
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
			return HFENV_URL_BAD_HOST;
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

int hfenv_parse_proxy_url(const char *value, enum hfenv_url_status *status, struct hfenv_url *url)
{
	*url = (struct hfenv_url){.scheme = HFENV_SCHEME_HTTP};
	for (const char *p = value; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= 0x20 || c >= 0x7f) {
			*status = HFENV_URL_CONTROL;
			return 0;
		}
	}
	size_t scheme_len = hfenv_scheme_length(value);
	const char *rest = scheme_len ? value + scheme_len + 3 : value;
	if (scheme_len && !find_scheme(value, scheme_len, &url->scheme)) {
		*status = HFENV_URL_SCHEME;
		return 0;
	}
	size_t authority_len = strcspn(rest, "/?#");
	const char *after = rest + authority_len;
	if (*after != '\0' && strcmp(after, "/") != 0) {
		*status = HFENV_URL_PATH;
		return 0;
	}
	const char *host = rest;
	for (const char *q = rest; q < after; q++)
		if (*q == '@')
			host = q + 1;
	*status = check_host_port(host, after);
	if (*status != HFENV_URL_OK)
		return 0;
	struct text t = {0};
	text_puts(&t, proxy_schemes[url->scheme]);
	text_puts(&t, "://");
	text_puts(&t, rest);
	url->text = text_finish(&t);
	url->socks = url->scheme >= HFENV_SCHEME_SOCKS4;
	bool failed = url->text == NULL;
	split_authority(rest, after, url, &failed);
	if (failed) {
		hfenv_url_free(url);
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void hfenv_url_free(struct hfenv_url *url)
{
	free(url->text);
	free(url->user);
	free(url->password);
	free(url->host);
	*url = (struct hfenv_url){0};
}
