#include "render/explain_hub.h"

#include "common/redact.h"
#include "common/url.h"
#include "hub/endpoint.h"
#include "render/table.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Every client's route to each download host, before hfenv and after it. */
struct hub_routes {
	struct hfenv_hub_endpoint endpoint;
	struct hfenv_hub_host hosts[HFENV_HUB_HOSTS];
	size_t count;
	struct hfenv_route routes[HFENV_HUB_HOSTS][HFENV_CLIENTS][2]; /* before, after */
	char *texts[HFENV_HUB_HOSTS][HFENV_CLIENTS][2];
};

static bool host_is_https(const struct hub_routes *hub, size_t h)
{
	return h > 0 || hub->endpoint.https;
}

static int predict_host(struct hub_routes *hub, size_t h, char *const *const envs[2])
{
	bool https = host_is_https(hub, h);
	struct hfenv_destination destination = {hub->hosts[h].host, hub->hosts[h].port,
						hub->hosts[h].port != hfenv_scheme_port(https ? HFENV_SCHEME_HTTPS : HFENV_SCHEME_HTTP), NULL};
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		for (size_t when = 0; when < 2; when++) {
			struct hfenv_route *route = &hub->routes[h][c][when];
			if (hfenv_predict_route_to(c, https ? HFENV_TARGET_HTTPS : HFENV_TARGET_HTTP, &destination, envs[when],
						   route) != 0 || (hub->texts[h][c][when] = route_text(route)) == NULL)
				return -1;
		}
	}
	return 0;
}

static void free_hub_routes(struct hub_routes *hub)
{
	for (size_t h = 0; h < hub->count; h++) {
		for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
			for (size_t when = 0; when < 2; when++) {
				hfenv_route_free(&hub->routes[h][c][when]);
				free(hub->texts[h][c][when]);
			}
		}
	}
	hfenv_hub_endpoint_free(&hub->endpoint);
}

/* 1 with the routes predicted, 0 when there is no block (hfenv would refuse to run), -1 on ENOMEM. */
static int predict_hub_routes(struct hub_routes *hub, char *const before_env[], const struct hfenv_result *result)
{
	*hub = (struct hub_routes){0};
	if (result->error_count > 0)
		return 0;
	if (hfenv_hub_endpoint(result->env, &hub->endpoint) != 0)
		return errno == ENOMEM ? -1 : 0;
	hub->count = hfenv_hub_download_hosts(&hub->endpoint, hub->hosts);
	char *const *const envs[2] = {before_env, result->env};
	for (size_t h = 0; h < hub->count; h++)
		if (predict_host(hub, h, envs) != 0)
			return -1;
	return 1;
}

/* HOST:PORT, an IPv6 address in brackets, after prefix. */
static void print_host(FILE *out, const char *prefix, const struct hfenv_hub_host *host)
{
	fprintf(out, strchr(host->host, ':') ? "%s[%s]:%u" : "%s%s:%u", prefix, host->host, host->port);
}

/* CLIENT hub BEFORE AFTER BEFORE-TEXT AFTER-TEXT URL-OF-THE-HOST, for each host in the order of the block. */
static void print_hub_lines(FILE *out, const struct hub_routes *hub)
{
	for (size_t h = 0; h < hub->count; h++) {
		for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
			const struct hfenv_route *route = hub->routes[h][c];
			char *const *texts = hub->texts[h][c];
			fprintf(out, "%s\thub\t%s\t%s\t%s\t%s\t", hfenv_client_id(c), route_token(&route[0], texts[0]),
				route_token(&route[1], texts[1]), texts[0], texts[1]);
			print_host(out, host_is_https(hub, h) ? "https://" : "http://", &hub->hosts[h]);
			fputc('\n', out);
		}
	}
}

/* A route after hfenv as the block shows it: a proxy by its legend key, anything else in words. */
static char *hub_cell(const struct hub_routes *hub, size_t h, enum hfenv_client c, struct legend *proxies)
{
	const struct hfenv_route *route = &hub->routes[h][c][1];
	return route->kind == HFENV_ROUTE_PROXY ? keyed(proxies, route->proxy, true) : strdup(hub->texts[h][c][1]);
}

