#ifndef HFENV_CLIENTS_FAMILIES_H
#define HFENV_CLIENTS_FAMILIES_H

/* The client families hfenv models: the one list the route model, the trust model and --explain read. */
enum hfenv_client {
	HFENV_CLIENT_CURL, HFENV_CLIENT_GIT, HFENV_CLIENT_WGET, HFENV_CLIENT_ARIA2C, HFENV_CLIENT_URLLIB, HFENV_CLIENT_REQUESTS,
	HFENV_CLIENT_HTTPX, HFENV_CLIENT_HTTPX_SOCKSIO, HFENV_CLIENT_HTTPX2, HFENV_CLIENT_REQWEST, HFENV_CLIENT_HF_XET,
	HFENV_CLIENT_GO, HFENV_CLIENT_NODE, HFENV_CLIENT_UNDICI,
	HFENV_CLIENTS
};

/* A short id for machines ("hf_xet"), a label for people ("reqwest 0.11 (Debian)") and one of at most 15 columns. */
const char *hfenv_client_id(enum hfenv_client client);
const char *hfenv_client_label(enum hfenv_client client);
const char *hfenv_client_short_label(enum hfenv_client client);

#endif
