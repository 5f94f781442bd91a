#include "hub/endpoint.h"

#include "common/ascii.h"
#include "common/environment.h"
#include "common/text.h"
#include "common/truth.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char default_endpoint[] = "https://huggingface.co";

bool hfenv_hub_is_http_scheme(const char *value, size_t scheme_len)
{
	static const char https[] = "https";
	if (scheme_len != 4 && scheme_len != 5)
		return false;
	for (size_t i = 0; i < scheme_len; i++)
		if (lower_ascii(value[i]) != https[i])
			return false;
	return true;
}

int hfenv_hub_url_authority(const char *url, size_t scheme_len, enum hfenv_url_status *status,
			    struct hfenv_url *authority)
{
	const char *start = url + scheme_len + 3, *path = start + strcspn(start, "/");
	for (const char *p = path; *p; p++) {
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f) {
			*status = HFENV_URL_CONTROL;
			return 0;
		}
	}
	char *proxy_form = text_join("http://", start, (size_t)(path - start));
	int failed = proxy_form == NULL || hfenv_parse_proxy_url(proxy_form, status, authority) != 0;
	free(proxy_form);
	if (failed)
		errno = ENOMEM;
	return failed ? -1 : 0;
}

int hfenv_hub_endpoint(char *const env[], struct hfenv_hub_endpoint *out)
{
	*out = (struct hfenv_hub_endpoint){0};
	const char *value = hfenv_getenv(env, "HF_ENDPOINT");
	out->staging = hfenv_is_true(hfenv_getenv(env, "HUGGINGFACE_CO_STAGING"));
	if (out->staging)
		value = HFENV_HUB_STAGING_URL;
	if (value == NULL)
		value = default_endpoint;
	size_t scheme_len = hfenv_scheme_length(value);
	enum hfenv_url_status status = HFENV_URL_OK;
	struct hfenv_url authority;
	if (!hfenv_hub_is_http_scheme(value, scheme_len) || strpbrk(value, "?#") != NULL) {
		errno = EINVAL;
		return -1;
	}
	if (hfenv_hub_url_authority(value, scheme_len, &status, &authority) != 0)
		return -1;
	if (status != HFENV_URL_OK) {
		errno = EINVAL;
		return -1;
	}
	out->https = scheme_len == 5;
	out->port = authority.port ? authority.port : hfenv_scheme_port(out->https ? HFENV_SCHEME_HTTPS : HFENV_SCHEME_HTTP);
	out->host = authority.host;
	authority.host = NULL;
	hfenv_url_free(&authority);
	out->url = strdup(value);
	for (char *p = out->host; p != NULL && *p; p++)
		*p = lower_ascii(*p);
	if (out->url == NULL || out->host == NULL) {
		hfenv_hub_endpoint_free(out);
		errno = ENOMEM;
		return -1;
	}
	out->mirror = !out->staging && strcmp(out->host, "huggingface.co") != 0;
	out->xet = !hfenv_is_true(hfenv_getenv(env, "HF_HUB_DISABLE_XET"));
	return 0;
}

void hfenv_hub_endpoint_free(struct hfenv_hub_endpoint *endpoint)
{
	free(endpoint->url);
	free(endpoint->host);
	*endpoint = (struct hfenv_hub_endpoint){0};
}

/* casUrl in xet-core's xet_client/src/hub_client/types.rs; xorb URLs in its openapi/cas.openapi.yaml. */
static const struct hfenv_hub_host xet_cas = {"Xet storage (CAS)", "cas-server.xethub.hf.co", 443};
static const struct hfenv_hub_host xet_xorbs = {"Xet storage (xorbs)", "transfer.xethub.hf.co", 443};
static const struct hfenv_hub_host xet_bridge = {"files, redirected (Xet bridge)", "cas-bridge.xethub.hf.co", 443};

size_t hfenv_hub_download_hosts(const struct hfenv_hub_endpoint *endpoint, struct hfenv_hub_host hosts[HFENV_HUB_HOSTS])
{
	/* With Xet off, huggingface_hub asks the endpoint for the file itself, and is redirected to the bridge. */
	hosts[0] = (struct hfenv_hub_host){endpoint->xet ? "metadata, Xet token" : "metadata, files", endpoint->host,
					   endpoint->port};
	if (!endpoint->xet) {
		hosts[1] = xet_bridge;
		return 2;
	}
	hosts[1] = xet_cas;
	hosts[2] = xet_xorbs;
	return 3;
}

void hfenv_hub_reachable_hosts(const struct hfenv_hub_endpoint *endpoint, struct hfenv_hub_host hosts[HFENV_HUB_REACHABLE_HOSTS])
{
	hosts[0] = (struct hfenv_hub_host){"metadata, Xet token", endpoint->host, endpoint->port};
	hosts[1] = xet_cas;
	hosts[2] = xet_bridge;
	hosts[3] = xet_xorbs;
}
