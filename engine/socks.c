#include "engine/socks.h"

#include "engine/findings.h"
#include "engine/storage.h"

#include <stdlib.h>
#include <string.h>

/* The why of a SOCKS refusal and of letting one through, for -v: one line each, per client. */
static const char *const socks_details[] = {
	"SOCKS: aria2c, Debian's reqwest and hf_xet < 1.2.0 ignore it and connect directly",
	"SOCKS: httpx takes socks5(h) only, with socksio: pip install 'httpx[socks]'",
	"SOCKS: requests needs PySocks: pip install 'requests[socks]'; wget, urllib cannot",
	"SOCKS: the proxy's HTTP port works for every client (Clash: 7890, V2RayN: 10809)",
};

static void explain_socks(struct engine *e)
{
	for (size_t i = 0; i < sizeof socks_details / sizeof socks_details[0]; i++)
		add_detail(e, "%s", socks_details[i]);
}

/* Clash's triple: the SOCKS ALL_PROXY carries no http(s) request, yet httpx without socksio fails on it at start. */
static void drop_socks_all_proxy_beside_http_proxies(struct engine *e)
{
	for (enum pair pair = PAIR_HTTP; pair <= PAIR_HTTPS; pair++)
		if (!pair_set(e, pair) || e->socks_url[pair])
			return;
	if (!e->socks_url[PAIR_ALL] || e->allow_socks)
		return;
	if (e->describe_changes)
		add_finding(e, HFENV_CHANGE, "%n is SOCKS beside HTTP proxies: removed, as httpx fails on it without socksio",
			    e->source[PAIR_ALL]->name);
	slot_of(e, VAR_ALL_LOWER)->value = NULL;
	slot_of(e, VAR_ALL_UPPER)->value = NULL;
	e->socks_url[PAIR_ALL] = false;
}

/* socks5h: every client then resolves names at the proxy; with socks5 curl and reqwest resolve them, httpx and Go do not. */
static void spell_socks5_as_socks5h(struct engine *e)
{
	static const char socks5[] = "socks5://";
	for (enum pair pair = PAIR_HTTP; pair <= PAIR_ALL; pair++) {
		struct slot *lower = pair_lower(e, pair), *upper = lower + 1;
		if (!e->socks_url[pair] || strncmp(lower->value, socks5, sizeof socks5 - 1) != 0)
			continue;
		char *value = keep(e, malloc(strlen(lower->value) + 2));
		if (value == NULL)
			return;
		strcpy(value, "socks5h");
		strcat(value, lower->value + strlen("socks5"));
		lower->value = value;
		if (upper->value != NULL)
			upper->value = value;
	}
}

static bool resolves_names_locally(struct engine *e)
{
	for (enum pair pair = PAIR_HTTP; pair <= PAIR_ALL; pair++)
		if (e->socks_url[pair] && strncmp(pair_lower(e, pair)->value, "socks4://", 9) == 0)
			return true;
	return false;
}

/* The SOCKS proxies of the http and https pairs refused: one message when they are one value, as -p gives. */
static void refuse_socks(struct engine *e)
{
	bool http = e->socks_url[PAIR_HTTP], https = e->socks_url[PAIR_HTTPS];
	const char *advice = "use an HTTP proxy or --allow-socks";
	if (http && https && e->proxy_option != NULL && same_value(pair_lower(e, PAIR_HTTP)->value, pair_lower(e, PAIR_HTTPS)->value))
		add_finding(e, HFENV_ERROR, "%s %v is SOCKS: %s", e->proxy_option, pair_lower(e, PAIR_HTTPS)->value, advice);
	else if (http && https && same_value(e->source[PAIR_HTTP]->value, e->source[PAIR_HTTPS]->value))
		add_finding(e, HFENV_ERROR, "%n and %n=%v: SOCKS; %s", e->source[PAIR_HTTP]->name, e->source[PAIR_HTTPS]->name,
			    e->source[PAIR_HTTPS]->value, advice);
	else
		for (enum pair pair = PAIR_HTTP; pair <= PAIR_HTTPS; pair++)
			if (e->socks_url[pair])
				add_finding(e, HFENV_ERROR, "%n=%v is SOCKS: %s", e->source[pair]->name,
					    e->source[pair]->value, advice);
	if (e->socks_url[PAIR_ALL] && (!pair_set(e, PAIR_HTTP) || !pair_set(e, PAIR_HTTPS))) {
		add_finding(e, HFENV_ERROR, "%n=%v is SOCKS only: add an HTTP one or --allow-socks",
			    e->source[PAIR_ALL]->name, e->source[PAIR_ALL]->value);
		add_detail(e, "SOCKS: %n is the only proxy for %s URLs", e->source[PAIR_ALL]->name,
			   pair_set(e, PAIR_HTTP) ? "https" : pair_set(e, PAIR_HTTPS) ? "http" : "http and https");
	}
}

/* A SOCKS proxy is refused unless --allow-socks or Xet being off lets it through, and then it is spelt for every client. */
void check_socks(struct engine *e)
{
	drop_socks_all_proxy_beside_http_proxies(e);
	bool allowed = e->allow_socks || e->no_xet;
	bool kept = e->socks_url[PAIR_ALL] || e->socks_url[PAIR_HTTP] || e->socks_url[PAIR_HTTPS];
	if (!kept)
		return;
	if (!allowed) {
		bool only_all = !e->socks_url[PAIR_HTTP] && !e->socks_url[PAIR_HTTPS];
		if (!only_all || !pair_set(e, PAIR_HTTP) || !pair_set(e, PAIR_HTTPS))
			refuse_socks(e);
		return;
	}
	spell_socks5_as_socks5h(e);
	add_finding(e, HFENV_WARNING, "a SOCKS proxy is let through (%s): httpx needs socksio, requests PySocks",
		    e->allow_socks ? "--allow-socks" : "Xet is off");
	explain_socks(e);
	add_detail(e, "%s", resolves_names_locally(e)
			      ? "SOCKS: with socks4:// each client resolves names itself (socks4a:// lets the proxy)"
			      : "SOCKS: socks5:// is written socks5h://, so every client resolves names at the proxy");
}
