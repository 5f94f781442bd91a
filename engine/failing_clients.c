#include "engine/failing_clients.h"

#include "clients/families.h"
#include "clients/no_proxy_match.h"
#include "clients/routes.h"
#include "common/text.h"
#include "common/url.h"
#include "engine/findings.h"
#include "engine/slots.h"
#include "engine/socks.h"
#include "engine/storage.h"

#include <stdlib.h>
#include <string.h>

/* The reasons clients/routes.c gives a failing route: a fixed set, far below this. */
#define FAILURE_REASONS_MAX 16

/* The clients whose route fails for one reason, and the variable the first of them read. */
struct failure {
	const char *reason;
	const char *variable;
	bool client[HFENV_CLIENTS];
};

/* Where the value of pair came from: the option that set it, its winning spelling, or ALL_PROXY that filled it. */
static const char *source_of(const struct engine *e, enum pair pair)
{
	if (e->proxy_option != NULL && pair != PAIR_ALL)
		return e->proxy_option;
	return (e->source[pair] != NULL ? e->source[pair] : e->source[PAIR_ALL])->name;
}

/* An https:// proxy on loopback or a local proxy's port speaks plain HTTP: the clients' TLS handshake to it fails. */
static bool warn_of_tls_to_a_local_proxy(struct engine *e, enum pair pair)
{
	const char *value = pair_lower(e, pair)->value;
	enum hfenv_url_status status;
	struct hfenv_url url;
	if (value == NULL || strncmp(value, "https://", 8) != 0)
		return false;
	if (hfenv_parse_proxy_url(value, &status, &url) != 0) {
		e->out_of_memory = true;
		return false;
	}
	bool local = status == HFENV_URL_OK && (is_loopback_host(url.host) || is_local_http_port(url.port));
	hfenv_url_free(&url);
	const char *authority = value + strlen("https://");
	char *http = local ? keep(e, text_join("http://", authority, strlen(authority))) : NULL;
	if (http == NULL)
		return false;
	add_finding(e, HFENV_WARNING, "%n: a local proxy speaks HTTP, not TLS; write %v", source_of(e, pair), http);
	add_detail(e, "%s", "Clash, V2RayN, mitmproxy take http:// on their ports: TLS to them fails or hangs");
	return true;
}

/* Each client's route for http:// and https:// URLs under envp, the failing ones grouped by their reason. */
static int predict_failures(char *const envp[], struct failure *failures, size_t *count)
{
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		for (enum hfenv_target t = HFENV_TARGET_HTTP; t < HFENV_TARGETS; t++) {
			struct hfenv_route route;
			if (hfenv_predict_route(c, t, envp, &route) != 0)
				return -1;
			bool failed = route.kind == HFENV_ROUTE_FAILS || route.kind == HFENV_ROUTE_REFUSED_CGI;
			size_t i = 0;
			while (failed && i < *count && strcmp(failures[i].reason, route.reason) != 0)
				i++;
			if (failed && i == *count && *count < FAILURE_REASONS_MAX)
				failures[(*count)++] = (struct failure){.reason = route.reason, .variable = route.variable};
			if (failed && i < *count)
				failures[i].client[c] = true;
			hfenv_route_free(&route);
		}
	}
	return 0;
}

/* The variables of hfenv_variables as the command will get them, NAME=VALUE each, kept; NULL on ENOMEM. */
static char **variables_after(struct engine *e)
{
	char **envp = keep(e, calloc(HFENV_VARIABLES + 1, sizeof *envp));
	size_t n = 0;
	for (enum hfenv_variable v = 0; envp != NULL && v < HFENV_VARIABLES; v++) {
		const struct slot *s = slot_of(e, v);
		if (s->value != NULL && (envp[n++] = slot_entry(e, s)) == NULL)
			return NULL;
	}
	return envp;
}

/* "wget", "wget and undici", "curl, wget and undici": the clients of failure, as --explain labels them. */
static char *client_list(const struct failure *failure)
{
	struct text t = {0};
	size_t total = 0, written = 0;
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++)
		total += failure->client[c];
	for (enum hfenv_client c = 0; c < HFENV_CLIENTS; c++) {
		if (!failure->client[c])
			continue;
		text_puts(&t, written == 0 ? "" : written + 1 == total ? " and " : ", ");
		text_puts(&t, hfenv_client_short_label(c));
		written++;
	}
	return text_finish(&t);
}

