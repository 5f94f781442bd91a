#include "explain.h"

#include "hub_settings.h"
#include "messages.h"
#include "routes.h"
#include "trust.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ANSI_BOLD "\033[1m"
#define ANSI_RED "\033[31m"
#define ANSI_GREEN "\033[32m"
#define ANSI_YELLOW "\033[33m"
#define ANSI_RESET "\033[0m"

struct explanation {
	struct hfenv_route before[HFENV_CLIENTS][HFENV_TARGETS];
	struct hfenv_route after[HFENV_CLIENTS][HFENV_TARGETS];
	const struct hfenv_route *consensus[HFENV_TARGETS]; /* the AFTER route most clients share */
	bool refused;                 /* hfenv would not run: no AFTER routes */
	bool agree[HFENV_TARGETS];
	char *cells[HFENV_CLIENTS][2 * HFENV_TARGETS]; /* before http, after http, before https, after https */
	struct hfenv_trust trust[HFENV_TRUST_CLIENTS][2]; /* before, after */
	char *trust_cells[HFENV_TRUST_CLIENTS][2];
};

static const char *const target_names[HFENV_TARGETS] = {"http", "https"};

static bool starts_with_ignoring_case(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((a[i] >= 'A' && a[i] <= 'Z' ? a[i] - 'A' + 'a' : a[i]) != b[i])
			return false;
	return true;
}

static char *concat(const char *a, const char *b)
{
	size_t n = strlen(a);
	char *s = malloc(n + strlen(b) + 1);
	if (s != NULL) {
		memcpy(s, a, n);
		strcpy(s + n, b);
	}
	return s;
}

/* What a person reads in a cell; the proxy's password is ***. */
static char *route_text(const struct hfenv_route *route)
{
	switch (route->kind) {
	case HFENV_ROUTE_DIRECT:
		return route->reason ? concat("direct: ", route->reason) : concat("direct", "");
	case HFENV_ROUTE_PROXY:
		return hfenv_redact(route->proxy);
	case HFENV_ROUTE_IGNORED:
		return strcmp(route->reason, "CGI") == 0 ? concat("ignored under CGI", "") : concat("ignored: ", route->reason);
	case HFENV_ROUTE_REFUSED_CGI:
		return concat("refused under CGI", "");
	case HFENV_ROUTE_FAILS:
		break;
	}
	return concat("fails: ", route->reason);
}

/* The way out, for machines: direct (ignored too), fail, or the proxy as in the cell. */
static const char *route_token(const struct hfenv_route *route, const char *text)
{
	if (route->kind == HFENV_ROUTE_PROXY)
		return text;
	return route->kind == HFENV_ROUTE_DIRECT || route->kind == HFENV_ROUTE_IGNORED ? "direct" : "fail";
}

/* A file name with control bytes as \xHH, so that a cell stays on its line. */
static char *escaped(const char *text)
{
	static const char hex[] = "0123456789abcdef";
	char *out = malloc(4 * strlen(text) + 1), *p = out;
	for (const unsigned char *c = (const unsigned char *)text; out != NULL && *c; c++) {
		if (*c >= 0x20 && *c != 0x7f) {
			*p++ = (char)*c;
		} else {
			*p++ = '\\', *p++ = 'x', *p++ = hex[*c >> 4], *p++ = hex[*c & 15];
		}
	}
	if (out != NULL)
		*p = '\0';
	return out;
}

/* What a person reads in a trust cell: the bundle, from which variable, and whether the default roots stay. */
static char *trust_text(const struct hfenv_trust *trust)
{
	if (trust->kind == HFENV_TRUST_DEFAULT)
		return concat(trust->roots, "");
	if (trust->kind == HFENV_TRUST_NONE)
		return concat("no certificate: empty ", trust->variable);
	char *file = escaped(trust->file);
	size_t n = file ? strlen(file) + strlen(trust->variable) + strlen(trust->roots) + 16 : 0;
	char *text = file ? malloc(n) : NULL;
	if (text != NULL && trust->kind == HFENV_TRUST_ADDED)
		snprintf(text, n, "%s (%s) + %s", file, trust->variable, trust->roots);
	else if (text != NULL)
		snprintf(text, n, "%s (%s) only", file, trust->variable);
	free(file);
	return text;
}

