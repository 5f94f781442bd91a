#include "render/explain.h"

#include "clients/routes.h"
#include "common/redact.h"
#include "common/shorten.h"
#include "common/text.h"
#include "common/url.h"
#include "render/explain_hub.h"
#include "render/explain_trust.h"
#include "render/table.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_WIDTH 80

static const char *const target_names[HFENV_TARGETS] = {"http", "https"};

/* The operand a route is for: a host, HOST:PORT or an http(s) URL; its port defaults per scheme. */
struct explain_target {
	char *host;                   /* lower case, IPv6 without brackets */
	char *written;                /* the host as the operand writes it */
	unsigned port;                /* 0: the scheme's default */
	bool targets[HFENV_TARGETS];  /* a URL asks for its scheme only */
};

struct explanation {
	struct hfenv_route before[HFENV_CLIENTS][HFENV_TARGETS];
	struct hfenv_route after[HFENV_CLIENTS][HFENV_TARGETS];
	const struct hfenv_route *consensus[HFENV_TARGETS]; /* the AFTER route most clients share */
	bool refused;                 /* hfenv would not run: no AFTER routes */
	bool shown[HFENV_TARGETS];    /* the schemes asked for */
	bool agree[HFENV_TARGETS];
	char *texts[HFENV_CLIENTS][CELL_COLUMNS]; /* before http, after http, before https, after https */
};


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

static void lower_in_place(char *text)
{
	for (; *text; text++)
		if (*text >= 'A' && *text <= 'Z')
			*text = (char)(*text - 'A' + 'a');
}

/* -1 on ENOMEM, 0 when text is no host or URL, 1 when parsed: by the engine's URL parser, a URL's path aside. */
static int parse_explain_target(const char *text, struct explain_target *target)
{
	*target = (struct explain_target){.targets = {true, true}};
	size_t scheme = hfenv_scheme_length(text);
	char *authority = scheme ? strndup(text, scheme + 3 + strcspn(text + scheme + 3, "/?#")) : strdup(text);
	enum hfenv_url_status status;
	struct hfenv_url url;
	if (authority == NULL || hfenv_parse_proxy_url(authority, &status, &url) != 0) {
		free(authority);
		return -1;
	}
	free(authority);
	bool parsed = status == HFENV_URL_OK && (url.scheme == HFENV_SCHEME_HTTP || url.scheme == HFENV_SCHEME_HTTPS) &&
		      url.host[0] != '-'; /* no host name starts with '-': an option after the operands */
	if (parsed && scheme)
		target->targets[url.scheme == HFENV_SCHEME_HTTPS ? HFENV_TARGET_HTTP : HFENV_TARGET_HTTPS] = false;
	if (parsed) {
		target->written = strdup(url.host);
		if (target->written == NULL) {
			hfenv_url_free(&url);
			return -1;
		}
		lower_in_place(url.host);
		target->host = url.host;
		target->port = url.port;
		url.host = NULL;
	}
	hfenv_url_free(&url);
	return parsed;
}

bool explain_target_is_valid(const char *text)
{
	struct explain_target target;
	int parsed = parse_explain_target(text, &target);
	free(target.host);
	free(target.written);
	return parsed != 0;
}

static int predict_one(enum hfenv_client c, enum hfenv_target t, const struct explain_target *target, char *const env[],
		       struct hfenv_route *route)
{
	if (target == NULL)
		return hfenv_predict_route(c, t, env, route);
	struct hfenv_destination destination = {
		.host = target->host,
		.port = target->port ? target->port : hfenv_scheme_port(t == HFENV_TARGET_HTTPS ? HFENV_SCHEME_HTTPS : HFENV_SCHEME_HTTP),
		.port_given = target->port != 0,
		.written = target->written,
	};
	return hfenv_predict_route_to(c, t, &destination, env, route);
}

static void find_agreement(struct explanation *x)
{
	for (enum hfenv_target t = 0; t < HFENV_TARGETS && !x->refused; t++) {
		x->agree[t] = true;
		if (!x->shown[t])
			continue;
		x->consensus[t] = most_shared(x->after, t);
		for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++)
			x->agree[t] = x->agree[t] && hfenv_routes_agree(&x->after[c][t], x->consensus[t]);
	}
}

