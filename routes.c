#include "routes.h"

#include "ascii.h"
#include "assignments.h"
#include "url.h"
#include "variables.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum route_variable {
	V_NONE, V_HTTP_LOWER, V_HTTP_UPPER, V_HTTPS_LOWER, V_HTTPS_UPPER, V_ALL_LOWER, V_ALL_UPPER,
	V_NO_LOWER, V_NO_UPPER, V_REQUEST_METHOD,
	/* Read by no route; here so that --explain's BEFORE trust sees -u and NAME=VALUE too. */
	V_REQUESTS_CA_BUNDLE, V_CURL_CA_BUNDLE, V_SSL_CERT_FILE, V_GIT_SSL_CAINFO, V_NODE_EXTRA_CA_CERTS,
	ROUTE_VARIABLES
};

/* Each route variable's row in the table of variables (variables.c). */
static const enum hfenv_variable route_variable_rows[ROUTE_VARIABLES] = {
	[V_HTTP_LOWER] = VAR_HTTP_LOWER, [V_HTTP_UPPER] = VAR_HTTP_UPPER,
	[V_HTTPS_LOWER] = VAR_HTTPS_LOWER, [V_HTTPS_UPPER] = VAR_HTTPS_UPPER,
	[V_ALL_LOWER] = VAR_ALL_LOWER, [V_ALL_UPPER] = VAR_ALL_UPPER,
	[V_NO_LOWER] = VAR_NO_LOWER, [V_NO_UPPER] = VAR_NO_UPPER,
	[V_REQUEST_METHOD] = VAR_REQUEST_METHOD,
	[V_REQUESTS_CA_BUNDLE] = VAR_REQUESTS_CA_BUNDLE, [V_CURL_CA_BUNDLE] = VAR_CURL_CA_BUNDLE,
	[V_SSL_CERT_FILE] = VAR_SSL_CERT_FILE, [V_GIT_SSL_CAINFO] = VAR_GIT_SSL_CAINFO,
	[V_NODE_EXTRA_CA_CERTS] = VAR_NODE_EXTRA_CA_CERTS,
};

static const char *route_variable_name(enum route_variable v)
{
	return hfenv_variables[route_variable_rows[v]].name;
}

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
	PARSE_TRAILING_BLANKS,        /* blanks, CR and LF at the end dropped (urllib: int() strips the port) */
	PARSE_RUST_URL,               /* WHATWG: blanks and C0 controls around, tab, CR, LF inside removed; scheme-less means http */
	PARSE_JS_URL,                 /* WHATWG, and a scheme is required */
	PARSE_NODE_CORE,              /* CR or LF fails, a value not starting with http:// or https:// is ignored, then WHATWG */
};

enum route_star { STAR_NOT_SPECIAL, STAR_WHOLE_VALUE, STAR_ANY_ENTRY };

/* How a client matches a host against NO_PROXY entries (docs/proxy-clients.md, and tests/clients' rows). */
enum route_matching {
	MATCH_CURL,                   /* dom: dom and subdomains; ".dom" too; "*.dom" and "dom:port" never; CIDR */
	MATCH_WGET,                   /* dom: dom and subdomains; ".dom": subdomains only; no CIDR, no port */
	MATCH_URLLIB,                 /* dom and ".dom": dom and subdomains; "dom:port" for a URL with that port; no CIDR */
	MATCH_REQUESTS,               /* requests >= 2.34: IPv4 CIDR, then urllib's rule (2.28 to 2.33 matched plain suffixes) */
	MATCH_RUST,                   /* reqwest 0.11: curl's, but case-sensitive; CIDR */
	MATCH_RUST_ANY_CASE,          /* hyper-util 0.1.20: curl's; CIDR */
	MATCH_HTTPX,                  /* dom: dom and subdomains; ".dom": subdomains; "*.dom" never; "dom:port"; an address: that
					 address only, "/bits" ignored; an IPv6 range or "[...]" fails at start */
	MATCH_HTTPX2,                 /* httpx's, but "*.dom" as ".dom", CIDR, and entries it cannot parse dropped */
	MATCH_GO,                     /* dom: dom and subdomains; ".dom", "*.dom": subdomains; "dom:port"; CIDR; loopback never proxied */
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
	const char *id;
	const char *label;
	enum route_variable http[3];  /* read in this order for http URLs */
	enum route_variable https[3];
	enum route_variable all[3];   /* fallback for both; empty when ALL_PROXY is not read */
	enum route_variable no[3];
	enum route_empty empty;
	enum route_empty no_empty;
	bool last_duplicate;          /* reads the last of duplicate entries (Python's os.environ) */
	bool cgi_needs_value;         /* CGI means REQUEST_METHOD non-empty, not merely set */
	enum route_cgi cgi;
	unsigned schemes;
	enum route_bad_value unsupported; /* a scheme the client does not support */
	enum route_bad_value invalid;     /* a value it cannot parse */
	bool digits_port_fails;       /* takes a port of any number of digits when parsing; the connect fails */
	enum route_parsing parsing;
	bool https_uses_http_proxy;   /* no https proxy: https URLs take the http route */
	enum route_star star;         /* how "*" in NO_PROXY is read */
	enum route_matching matching;
};