/* The trust, for machines: the bundle's file, "default" or "none". */
static char *trust_token(const struct hfenv_trust *trust)
{
	if (trust->kind == HFENV_TRUST_DEFAULT)
		return concat("default", "");
	return trust->kind == HFENV_TRUST_NONE ? concat("none", "") : escaped(trust->file);
}

static int predict_trust(struct explanation *x, char *const before_env[], const struct hfenv_result *result)
{
	for (enum hfenv_trust_client c = 0; c < HFENV_TRUST_CLIENTS; c++) {
		hfenv_predict_trust(c, before_env, &x->trust[c][0]);
		x->trust_cells[c][0] = trust_text(&x->trust[c][0]);
		if (!x->refused)
			hfenv_predict_trust(c, result->env, &x->trust[c][1]);
		x->trust_cells[c][1] = x->refused ? concat("-", "") : trust_text(&x->trust[c][1]);
		if (x->trust_cells[c][0] == NULL || x->trust_cells[c][1] == NULL)
			return -1;
	}
	return 0;
}

static const struct hfenv_route *most_shared(struct hfenv_route routes[HFENV_CLIENTS][HFENV_TARGETS], enum hfenv_target t)
{
	size_t best = 0, best_count = 0;
	for (size_t c = 0; c < HFENV_CLIENTS; c++) {
		size_t count = 0;
		for (size_t other = 0; other < HFENV_CLIENTS; other++)
			count += hfenv_routes_agree(&routes[c][t], &routes[other][t]);
		if (count > best_count) {
			best = c;
			best_count = count;
		}
	}
	return &routes[best][t];
}

/* The operand a route is for: a host, HOST:PORT or an http(s) URL; its port defaults per scheme. */
struct explain_target {
	char *host;                   /* lower case, IPv6 without brackets */
	unsigned port;                /* 0: the scheme's default */
	bool targets[HFENV_TARGETS];  /* a URL asks for its scheme only */
};

static bool parse_port(const char *p, const char *end, unsigned *port)
{
	unsigned long value = 0;
	if (p == end || end - p > 5)
		return false;
	for (; p < end; p++) {
		if (*p < '0' || *p > '9')
			return false;
		value = value * 10 + (unsigned long)(*p - '0');
	}
	*port = (unsigned)value;
	return value >= 1 && value <= 65535;
}

static bool is_host_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
	       c == '_' || c == ':';
}

/* -1 on ENOMEM, 0 when text is no host or URL, 1 when parsed. */
static int parse_explain_target(const char *text, struct explain_target *target)
{
	*target = (struct explain_target){.targets = {true, true}};
	const char *p = text, *scheme_end = strstr(text, "://");
	if (scheme_end != NULL) {
		size_t n = (size_t)(scheme_end - text);
		bool https = n == 5 && starts_with_ignoring_case(text, "https", 5);
		if (!https && !(n == 4 && starts_with_ignoring_case(text, "http", 4)))
			return 0;
		target->targets[https ? HFENV_TARGET_HTTP : HFENV_TARGET_HTTPS] = false;
		p = scheme_end + 3;
	}
	const char *end = p + strcspn(p, scheme_end ? "/?#" : "");
	for (const char *q = p; q < end; q++)
		if (*q == '@')
			p = q + 1;
	const char *host = p, *host_end = end, *port = NULL;
	if (*p == '[') {
		const char *close = memchr(p, ']', (size_t)(end - p));
		if (close == NULL || (close + 1 < end && close[1] != ':'))
			return 0;
		host = p + 1;
		host_end = close;
		port = close + 1 < end ? close + 2 : NULL;
	} else if (memchr(p, ':', (size_t)(end - p)) != NULL) {
		host_end = memchr(p, ':', (size_t)(end - p));
		port = host_end + 1;
		if (memchr(port, ':', (size_t)(end - port)) != NULL)
			return 0;
	}
	size_t n = host_end > host ? (size_t)(host_end - host) : 0;
	if (n == 0 || n > 253 || *host == '-' || (port != NULL && !parse_port(port, end, &target->port)))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!is_host_char(host[i]) || (host[i] == ':' && *p != '['))
			return 0;
	target->host = malloc(n + 1);
	if (target->host == NULL)
		return -1;
	for (size_t i = 0; i < n; i++)
		target->host[i] = (char)(host[i] >= 'A' && host[i] <= 'Z' ? host[i] - 'A' + 'a' : host[i]);
	target->host[n] = '\0';
	return 1;
}