/* The first entry of the NO_PROXY list that httpx cannot build a pattern of, which stops it at start; or NULL. */
static const char *entry_stopping_httpx(struct engine *e)
{
	const char *list = slot_of(e, VAR_NO_LOWER)->value, *entry = list;
	size_t colons = 0;
	for (const char *p = list; p != NULL; p++) {
		if (*p != ',' && *p != '\0') {
			colons += *p == ':';
			continue;
		}
		/* Only a port (one colon) or brackets can stop httpx: hfenv removed the IPv6 ranges. */
		size_t n = (size_t)(p - entry);
		if (n > 0 && (colons == 1 || *entry == '[') && httpx_entry_fails_at_start(entry, n))
			return keep(e, strndup(entry, n));
		if (*p == '\0')
			break;
		entry = p + 1;
		colons = 0;
	}
	return NULL;
}

static void warn_of_failure(struct engine *e, const struct failure *failure)
{
	char *clients = client_list(failure);
	const char *entry = NULL;
	if (clients == NULL) {
		e->out_of_memory = true;
		return;
	}
	if (strcmp(failure->reason, "bad scheme") == 0)
		add_finding(e, HFENV_WARNING, "the https:// proxy fails in %n (http:// only); use its http:// port",
			    clients);
	else if (strcmp(failure->reason, "CGI") == 0)
		add_finding(e, HFENV_WARNING, "%n: no proxy for http:// under CGI; unset REQUEST_METHOD if not CGI",
			    clients);
	else if (strcmp(failure->reason, "bad NO_PROXY") == 0 && (entry = entry_stopping_httpx(e)) != NULL)
		add_finding(e, HFENV_WARNING, "%n fail at start on NO_PROXY %v; remove it", clients, entry);
	else
		add_finding(e, HFENV_WARNING, "%n would fail (%s) on %n: see hfenv --explain", clients, failure->reason,
			    failure->variable ? failure->variable : "NO_PROXY");
	free(clients);
}

/* SOCKS let through has its warning (engine/socks.c), and no other failure of its own. */
static bool socks_warned(const struct engine *e, const char *value)
{
	return (e->allow_socks || e->no_xet) && strncmp(value, "socks", 5) == 0;
}

/*
 * A value that could make a client fail, the only case in which the client model runs: a proxy URL that is
 * neither http:// nor SOCKS let through, CGI, or a NO_PROXY entry that stops httpx.
 */
static bool could_fail(struct engine *e)
{
	for (enum pair pair = PAIR_HTTP; pair <= PAIR_ALL; pair++) {
		const char *value = pair_lower(e, pair)->value;
		if (value != NULL && strncmp(value, "http://", 7) != 0 && !socks_warned(e, value))
			return true;
	}
	return (e->cgi && (pair_set(e, PAIR_HTTP) || pair_set(e, PAIR_ALL))) || entry_stopping_httpx(e) != NULL;
}

void warn_of_failing_clients(struct engine *e)
{
	if (e->warnings_unread || e->result->error_count > 0 || !could_fail(e))
		return;
	bool local = warn_of_tls_to_a_local_proxy(e, PAIR_HTTPS);
	if (!same_value(pair_lower(e, PAIR_HTTP)->value, pair_lower(e, PAIR_HTTPS)->value))
		local = warn_of_tls_to_a_local_proxy(e, PAIR_HTTP) || local;
	struct failure failures[FAILURE_REASONS_MAX];
	size_t count = 0;
	char **envp = variables_after(e);
	if (envp == NULL || predict_failures(envp, failures, &count) != 0) {
		e->out_of_memory = true;
		return;
	}
	bool socks_let_through = e->allow_socks || e->no_xet;
	for (size_t i = 0; i < count; i++) {
		bool said = (local && strcmp(failures[i].reason, "bad scheme") == 0) ||
			    (socks_let_through && strcmp(failures[i].reason, "no SOCKS") == 0);
		if (!said)
			warn_of_failure(e, &failures[i]);
	}
}