static const struct client_rule client_rules[HFENV_CLIENTS] = {
	[HFENV_CLIENT_CURL] = {
		.id = "curl", .label = "curl",
		.http = {V_HTTP_LOWER}, .https = {V_HTTPS_LOWER, V_HTTPS_UPPER},
		.all = {V_ALL_LOWER, V_ALL_UPPER}, .no = {V_NO_LOWER, V_NO_UPPER},
		.empty = EMPTY_SKIPS, .no_empty = EMPTY_SKIPS, .cgi = CGI_NOTHING,
		.schemes = SCHEMES_ALL, .unsupported = BAD_FAILS, .invalid = BAD_FAILS,
		.parsing = PARSE_AS_IS, .star = STAR_WHOLE_VALUE, .matching = MATCH_CURL,
	},
	[HFENV_CLIENT_GIT] = {
		.id = "git", .label = "git",
		.http = {V_HTTP_LOWER}, .https = {V_HTTPS_LOWER, V_HTTPS_UPPER},
		.all = {V_ALL_LOWER, V_ALL_UPPER}, .no = {V_NO_LOWER, V_NO_UPPER},
		.empty = EMPTY_MEANS_DIRECT, .no_empty = EMPTY_ENDS_CHAIN, .cgi = CGI_NOTHING,
		.schemes = SCHEMES_ALL, .unsupported = BAD_FAILS, .invalid = BAD_FAILS,
		.parsing = PARSE_AS_IS, .star = STAR_WHOLE_VALUE, .matching = MATCH_CURL,
	},
	[HFENV_CLIENT_WGET] = {
		.id = "wget", .label = "wget",
		.http = {V_HTTP_LOWER}, .https = {V_HTTPS_LOWER}, .no = {V_NO_LOWER},
		.empty = EMPTY_SKIPS, .no_empty = EMPTY_SKIPS, .cgi = CGI_NOTHING,
		.schemes = SCHEME_HTTP, .unsupported = BAD_FAILS, .invalid = BAD_FAILS,
		.parsing = PARSE_AS_IS, .star = STAR_NOT_SPECIAL, .matching = MATCH_WGET,
	},
	[HFENV_CLIENT_URLLIB] = {
		.id = "urllib", .label = "Python urllib",
		.http = {V_HTTP_LOWER, V_HTTP_UPPER}, .https = {V_HTTPS_LOWER, V_HTTPS_UPPER},
		.no = {V_NO_LOWER, V_NO_UPPER},
		.empty = EMPTY_ENDS_CHAIN, .no_empty = EMPTY_ENDS_CHAIN, .last_duplicate = true,
		.cgi = CGI_DROPS_HTTP_UPPER,
		.schemes = SCHEMES_HTTP_ONLY, .unsupported = BAD_FAILS, .invalid = BAD_FAILS,
		.parsing = PARSE_TRAILING_BLANKS, .star = STAR_WHOLE_VALUE, .matching = MATCH_URLLIB,
	},
	[HFENV_CLIENT_REQUESTS] = {
		.id = "requests", .label = "requests 2.34",
		.http = {V_HTTP_LOWER, V_HTTP_UPPER}, .https = {V_HTTPS_LOWER, V_HTTPS_UPPER},
		.all = {V_ALL_LOWER, V_ALL_UPPER}, .no = {V_NO_LOWER, V_NO_UPPER},
		.empty = EMPTY_ENDS_CHAIN, .no_empty = EMPTY_ENDS_CHAIN, .last_duplicate = true,
		.cgi = CGI_DROPS_HTTP_UPPER,
		.schemes = SCHEMES_HTTP_ONLY, .unsupported = BAD_FAILS, .invalid = BAD_FAILS,
		.parsing = PARSE_AS_IS, .star = STAR_WHOLE_VALUE, .matching = MATCH_REQUESTS,
	},
	[HFENV_CLIENT_HTTPX] = {
		.id = "httpx", .label = "httpx 0.28 (no socksio)",
		.http = {V_HTTP_LOWER, V_HTTP_UPPER}, .https = {V_HTTPS_LOWER, V_HTTPS_UPPER},
		.all = {V_ALL_LOWER, V_ALL_UPPER}, .no = {V_NO_LOWER, V_NO_UPPER},
		.empty = EMPTY_ENDS_CHAIN, .no_empty = EMPTY_ENDS_CHAIN, .last_duplicate = true,
		.cgi = CGI_DROPS_HTTP_UPPER,
		.schemes = SCHEMES_HTTP_ONLY, .unsupported = BAD_FAILS_AT_START, .invalid = BAD_FAILS_AT_START,
		.digits_port_fails = true,
		.parsing = PARSE_AS_IS, .star = STAR_ANY_ENTRY, .matching = MATCH_HTTPX,
	},
	[HFENV_CLIENT_HTTPX_SOCKSIO] = {
		.id = "httpx-socksio", .label = "httpx 0.28 + socksio",
		.http = {V_HTTP_LOWER, V_HTTP_UPPER}, .https = {V_HTTPS_LOWER, V_HTTPS_UPPER},
		.all = {V_ALL_LOWER, V_ALL_UPPER}, .no = {V_NO_LOWER, V_NO_UPPER},
		.empty = EMPTY_ENDS_CHAIN, .no_empty = EMPTY_ENDS_CHAIN, .last_duplicate = true,
		.cgi = CGI_DROPS_HTTP_UPPER,
		.schemes = SCHEMES_HTTP_ONLY | SCHEME_SOCKS5 | SCHEME_SOCKS5H,
		.unsupported = BAD_FAILS_AT_START, .invalid = BAD_FAILS_AT_START,
		.digits_port_fails = true,
		.parsing = PARSE_AS_IS, .star = STAR_ANY_ENTRY, .matching = MATCH_HTTPX,
	},
	[HFENV_CLIENT_HTTPX2] = {
		.id = "httpx2", .label = "huggingface_hub 2.4 (httpx2)",
		.http = {V_HTTP_LOWER, V_HTTP_UPPER}, .https = {V_HTTPS_LOWER, V_HTTPS_UPPER},
		.all = {V_ALL_LOWER, V_ALL_UPPER}, .no = {V_NO_LOWER, V_NO_UPPER},
		.empty = EMPTY_ENDS_CHAIN, .no_empty = EMPTY_ENDS_CHAIN, .last_duplicate = true,
		.cgi = CGI_DROPS_HTTP_UPPER,
		.schemes = SCHEMES_HTTP_ONLY, .unsupported = BAD_FAILS_AT_START, .invalid = BAD_FAILS_AT_START,
		.digits_port_fails = true,
		.parsing = PARSE_AS_IS, .star = STAR_ANY_ENTRY, .matching = MATCH_HTTPX2,
	},
	[HFENV_CLIENT_REQWEST] = {
		.id = "reqwest", .label = "reqwest 0.11 (Debian)",
		.http = {V_HTTP_UPPER, V_HTTP_LOWER}, .https = {V_HTTPS_UPPER, V_HTTPS_LOWER},
		.no = {V_NO_UPPER, V_NO_LOWER},
		.empty = EMPTY_SKIPS, .no_empty = EMPTY_ENDS_CHAIN, .cgi = CGI_IGNORES_HTTP,
		.schemes = SCHEMES_HTTP_ONLY, .unsupported = BAD_SKIPPED, .invalid = BAD_SKIPPED,
		.parsing = PARSE_RUST_URL, .star = STAR_ANY_ENTRY, .matching = MATCH_RUST,
	},
	[HFENV_CLIENT_HF_XET] = {
		.id = "hf_xet", .label = "hf_xet >= 1.3, uv: reqwest 0.13",
		.http = {V_HTTP_UPPER, V_HTTP_LOWER}, .https = {V_HTTPS_UPPER, V_HTTPS_LOWER},
		.all = {V_ALL_UPPER, V_ALL_LOWER}, .no = {V_NO_UPPER, V_NO_LOWER},
		.empty = EMPTY_ENDS_CHAIN, .no_empty = EMPTY_ENDS_CHAIN, .cgi = CGI_IGNORES_ALL,
		.schemes = SCHEMES_ALL, .unsupported = BAD_IGNORED, .invalid = BAD_IGNORED,
		.digits_port_fails = true,
		.parsing = PARSE_AS_IS, .star = STAR_ANY_ENTRY, .matching = MATCH_RUST_ANY_CASE,
	},
	[HFENV_CLIENT_GO] = {
		.id = "go", .label = "Go 1.26 net/http",
		.http = {V_HTTP_UPPER, V_HTTP_LOWER}, .https = {V_HTTPS_UPPER, V_HTTPS_LOWER},
		.no = {V_NO_UPPER, V_NO_LOWER},
		.empty = EMPTY_SKIPS, .no_empty = EMPTY_SKIPS, .cgi_needs_value = true, .cgi = CGI_REFUSES_HTTP,
		.schemes = SCHEMES_HTTP_ONLY | SCHEME_SOCKS5 | SCHEME_SOCKS5H, .unsupported = BAD_FAILS, .invalid = BAD_IGNORED,
		.digits_port_fails = true,
		.parsing = PARSE_AS_IS, .star = STAR_ANY_ENTRY, .matching = MATCH_GO,
	},
	[HFENV_CLIENT_NODE] = {
		.id = "node", .label = "Node (NODE_USE_ENV_PROXY=1)",
		.http = {V_HTTP_LOWER, V_HTTP_UPPER}, .https = {V_HTTPS_LOWER, V_HTTPS_UPPER},
		.no = {V_NO_LOWER, V_NO_UPPER},
		.empty = EMPTY_SKIPS, .no_empty = EMPTY_SKIPS, .cgi = CGI_NOTHING,
		.schemes = SCHEMES_HTTP_ONLY, .unsupported = BAD_IGNORED, .invalid = BAD_FAILS,
		.parsing = PARSE_NODE_CORE, .star = STAR_ANY_ENTRY, .matching = MATCH_CURL,
	},
	[HFENV_CLIENT_UNDICI] = {
		.id = "undici", .label = "undici EnvHttpProxyAgent",
		.http = {V_HTTP_LOWER, V_HTTP_UPPER}, .https = {V_HTTPS_LOWER, V_HTTPS_UPPER},
		.no = {V_NO_LOWER, V_NO_UPPER},
		.empty = EMPTY_ENDS_CHAIN, .no_empty = EMPTY_ENDS_CHAIN, .cgi = CGI_NOTHING,
		.schemes = SCHEMES_HTTP_ONLY, .unsupported = BAD_FAILS, .invalid = BAD_FAILS,
		.parsing = PARSE_JS_URL, .https_uses_http_proxy = true, .star = STAR_ANY_ENTRY, .matching = MATCH_CURL,
	},
};