static int predict_one(enum hfenv_client c, enum hfenv_target t, const struct explain_target *target, char *const env[],
		       struct hfenv_route *route)
{
	if (target == NULL)
		return hfenv_predict_route(c, t, env, route);
	struct hfenv_destination destination = {
		.host = target->host, .port = target->port ? target->port : t == HFENV_TARGET_HTTPS ? 443 : 80,
		.port_given = target->port != 0,
	};
	return hfenv_predict_route_to(c, t, &destination, env, route);
}

static int predict_routes(struct explanation *x, char *const before_env[], const struct hfenv_result *result,
			  const struct explain_target *target)
{
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		for (enum hfenv_target t = 0; t < HFENV_TARGETS; t++) {
			if (predict_one(c, t, target, before_env, &x->before[c][t]) != 0 ||
			    (!x->refused && predict_one(c, t, target, result->env, &x->after[c][t]) != 0))
				return -1;
			x->cells[c][2 * t] = route_text(&x->before[c][t]);
			x->cells[c][2 * t + 1] = x->refused ? concat("-", "") : route_text(&x->after[c][t]);
			if (x->cells[c][2 * t] == NULL || x->cells[c][2 * t + 1] == NULL)
				return -1;
		}
	}
	for (enum hfenv_target t = 0; t < HFENV_TARGETS && !x->refused; t++) {
		x->agree[t] = true;
		if (target != NULL && !target->targets[t])
			continue;
		x->consensus[t] = most_shared(x->after, t);
		for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++)
			x->agree[t] = x->agree[t] && hfenv_routes_agree(&x->after[c][t], x->consensus[t]);
	}
	return 0;
}

static void free_explanation(struct explanation *x)
{
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		for (enum hfenv_target t = 0; t < HFENV_TARGETS; t++) {
			hfenv_route_free(&x->before[c][t]);
			hfenv_route_free(&x->after[c][t]);
			free(x->cells[c][2 * t]);
			free(x->cells[c][2 * t + 1]);
		}
	}
	for (enum hfenv_trust_client c = 0; c < HFENV_TRUST_CLIENTS; c++) {
		free(x->trust_cells[c][0]);
		free(x->trust_cells[c][1]);
	}
}

static void print_cell(FILE *out, const char *text, size_t width, const char *colour, bool last)
{
	if (colour != NULL)
		fprintf(out, "%s%s%s", colour, text, ANSI_RESET);
	else
		fputs(text, out);
	for (size_t n = strlen(text); !last && n < width + 2; n++)
		fputc(' ', out);
}

/* Green: the route all (or most) clients take after hfenv; red: a client that still differs; yellow: what hfenv changes. */
static const char *cell_colour(const struct explanation *x, enum hfenv_client c, size_t column)
{
	enum hfenv_target t = column / 2;
	if (x->refused || x->consensus[t] == NULL)
		return NULL;
	if (column % 2 == 1)
		return hfenv_routes_agree(&x->after[c][t], x->consensus[t]) ? ANSI_GREEN : ANSI_RED;
	return hfenv_routes_agree(&x->before[c][t], &x->after[c][t]) ? NULL : ANSI_YELLOW;
}

static void print_route_table(FILE *out, const struct explanation *x, bool colour)
{
	static const char *const headings[1 + 2 * HFENV_TARGETS] = {"CLIENT", "BEFORE", "AFTER", "BEFORE", "AFTER"};
	size_t width[1 + 2 * HFENV_TARGETS];
	for (size_t col = 0; col < 1 + 2 * HFENV_TARGETS; col++)
		width[col] = strlen(headings[col]);
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		if (strlen(hfenv_client_label(c)) > width[0])
			width[0] = strlen(hfenv_client_label(c));
		for (size_t col = 0; col < 2 * HFENV_TARGETS; col++)
			if (strlen(x->cells[c][col]) > width[col + 1])
				width[col + 1] = strlen(x->cells[c][col]);
	}
	print_cell(out, "", width[0], NULL, false);
	print_cell(out, "http:// URLs", width[1] + 2 + width[2], colour ? ANSI_BOLD : NULL, false);
	print_cell(out, "https:// URLs", 0, colour ? ANSI_BOLD : NULL, true);
	fputc('\n', out);
	for (size_t col = 0; col < 1 + 2 * HFENV_TARGETS; col++)
		print_cell(out, headings[col], width[col], colour ? ANSI_BOLD : NULL, col == 2 * HFENV_TARGETS);
	fputc('\n', out);
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		print_cell(out, hfenv_client_label(c), width[0], NULL, false);
		for (size_t col = 0; col < 2 * HFENV_TARGETS; col++)
			print_cell(out, x->cells[c][col], width[col + 1], colour ? cell_colour(x, c, col) : NULL,
				   col == 2 * HFENV_TARGETS - 1);
		fputc('\n', out);
	}
}

