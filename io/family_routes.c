#include "io/family_routes.h"

#include "common/redact.h"
#include "common/shorten.h"
#include "common/text.h"
#include "common/url.h"
#include "io/probe_line.h"

#include <stdlib.h>
#include <string.h>

#define INDENT "  "

int family_routes_predict(char *const env[], const struct probe_endpoint *target, const struct hfenv_route *line_route,
			  struct family_routes *routes)
{
	*routes = (struct family_routes){0};
	struct hfenv_destination destination = {
		.host = target->host, .port = (unsigned)strtoul(target->port, NULL, 10), .port_given = true,
	};
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		if (hfenv_predict_route_to(c, HFENV_TARGET_HTTPS, &destination, env, &routes->routes[c]) != 0) {
			family_routes_free(routes);
			return -1;
		}
		routes->differs[c] = !hfenv_routes_agree(&routes->routes[c], line_route);
		routes->differing += routes->differs[c];
	}
	return 0;
}

void family_routes_free(struct family_routes *routes)
{
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++)
		hfenv_route_free(&routes->routes[c]);
}

static bool same_text(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static bool same_route(const struct hfenv_route *a, const struct hfenv_route *b)
{
	return a->kind == b->kind && same_text(a->proxy, b->proxy) && same_text(a->variable, b->variable) &&
	       same_text(a->reason, b->reason);
}

/* The route as the line shows it, not escaped; NULL on ENOMEM. */
static char *route_text(const struct hfenv_route *route)
{
	const char *variable = route->variable ? route->variable : "the proxy";
	switch (route->kind) {
	case HFENV_ROUTE_PROXY:
		return hfenv_redacted(route->proxy, false);
	case HFENV_ROUTE_DIRECT:
		return route->reason ? text_format("direct (%s)", route->reason) : strdup("direct");
	case HFENV_ROUTE_IGNORED:
		return text_format("direct (ignores %s: %s)", variable, route->reason);
	case HFENV_ROUTE_FAILS:
		return route->variable ? text_format("fails (%s: %s)", variable, route->reason)
				       : text_format("fails (%s)", route->reason);
	case HFENV_ROUTE_REFUSED_CGI:
		break;
	}
	return strdup("fails (CGI)");
}

/* How --probe can take route: a proxy it speaks to, or direct; false with *why set when it cannot. */
static bool probe_proxy_of(const struct hfenv_route *route, struct hfenv_url *url, struct probe_proxy *proxy,
			   const char **why)
{
	enum hfenv_url_status status;
	*proxy = (struct probe_proxy){.kind = PROBE_DIRECT};
	*why = "the client fails before it connects";
	if (route->kind == HFENV_ROUTE_FAILS || route->kind == HFENV_ROUTE_REFUSED_CGI)
		return false;
	if (route->kind != HFENV_ROUTE_PROXY)
		return true;
	*why = "not probed: --probe speaks HTTP CONNECT and SOCKS5 only";
	if (hfenv_parse_proxy_url(route->proxy, &status, url) != 0 || status != HFENV_URL_OK)
		return false;
	proxy->kind = url->scheme == HFENV_SCHEME_HTTP ? PROBE_HTTP
		      : url->scheme == HFENV_SCHEME_SOCKS5 || url->scheme == HFENV_SCHEME_SOCKS5H ? PROBE_SOCKS5
											  : PROBE_DIRECT;
	proxy->at.host = url->host;
	snprintf(proxy->at.port, sizeof proxy->at.port, "%u", url->port ? url->port : hfenv_scheme_port(url->scheme));
	proxy->user = url->user;
	proxy->password = url->user && url->password == NULL ? "" : url->password;
	return proxy->kind != PROBE_DIRECT;
}

/* The families of a group in people's words, "curl, wget", as lines of at most width columns; NULL on ENOMEM. */
static char *family_names(const struct family_routes *routes, enum hfenv_client first, size_t width)
{
	struct text t = {0};
	size_t line_start = 0;
	text_puts(&t, INDENT);
	for (enum hfenv_client c = first; c < HFENV_CLIENTS; c++) {
		if (!routes->differs[c] || !same_route(&routes->routes[c], &routes->routes[first]))
			continue;
		const char *name = hfenv_client_short_label(c);
		if (c != first && t.len - line_start + 2 + strlen(name) > width) {
			text_puts(&t, ",\n" INDENT);
			line_start = t.len - strlen(INDENT);
		} else if (c != first) {
			text_puts(&t, ", ");
		}
		text_puts(&t, name);
	}
	return text_finish(&t);
}

/* One group: the families, and the route's line. */
static bool probe_group(FILE *out, const struct family_routes *routes, enum hfenv_client first,
			const struct probe_endpoint *target, size_t column, int timeout_ms)
{
	const struct hfenv_route *route = &routes->routes[first];
	char *names = family_names(routes, first, PROBE_LINE_WIDTH - 1), *shown = route_text(route);
	const char *label = names ? names : INDENT "(out of memory)", *why;
	if (strchr(label, '\n') != NULL || shown_width(label, false) > column) {
		fprintf(out, "%s:\n", label);
		label = "";
	}
	struct hfenv_url url = {0};
	struct probe_proxy proxy;
	bool answered = true;
	if (probe_proxy_of(route, &url, &proxy, &why))
		answered = probe_print_probe(out, label, column, shown ? shown : "", &proxy, target, timeout_ms, NULL);
	else
		probe_print_line(out, label, column, shown ? shown : "", why, -1);
	hfenv_url_free(&url);
	free(names);
	free(shown);
	return answered;
}

bool family_routes_probe(FILE *out, const struct family_routes *routes, const struct probe_endpoint *target, size_t column,
			 int timeout_ms)
{
	bool grouped[HFENV_CLIENTS] = {0}, all_answered = true;
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		if (!routes->differs[c] || grouped[c])
			continue;
		for (enum hfenv_client d = c; d < HFENV_CLIENTS; d++)
			grouped[d] = grouped[d] || (routes->differs[d] && same_route(&routes->routes[d], &routes->routes[c]));
		all_answered = probe_group(out, routes, c, target, column, timeout_ms) && all_answered;
	}
	return all_answered;
}
