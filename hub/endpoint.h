#ifndef HFENV_HUB_ENDPOINT_H
#define HFENV_HUB_ENDPOINT_H

#include "common/url.h"

#include <stdbool.h>
#include <stddef.h>

/* value starts with a scheme of scheme_len bytes (hfenv_scheme_length) that is http or https, in any case. */
bool hfenv_hub_is_http_scheme(const char *value, size_t scheme_len);

/*
 * The host and port of url, an http(s) URL whose scheme has scheme_len bytes and which has no query
 * or fragment, as the proxy URL parser reads its authority into *authority (free it with
 * hfenv_url_free when *status is HFENV_URL_OK); HFENV_URL_CONTROL also for a blank, control or
 * non-ASCII byte in its path.  -1 on ENOMEM.
 */
int hfenv_hub_url_authority(const char *url, size_t scheme_len, enum hfenv_url_status *status,
			    struct hfenv_url *authority);

/* Where huggingface_hub goes, HF_ENDPOINT or not, when HUGGINGFACE_CO_STAGING is true (constants.py). */
#define HFENV_HUB_STAGING_URL "https://hub-ci.huggingface.co"

/* The endpoint a download's metadata and Xet token come from, and whether huggingface_hub uses Xet. */
struct hfenv_hub_endpoint {
	char *url;                    /* normalized HF_ENDPOINT, HFENV_HUB_STAGING_URL, or the default */
	char *host;                   /* lower case, IPv6 without brackets */
	unsigned port;                /* given, or the scheme's */
	bool https;
	bool staging;                 /* HUGGINGFACE_CO_STAGING is true */
	bool mirror;                  /* HF_ENDPOINT names another host than huggingface.co */
	bool xet;                     /* HF_HUB_DISABLE_XET does not read as true */
};

/* From a normalized environment (hfenv_normalize's result); -1 with errno ENOMEM or EINVAL (no usable endpoint). */
int hfenv_hub_endpoint(char *const env[], struct hfenv_hub_endpoint *out);
void hfenv_hub_endpoint_free(struct hfenv_hub_endpoint *endpoint);

/* One host a download goes to, and for what. */
struct hfenv_hub_host {
	const char *part;             /* "metadata, Xet token", "Xet storage (CAS)"... */
	const char *host;
	unsigned port;
};

/*
 * The hosts of a download from endpoint: the endpoint (metadata and Xet token), then with Xet on the
 * CAS and transfer hosts the Hub's xet-read-token answer names (cas-server.xethub.hf.co and
 * transfer.xethub.hf.co for huggingface.co and hf-mirror.com), with Xet off the bridge its
 * resolve redirects to.  Returns how many, at most HFENV_HUB_HOSTS; hosts point into endpoint.
 */
#define HFENV_HUB_HOSTS 3
size_t hfenv_hub_download_hosts(const struct hfenv_hub_endpoint *endpoint, struct hfenv_hub_host hosts[HFENV_HUB_HOSTS]);

/* Every host a download from endpoint may reach, Xet on or off: the endpoint, the CAS, the bridge, the xorbs' host. */
#define HFENV_HUB_REACHABLE_HOSTS 4
void hfenv_hub_reachable_hosts(const struct hfenv_hub_endpoint *endpoint,
			       struct hfenv_hub_host hosts[HFENV_HUB_REACHABLE_HOSTS]);

#endif