static bool same_trust(const struct hfenv_trust *a, const struct hfenv_trust *b)
{
	return a->kind == b->kind && (a->file == b->file || (a->file && b->file && strcmp(a->file, b->file) == 0));
}

/* Yellow: a bundle that hfenv changes. */
static void print_trust_table(FILE *out, const struct explanation *x, bool colour)
{
	static const char *const headings[3] = {"CLIENT", "BEFORE", "AFTER"};
	size_t width[2] = {strlen(headings[0]), strlen(headings[1])};
	for (enum hfenv_trust_client c = 0; c < HFENV_TRUST_CLIENTS; c++) {
		if (strlen(hfenv_trust_client_label(c)) > width[0])
			width[0] = strlen(hfenv_trust_client_label(c));
		if (strlen(x->trust_cells[c][0]) > width[1])
			width[1] = strlen(x->trust_cells[c][0]);
	}
	fputc('\n', out);
	print_cell(out, "Trust: the CA bundle each client verifies https:// servers with", 0, colour ? ANSI_BOLD : NULL, true);
	fputc('\n', out);
	for (size_t col = 0; col < 3; col++)
		print_cell(out, headings[col], col < 2 ? width[col] : 0, colour ? ANSI_BOLD : NULL, col == 2);
	fputc('\n', out);
	for (enum hfenv_trust_client c = 0; c < HFENV_TRUST_CLIENTS; c++) {
		bool changed = !x->refused && !same_trust(&x->trust[c][0], &x->trust[c][1]);
		print_cell(out, hfenv_trust_client_label(c), width[0], NULL, false);
		print_cell(out, x->trust_cells[c][0], width[1], NULL, false);
		print_cell(out, x->trust_cells[c][1], 0, colour && changed ? ANSI_YELLOW : NULL, true);
		fputc('\n', out);
	}
}

static void print_verdict(FILE *out, const struct explanation *x, const char *target)
{
	fputc('\n', out);
	if (target != NULL && !x->refused)
		fprintf(out, "For %s: ", target);
	if (x->refused)
		fputs("hfenv would refuse to run, so the command would not start:\n", out);
	else if (x->agree[HFENV_TARGET_HTTP] && x->agree[HFENV_TARGET_HTTPS])
		fputs(target ? "after hfenv, every client takes the same route.\n"
			     : "After hfenv, every client takes the same route.\n", out);
	else
		fprintf(out, target ? "after hfenv, the clients still disagree on %s URLs.\n"
				    : "After hfenv, the clients still disagree on %s URLs.\n",
		       x->agree[HFENV_TARGET_HTTP] ? "https" : x->agree[HFENV_TARGET_HTTPS] ? "http" : "http and https");
}

static void print_findings(FILE *out, const struct hfenv_result *result, bool refused, bool colour)
{
	static const char *const prefixes[] = {[HFENV_CHANGE] = "", [HFENV_WARNING] = "warning: ", [HFENV_ERROR] = "error: "};
	static const char *const colours[] = {[HFENV_CHANGE] = NULL, [HFENV_WARNING] = ANSI_YELLOW, [HFENV_ERROR] = ANSI_RED};
	if (!refused)
		fputs(result->finding_count == 0 ? "hfenv would change nothing.\n" : "What hfenv would do:\n", out);
	for (size_t i = 0; i < result->finding_count; i++) {
		const struct hfenv_finding *f = &result->findings[i];
		fputs("  ", out);
		if (colour && colours[f->kind] != NULL)
			fprintf(out, "%s%s%s%s\n", colours[f->kind], prefixes[f->kind], f->message, ANSI_RESET);
		else
			fprintf(out, "%s%s\n", prefixes[f->kind], f->message);
	}
}

