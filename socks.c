#include "engine_internal.h"

#include <stdlib.h>
#include <string.h>

static const char socks_advice[] =
	"Debian's reqwest and hf_xet before 1.2.0 ignore a SOCKS proxy and connect directly, and Python needs PySocks; "
	"use the proxy's HTTP port instead (Clash: http://127.0.0.1:7890, V2RayN: http://127.0.0.1:10809) "
	"or pass --allow-socks";

static const char socks_clients[] =
	"httpx (huggingface_hub >= 1.0) fails at start unless socksio is installed (pip install 'httpx[socks]') and takes "
	"only socks5 and socks5h, requests needs PySocks (pip install 'requests[socks]'), wget and urllib cannot use it";

/* Clash's triple: the SOCKS ALL_PROXY carries no http(s) request, yet httpx without socksio fails on it at start. */
static void drop_socks_all_proxy_beside_http_proxies(struct engine *e)
{
	for (enum pair pair = PAIR_HTTP; pair <= PAIR_HTTPS; pair++)
		if (!pair_set(e, pair) || e->socks_url[pair])
			return;
	if (!e->socks_url[PAIR_ALL] || e->allow_socks)
		return;
	add_finding(e, HFENV_WARNING,
		    "%n=%v is a SOCKS proxy beside HTTP proxies for both http and https URLs: removed (both spellings), "
		    "because httpx (huggingface_hub >= 1.0) without socksio fails at start on a SOCKS URL in any proxy variable; "
		    "pass --allow-socks to keep it",
		    e->source[PAIR_ALL]->name, e->source[PAIR_ALL]->value);
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

/* A SOCKS proxy is refused unless --allow-socks or Xet being off lets it through, and then it is spelt for every client. */
void check_socks(struct engine *e)
{
	drop_socks_all_proxy_beside_http_proxies(e);
	bool allowed = e->allow_socks || e->no_xet;
	bool kept = e->socks_url[PAIR_ALL];
	for (enum pair pair = PAIR_HTTP; pair <= PAIR_HTTPS; pair++) {
		if (!e->socks_url[pair])
			continue;
		kept = true;
		if (!allowed)
			add_finding(e, HFENV_ERROR, "%n=%v is a SOCKS proxy: %s", e->source[pair]->name,
				    e->source[pair]->value, socks_advice);
	}
	if (e->socks_url[PAIR_ALL] && (!pair_set(e, PAIR_HTTP) || !pair_set(e, PAIR_HTTPS)) && !allowed)
		add_finding(e, HFENV_ERROR,
			    "%n=%v is a SOCKS proxy and the only proxy for %s URLs: %s; or set https_proxy and http_proxy to an HTTP proxy",
			    e->source[PAIR_ALL]->name, e->source[PAIR_ALL]->value,
			    pair_set(e, PAIR_HTTP) ? "https" : pair_set(e, PAIR_HTTPS) ? "http" : "http and https",
			    socks_advice);
	if (!kept || !allowed)
		return;
	spell_socks5_as_socks5h(e);
	add_finding(e, HFENV_WARNING, "a SOCKS proxy is let through (%s): %s; %s",
		    e->allow_socks ? "--allow-socks" : "Xet is off", socks_clients,
		    resolves_names_locally(e)
			    ? "with socks4:// each client resolves host names itself (socks4a:// lets the proxy do it)"
			    : "host names are resolved at the proxy (socks5:// is written socks5h://: with socks5:// curl and reqwest "
			      "resolve them themselves while httpx and Go send them to the proxy; Go 1.19 cannot read socks5h://)");
}