const char *hfenv_client_id(enum hfenv_client client)
{
	return client_rules[client].id;
}

const char *hfenv_client_label(enum hfenv_client client)
{
	return client_rules[client].label;
}

struct route_values {
	const char *first[ROUTE_VARIABLES];
	const char *last[ROUTE_VARIABLES];
};

static enum route_variable route_variable_of(const char *entry, size_t name_len)
{
	for (enum route_variable v = V_HTTP_LOWER; v < ROUTE_VARIABLES; v++)
		if (strlen(route_variable_name(v)) == name_len && memcmp(entry, route_variable_name(v), name_len) == 0)
			return v;
	return V_NONE;
}

static void read_route_values(char *const envp[], struct route_values *values)
{
	*values = (struct route_values){0};
	for (size_t i = 0; envp[i] != NULL; i++) {
		const char *eq = strchr(envp[i], '=');
		enum route_variable v = eq ? route_variable_of(envp[i], (size_t)(eq - envp[i])) : V_NONE;
		if (v == V_NONE)
			continue;
		if (values->first[v] == NULL)
			values->first[v] = eq + 1;
		values->last[v] = eq + 1;
	}
}

static const char *route_value(const struct client_rule *rule, const struct route_values *values, enum route_variable v)
{
	return rule->last_duplicate ? values->last[v] : values->first[v];
}