/* One line per client and scheme; for an operand, a seventh field names it, and a URL gives its scheme only. */
static void print_route_lines(FILE *out, const struct explanation *x, const struct explain_target *target,
			      const char *operand)
{
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		for (enum hfenv_target t = 0; t < HFENV_TARGETS; t++) {
			if (target != NULL && !target->targets[t])
				continue;
			const char *before = x->cells[c][2 * t], *after = x->cells[c][2 * t + 1];
			fprintf(out, "%s\t%s\t%s\t%s\t%s\t%s", hfenv_client_id(c), target_names[t],
				route_token(&x->before[c][t], before),
				x->refused ? "refused" : route_token(&x->after[c][t], after), before,
				x->refused ? "hfenv refuses to run" : after);
			if (operand != NULL)
				fprintf(out, "\t%s", operand);
			fputc('\n', out);
		}
	}
}

/* CLIENT trust BEFORE AFTER BEFORE-TEXT AFTER-TEXT, the tokens a file name, "default" or "none". */
static int print_trust_lines(FILE *out, const struct explanation *x)
{
	for (enum hfenv_trust_client c = 0; c < HFENV_TRUST_CLIENTS; c++) {
		char *before = trust_token(&x->trust[c][0]);
		char *after = x->refused ? concat("refused", "") : trust_token(&x->trust[c][1]);
		if (before != NULL && after != NULL)
			fprintf(out, "%s\ttrust\t%s\t%s\t%s\t%s\n", hfenv_trust_client_id(c), before, after,
				x->trust_cells[c][0], x->refused ? "hfenv refuses to run" : x->trust_cells[c][1]);
		free(before);
		free(after);
		if (before == NULL || after == NULL)
			return -1;
	}
	return 0;
}

bool explain_target_is_valid(const char *text)
{
	struct explain_target target;
	int parsed = parse_explain_target(text, &target);
	free(target.host);
	return parsed != 0;
}

/* The routes for one operand (or for any host not in NO_PROXY); -1 on ENOMEM, else an explain_verdict. */
static int explain_one(FILE *out, enum explain_format format, bool colour, char *const before_env[],
		       const struct hfenv_result *result, const char *operand)
{
	struct explanation x = {.refused = result->error_count > 0};
	struct explain_target target = {0};
	int failed = operand != NULL && parse_explain_target(operand, &target) != 1;
	failed = failed || predict_routes(&x, before_env, result, operand ? &target : NULL) != 0;
	if (!failed && format == EXPLAIN_TSV) {
		print_route_lines(out, &x, operand ? &target : NULL, operand);
	} else if (!failed) {
		if (operand != NULL)
			fprintf(out, "%s%s%s\n", colour ? ANSI_BOLD : "", operand, colour ? ANSI_RESET : "");
		print_route_table(out, &x, colour);
		print_verdict(out, &x, operand);
	}
	enum explain_verdict verdict = x.refused ? EXPLAIN_REFUSED
				       : x.agree[HFENV_TARGET_HTTP] && x.agree[HFENV_TARGET_HTTPS] ? EXPLAIN_AGREE
												   : EXPLAIN_DISAGREE;
	free_explanation(&x);
	free(target.host);
	return failed ? -1 : (int)verdict;
}

/* Trust does not depend on the host: one table (or one set of tsv lines) after the routes. */
static int explain_trust(FILE *out, enum explain_format format, bool colour, char *const before_env[],
			 const struct hfenv_result *result)
{
	struct explanation x = {.refused = result->error_count > 0};
	int failed = predict_trust(&x, before_env, result);
	if (!failed && format == EXPLAIN_TSV)
		failed = print_trust_lines(out, &x);
	else if (!failed)
		print_trust_table(out, &x, colour);
	free_explanation(&x);
	return failed;
}

/* "    TEXT: id, id, ..." wrapped at 80 columns; the clients whose route to destination reads as text. */
static void print_route_group(FILE *out, const char *text, char *const texts[HFENV_CLIENTS])
{
	size_t column = (size_t)fprintf(out, "    %s:", text);
	const char *separator = " ";
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		if (strcmp(texts[c], text) != 0)
			continue;
		const char *id = hfenv_client_id(c);
		if (column + strlen(separator) + strlen(id) + 1 > 80) {
			fputs(",\n     ", out);
			column = 5;
			separator = " ";
		}
		column += (size_t)fprintf(out, "%s%s", separator, id);
		separator = ", ";
	}
	fputc('\n', out);
}

