#include "clients/routes.h"

#include "clients/host_spellings.h"
#include "clients/python_proxies.h"
#include "clients/rules.h"
#include "common/ascii.h"
#include "common/url.h"
#include "common/variables.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The first and last value of each variable of the table in the environment, for clients that read one or the
 * other, and the proxy variables as Python's urllib reads them, in any letter case (the last value of the others). */
struct route_values {
	const char *first[HFENV_VARIABLES];
	const char *last[HFENV_VARIABLES];
	const char *python[HFENV_VARIABLES];
};

/* Passed as the variable to skip when none is. */
#define NO_VARIABLE HFENV_VARIABLES

/* The values rule reads; Python's lower-casing of every name is worked out only for the rules that read it. */
static int read_route_values(const struct client_rule *rule, char *const envp[], struct route_values *values)
{
	*values = (struct route_values){0};
	for (size_t i = 0; envp[i] != NULL; i++) {
		const char *eq = strchr(envp[i], '=');
		enum hfenv_variable v = eq ? hfenv_variable_named(envp[i], (size_t)(eq - envp[i])) : NO_VARIABLE;
		if (v == NO_VARIABLE)
			continue;
		if (values->first[v] == NULL)
			values->first[v] = eq + 1;
		values->last[v] = eq + 1;
	}
	if (!rule->any_case)
		return 0;
	memcpy(values->python, values->last, sizeof values->python);
	return python_proxy_values(envp, values->python);
}

