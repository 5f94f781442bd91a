#ifndef HFENV_CLIENTS_HOST_SPELLINGS_H
#define HFENV_CLIENTS_HOST_SPELLINGS_H

#include "clients/rules.h"
#include "common/url.h"

/*
 * The proxy hosts hfenv's URL parser refuses because clients read them differently, an IPv6 zone
 * ("[fe80::1%25eth0]", "[fe80::1%eth0]") and %HH in a name ("%6cocalhost"), read as one client does
 * (its rule's zone and host_escape): docs/proxy-clients.md has the run they come from.
 */

struct host_spelling {
	char *zone;                   /* the zone the client connects with, for the proxy's URL; malloc'd, or NULL */
	const char *failure;          /* the client takes the value, but every request through it fails: why; or NULL */
};

/*
 * value (cleaned as the client cleans it) parsed to HFENV_URL_ZONE or HFENV_URL_HOST_ESCAPE: parses it again as
 * the client reads it. *status and *url then hold what the client takes, zone apart, or a status that is not
 * HFENV_URL_OK when the client cannot parse it; failure is set when it takes the value but cannot connect with
 * it. -1 on ENOMEM; free spelling->zone.
 */
int read_host_spelling(const struct client_rule *rule, const char *value, enum hfenv_url_status *status,
		       struct hfenv_url *url, struct host_spelling *spelling);

/* proxy, a URL whose host is an IPv6 address in brackets, with "%25" zone in them; NULL on ENOMEM. */
char *proxy_with_zone(const char *proxy, const char *zone);

#endif
