#include "clients/trust.h"

#include "common/environment.h"
#include "common/variables.h"

#include <stdbool.h>
#include <stddef.h>

/* How one client finds its CA bundle: the facts of docs/proxy-clients.md (Trust), as data; roots NULL: not modelled. */
struct trust_rule {
	size_t variable_count;
	enum hfenv_variable variables[2]; /* read in this order; the first non-empty one is the bundle */
	bool adds;                    /* the default roots stay trusted next to the bundle (Debian: /etc/ssl/certs) */
	bool empty_loads_nothing;     /* a set but empty SSL_CERT_FILE is a bundle of nothing */
	const char *roots;
};

/* wget and aria2c (GnuTLS) read their bundle from their own configuration only; httpx, with or without socksio,
 * and httpx2 read certifi's. */
static const struct trust_rule trust_rules[HFENV_CLIENTS] = {
	[HFENV_CLIENT_CURL] = {2, {VAR_CURL_CA_BUNDLE, VAR_SSL_CERT_FILE}, true, false, "system store"},
	[HFENV_CLIENT_GIT] = {1, {VAR_GIT_SSL_CAINFO}, true, false, "system store"},
	[HFENV_CLIENT_WGET] = {0, {0}, false, false, "system store"},
	[HFENV_CLIENT_ARIA2C] = {0, {0}, false, false, "system store"},
	[HFENV_CLIENT_URLLIB] = {1, {VAR_SSL_CERT_FILE}, true, false, "system store"},
	[HFENV_CLIENT_REQUESTS] = {2, {VAR_REQUESTS_CA_BUNDLE, VAR_CURL_CA_BUNDLE}, false, false, "certifi (Debian: system store)"},
	[HFENV_CLIENT_HTTPX] = {1, {VAR_SSL_CERT_FILE}, false, false, "certifi"},
	[HFENV_CLIENT_HTTPX_SOCKSIO] = {1, {VAR_SSL_CERT_FILE}, false, false, "certifi"},
	[HFENV_CLIENT_HTTPX2] = {1, {VAR_SSL_CERT_FILE}, false, false, "certifi"},
	[HFENV_CLIENT_REQWEST] = {1, {VAR_SSL_CERT_FILE}, true, false, "system store"},
	[HFENV_CLIENT_HF_XET] = {1, {VAR_SSL_CERT_FILE}, false, true, "system store"},
	[HFENV_CLIENT_GO] = {1, {VAR_SSL_CERT_FILE}, true, false, "system store"},
	[HFENV_CLIENT_NODE] = {1, {VAR_NODE_EXTRA_CA_CERTS}, true, false, "bundled roots"},
};

void hfenv_predict_trust(enum hfenv_client client, char *const envp[], struct hfenv_trust *trust)
{
	const struct trust_rule *rule = &trust_rules[client];
	*trust = (struct hfenv_trust){.kind = HFENV_TRUST_DEFAULT, .roots = rule->roots};
	if (rule->roots == NULL) {
		*trust = (struct hfenv_trust){.kind = HFENV_TRUST_NOT_MODELLED, .roots = "not modelled"};
		return;
	}
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