static const char *route_value(const struct client_rule *rule, const struct route_values *values, enum hfenv_variable v)
{
	return rule->any_case ? values->python[v] : rule->last_duplicate ? values->last[v] : values->first[v];
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

/* The proxy URL a client reads from value, as hfenv would write it, zone apart; NULL in url->text when unusable. */
static int parse_like_client(const struct client_rule *rule, const char *value, enum hfenv_url_status *status,
			     struct hfenv_url *url, bool *has_scheme, struct host_spelling *spelling)
{
	*spelling = (struct host_spelling){0};
	bool as_is = rule->parsing == PARSE_AS_IS || rule->parsing == PARSE_LOWER_SCHEME || rule->parsing == PARSE_TRAILING_BLANKS;
	char *clean = as_is ? strdup(value) : whatwg_clean(value);
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
	if (!failed && (*status == HFENV_URL_ZONE || *status == HFENV_URL_HOST_ESCAPE))
		failed = read_host_spelling(rule, clean, status, url, spelling);
	free(clean);
	return failed;
}

static bool scheme_in_lower_case(const char *value)
{
	for (size_t i = 0, n = hfenv_scheme_length(value); i < n; i++)
		if (value[i] >= 'A' && value[i] <= 'Z')
			return false;
	return true;
}

/* Why the client's URL syntax refuses a value a proxy URL parser takes: JS wants a scheme, aria2c one in lower case. */
static const char *syntax_refusal(const struct client_rule *rule, const char *value, enum hfenv_url_status status,
				  bool has_scheme)
{
	bool js = rule->parsing == PARSE_JS_URL || rule->parsing == PARSE_NODE_CORE;
	if (js && status == HFENV_URL_OK && !has_scheme)
		return "no scheme";
	if (rule->parsing == PARSE_LOWER_SCHEME && has_scheme && !scheme_in_lower_case(value))
		return "bad URL";
	return NULL;
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

/* Node's core fails on CR or LF in a value, and ignores one not starting with http:// or https://; false when rejected. */
static bool node_core_takes(const struct client_rule *rule, const char *value, const char *scheme_problem, struct pick *pick)
{
	if (strpbrk(value, "\r\n") != NULL) {
		reject(pick, rule->invalid, "CR/LF in URL");
		return false;
	}
	if (strncmp(value, "http://", 7) != 0 && strncmp(value, "https://", 8) != 0) {
		reject(pick, rule->unsupported, scheme_problem);
		return false;
	}
	return true;
}

/* The proxy of a valid URL, with the port the client takes for an http:// one without it, and the zone it reads. */
static int take_proxy(const struct client_rule *rule, struct hfenv_url *url, const char *zone, struct pick *pick)
{
	pick->kind = HFENV_ROUTE_PROXY;
	if (rule->http_proxy_port != 0 && url->scheme == HFENV_SCHEME_HTTP) {
		pick->proxy = hfenv_url_with_port(url, rule->http_proxy_port);
	} else {
		pick->proxy = url->text;
		url->text = NULL;
	}
	if (pick->proxy != NULL && zone != NULL) {
		char *zoned = proxy_with_zone(pick->proxy, zone);
		free(pick->proxy);
		pick->proxy = zoned;
	}
	return pick->proxy != NULL ? 0 : -1;
}

/* What the client makes of one non-empty value: a proxy, or a rejection per its rule. -1 on ENOMEM. */
static int judge_value(const struct client_rule *rule, const char *value, struct pick *pick)
{
	const char *scheme_problem = starts_with_ignoring_case(value, "socks") ? "no SOCKS"
				     : hfenv_scheme_length(value) == 0         ? "no scheme"
									 : "bad scheme";
	if (rule->parsing == PARSE_NODE_CORE && !node_core_takes(rule, value, scheme_problem, pick))
		return 0;
	enum hfenv_url_status status;
	struct hfenv_url url;
	struct host_spelling spelling;
	bool has_scheme, failed_allocation = false;
	if (parse_like_client(rule, value, &status, &url, &has_scheme, &spelling) != 0)
		return -1;
	const char *refused = syntax_refusal(rule, value, status, has_scheme);
	if (refused != NULL)
		reject(pick, rule->invalid, refused);
	else if (status == HFENV_URL_SCHEME)
		reject(pick, rule->unsupported, scheme_problem);
	else if (status == HFENV_URL_BAD_PORT && rule->digits_port_fails && port_is_digits(value))
		reject(pick, BAD_FAILS, "bad port");
	else if (status == HFENV_URL_DNS_LIMITS)
		reject(pick, BAD_FAILS, "host too long");
	else if (status != HFENV_URL_OK)
		reject(pick, rule->invalid, "bad URL");
	else if (!(rule->schemes & (1u << url.scheme)))
		reject(pick, rule->unsupported, url.socks ? "no SOCKS" : "bad scheme");
	else if (spelling.failure != NULL)
		reject(pick, BAD_FAILS, spelling.failure);
	else
		failed_allocation = take_proxy(rule, &url, spelling.zone, pick) != 0;
	hfenv_url_free(&url);
	free(spelling.zone);
	return failed_allocation ? -1 : 0;
}

/* Reads names in order as the client does, skipping skip; a value passed over still shows as ignored. -1 on ENOMEM. */
static int pick_variable(const struct client_rule *rule, const struct route_values *values,
			 const struct variable_list *names, enum hfenv_variable skip, struct pick *pick)
{
	struct pick passed_over = {.outcome = PICK_UNSET};
	for (size_t i = 0; i < names->count; i++) {
		enum hfenv_variable name = names->names[i];
		const char *value = route_value(rule, values, name);
		if (value == NULL || name == skip)
			continue;
		if (*value == '\0') {
			if (rule->empty == EMPTY_SKIPS)
				continue;
			*pick = (struct pick){.outcome = PICK_EMPTY, .variable = hfenv_variables[name].name};
			return 0;
		}
		*pick = (struct pick){.outcome = PICK_VALUE, .variable = hfenv_variables[name].name};
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
	for (size_t i = 0; i < rule->no.count && list == NULL; i++) {
		list = route_value(rule, values, rule->no.names[i]);
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
		trim_blanks(&begin, &end);
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

static bool is_loopback(const struct matched_host *h)
{
	return strcmp(h->d->host, "localhost") == 0 || is_loopback_address(h->address, h->address_length);
}

/* Why the client skips the proxy for d: its NO_PROXY, or Go's loopback rule; NULL when it does not. */
static const char *bypass_reason(const struct client_rule *rule, const struct route_values *values,
				 const struct hfenv_destination *d)
{
	struct matched_host h = {.d = d};
	h.address_length = parse_address(d->host, strlen(d->host), h.address);
	if (rule->loopback_direct && is_loopback(&h))
		return "loopback";
	const char *list = no_proxy_list(rule, values), *entry;
	size_t n;
	while (list != NULL && next_entry(&list, &entry, &n))
		if (rule->matches(entry, n, &h))
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

static bool any_value(const struct client_rule *rule, const struct route_values *values, const struct variable_list *names)
{
	for (size_t i = 0; i < names->count; i++) {
		const char *value = route_value(rule, values, names->names[i]);
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
	const struct variable_list *lists[] = {&rule->http, &rule->https, &rule->all};
	for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
		enum hfenv_variable skip = cgi && rule->cgi == CGI_DROPS_HTTP_UPPER ? VAR_HTTP_UPPER : NO_VARIABLE;
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
		if (rule->entry_fails_at_start != NULL && rule->entry_fails_at_start(entry, n)) {
			*route = (struct hfenv_route){.kind = HFENV_ROUTE_FAILS, .reason = "bad NO_PROXY"};
			return 0;
		}
	return 0;
}

static int predict(const struct client_rule *rule, enum hfenv_target target, const struct route_values *values,
		   const struct hfenv_destination *destination, struct hfenv_route *route);

/* ALL_PROXY's value wins when the scheme's variable gave none, or when only ALL_PROXY's is a usable proxy. */
static void take_better_pick(struct hfenv_route *route, struct pick *pick, struct pick *fallback)
{
	if (fallback->outcome == PICK_VALUE && (pick->outcome != PICK_VALUE || fallback->kind == HFENV_ROUTE_PROXY)) {
		take_pick(route, fallback);
		return;
	}
	free(fallback->proxy);
	if (pick->outcome == PICK_VALUE)
		take_pick(route, pick);
}

/* The route the scheme's variables give, ALL_PROXY's as their fallback, NO_PROXY aside; -1 on ENOMEM. */
static int variable_route(const struct client_rule *rule, enum hfenv_target target, const struct route_values *values,
			  bool cgi, const struct hfenv_destination *destination, struct hfenv_route *route)
{
	const struct variable_list *names = target == HFENV_TARGET_HTTPS ? &rule->https : &rule->http;
	bool cgi_http = cgi && target == HFENV_TARGET_HTTP;
	enum hfenv_variable skip = cgi_http && rule->cgi == CGI_DROPS_HTTP_UPPER ? VAR_HTTP_UPPER : NO_VARIABLE;
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
	if (!found && pick_variable(rule, values, &rule->all, NO_VARIABLE, &fallback) != 0)
		return -1;
	take_better_pick(route, &pick, &fallback);
	return 0;
}

/* NO_PROXY=*, an entry matching destination or Go's loopback rule makes a proxy (or a failing one) direct. */
static void apply_no_proxy(const struct client_rule *rule, const struct route_values *values,
			   const struct hfenv_destination *destination, struct hfenv_route *route)
{
	if (route->kind != HFENV_ROUTE_PROXY && route->kind != HFENV_ROUTE_FAILS)
		return;
	const char *reason = no_proxy_matches_all(rule, values) ? "NO_PROXY=*"
			     : destination != NULL                ? bypass_reason(rule, values, destination)
								  : NULL;
	if (reason != NULL) {
		free(route->proxy);
		*route = (struct hfenv_route){.kind = HFENV_ROUTE_DIRECT, .reason = reason};
	}
}

static int predict(const struct client_rule *rule, enum hfenv_target target, const struct route_values *values,
		   const struct hfenv_destination *destination, struct hfenv_route *route)
{
	*route = (struct hfenv_route){.kind = HFENV_ROUTE_DIRECT};
	const struct variable_list *names = target == HFENV_TARGET_HTTPS ? &rule->https : &rule->http;
	const char *method = route_value(rule, values, VAR_REQUEST_METHOD);
	bool cgi = method != NULL && (!rule->cgi_needs_value || *method != '\0');
	bool cgi_http = cgi && target == HFENV_TARGET_HTTP;
	if ((cgi && rule->cgi == CGI_IGNORES_ALL) || (cgi_http && rule->cgi == CGI_IGNORES_HTTP)) {
		if (any_value(rule, values, names) || any_value(rule, values, &rule->all))
			*route = (struct hfenv_route){.kind = HFENV_ROUTE_IGNORED, .reason = "CGI"};
		return 0;
	}
	if (start_failure(rule, values, cgi, route) != 0)
		return -1;
	if (route->kind == HFENV_ROUTE_FAILS)
		return 0;
	if (variable_route(rule, target, values, cgi, destination, route) != 0)
		return -1;
	apply_no_proxy(rule, values, destination, route);
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
	const struct client_rule *rule = &client_rules[client];
	if (read_route_values(rule, envp, &values) != 0 || predict(rule, target, &values, destination, route) != 0) {
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

unsigned hfenv_client_http_proxy_port(enum hfenv_client client)
{
	unsigned port = client_rules[client].http_proxy_port;
	return port != 0 ? port : hfenv_scheme_port(HFENV_SCHEME_HTTP);
}