static int predict_routes(struct explanation *x, char *const before_env[], const struct hfenv_result *result,
			  const struct explain_target *target)
{
	for (enum hfenv_target t = 0; t < HFENV_TARGETS; t++)
		x->shown[t] = target == NULL || target->targets[t];
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		for (enum hfenv_target t = 0; t < HFENV_TARGETS; t++) {
			if (predict_one(c, t, target, before_env, &x->before[c][t]) != 0 ||
			    (!x->refused && predict_one(c, t, target, result->env, &x->after[c][t]) != 0))
				return -1;
			x->texts[c][2 * t] = route_text(&x->before[c][t]);
			x->texts[c][2 * t + 1] = x->refused ? strdup("-") : route_text(&x->after[c][t]);
			if (x->texts[c][2 * t] == NULL || x->texts[c][2 * t + 1] == NULL)
				return -1;
		}
	}
	find_agreement(x);
	return 0;
}

static void free_explanation(struct explanation *x)
{
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		for (size_t col = 0; col < CELL_COLUMNS; col++)
			free(x->texts[c][col]);
		for (enum hfenv_target t = 0; t < HFENV_TARGETS; t++) {
			hfenv_route_free(&x->before[c][t]);
			hfenv_route_free(&x->after[c][t]);
		}
	}
}

static char *route_cell(const struct explanation *x, enum hfenv_client c, size_t col, struct legend *proxies)
{
	const struct hfenv_route *route = col % 2 ? &x->after[c][col / 2] : &x->before[c][col / 2];
	if (route->kind == HFENV_ROUTE_PROXY && !(x->refused && col % 2))
		return keyed(proxies, route->proxy, true);
	return strdup(x->texts[c][col]);
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

/* The route table of the schemes shown: cells name proxies by their legend key. -1 on ENOMEM. */
static int route_table(const struct explanation *x, struct table *table, struct legend *proxies)
{
	static const char *const groups[HFENV_TARGETS] = {"http:// URLs", "https:// URLs"};
	table->headings[0] = "CLIENT";
	for (enum hfenv_target t = 0; t < HFENV_TARGETS; t++) {
		if (!x->shown[t])
			continue;
		size_t first = table->cell_columns;
		table->groups[first / 2] = groups[t];
		table->headings[1 + first] = "BEFORE";
		table->headings[2 + first] = "AFTER";
		for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
			table->rows[c] = true;
			for (size_t i = 0; i < 2; i++) {
				table->cells[c][first + i] = route_cell(x, c, 2 * t + i, proxies);
				table->colours[c][first + i] = cell_colour(x, c, 2 * t + i);
				if (table->cells[c][first + i] == NULL)
					return -1;
			}
		}
		table->cell_columns += 2;
	}
	return 0;
}

/* "For TARGET: after hfenv, ...", target already shown as it may be (escaped, shortened), wrapped to width. */
static void print_verdict(FILE *out, const struct explanation *x, const char *target, size_t width)
{
	const char *which = x->agree[HFENV_TARGET_HTTP] ? "https" : x->agree[HFENV_TARGET_HTTPS] ? "http" : "http and https";
	char *line = NULL;
	fputc('\n', out);
	if (x->refused)
		line = strdup("hfenv would refuse to run, so the command would not start:");
	else if (x->agree[HFENV_TARGET_HTTP] && x->agree[HFENV_TARGET_HTTPS])
		line = text_format("%s%s%s, every client takes the same route.", target ? "For " : "", target ? target : "",
				   target ? ": after hfenv" : "After hfenv");
	else
		line = text_format("%s%s%s, the clients still disagree on %s URLs.", target ? "For " : "",
				   target ? target : "", target ? ": after hfenv" : "After hfenv", which);
	if (line != NULL)
		print_wrapped(out, line, 0, 2, width);
	fputc('\n', out);
	free(line);
}