/* "    CELL: label, label, ..." for the clients whose cell reads as cells[c], as the tables name them, wrapped to width. */
static void print_route_group(FILE *out, char *const cells[HFENV_CLIENTS], enum hfenv_client c, size_t width)
{
	int written = fprintf(out, "    %s:", cells[c]);
	size_t column = written > 0 ? (size_t)written : 0;
	const char *separator = " ";
	for (enum hfenv_client d = c; d < HFENV_CLIENTS; d++) {
		if (strcmp(cells[d], cells[c]) != 0)
			continue;
		const char *label = hfenv_client_short_label(d);
		/* A label is never split: it goes whole to the next line, its comma after it. */
		if (column + strlen(separator) + strlen(label) + 1 > width && *separator == ',') {
			fputs(",\n     ", out);
			column = 5;
			separator = " ";
		}
		fprintf(out, "%s%s", separator, label);
		column += strlen(separator) + strlen(label);
		separator = ", ";
	}
	fputc('\n', out);
}

static void print_host_routes(FILE *out, const struct hub_routes *hub, size_t h, char *const cells[HFENV_CLIENTS],
			      size_t width)
{
	fprintf(out, "  %s: ", hub->hosts[h].part);
	print_host(out, "", &hub->hosts[h]);
	fputc('\n', out);
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		bool first = true;
		for (enum hfenv_client d = 0; d < c; d++)
			first = first && strcmp(cells[d], cells[c]) != 0;
		if (first)
			print_route_group(out, cells, c, width);
	}
}

static int print_hub_heading(const struct explain_output *output, const struct hub_routes *hub, const char *url)
{
	const struct hfenv_hub_endpoint *endpoint = &hub->endpoint;
	const char *xet = endpoint->xet ? "on" : "off (HF_HUB_DISABLE_XET)";
	const char *what = endpoint->staging ? "HUGGINGFACE_CO_STAGING" : endpoint->mirror ? "a mirror" : "the Hub";
	size_t length = strlen(url) + strlen(what) + strlen(xet) + 24;
	char *line = malloc(length);
	if (line == NULL)
		return -1;
	snprintf(line, length, "endpoint %s (%s); Xet %s", url, what, xet);
	fprintf(output->stream, "\n%sHugging Face%s, after hfenv\n  ", output->colour ? ANSI_BOLD : "",
		output->colour ? ANSI_RESET : "");
	print_wrapped(output->stream, line, 2, 4, output->width);
	fputc('\n', output->stream);
	free(line);
	return 0;
}

static int print_hub_block(const struct explain_output *output, const struct hub_routes *hub, struct legend *proxies)
{
	char *cells[HFENV_HUB_HOSTS][HFENV_CLIENTS] = {0};
	char *url = hfenv_redact(hub->endpoint.url);
	int failed = url == NULL;
	for (size_t h = 0; h < hub->count; h++)
		for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++)
			failed = failed || (cells[h][c] = hub_cell(hub, h, c, proxies)) == NULL;
	/* Without a stream, the cells only name their proxies in the legend. */
	bool shown = output->stream != NULL;
	failed = failed || (shown && print_hub_heading(output, hub, url) != 0);
	for (size_t h = 0; shown && !failed && h < hub->count; h++)
		print_host_routes(output->stream, hub, h, cells[h], output->width);
	if (shown && !failed && hub->endpoint.mirror && hub->endpoint.xet)
		fputs("  Xet storage traffic does not go to the mirror. If those hosts are unreachable,\n"
		      "  run with -x (Xet off), or give them a proxy (-p, or https_proxy).\n", output->stream);
	for (size_t h = 0; h < hub->count; h++)
		for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++)
			free(cells[h][c]);
	free(url);
	return failed ? -1 : 0;
}

int explain_hub(const struct explain_output *output, char *const before_env[], const struct hfenv_result *result,
		struct legend *proxies)
{
	struct hub_routes hub;
	int predicted = predict_hub_routes(&hub, before_env, result);
	int failed = predicted < 0;
	if (predicted > 0 && output->format == EXPLAIN_TSV)
		print_hub_lines(output->stream, &hub);
	else if (predicted > 0)
		failed = print_hub_block(output, &hub, proxies);
	free_hub_routes(&hub);
	return failed ? -1 : 0;
}