enum pick_outcome { PICK_UNSET, PICK_EMPTY, PICK_VALUE };

struct pick {
	enum pick_outcome outcome;
	enum hfenv_route_kind kind;   /* PICK_VALUE: PROXY, IGNORED or FAILS */
	enum route_bad_value bad;     /* what the rule does with a rejected value */
	char *proxy;
	const char *variable;
	const char *reason;
};

/* Blanks and C0 controls around removed, tab, CR and LF inside removed, as a WHATWG URL parser does. */
static char *whatwg_clean(const char *value)
{
	const char *start = value, *end = value + strlen(value);
	while (start < end && (unsigned char)*start <= 0x20)
		start++;
	while (end > start && (unsigned char)end[-1] <= 0x20)
		end--;
	char *clean = malloc((size_t)(end - start) + 1);
	if (clean == NULL)
		return NULL;
	size_t n = 0;
	for (const char *p = start; p < end; p++)
		if (*p != '\t' && *p != '\r' && *p != '\n')
			clean[n++] = *p;
	clean[n] = '\0';
	return clean;
}

static bool starts_with_ignoring_case(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++)
		if (lower_ascii(*s) != *prefix)
			return false;
	return true;
}

static void reject(struct pick *pick, enum route_bad_value bad, const char *reason)
{
	pick->kind = bad == BAD_FAILS || bad == BAD_FAILS_AT_START ? HFENV_ROUTE_FAILS : HFENV_ROUTE_IGNORED;
	pick->bad = bad;
	pick->reason = reason;
}

/* The proxy URL a client reads from value, as hfenv would write it; NULL in url->text when unusable. */
static int parse_like_client(const struct client_rule *rule, const char *value, enum hfenv_url_status *status,
			     struct hfenv_url *url, bool *has_scheme)
{
	char *clean = rule->parsing == PARSE_AS_IS || rule->parsing == PARSE_TRAILING_BLANKS ? strdup(value)
										      : whatwg_clean(value);
	if (clean == NULL)
		return -1;
	for (size_t n = strlen(clean); rule->parsing == PARSE_TRAILING_BLANKS && n > 0 && is_blank(clean[n - 1]); n--)
		clean[n - 1] = '\0';
	*has_scheme = hfenv_scheme_length(clean) > 0;
	int failed = hfenv_parse_proxy_url(clean, status, url);
	if (!failed && *status == HFENV_URL_PATH) {
		/* Clients ignore a path after the proxy's host; hfenv's parser does not take one. */
		size_t authority = hfenv_scheme_length(clean) ? hfenv_scheme_length(clean) + 3 : 0;
		clean[authority + strcspn(clean + authority, "/?#")] = '\0';
		failed = hfenv_parse_proxy_url(clean, status, url);
	}
	free(clean);
	return failed;
}

/* The port after the host is one or more digits (out of range, since the URL parser rejected it). */
static bool port_is_digits(const char *value)
{
	const char *authority = strstr(value, "://");
	authority = authority ? authority + 3 : value;
	const char *end = authority + strcspn(authority, "/?#"), *colon = NULL;
	for (const char *p = authority; p < end; p++)
		colon = *p == ':' ? p : *p == '@' || *p == ']' ? NULL : colon;
	if (colon == NULL || colon + 1 == end)
		return false;
	for (const char *p = colon + 1; p < end; p++)
		if (*p < '0' || *p > '9')
			return false;
	return true;
}