static void print_findings(FILE *out, const struct hfenv_result *result, bool refused, bool colour, size_t width)
{
	static const char *const prefixes[] = {[HFENV_CHANGE] = "", [HFENV_WARNING] = "warning: ", [HFENV_ERROR] = "error: "};
	static const char *const colours[] = {[HFENV_CHANGE] = NULL, [HFENV_WARNING] = ANSI_YELLOW, [HFENV_ERROR] = ANSI_RED};
	if (!refused)
		fputs(result->finding_count == 0 ? "hfenv would change nothing.\n" : "What hfenv would do:\n", out);
	for (size_t i = 0; i < result->finding_count; i++) {
		const struct hfenv_finding *f = &result->findings[i];
		const char *on = colour ? colours[f->kind] : NULL;
		fprintf(out, "  %s%s", on ? on : "", prefixes[f->kind]);
		print_wrapped(out, f->message, 2 + strlen(prefixes[f->kind]), 4, width);
		fprintf(out, "%s\n", on ? ANSI_RESET : "");
	}
}

/* Every line: CLIENT SCHEME BEFORE AFTER BEFORE-TEXT AFTER-TEXT TARGET (the operand, or empty). */
static void print_tsv_header(FILE *out)
{
	fputs("client\tscheme\tbefore\tafter\tbefore_text\tafter_text\ttarget\n", out);
}

static void print_route_lines(FILE *out, const struct explanation *x, const char *target)
{
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		for (enum hfenv_target t = 0; t < HFENV_TARGETS; t++) {
			if (!x->shown[t])
				continue;
			const char *before = x->texts[c][2 * t], *after = x->texts[c][2 * t + 1];
			fprintf(out, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", hfenv_client_id(c), target_names[t],
				route_token(&x->before[c][t], before),
				x->refused ? "refused" : route_token(&x->after[c][t], after), before,
				x->refused ? "hfenv refuses to run" : after, target ? target : "");
		}
	}
}

/* The operand as a heading: its password hidden, escaped, in at most width columns; NULL on ENOMEM. */
static char *shown_operand(const char *redacted, size_t width)
{
	struct text t = {0};
	text_append_shortened(&t, redacted, false, width);
	return text_finish(&t);
}

static int print_route_table(const struct explain_output *output, const struct explanation *x, const char *redacted,
			     struct legend *proxies)
{
	struct table table = {0};
	/* Short enough for "For HEADING:" too. */
	char *heading = redacted ? shown_operand(redacted, output->width > 5 ? output->width - 5 : 0) : NULL;
	int failed = (redacted && heading == NULL) || route_table(x, &table, proxies) != 0 ||
		     fit_table(&table, output->width) != 0;
	if (!failed && output->stream != NULL) {
		bool colour = output->colour;
		if (heading != NULL)
			fprintf(output->stream, "%s%s%s\n", colour ? ANSI_BOLD : "", heading, colour ? ANSI_RESET : "");
		print_notes(output->stream, &table);
		if (table.note_count > 0)
			fputc('\n', output->stream);
		print_table(output->stream, &table, colour);
		print_verdict(output->stream, x, heading, output->width);
	}
	free(heading);
	free_table(&table);
	return failed ? -1 : 0;
}

static enum explain_verdict verdict_of(const struct explanation *x)
{
	if (x->refused)
		return EXPLAIN_REFUSED;
	return x->agree[HFENV_TARGET_HTTP] && x->agree[HFENV_TARGET_HTTPS] ? EXPLAIN_AGREE : EXPLAIN_DISAGREE;
}

/* The routes for one operand (or for any host not in NO_PROXY); -1 on ENOMEM, else an explain_verdict. */
static int explain_one(const struct explain_output *output, char *const before_env[], const struct hfenv_result *result,
		       const char *operand, struct legend *proxies)
{
	struct explanation x = {.refused = result->error_count > 0};
	struct explain_target target = {0};
	bool tsv = output->format == EXPLAIN_TSV;
	/* tsv's target field in full, escaped; the table's heading shortened, escaped as it is shortened. */
	char *redacted = operand == NULL ? NULL : tsv ? hfenv_redact(operand) : hfenv_redacted(operand, false);
	int failed = operand != NULL && (redacted == NULL || parse_explain_target(operand, &target) != 1);
	failed = failed || predict_routes(&x, before_env, result, operand ? &target : NULL) != 0;
	if (!failed && tsv) {
		print_route_lines(output->stream, &x, redacted);
	} else if (!failed) {
		failed = print_route_table(output, &x, redacted, proxies);
	}
	enum explain_verdict verdict = verdict_of(&x);
	free_explanation(&x);
	free(target.host);
	free(target.written);
	free(redacted);
	return failed ? -1 : (int)verdict;
}

