#include "engine/socks.h"

#include "engine/findings.h"
#include "engine/storage.h"

#include <stdio.h>
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

/* The well-known local proxies' SOCKS ports, and where the same proxy takes http:// (docs/proxy-clients.md). */
static const struct local_proxy {
	unsigned socks_port, http_port;
	const char *detail;
} local_proxies[] = {
	{7890, 7890, "SOCKS: 7890 is Clash's mixed port, which takes http:// too"},
	{7891, 7890, "SOCKS: 7891 is Clash's SOCKS port; its HTTP port is 7890"},
	{7897, 7897, "SOCKS: 7897 is Clash Verge's mixed port, which takes http:// too"},
	{10808, 10809, "SOCKS: 10808 is V2RayN's SOCKS port; its HTTP port is 10809"},
};

bool is_local_http_port(unsigned port)
{
	for (size_t i = 0; i < sizeof local_proxies / sizeof local_proxies[0]; i++)
		if (local_proxies[i].http_port == port)
			return true;
	return false;
}

/* The local proxy whose SOCKS port value, a normalized SOCKS URL, has; NULL for another port. */
static const struct local_proxy *local_proxy_of(const char *value, size_t *port_colon)
{
	const char *authority = strstr(value, "://") + 3;
	size_t colon = strlen(authority) - (value[strlen(value) - 1] == '/');
	while (colon > 0 && authority[colon - 1] != ':')
		colon--;
	unsigned port = (unsigned)strtoul(authority + colon, NULL, 10);
	*port_colon = colon;
	for (size_t i = 0; colon > 0 && i < sizeof local_proxies / sizeof local_proxies[0]; i++)
		if (local_proxies[i].socks_port == port)
			return &local_proxies[i];
	return NULL;
}

/* The http:// URL of the same proxy as value, a normalized SOCKS URL, when it is a local proxy's; else NULL. */
static const char *http_url_of(struct engine *e, const char *value)
{
	size_t colon;
	const struct local_proxy *proxy = local_proxy_of(value, &colon);
	if (proxy == NULL)
		return NULL;
	const char *authority = strstr(value, "://") + 3;
	size_t size = strlen("http://") + colon + sizeof "65535";
	char *url = keep(e, malloc(size));
	if (url != NULL)
		snprintf(url, size, "http://%.*s%u", (int)colon, authority, proxy->http_port);
	return url;
}

/* For -v, after a refusal: which local proxy's port value has, if any. */
static void detail_local_proxy(struct engine *e, const char *value)
{
	size_t colon;
	const struct local_proxy *proxy = local_proxy_of(value, &colon);
	if (proxy != NULL)
		add_detail(e, "%s", proxy->detail);
}

/* The SOCKS proxies of the http and https pairs refused: one message when they are one value, as -p gives. */
static void refuse_socks_for_http(struct engine *e)
{
	bool http = e->socks_url[PAIR_HTTP], https = e->socks_url[PAIR_HTTPS];
	const struct slot *h = e->source[PAIR_HTTP], *s = e->source[PAIR_HTTPS];
	const char *value = pair_lower(e, PAIR_HTTPS)->value;
	if (http && https && e->proxy_option != NULL && same_value(pair_lower(e, PAIR_HTTP)->value, value)) {
		const char *url = http_url_of(e, value);
		add_finding(e, HFENV_ERROR, url ? "%s %v is SOCKS: use %v or --allow-socks"
						: "%s %v is SOCKS: use its HTTP port or --allow-socks",
			    e->proxy_option, value, url);
	} else if (http && https && same_value(h->value, s->value)) {
		const char *url = http_url_of(e, s->value);
		add_finding(e, HFENV_ERROR, url ? "%n and %n are SOCKS: use %v or --allow-socks"
						: "%n and %n are SOCKS: use its HTTP port or --allow-socks",
			    h->name, s->name, url);
	} else {
		for (enum pair pair = PAIR_HTTP; pair <= PAIR_HTTPS; pair++) {
			const char *url = e->socks_url[pair] ? http_url_of(e, e->source[pair]->value) : NULL;
			if (e->socks_url[pair])
				add_finding(e, HFENV_ERROR, url ? "%n=%v is SOCKS: use %v or --allow-socks"
								: "%n=%v is SOCKS: use its HTTP port or --allow-socks",
					    e->source[pair]->name, e->source[pair]->value, url);
		}
	}
	detail_local_proxy(e, (https ? s : h)->value);
}

/* A SOCKS ALL_PROXY that would carry http or https URLs is refused, and so are SOCKS http(s) proxies; -v says why. */
static void refuse_socks(struct engine *e)
{
	if (e->socks_url[PAIR_HTTP] || e->socks_url[PAIR_HTTPS])
		refuse_socks_for_http(e);
	if (e->socks_url[PAIR_ALL] && (!pair_set(e, PAIR_HTTP) || !pair_set(e, PAIR_HTTPS))) {
		const struct slot *all = e->source[PAIR_ALL];
		const char *url = http_url_of(e, all->value);
		if (url != NULL)
			add_finding(e, HFENV_ERROR, "%n is SOCKS only: add -p %v or --allow-socks", all->name, url);
		else
			add_finding(e, HFENV_ERROR, "%n=%v is SOCKS only: use its HTTP port or --allow-socks",
				    all->name, all->value);
		add_detail(e, "SOCKS: %n is the only proxy for %s URLs", all->name,
			   pair_set(e, PAIR_HTTP) ? "https" : pair_set(e, PAIR_HTTPS) ? "http" : "http and https");
		detail_local_proxy(e, all->value);
	}
	explain_socks(e);
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