/* Why a client refuses the scheme of value. */
static const char *unsupported_scheme(const char *value)
{
	if (starts_with_ignoring_case(value, "socks"))
		return "socks unsupported";
	return hfenv_scheme_length(value) == 0 ? "no scheme" : "scheme unsupported";
}

/* The proxy of a valid URL: libcurl's port for http://HOST is CURL_DEFAULT_PROXY_PORT, 1080, where the others take 80. */
static int take_proxy(const struct client_rule *rule, struct hfenv_url *url, struct pick *pick)
{
	bool libcurl = rule == &client_rules[HFENV_CLIENT_CURL] || rule == &client_rules[HFENV_CLIENT_GIT];
	pick->kind = HFENV_ROUTE_PROXY;
	if (libcurl && url->scheme == HFENV_SCHEME_HTTP) {
		pick->proxy = hfenv_url_with_port(url, 1080);
		return pick->proxy != NULL ? 0 : -1;
	}
	pick->proxy = url->text;
	url->text = NULL;
	return 0;
}

/* What the client makes of one non-empty value: a proxy, or a rejection per its rule. -1 on ENOMEM. */
static int judge_value(const struct client_rule *rule, const char *value, struct pick *pick)
{
	const char *scheme_problem = unsupported_scheme(value);
	bool js = rule->parsing == PARSE_JS_URL || rule->parsing == PARSE_NODE_CORE;
	if (rule->parsing == PARSE_NODE_CORE && strpbrk(value, "\r\n") != NULL) {
		reject(pick, rule->invalid, "CR or LF in the URL");
		return 0;
	}
	if (rule->parsing == PARSE_NODE_CORE && strncmp(value, "http://", 7) != 0 && strncmp(value, "https://", 8) != 0) {
		reject(pick, rule->unsupported, scheme_problem);
		return 0;
	}
	enum hfenv_url_status status;
	struct hfenv_url url;
	bool has_scheme, failed_allocation = false;
	if (parse_like_client(rule, value, &status, &url, &has_scheme) != 0)
		return -1;
	if (js && status == HFENV_URL_OK && !has_scheme)
		reject(pick, rule->invalid, "no scheme");
	else if (status == HFENV_URL_SCHEME)
		reject(pick, rule->unsupported, scheme_problem);
	else if (status == HFENV_URL_BAD_PORT && rule->digits_port_fails && port_is_digits(value))
		reject(pick, BAD_FAILS, "port out of range");
	else if (status == HFENV_URL_DNS_LIMITS)
		reject(pick, BAD_FAILS, "host name beyond DNS limits");
	else if (status != HFENV_URL_OK)
		reject(pick, rule->invalid, "not a valid URL");
	else if (!(rule->schemes & (1u << url.scheme)))
		reject(pick, rule->unsupported, url.socks ? "socks unsupported" : "scheme unsupported");
	else
		failed_allocation = take_proxy(rule, &url, pick) != 0;
	hfenv_url_free(&url);
	return failed_allocation ? -1 : 0;
}

/* Reads names in order as the client does, skipping skip; a value passed over still shows as ignored. -1 on ENOMEM. */
static int pick_variable(const struct client_rule *rule, const struct route_values *values,
			 const enum route_variable names[3], enum route_variable skip, struct pick *pick)
{
	struct pick passed_over = {.outcome = PICK_UNSET};
	for (size_t i = 0; i < 3 && names[i] != V_NONE; i++) {
		const char *value = route_value(rule, values, names[i]);
		if (value == NULL || names[i] == skip)
			continue;
		if (*value == '\0') {
			if (rule->empty == EMPTY_SKIPS)
				continue;
			*pick = (struct pick){.outcome = PICK_EMPTY, .variable = route_variable_name(names[i])};
			return 0;
		}
		*pick = (struct pick){.outcome = PICK_VALUE, .variable = route_variable_name(names[i])};
		if (judge_value(rule, value, pick) != 0)
			return -1;
		if (pick->kind == HFENV_ROUTE_PROXY || pick->bad != BAD_SKIPPED)
			return 0;
		if (passed_over.outcome == PICK_UNSET)
			passed_over = *pick;
	}
	*pick = passed_over;
	return 0;
}

/* The NO_PROXY list the client reads, or NULL. */
static const char *no_proxy_list(const struct client_rule *rule, const struct route_values *values)
{
	const char *list = NULL;
	for (size_t i = 0; i < 3 && rule->no[i] != V_NONE && list == NULL; i++) {
		list = route_value(rule, values, rule->no[i]);
		if (list != NULL && *list == '\0' && rule->no_empty == EMPTY_SKIPS)
			list = NULL;
	}
	return list;
}

/* The next entry of a comma-separated list, blanks around removed; false at the end. */
static bool next_entry(const char **p, const char **start, size_t *length)
{
	while (**p) {
		size_t n = strcspn(*p, ",");
		const char *begin = *p, *end = *p + n;
		*p = *end ? end + 1 : end;
		while (begin < end && is_blank(*begin))
			begin++;
		while (end > begin && is_blank(end[-1]))
			end--;
		if (begin < end) {
			*start = begin;
			*length = (size_t)(end - begin);
			return true;
		}
	}
	return false;
}

