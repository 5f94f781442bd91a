#include "trust.h"

#include <stddef.h>
#include <string.h>

/* How one client finds its CA bundle: the facts of docs/proxy-clients.md (Trust), as data. */
struct trust_rule {
	const char *id;
	const char *label;
	const char *variables[2];     /* read in this order; the first non-empty one is the bundle */
	bool adds;                    /* the default roots stay trusted next to the bundle (Debian: /etc/ssl/certs) */
	bool empty_loads_nothing;     /* a set but empty SSL_CERT_FILE is a bundle of nothing */
	const char *roots;
};

static const struct trust_rule trust_rules[HFENV_TRUST_CLIENTS] = {
	[HFENV_TRUST_CURL] = {"curl", "curl", {"CURL_CA_BUNDLE", "SSL_CERT_FILE"}, true, false, "system store"},
	[HFENV_TRUST_GIT] = {"git", "git", {"GIT_SSL_CAINFO"}, true, false, "system store"},
	[HFENV_TRUST_WGET] = {"wget", "wget (GnuTLS: wgetrc only)", {NULL}, false, false, "system store"},
	[HFENV_TRUST_URLLIB] = {"urllib", "Python urllib", {"SSL_CERT_FILE"}, true, false, "system store"},
	[HFENV_TRUST_REQUESTS] = {"requests", "requests/pip", {"REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"}, false, false,
				  "certifi (Debian: system store)"},
	[HFENV_TRUST_HTTPX] = {"httpx", "httpx (huggingface_hub)", {"SSL_CERT_FILE"}, false, false, "certifi"},
	[HFENV_TRUST_REQWEST] = {"reqwest", "reqwest 0.11 (native-tls)", {"SSL_CERT_FILE"}, true, false, "system store"},
	[HFENV_TRUST_HF_XET] = {"hf_xet", "hf_xet (rustls-native-certs)", {"SSL_CERT_FILE"}, false, true, "system store"},
	[HFENV_TRUST_GO] = {"go", "Go", {"SSL_CERT_FILE"}, true, false, "system store"},
	[HFENV_TRUST_NODE] = {"node", "Node", {"NODE_EXTRA_CA_CERTS"}, true, false, "bundled roots"},
};

const char *hfenv_trust_client_id(enum hfenv_trust_client client)
{
	return trust_rules[client].id;
}

const char *hfenv_trust_client_label(enum hfenv_trust_client client)
{
	return trust_rules[client].label;
}

static const char *first_value(char *const envp[], const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; envp[i] != NULL; i++)
		if (strncmp(envp[i], name, n) == 0 && envp[i][n] == '=')
			return envp[i] + n + 1;
	return NULL;
}

void hfenv_predict_trust(enum hfenv_trust_client client, char *const envp[], struct hfenv_trust *trust)
{
	const struct trust_rule *rule = &trust_rules[client];
	*trust = (struct hfenv_trust){.kind = HFENV_TRUST_DEFAULT, .roots = rule->roots};
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
