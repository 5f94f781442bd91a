#include "io/probe.h"

#include "clients/no_proxy_match.h"
#include "clients/routes.h"
#include "common/environment.h"
#include "common/redact.h"
#include "common/shorten.h"
#include "common/text.h"
#include "common/url.h"
#include "hub/endpoint.h"
#include "io/connect.h"
#include "io/doctor.h"
#include "io/family_routes.h"
#include "io/probe_line.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* What --probe was asked for: the targets taken apart, and the https proxy of the environment. */
struct probe_plan {
	const char *const *texts;     /* as the user wrote them, or the defaults */
	size_t count;
	struct hfenv_url *urls;       /* count + 1: the targets', then the proxy's */
	struct probe_endpoint *targets;
	struct probe_proxy proxy;
	char *proxy_shown;            /* the redacted proxy URL, not escaped, or "direct" */
	struct hfenv_route line_route; /* the route of the lines: the proxy, or direct */
	bool mirror;                  /* the default targets, of a mirror's HF_ENDPOINT */
	char *defaults[HFENV_HUB_REACHABLE_HOSTS + 1];
};

/* What the lines found, for the advice after them. */
struct probe_run {
	FILE *out;
	char *const *env;
	int timeout_ms;
	size_t column;
	bool all_answered;
	bool proxy_unreached;         /* a connection to the proxy failed */
};

/* HOST, HOST:PORT, [V6] or [V6]:PORT, read by the engine's proxy URL parser; port 443 when none. False with
 * *why set (NULL when out of memory) when text is no such target. */
static bool parse_target(const char *text, struct hfenv_url *url, struct probe_endpoint *at, char **why)
{
	char *as_url = text_format("http://%s", text);
	enum hfenv_url_status status = HFENV_URL_NO_HOST;
	*why = NULL;
	if (as_url == NULL || hfenv_parse_proxy_url(as_url, &status, url) != 0) {
		free(as_url);
		return false;
	}
	free(as_url);
	char *quoted = hfenv_quote_redacted(text);
	if (status == HFENV_URL_DNS_LIMITS)
		*why = text_format("--probe %s: %s", quoted, hfenv_url_status_text(status));
	else if (status != HFENV_URL_OK || url->user != NULL || strchr(text, '/') != NULL)
		*why = text_format("--probe takes HOST or HOST:PORT, not %s; see 'hfenv --help'", quoted);
	free(quoted);
	if (status != HFENV_URL_OK || *why != NULL)
		return false;
	at->host = url->host;
	snprintf(at->port, sizeof at->port, "%u", url->port ? url->port : hfenv_scheme_port(HFENV_SCHEME_HTTPS));
	return true;
}

/* The https proxy in a message: password hidden, quoted, escaped, in at most 30 columns; NULL on ENOMEM. */
static char *quoted_proxy(const char *value)
{
	char *redacted = hfenv_redacted(value, false);
	if (redacted == NULL)
		return NULL;
	struct text t = {0};
	text_append_shortened(&t, redacted, true, 30);
	free(redacted);
	return text_finish(&t);
}

/* The message for a proxy --probe cannot take: not HOST:PORT, or a scheme it does not speak. */
static char *cannot_probe_through(const char *value, bool url_ok)
{
	char *quoted = quoted_proxy(value);
	char *message = !quoted ? NULL
		: url_ok ? text_format("--probe speaks HTTP CONNECT and SOCKS5 only, not https_proxy=%s", quoted)
			 : text_format("--probe cannot probe through https_proxy=%s: not HOST:PORT", quoted);
	free(quoted);
	return message;
}