static bool no_proxy_matches_all(const struct client_rule *rule, const struct route_values *values)
{
	const char *list = no_proxy_list(rule, values), *entry;
	size_t n;
	if (list == NULL || rule->star == STAR_NOT_SPECIAL)
		return false;
	if (rule->star == STAR_WHOLE_VALUE)
		return strcmp(list, "*") == 0;
	while (next_entry(&list, &entry, &n))
		if (n == 1 && *entry == '*')
			return true;
	return false;
}

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

/* An address of host (IPv4 or IPv6), into bytes; its length, or 0 when host is a name. */
static size_t parse_address(const char *text, size_t n, unsigned char bytes[16])
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
	for (size_t i = 0; i < length && bits > 0; i++, bits = bits > 8 ? bits - 8 : 0) {
		unsigned mask = bits >= 8 ? 0xffu : (0xffu << (8 - bits)) & 0xffu;
		if ((address[i] & mask) != (range[i] & mask))
			return false;
	}
	return true;
}

static size_t count_colons(const char *text, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		count += text[i] == ':';
	return count;
}

static bool digits_equal(const char *text, size_t n, unsigned port)
{
	unsigned long value = 0;
	for (size_t i = 0; i < n; i++) {
		if (text[i] < '0' || text[i] > '9' || value > 65535)
			return false;
		value = value * 10 + (unsigned long)(text[i] - '0');
	}
	return n > 0 && value == port;
}

/* One entry against the destination, as the client's matching reads it. */
static bool entry_matches(enum route_matching matching, const char *entry, size_t n, const struct hfenv_destination *d,
			  const unsigned char *address, size_t address_length)
{
	bool name = address_length == 0;
	switch (matching) {
	case MATCH_CURL:
	case MATCH_RUST:
	case MATCH_RUST_ANY_CASE:
		if (!name)
			return address_matches(address, address_length, entry, n, true) ||
			       (matching == MATCH_CURL && n == strlen(d->host) && same_text(entry, d->host, n, true));
		if (matching != MATCH_CURL && n == 1 && *entry == '*')
			return true;
		if (*entry == '.')
			entry++, n--;
		return is_domain_of(d->host, entry, n, matching != MATCH_RUST);
	case MATCH_WGET:
		if (*entry == '.')
			return strlen(d->host) != n - 1 && is_domain_of(d->host, entry + 1, n - 1, true);
		return is_domain_of(d->host, entry, n, true);
	case MATCH_REQUESTS:
		return (address_length == 4 && address_matches(address, 4, entry, n, false)) ||
		       entry_matches(MATCH_URLLIB, entry, n, d, address, address_length);
	case MATCH_URLLIB: {
		while (n > 0 && *entry == '.')
			entry++, n--;
		const char *colon = memchr(entry, ':', n);
		if (colon != NULL && address_length != 16) {
			size_t host_n = (size_t)(colon - entry);
			return d->port_given && digits_equal(colon + 1, n - host_n - 1, d->port) &&
			       is_domain_of(d->host, entry, host_n, true);
		}
		return is_domain_of(d->host, entry, n, true);
	}
	case MATCH_HTTPX:
	case MATCH_HTTPX2: {
		const char *slash = memchr(entry, '/', n);
		unsigned char entry_address[16];
		size_t entry_length = parse_address(entry, slash ? (size_t)(slash - entry) : n, entry_address);
		if (entry_length != 0 && slash != NULL && matching == MATCH_HTTPX2)
			return !name && address_matches(address, address_length, entry, n, true);
		if (entry_length != 0)
			return entry_length == address_length && memcmp(entry_address, address, address_length) == 0;
		if (slash != NULL && matching == MATCH_HTTPX2)
			return false;
		if (n == 9 && same_text(entry, "localhost", n, true))
			return strcmp(d->host, "localhost") == 0;
		const char *colon = memchr(entry, ':', n);
		size_t host_n = colon ? (size_t)(colon - entry) : n;
		if (colon != NULL && !(d->port_given && digits_equal(colon + 1, n - host_n - 1, d->port)))
			return false;
		bool apex = true;
		if (host_n >= 2 && entry[0] == '*' && entry[1] == '.') {
			if (matching == MATCH_HTTPX)
				return false;
			entry++, host_n--;
		}
		if (host_n > 0 && *entry == '.')
			entry++, host_n--, apex = false;
		return is_domain_of(d->host, entry, host_n, true) && (apex || strlen(d->host) != host_n);
	}
	case MATCH_GO: {
		if (n == 1 && *entry == '*')
			return true;
		if (memchr(entry, '/', n) != NULL)
			return !name && address_matches(address, address_length, entry, n, true);
		const char *port = NULL;
		size_t host_n = n;
		if (*entry == '[') {
			const char *close = memchr(entry, ']', n);
			if (close == NULL || (close + 1 < entry + n && close[1] != ':'))
				return false;
			port = close + 1 < entry + n ? close + 2 : NULL;
			host_n = (size_t)(close - entry - 1);
			entry++;
			n--;
		} else if (count_colons(entry, n) == 1) {
			port = (const char *)memchr(entry, ':', n) + 1;
			host_n = (size_t)(port - 1 - entry);
		}
		if (port != NULL && !digits_equal(port, (size_t)(entry + n - port), d->port))
			return false;
		unsigned char entry_address[16];
		size_t entry_length = parse_address(entry, host_n, entry_address);
		if (entry_length != 0)
			return entry_length == address_length && memcmp(entry_address, address, address_length) == 0;
		bool apex = true;
		if (host_n >= 2 && entry[0] == '*' && entry[1] == '.')
			entry++, host_n--;
		if (*entry == '.')
			entry++, host_n--, apex = false;
		return is_domain_of(d->host, entry, host_n, true) && (apex || strlen(d->host) != host_n);
	}
	}
	return false;
}

