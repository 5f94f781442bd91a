#ifndef HFENV_CLIENTS_RULES_H
#define HFENV_CLIENTS_RULES_H

#include "clients/families.h"
#include "clients/no_proxy_match.h"
#include "common/url.h"
#include "common/variables.h"

/* Variables a client reads one after the other, rows of common/variables.h: READS(VAR_HTTP_LOWER, VAR_HTTP_UPPER). */
struct variable_list {
	unsigned char count;
	enum hfenv_variable names[2];
};
#define READS(...) {(unsigned char)(sizeof((enum hfenv_variable[]){__VA_ARGS__}) / sizeof(enum hfenv_variable)), {__VA_ARGS__}}

enum route_empty {
	EMPTY_SKIPS,                  /* an empty value counts as unset */
	EMPTY_ENDS_CHAIN,             /* the first variable set wins, even empty; a fallback still applies */
	EMPTY_MEANS_DIRECT,           /* the first variable set wins; empty disables the proxy, fallbacks too */
};

enum route_cgi {
	CGI_NOTHING,
	CGI_DROPS_HTTP_UPPER,         /* HTTP_PROXY is not read; http_proxy still is */
	CGI_IGNORES_HTTP,             /* no proxy for http URLs */
	CGI_IGNORES_ALL,              /* no proxy at all */
	CGI_REFUSES_HTTP,             /* an http request with a proxy set fails */
};

enum route_bad_value {
	BAD_FAILS,                    /* the request fails */
	BAD_IGNORED,                  /* no proxy from this value; a fallback still applies */
	BAD_SKIPPED,                  /* the next variable of the list is read instead */
	BAD_FAILS_AT_START,           /* the client cannot be built: every request fails, whatever its URL */
};

enum route_parsing {
	PARSE_AS_IS,                  /* the value as it is; scheme-less means http */
	PARSE_LOWER_SCHEME,           /* the same, but a scheme not in lower case is a bad URL (aria2c) */
	PARSE_TRAILING_BLANKS,        /* blanks, CR and LF at the end dropped (urllib: int() strips the port) */
	PARSE_RUST_URL,               /* WHATWG: blanks and C0 controls around, tab, CR, LF inside removed; scheme-less means http */
	PARSE_JS_URL,                 /* WHATWG, and a scheme is required */
	PARSE_NODE_CORE,              /* CR or LF fails, a value not starting with http:// or https:// is ignored, then WHATWG */
};

enum route_star { STAR_NOT_SPECIAL, STAR_WHOLE_VALUE, STAR_ANY_ENTRY };

/* How a client reads an IPv6 zone in a proxy URL: "[fe80::1%25eth0]" (RFC 6874) or "[fe80::1%eth0]". */
enum route_zone {
	ZONE_REFUSED,                 /* no zone: the URL is invalid (an IPv6 parser without zones) */
	ZONE_EITHER,                  /* both spellings name the zone */
	ZONE_ESCAPED,                 /* "%25eth0" names the zone; "%eth0" makes the URL invalid */
	ZONE_RAW,                     /* "%eth0" names the zone; "%25eth0" is looked up as a name, which fails */
};

/* How a client reads %HH in a proxy URL's host name ("%6cocalhost"). */
enum route_host_escape {
	HOST_ESCAPE_DECODED,          /* decoded: "localhost" */
	HOST_ESCAPE_KEPT,             /* kept: the name is looked up as written, which fails */
	HOST_ESCAPE_REFUSED,          /* the URL is invalid */
	HOST_ESCAPE_GO,               /* Go's net/url: below %80 but %25 invalid, then "http://" + value makes the
				       * scheme the proxy's host; otherwise decoded to a name no lookup finds */
};

enum {
	SCHEME_HTTP = 1u << HFENV_SCHEME_HTTP, SCHEME_HTTPS = 1u << HFENV_SCHEME_HTTPS,
	SCHEME_SOCKS4 = 1u << HFENV_SCHEME_SOCKS4, SCHEME_SOCKS4A = 1u << HFENV_SCHEME_SOCKS4A,
	SCHEME_SOCKS5 = 1u << HFENV_SCHEME_SOCKS5, SCHEME_SOCKS5H = 1u << HFENV_SCHEME_SOCKS5H,
	SCHEMES_HTTP_ONLY = SCHEME_HTTP | SCHEME_HTTPS,
	SCHEMES_ALL = 63,
};

/* How one client family reads the proxy variables: the facts of docs/proxy-clients.md, as data. */
struct client_rule {
	struct variable_list http;    /* read in this order for http URLs */
	struct variable_list https;
	struct variable_list all;     /* fallback for both; empty when ALL_PROXY is not read */
	struct variable_list no;
	enum route_empty empty;
	enum route_empty no_empty;
	bool last_duplicate;          /* reads the last of duplicate entries (Python's os.environ) */
	bool any_case;                /* reads the proxy variables in any letter case (Python's urllib) */
	bool cgi_needs_value;         /* CGI means REQUEST_METHOD non-empty, not merely set */
	enum route_cgi cgi;
	unsigned schemes;
	enum route_bad_value unsupported; /* a scheme the client does not support */
	enum route_bad_value invalid;     /* a value it cannot parse */
	bool digits_port_fails;       /* takes a port of any number of digits when parsing; the connect fails */
	enum route_parsing parsing;
	bool https_uses_http_proxy;   /* no https proxy: https URLs take the http route */
	enum route_star star;         /* how "*" in NO_PROXY is read */
	entry_matcher *matches;       /* how a NO_PROXY entry is matched */
	bool (*entry_fails_at_start)(const char *entry, size_t n); /* NULL: no entry stops the client */
	bool loopback_direct;         /* a loopback host is never proxied (Go) */
	unsigned http_proxy_port;     /* the port of an http:// proxy URL without one (libcurl's 1080); 0: the scheme's */
	enum route_zone zone;
	enum route_host_escape host_escape;
};

extern const struct client_rule client_rules[HFENV_CLIENTS];

#endif