/* The Hugging Face block: the endpoint, whether Xet is on, and every client's route to each download host. */
static int print_hub_block(FILE *out, const struct hfenv_result *result, bool colour)
{
	struct hfenv_hub_endpoint endpoint;
	if (result->error_count > 0 || hfenv_hub_endpoint(result->env, &endpoint) != 0)
		return result->error_count > 0 || errno != ENOMEM ? 0 : -1;
	struct hfenv_hub_host hosts[HFENV_HUB_HOSTS];
	size_t count = hfenv_hub_download_hosts(&endpoint, hosts);
	char *url = hfenv_redact(endpoint.url);
	int failed = url == NULL;
	if (!failed)
		fprintf(out, "\n%sHugging Face%s, after hfenv\n  endpoint %s (%s); Xet %s\n", colour ? ANSI_BOLD : "",
			colour ? ANSI_RESET : "", url, endpoint.mirror ? "a mirror" : "the Hub",
			endpoint.xet ? "on" : "off (HF_HUB_DISABLE_XET)");
	for (size_t h = 0; !failed && h < count; h++) {
		bool https = h > 0 || endpoint.https;
		struct hfenv_destination destination = {hosts[h].host, hosts[h].port, hosts[h].port != (https ? 443u : 80u)};
		char *texts[HFENV_CLIENTS] = {0};
		for (enum hfenv_client c = 0; !failed && c < HFENV_CLIENTS; c++) {
			struct hfenv_route route = {0};
			failed = hfenv_predict_route_to(c, https ? HFENV_TARGET_HTTPS : HFENV_TARGET_HTTP, &destination,
							result->env, &route) != 0 || (texts[c] = route_text(&route)) == NULL;
			hfenv_route_free(&route);
		}
		if (!failed)
			fprintf(out, strchr(hosts[h].host, ':') ? "  %s: [%s]:%u\n" : "  %s: %s:%u\n", hosts[h].part,
				hosts[h].host, hosts[h].port);
		for (enum hfenv_client c = 0; !failed && c < HFENV_CLIENTS; c++) {
			bool first = true;
			for (enum hfenv_client d = 0; d < c; d++)
				first = first && strcmp(texts[d], texts[c]) != 0;
			if (first)
				print_route_group(out, texts[c], texts);
		}
		for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++)
			free(texts[c]);
	}
	if (!failed && endpoint.mirror && endpoint.xet)
		fputs("  Xet storage traffic does not go to the mirror. If those hosts are unreachable,\n"
		      "  run with -x (Xet off), or give them a proxy (-p, or https_proxy).\n", out);
	free(url);
	hfenv_hub_endpoint_free(&endpoint);
	return failed ? -1 : 0;
}

int explain_routes(FILE *out, enum explain_format format, bool colour, const struct hfenv_options *opts,
		   char *const envp[], const struct hfenv_result *result, const char *const *operands)
{
	char **before_env = hfenv_route_environment(opts, envp);
	if (before_env == NULL) {
		errno = ENOMEM;
		return -1;
	}
	int verdict = EXPLAIN_AGREE;
	if (operands == NULL || operands[0] == NULL)
		verdict = explain_one(out, format, colour, before_env, result, NULL);
	for (size_t i = 0; verdict >= 0 && operands != NULL && operands[i] != NULL; i++) {
		if (i > 0 && format == EXPLAIN_TABLE)
			fputc('\n', out);
		int one = explain_one(out, format, colour, before_env, result, operands[i]);
		verdict = one < 0 ? -1 : one > verdict ? one : verdict;
	}
	if (verdict >= 0 && explain_trust(out, format, colour, before_env, result) != 0)
		verdict = -1;
	if (verdict >= 0 && format == EXPLAIN_TABLE && print_hub_block(out, result, colour) != 0)
		verdict = -1;
	free(before_env);
	if (verdict < 0) {
		errno = ENOMEM;
		return -1;
	}
	if (format == EXPLAIN_TABLE) {
		fputc('\n', out);
		print_findings(out, result, verdict == EXPLAIN_REFUSED, colour);
	}
	return verdict;
}
