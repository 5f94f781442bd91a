#ifndef HFENV_ROUTES_H
#define HFENV_ROUTES_H

#include "env.h"

/* The route each client family takes for a URL scheme, predicted from the environment alone (--explain). */

enum hfenv_client {
	HFENV_CLIENT_CURL, HFENV_CLIENT_GIT, HFENV_CLIENT_WGET, HFENV_CLIENT_URLLIB, HFENV_CLIENT_REQUESTS,
	HFENV_CLIENT_HTTPX, HFENV_CLIENT_HTTPX_SOCKSIO, HFENV_CLIENT_HTTPX2, HFENV_CLIENT_REQWEST, HFENV_CLIENT_HF_XET,
	HFENV_CLIENT_GO, HFENV_CLIENT_NODE, HFENV_CLIENT_UNDICI,
	HFENV_CLIENTS
};

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

/* A short id ("curl", "hf_xet") and a label for people ("reqwest 0.11 (Debian)"). */
const char *hfenv_client_id(enum hfenv_client client);
const char *hfenv_client_label(enum hfenv_client client);

/* Predicts client's route for target URLs to a host not listed in NO_PROXY; -1 on ENOMEM. */
int hfenv_predict_route(enum hfenv_client client, enum hfenv_target target, char *const envp[],
			struct hfenv_route *route);
/* A host a request goes to: lower case, IPv6 without brackets; port given in the URL, or the scheme's. */
struct hfenv_destination {
	const char *host;
	unsigned port;
	bool port_given;
};

/* The same for target URLs to destination, NO_PROXY and Go's loopback rule included; destination NULL: as above. */
int hfenv_predict_route_to(enum hfenv_client client, enum hfenv_target target, const struct hfenv_destination *destination,
			   char *const envp[], struct hfenv_route *route);
void hfenv_route_free(struct hfenv_route *route);

/* Same way out: both direct (ignored counts as direct), both failing, or the same proxy. */
bool hfenv_routes_agree(const struct hfenv_route *a, const struct hfenv_route *b);

/*
 * envp as a command would see it under `env -u NAME... NAME=VALUE...` with opts' unset and
 * assign lists (assignments.h), for the variables routes depend on: an assignment takes the
 * place of the variable's first entry.  Other entries are passed as they are.
 * NULL-terminated, free() it; entries point into envp and opts.  NULL on ENOMEM.
 */
char **hfenv_route_environment(const struct hfenv_options *opts, char *const envp[]);

#endif
