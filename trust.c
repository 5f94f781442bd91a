#include "trust.h"

#include "variables.h"

#include <stddef.h>

/* How one client finds its CA bundle: the facts of docs/proxy-clients.md (Trust), as data. */
struct trust_rule {
	const char *id;
	const char *label;
	size_t variable_count;
	enum hfenv_variable variables[2]; /* read in this order; the first non-empty one is the bundle */
	bool adds;                    /* the default roots stay trusted next to the bundle (Debian: /etc/ssl/certs) */
	bool empty_loads_nothing;     /* a set but empty SSL_CERT_FILE is a bundle of nothing */
	const char *roots;
};

static const struct trust_rule trust_rules[HFENV_TRUST_CLIENTS] = {
	[HFENV_TRUST_CURL] = {"curl", "curl", 2, {VAR_CURL_CA_BUNDLE, VAR_SSL_CERT_FILE}, true, false, "system store"},
	[HFENV_TRUST_GIT] = {"git", "git", 1, {VAR_GIT_SSL_CAINFO}, true, false, "system store"},
	[HFENV_TRUST_WGET] = {"wget", "wget (GnuTLS: wgetrc only)", 0, {0}, false, false, "system store"},
	[HFENV_TRUST_URLLIB] = {"urllib", "Python urllib", 1, {VAR_SSL_CERT_FILE}, true, false, "system store"},
	[HFENV_TRUST_REQUESTS] = {"requests", "requests/pip", 2, {VAR_REQUESTS_CA_BUNDLE, VAR_CURL_CA_BUNDLE}, false, false,
				  "certifi (Debian: system store)"},
	[HFENV_TRUST_HTTPX] = {"httpx", "httpx (huggingface_hub)", 1, {VAR_SSL_CERT_FILE}, false, false, "certifi"},
	[HFENV_TRUST_REQWEST] = {"reqwest", "reqwest 0.11 (native-tls)", 1, {VAR_SSL_CERT_FILE}, true, false, "system store"},
	[HFENV_TRUST_HF_XET] = {"hf_xet", "hf_xet (rustls-native-certs)", 1, {VAR_SSL_CERT_FILE}, false, true, "system store"},
	[HFENV_TRUST_GO] = {"go", "Go", 1, {VAR_SSL_CERT_FILE}, true, false, "system store"},
	[HFENV_TRUST_NODE] = {"node", "Node", 1, {VAR_NODE_EXTRA_CA_CERTS}, true, false, "bundled roots"},
};

const char *hfenv_trust_client_id(enum hfenv_trust_client client)
{
	return trust_rules[client].id;
}

const char *hfenv_trust_client_label(enum hfenv_trust_client client)
{
	return trust_rules[client].label;
}

void hfenv_predict_trust(enum hfenv_trust_client client, char *const envp[], struct hfenv_trust *trust)
{
	const struct trust_rule *rule = &trust_rules[client];
	*trust = (struct hfenv_trust){.kind = HFENV_TRUST_DEFAULT, .roots = rule->roots};
	for (size_t i = 0; i < rule->variable_count; i++) {
		const char *variable = hfenv_variables[rule->variables[i]].name, *value = hfenv_getenv(envp, variable);
		if (value != NULL && *value == '\0' && rule->empty_loads_nothing) {
			*trust = (struct hfenv_trust){.kind = HFENV_TRUST_NONE, .variable = variable, .file = value,
						      .roots = rule->roots};
			return;
		}
		if (value != NULL && *value != '\0') {
			trust->kind = rule->adds ? HFENV_TRUST_ADDED : HFENV_TRUST_REPLACED;
			trust->variable = variable;
			trust->file = value;
			return;
		}
	}
}
