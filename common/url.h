#ifndef HFENV_COMMON_URL_H
#define HFENV_COMMON_URL_H

#include <stdbool.h>
#include <stddef.h>

/* The proxy URL parser, and the one port parser. */

enum hfenv_url_status {
	HFENV_URL_OK,
	HFENV_URL_CONTROL,            /* blank or control character inside */
	HFENV_URL_SCHEME,             /* scheme not supported */
	HFENV_URL_NO_HOST,
	HFENV_URL_BAD_HOST,
	HFENV_URL_DNS_LIMITS,         /* host name over 253 characters, or a label empty or over 63 */
	HFENV_URL_IPV6_UNBRACKETED,
	HFENV_URL_BAD_PORT,
	HFENV_URL_PATH,               /* path, query or fragment after the host */
	HFENV_URL_QUOTES,             /* a quote at either end */
	HFENV_URL_NO_COLON,           /* "http//host": the scheme lacks its ':' */
	HFENV_URL_NO_SLASHES,         /* "http:/host", "http:host": the scheme lacks its "//" */
	HFENV_URL_USERINFO,           /* a '/', '?' or '#' in the user or password, not percent-encoded */
	HFENV_URL_ZONE,               /* an IPv6 zone: "[fe80::1%25eth0]" or "[fe80::1%eth0]" */
	HFENV_URL_HOST_ESCAPE,        /* a '%' in a host name: "%6cocalhost", "a%20b" */
};
#define HFENV_URL_STATUSES (HFENV_URL_HOST_ESCAPE + 1)

enum hfenv_scheme {
	HFENV_SCHEME_HTTP, HFENV_SCHEME_HTTPS, HFENV_SCHEME_SOCKS4, HFENV_SCHEME_SOCKS4A, HFENV_SCHEME_SOCKS5,
	HFENV_SCHEME_SOCKS5H
};

/* A proxy URL taken apart; every string is malloc'd (hfenv_url_free), user and password percent-decoded. */
struct hfenv_url {
	char *text;                   /* normalized URL; NULL unless HFENV_URL_OK */
	enum hfenv_scheme scheme;     /* http when the value has none */
	bool socks;                   /* scheme is socks4, socks4a, socks5 or socks5h */
	char *user;                   /* NULL when the URL has no user part */
	char *password;               /* NULL when the user part has no ':' */
	char *host;                   /* a name, an IPv4 address, or an IPv6 address without brackets; never a '%' */
	unsigned port;                /* 0 when the URL gives none */
	size_t written_port;          /* index in text of the ':' of the scheme's port written in when it gives none, else 0 */
};

/*
 * Parse and normalize a cleaned proxy URL; -1 on ENOMEM.  The host is one every client reads alike: a name
 * of letters, digits and "-._~" that fits DNS, an IPv4 address, or an IPv6 address (RFC 4291) in brackets.
 * A zone is refused, and so is a '%' in a name: clients read them differently (docs/proxy-clients.md).
 */
int hfenv_parse_proxy_url(const char *value, enum hfenv_url_status *status, struct hfenv_url *url);
void hfenv_url_free(struct hfenv_url *url);

/* The port a proxy URL of scheme means when it gives none: http 80, https 443, SOCKS 1080. */
unsigned hfenv_scheme_port(enum hfenv_scheme scheme);

/* url's text with port in place of the one written in (curl takes 1080 for http://HOST); NULL on ENOMEM. */
char *hfenv_url_with_port(const struct hfenv_url *url, unsigned port);

/* A decimal port from 1 to 65535 in text[0..length), at most 5 digits; false otherwise. */
bool hfenv_parse_port(const char *text, size_t length, unsigned *port);

/* Length of the scheme before "://" at the start of value, or 0 when it has none. */
size_t hfenv_scheme_length(const char *value);
const char *hfenv_url_status_text(enum hfenv_url_status status);

/* A host name DNS can carry: at most 253 characters (a trailing dot free), labels of 1 to 63. */
bool hfenv_fits_dns(const char *host, size_t length);

/* text[0..length) with %HH decoded (a % not followed by two hex digits stays), NUL-terminated, malloc'd; NULL on ENOMEM. */
char *hfenv_percent_decode(const char *text, size_t length);

#endif