/* The https proxy of the normalized environment, as --probe uses it; false with *why set (NULL: out of memory). */
static bool parse_proxy(const char *value, struct probe_plan *plan, char **why)
{
	enum hfenv_url_status status;
	struct hfenv_url *url = &plan->urls[plan->count];
	*why = NULL;
	plan->proxy = (struct probe_proxy){.kind = PROBE_DIRECT};
	plan->proxy_shown = value ? hfenv_redacted(value, false) : strdup("direct");
	if (plan->proxy_shown == NULL || (value != NULL && hfenv_parse_proxy_url(value, &status, url) != 0))
		return false;
	if (value == NULL)
		return true;
	if (status != HFENV_URL_OK)
		*why = cannot_probe_through(value, false);
	else if (url->scheme == HFENV_SCHEME_HTTP)
		plan->proxy.kind = PROBE_HTTP;
	else if (url->scheme == HFENV_SCHEME_SOCKS5 || url->scheme == HFENV_SCHEME_SOCKS5H)
		plan->proxy.kind = PROBE_SOCKS5;
	else
		*why = cannot_probe_through(value, true);
	if (*why != NULL)
		return false;
	plan->proxy.at.host = url->host;
	snprintf(plan->proxy.at.port, sizeof plan->proxy.at.port, "%u", url->port ? url->port : hfenv_scheme_port(url->scheme));
	plan->proxy.user = url->user;
	plan->proxy.password = url->user && url->password == NULL ? "" : url->password;
	size_t n = strlen(url->text);
	plan->line_route = (struct hfenv_route){.kind = HFENV_ROUTE_PROXY, .proxy = url->text};
	if (n > 0 && url->text[n - 1] == '/')
		url->text[n - 1] = '\0';
	return true;
}

/* Why huggingface_hub (httpx) connects to target directly although a proxy is set: NO_PROXY lists it; else NULL. */
static const char *bypass_reason(const struct probe_endpoint *target, char *const env[])
{
	struct hfenv_destination destination = {
		.host = target->host, .port = (unsigned)strtoul(target->port, NULL, 10), .port_given = true,
	};
	struct hfenv_route route;
	if (hfenv_predict_route_to(HFENV_CLIENT_HTTPX2, HFENV_TARGET_HTTPS, &destination, env, &route) != 0)
		return NULL;
	const char *reason = route.kind == HFENV_ROUTE_DIRECT ? route.reason : NULL;
	hfenv_route_free(&route);
	return reason;
}

/* One line before the targets when https requests go direct: every request to the Hub is one. */
static void say_no_https_proxy(FILE *out, const struct probe_proxy *proxy, char *const env[])
{
	if (proxy->kind != PROBE_DIRECT)
		return;
	fprintf(out, "no https proxy: https requests, as all of Hugging Face's are, go direct%s\n",
		hfenv_getenv(env, "http_proxy") ? " (http_proxy: http:// only)" : "");
}

/* A --probe without targets: every host a download may reach (hub/endpoint.h), the endpoint as HOST:PORT unless it is
 * huggingface.co on 443; defaults[i] are malloc'd.  False when HF_ENDPOINT is unusable (*why set) or out of memory. */
static bool default_targets(char *const env[], struct probe_plan *plan, char **why)
{
	struct hfenv_hub_endpoint endpoint;
	if (hfenv_hub_endpoint(env, &endpoint) != 0) {
		char *quoted = errno == EINVAL ? hfenv_quote_redacted(hfenv_getenv(env, "HF_ENDPOINT")) : NULL;
		*why = quoted ? text_format("--probe cannot take HF_ENDPOINT=%s: not an http(s) URL", quoted) : NULL;
		free(quoted);
		return false;
	}
	struct hfenv_hub_host hosts[HFENV_HUB_REACHABLE_HOSTS];
	hfenv_hub_reachable_hosts(&endpoint, hosts);
	bool made = true;
	for (size_t i = 0; i < HFENV_HUB_REACHABLE_HOSTS; i++) {
		bool bare = hosts[i].port == hfenv_scheme_port(HFENV_SCHEME_HTTPS) && (i > 0 || !endpoint.mirror);
		plan->defaults[i] = bare ? strdup(hosts[i].host) :
				    text_format(strchr(hosts[i].host, ':') ? "[%s]:%u" : "%s:%u", hosts[i].host, hosts[i].port);
		made = made && plan->defaults[i] != NULL;
	}
	plan->mirror = endpoint.mirror;
	hfenv_hub_endpoint_free(&endpoint);
	return made;
}

static void plan_free(struct probe_plan *plan)
{
	for (size_t i = 0; plan->urls != NULL && i <= plan->count; i++)
		hfenv_url_free(&plan->urls[i]);
	free(plan->urls);
	free(plan->targets);
	free(plan->proxy_shown);
	for (size_t i = 0; i < HFENV_HUB_REACHABLE_HOSTS; i++)
		free(plan->defaults[i]);
}