/* The tsv header, the routes for each operand (or any host) and the Hugging Face block. -1 on ENOMEM, else a verdict. */
static int explain_every_route(const struct explain_output *output, char *const before_env[],
			       const struct hfenv_result *result, const char *const *operands, struct legend *proxies)
{
	if (output->format == EXPLAIN_TSV)
		print_tsv_header(output->stream);
	int verdict = EXPLAIN_AGREE;
	if (operands == NULL || operands[0] == NULL)
		verdict = explain_one(output, before_env, result, NULL, proxies);
	for (size_t i = 0; verdict >= 0 && operands != NULL && operands[i] != NULL; i++) {
		if (i > 0 && output->stream != NULL && output->format == EXPLAIN_TABLE)
			fputc('\n', output->stream);
		int one = explain_one(output, before_env, result, operands[i], proxies);
		verdict = one < 0 ? -1 : one > verdict ? one : verdict;
	}
	if (verdict >= 0 && explain_hub(output, before_env, result, proxies) != 0)
		verdict = -1;
	return verdict;
}

int explain_routes(const struct explain_output *output, const struct hfenv_assignments *assignments, char *const envp[],
		   const struct hfenv_result *result, const char *const *operands)
{
	struct explain_output fitted = *output;
	fitted.width = output->width ? output->width : DEFAULT_WIDTH;
	char **before_env = hfenv_assigned_environment(assignments, envp);
	struct legend proxies = {0};
	struct explain_output naming = fitted;
	naming.stream = NULL;
	/* A table's routes are worked out twice: once to name every proxy in one legend above them, then to print them. */
	int verdict = before_env == NULL ? -1
		      : fitted.format == EXPLAIN_TABLE ? explain_every_route(&naming, before_env, result, operands, &proxies)
						       : EXPLAIN_AGREE;
	if (verdict >= 0 && fitted.format == EXPLAIN_TABLE) {
		print_legend(fitted.stream, "Proxies:", &proxies, true);
		fputs(proxies.count > 0 ? "\n" : "", fitted.stream);
	}
	if (verdict >= 0)
		verdict = explain_every_route(&fitted, before_env, result, operands, &proxies);
	free_legend(&proxies);
	if (verdict >= 0 && explain_trust(&fitted, before_env, result) != 0)
		verdict = -1;
	free(before_env);
	if (verdict < 0) {
		errno = ENOMEM;
		return -1;
	}
	if (fitted.format == EXPLAIN_TABLE) {
		fputc('\n', fitted.stream);
		print_findings(fitted.stream, result, verdict == EXPLAIN_REFUSED, fitted.colour, fitted.width);
	}
	return verdict;
}

void explain_warn_about_operands(FILE *out, const char *const *operands, enum explain_format format,
				 bool (*is_command)(const char *word, const char *search_path), const char *search_path)
{
	for (const char *const *operand = operands; operand != NULL && *operand != NULL; operand++) {
		bool format_name = format == EXPLAIN_TABLE && (strcmp(*operand, "tsv") == 0 || strcmp(*operand, "table") == 0);
		const char *hint = format_name ? " is explained as a host; for the format, write --explain="
				 : is_command(*operand, search_path) ? " is a command: --explain takes hosts and URLs and runs nothing"
								     : NULL;
		if (hint == NULL)
			continue;
		char *name = hfenv_quote_redacted_in(*operand, HFENV_LINE_WIDTH - strlen("hfenv: warning: ") - strlen(hint) - 5);
		fprintf(out, "hfenv: warning: %s%s%s\n", name ? name : "?", hint, format_name ? *operand : "");
		free(name);
	}
}

bool explain_format_named(const char *name, enum explain_format *format)
{
	*format = name != NULL && strcmp(name, "tsv") == 0 ? EXPLAIN_TSV : EXPLAIN_TABLE;
	return name == NULL || strcmp(name, "table") == 0 || *format == EXPLAIN_TSV;
}
