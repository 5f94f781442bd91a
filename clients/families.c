#include "clients/families.h"

struct client_family {
	const char *id;
	const char *label;
	const char *short_label;
};

static const struct client_family families[HFENV_CLIENTS] = {
	[HFENV_CLIENT_CURL] = {"curl", "curl", "curl"},
	[HFENV_CLIENT_GIT] = {"git", "git", "git"},
	[HFENV_CLIENT_WGET] = {"wget", "wget", "wget"},
	[HFENV_CLIENT_ARIA2C] = {"aria2c", "aria2c 1.36 (hfd.sh)", "aria2c"},
	[HFENV_CLIENT_URLLIB] = {"urllib", "Python urllib", "Python urllib"},
	[HFENV_CLIENT_REQUESTS] = {"requests", "requests 2.34", "requests 2.34"},
	[HFENV_CLIENT_HTTPX] = {"httpx", "httpx 0.28 (no socksio)", "httpx 0.28"},
	[HFENV_CLIENT_HTTPX_SOCKSIO] = {"httpx-socksio", "httpx 0.28 + socksio", "httpx+socksio"},
	[HFENV_CLIENT_HTTPX2] = {"httpx2", "huggingface_hub 2.4 (httpx2)", "huggingface_hub"},
	[HFENV_CLIENT_REQWEST] = {"reqwest", "reqwest 0.11 (Debian)", "reqwest 0.11"},
	[HFENV_CLIENT_HF_XET] = {"hf_xet", "hf_xet >= 1.3, uv: reqwest 0.13", "hf_xet, uv"},
	[HFENV_CLIENT_GO] = {"go", "Go 1.26 net/http", "Go 1.26"},
	[HFENV_CLIENT_NODE] = {"node", "Node (NODE_USE_ENV_PROXY=1)", "Node"},
	[HFENV_CLIENT_UNDICI] = {"undici", "undici EnvHttpProxyAgent", "undici"},
};

const char *hfenv_client_id(enum hfenv_client client)
{
	return families[client].id;
}

const char *hfenv_client_label(enum hfenv_client client)
{
	return families[client].label;
}

const char *hfenv_client_short_label(enum hfenv_client client)
{
	return families[client].short_label;
}