/* httpx builds a URL pattern of every NO_PROXY entry when it starts; these it cannot parse. */
static bool entry_fails_at_start(enum route_matching matching, const char *entry, size_t n)
{
	if (matching != MATCH_HTTPX)
		return false;
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

/* Why the client skips the proxy for d: its NO_PROXY, or Go's loopback rule; NULL when it does not. */
static const char *bypass_reason(const struct client_rule *rule, const struct route_values *values,
				 const struct hfenv_destination *d)
{
	unsigned char address[16];
	size_t address_length = parse_address(d->host, strlen(d->host), address);
	if (rule->matching == MATCH_GO &&
	    (strcmp(d->host, "localhost") == 0 || (address_length == 4 && address[0] == 127) ||
	     (address_length == 16 && memcmp(address, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1", 16) == 0)))
		return "loopback";
	const char *list = no_proxy_list(rule, values), *entry;
	size_t n;
	while (list != NULL && next_entry(&list, &entry, &n))
		if (entry_matches(rule->matching, entry, n, d, address, address_length))
			return "NO_PROXY";
	return NULL;
}

static void take_pick(struct hfenv_route *route, struct pick *pick)
{
	*route = (struct hfenv_route){.kind = pick->kind, .proxy = pick->proxy, .variable = pick->variable,
				      .reason = pick->reason};
	size_t n = route->proxy ? strlen(route->proxy) : 0;
	if (n > 0 && route->proxy[n - 1] == '/')
		route->proxy[n - 1] = '\0';
}

static bool any_value(const struct client_rule *rule, const struct route_values *values, const enum route_variable names[3])
{
	for (size_t i = 0; i < 3 && names[i] != V_NONE; i++) {
		const char *value = route_value(rule, values, names[i]);
		if (value != NULL && *value != '\0')
			return true;
	}
	return false;
}

/* A value or NO_PROXY entry that stops the client from being built (BAD_FAILS_AT_START); -1 on ENOMEM. */
static int start_failure(const struct client_rule *rule, const struct route_values *values, bool cgi,
			 struct hfenv_route *route)
{
	if (no_proxy_matches_all(rule, values))
		return 0;
	const enum route_variable *lists[] = {rule->http, rule->https, rule->all};
	for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
		enum route_variable skip = cgi && rule->cgi == CGI_DROPS_HTTP_UPPER ? V_HTTP_UPPER : V_NONE;
		struct pick pick;
		if (pick_variable(rule, values, lists[i], skip, &pick) != 0)
			return -1;
		free(pick.proxy);
		if (pick.outcome == PICK_VALUE && pick.kind == HFENV_ROUTE_FAILS && pick.bad == BAD_FAILS_AT_START) {
			*route = (struct hfenv_route){.kind = HFENV_ROUTE_FAILS, .variable = pick.variable, .reason = pick.reason};
			return 0;
		}
	}
	const char *list = no_proxy_list(rule, values), *entry;
	size_t n;
	while (list != NULL && next_entry(&list, &entry, &n))
		if (entry_fails_at_start(rule->matching, entry, n)) {
			*route = (struct hfenv_route){.kind = HFENV_ROUTE_FAILS, .reason = "NO_PROXY entry unparsable"};
			return 0;
		}
	return 0;
}

static int predict(const struct client_rule *rule, enum hfenv_target target, const struct route_values *values,
		   const struct hfenv_destination *destination, struct hfenv_route *route)
{
	*route = (struct hfenv_route){.kind = HFENV_ROUTE_DIRECT};
	const enum route_variable *names = target == HFENV_TARGET_HTTPS ? rule->https : rule->http;
	const char *method = route_value(rule, values, V_REQUEST_METHOD);
	bool cgi = method != NULL && (!rule->cgi_needs_value || *method != '\0');
	bool cgi_http = cgi && target == HFENV_TARGET_HTTP;
	if ((cgi && rule->cgi == CGI_IGNORES_ALL) || (cgi_http && rule->cgi == CGI_IGNORES_HTTP)) {
		if (any_value(rule, values, names) || any_value(rule, values, rule->all))
			*route = (struct hfenv_route){.kind = HFENV_ROUTE_IGNORED, .reason = "CGI"};
		return 0;
	}
	if (start_failure(rule, values, cgi, route) != 0)
		return -1;
	if (route->kind == HFENV_ROUTE_FAILS)
		return 0;
	enum route_variable skip = cgi_http && rule->cgi == CGI_DROPS_HTTP_UPPER ? V_HTTP_UPPER : V_NONE;
	struct pick pick, fallback = {.outcome = PICK_UNSET};
	if (pick_variable(rule, values, names, skip, &pick) != 0)
		return -1;
	bool found = pick.outcome == PICK_VALUE && pick.kind != HFENV_ROUTE_IGNORED;
	if (found && cgi_http && rule->cgi == CGI_REFUSES_HTTP) {
		free(pick.proxy);
		*route = (struct hfenv_route){.kind = HFENV_ROUTE_REFUSED_CGI, .variable = pick.variable, .reason = "CGI"};
		return 0;
	}
	if (pick.outcome == PICK_EMPTY && rule->empty == EMPTY_MEANS_DIRECT)
		return 0;
	if (pick.outcome != PICK_VALUE && target == HFENV_TARGET_HTTPS && rule->https_uses_http_proxy)
		return predict(rule, HFENV_TARGET_HTTP, values, destination, route);
	if (!found && pick_variable(rule, values, rule->all, V_NONE, &fallback) != 0)
		return -1;
	if (fallback.outcome == PICK_VALUE && (pick.outcome != PICK_VALUE || fallback.kind == HFENV_ROUTE_PROXY)) {
		take_pick(route, &fallback);
	} else {
		free(fallback.proxy);
		if (pick.outcome == PICK_VALUE)
			take_pick(route, &pick);
	}
	if ((route->kind == HFENV_ROUTE_PROXY || route->kind == HFENV_ROUTE_FAILS) && no_proxy_matches_all(rule, values)) {
		free(route->proxy);
		*route = (struct hfenv_route){.kind = HFENV_ROUTE_DIRECT, .reason = "NO_PROXY=*"};
	}
	const char *bypass = NULL;
	if ((route->kind == HFENV_ROUTE_PROXY || route->kind == HFENV_ROUTE_FAILS) && destination != NULL &&
	    (bypass = bypass_reason(rule, values, destination)) != NULL) {
		free(route->proxy);
		*route = (struct hfenv_route){.kind = HFENV_ROUTE_DIRECT, .reason = bypass};
	}
	return 0;
}

int hfenv_predict_route(enum hfenv_client client, enum hfenv_target target, char *const envp[],
			struct hfenv_route *route)
{
	return hfenv_predict_route_to(client, target, NULL, envp, route);
}

int hfenv_predict_route_to(enum hfenv_client client, enum hfenv_target target, const struct hfenv_destination *destination,
			   char *const envp[], struct hfenv_route *route)
{
	struct route_values values;
	read_route_values(envp, &values);
	if (predict(&client_rules[client], target, &values, destination, route) != 0) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void hfenv_route_free(struct hfenv_route *route)
{
	free(route->proxy);
	*route = (struct hfenv_route){0};
}

static int route_outcome(const struct hfenv_route *route)
{
	switch (route->kind) {
	case HFENV_ROUTE_DIRECT:
	case HFENV_ROUTE_IGNORED:
		return HFENV_ROUTE_DIRECT;
	case HFENV_ROUTE_REFUSED_CGI:
	case HFENV_ROUTE_FAILS:
		return HFENV_ROUTE_FAILS;
	case HFENV_ROUTE_PROXY:
		break;
	}
	return HFENV_ROUTE_PROXY;
}

bool hfenv_routes_agree(const struct hfenv_route *a, const struct hfenv_route *b)
{
	if (route_outcome(a) != route_outcome(b))
		return false;
	return route_outcome(a) != HFENV_ROUTE_PROXY || strcmp(a->proxy, b->proxy) == 0;
}

char **hfenv_route_environment(const struct hfenv_options *opts, char *const envp[])
{
	bool overridden[ROUTE_VARIABLES] = {false};
	const char *entry[ROUTE_VARIABLES] = {NULL}; /* the NAME=VALUE in force, NULL when unset */
	struct hfenv_assignment a;
	for (size_t i = 0; i < hfenv_assignment_count(opts); i++) {
		enum route_variable v = hfenv_assignment_at(opts, i, &a) ? route_variable_of(a.name, a.name_len) : V_NONE;
		overridden[v] = true;
		entry[v] = a.entry;
	}
	size_t env_len = 0;
	while (envp[env_len] != NULL)
		env_len++;
	char **env = malloc((env_len + ROUTE_VARIABLES + 1) * sizeof *env);
	if (env == NULL)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < env_len; i++) {
		const char *eq = strchr(envp[i], '=');
		enum route_variable v = eq ? route_variable_of(envp[i], (size_t)(eq - envp[i])) : V_NONE;
		if (v == V_NONE || !overridden[v]) {
			env[k++] = envp[i];
		} else if (entry[v] != NULL) {
			env[k++] = (char *)entry[v]; /* in place of the first entry; the others go */
			entry[v] = NULL;
		}
	}
	for (enum route_variable v = V_HTTP_LOWER; v < ROUTE_VARIABLES; v++)
		if (entry[v] != NULL)
			env[k++] = (char *)entry[v];
	env[k] = NULL;
	return env;
}
