#include "trust.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* How one client finds its CA bundle: the facts of docs/proxy-clients.md (Trust), as data; roots NULL: not modelled. */
struct trust_rule {
	const char *variables[2];     /* read in this order; the first non-empty one is the bundle */
	bool adds;                    /* the default roots stay trusted next to the bundle (Debian: /etc/ssl/certs) */
	bool empty_loads_nothing;     /* a set but empty SSL_CERT_FILE is a bundle of nothing */
	const char *roots;
};

/* wget (GnuTLS) reads its bundle from wgetrc only; httpx, with or without socksio, and httpx2 read certifi's. */
static const struct trust_rule trust_rules[HFENV_CLIENTS] = {
	[HFENV_CLIENT_CURL] = {{"CURL_CA_BUNDLE", "SSL_CERT_FILE"}, true, false, "system store"},
	[HFENV_CLIENT_GIT] = {{"GIT_SSL_CAINFO"}, true, false, "system store"},
	[HFENV_CLIENT_WGET] = {{NULL}, false, false, "system store"},
	[HFENV_CLIENT_URLLIB] = {{"SSL_CERT_FILE"}, true, false, "system store"},
	[HFENV_CLIENT_REQUESTS] = {{"REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"}, false, false, "certifi (Debian: system store)"},
	[HFENV_CLIENT_HTTPX] = {{"SSL_CERT_FILE"}, false, false, "certifi"},
	[HFENV_CLIENT_HTTPX_SOCKSIO] = {{"SSL_CERT_FILE"}, false, false, "certifi"},
	[HFENV_CLIENT_HTTPX2] = {{"SSL_CERT_FILE"}, false, false, "certifi"},
	[HFENV_CLIENT_REQWEST] = {{"SSL_CERT_FILE"}, true, false, "system store"},
	[HFENV_CLIENT_HF_XET] = {{"SSL_CERT_FILE"}, false, true, "system store"},
	[HFENV_CLIENT_GO] = {{"SSL_CERT_FILE"}, true, false, "system store"},
	[HFENV_CLIENT_NODE] = {{"NODE_EXTRA_CA_CERTS"}, true, false, "bundled roots"},
};

static const char *first_value(char *const envp[], const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; envp[i] != NULL; i++)
		if (strncmp(envp[i], name, n) == 0 && envp[i][n] == '=')
			return envp[i] + n + 1;
	return NULL;
}

void hfenv_predict_trust(enum hfenv_client client, char *const envp[], struct hfenv_trust *trust)
{
	const struct trust_rule *rule = &trust_rules[client];
	*trust = (struct hfenv_trust){.kind = HFENV_TRUST_DEFAULT, .roots = rule->roots};
	if (rule->roots == NULL) {
		*trust = (struct hfenv_trust){.kind = HFENV_TRUST_NOT_MODELLED, .roots = "not modelled"};
		return;
	}
	for (size_t i = 0; i < 2 && rule->variables[i] != NULL; i++) {
		const char *value = first_value(envp, rule->variables[i]);
		if (value != NULL && *value == '\0' && rule->empty_loads_nothing) {
			*trust = (struct hfenv_trust){.kind = HFENV_TRUST_NONE, .variable = rule->variables[i], .file = value,
						      .roots = rule->roots};
			return;
		}
		if (value != NULL && *value != '\0') {
			trust->kind = rule->adds ? HFENV_TRUST_ADDED : HFENV_TRUST_REPLACED;
			trust->variable = rule->variables[i];
			trust->file = value;
			return;
		}
	}
}
