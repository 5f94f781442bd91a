#ifndef HFENV_CLIENTS_ROUTES_H
#define HFENV_CLIENTS_ROUTES_H

#include "clients/destination.h"
#include "clients/families.h"

#include <stdbool.h>

/* The route each client family takes for a URL scheme, predicted from the environment alone (--explain). */

enum hfenv_target { HFENV_TARGET_HTTP, HFENV_TARGET_HTTPS, HFENV_TARGETS };

enum hfenv_route_kind {
	HFENV_ROUTE_DIRECT,           /* no proxy applies */
	HFENV_ROUTE_PROXY,            /* through route.proxy */
	HFENV_ROUTE_IGNORED,          /* a proxy is set, but the client drops it and connects directly */
	HFENV_ROUTE_REFUSED_CGI,      /* the request fails: the client refuses a proxy under CGI */
	HFENV_ROUTE_FAILS,            /* the request fails: the client cannot use the value */
};

struct hfenv_route {
	enum hfenv_route_kind kind;
	char *proxy;                  /* HFENV_ROUTE_PROXY: normalized URL with credentials, malloc'd; else NULL */
	const char *variable;         /* the variable the route comes from, or NULL */
	const char *reason;           /* why, for IGNORED, REFUSED_CGI, FAILS and a NO_PROXY bypass; else NULL */
};

/* Predicts client's route for target URLs to a host not listed in NO_PROXY; -1 on ENOMEM. */
int hfenv_predict_route(enum hfenv_client client, enum hfenv_target target, char *const envp[],
			struct hfenv_route *route);
/* The same for target URLs to destination, NO_PROXY and Go's loopback rule included; destination NULL: as above. */
int hfenv_predict_route_to(enum hfenv_client client, enum hfenv_target target, const struct hfenv_destination *destination,
			   char *const envp[], struct hfenv_route *route);
void hfenv_route_free(struct hfenv_route *route);

/* Same way out: both direct (ignored counts as direct), both failing, or the same proxy. */
bool hfenv_routes_agree(const struct hfenv_route *a, const struct hfenv_route *b);

/* The port client takes for an http:// proxy URL that gives none (80 but for libcurl's 1080). */
unsigned hfenv_client_http_proxy_port(enum hfenv_client client);

#endif