/* Reads the targets (the defaults when NULL) and the proxy; false with *why set (NULL: out of memory). */
static bool plan_probe(struct probe_plan *plan, const char *const targets[], char *const env[], char **why)
{
	*plan = (struct probe_plan){.line_route.kind = HFENV_ROUTE_DIRECT};
	*why = NULL;
	if (targets == NULL && !default_targets(env, plan, why))
		return false;
	plan->texts = targets ? targets : (const char *const *)plan->defaults;
	while (plan->texts[plan->count] != NULL)
		plan->count++;
	plan->urls = calloc(plan->count + 1, sizeof *plan->urls);
	plan->targets = calloc(plan->count ? plan->count : 1, sizeof *plan->targets);
	bool parsed = plan->urls && plan->targets;
	for (size_t i = 0; i < plan->count && parsed; i++)
		parsed = parse_target(plan->texts[i], &plan->urls[i], &plan->targets[i], why);
	return parsed && parse_proxy(hfenv_getenv(env, "https_proxy"), plan, why);
}

/* The line of target i, by huggingface_hub's route: through the proxy, or direct to a host NO_PROXY lists. */
static void probe_target(struct probe_run *run, const struct probe_plan *plan, size_t i)
{
	const char *bypass = plan->proxy.kind == PROBE_DIRECT ? NULL : bypass_reason(&plan->targets[i], run->env);
	char *direct = bypass ? text_format("direct (%s)", bypass) : NULL;
	struct probe_proxy direct_proxy = {.kind = PROBE_DIRECT};
	bool reached;
	bool answered = probe_print_probe(run->out, plan->texts[i], run->column,
					  bypass == NULL ? plan->proxy_shown : direct ? direct : "direct",
					  bypass == NULL ? &plan->proxy : &direct_proxy, &plan->targets[i], run->timeout_ms,
					  &reached);
	run->all_answered = run->all_answered && answered;
	run->proxy_unreached = run->proxy_unreached || (bypass == NULL && plan->proxy.kind != PROBE_DIRECT && !reached);
	free(direct);
}

/* A mirror's Xet hosts (the default targets after the endpoint), each client family's route to them probed. */
static void probe_xet_hosts(struct probe_run *run, const struct probe_plan *plan)
{
	struct family_routes routes[HFENV_HUB_REACHABLE_HOSTS] = {0};
	size_t differing = 0, predicted = 1;
	for (; predicted < plan->count; predicted++) {
		const char *bypass = plan->proxy.kind == PROBE_DIRECT ? NULL : bypass_reason(&plan->targets[predicted], run->env);
		struct hfenv_route line_route = bypass ? (struct hfenv_route){.kind = HFENV_ROUTE_DIRECT} : plan->line_route;
		if (family_routes_predict(run->env, &plan->targets[predicted], &line_route, &routes[predicted]) != 0)
			break;
		differing += routes[predicted].differing;
	}
	fprintf(run->out, "Xet storage is not on the mirror: %s\n",
		differing ? "below each host, the clients whose route to it differs"
			  : "every client takes the route shown to its hosts");
	for (size_t i = 1; i < plan->count; i++) {
		probe_target(run, plan, i);
		if (i < predicted && !family_routes_probe(run->out, &routes[i], &plan->targets[i], run->column, run->timeout_ms))
			run->all_answered = false;
	}
	for (size_t i = 1; i < predicted; i++)
		family_routes_free(&routes[i]);
}

enum probe_outcome probe_targets(FILE *out, const char *const targets[], char *const env[], int timeout_ms, char **why)
{
	struct probe_plan plan;
	if (!plan_probe(&plan, targets, env, why)) {
		plan_free(&plan);
		return PROBE_CANNOT;
	}
	struct probe_run run = {.out = out, .env = env, .timeout_ms = timeout_ms, .all_answered = true,
				.column = probe_target_column(plan.texts, plan.count)};
	say_no_https_proxy(out, &plan.proxy, env);
	bool xet_block = plan.mirror && plan.count > 1;
	for (size_t i = 0; i < (xet_block ? 1 : plan.count); i++)
		probe_target(&run, &plan, i);
	if (xet_block)
		probe_xet_hosts(&run, &plan);
	if (plan.proxy.kind == PROBE_DIRECT && plan.count > 0)
		doctor_scan_local_ports(out, env, &plan.targets[0], timeout_ms);
	else if (run.proxy_unreached && is_loopback_host(plan.proxy.at.host))
		doctor_container_hint(out, env, plan.proxy.at.port);
	plan_free(&plan);
	return run.all_answered ? PROBE_ALL_ANSWERED : PROBE_SOME_FAILED;
}
