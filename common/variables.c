#include "common/variables.h"

#include "common/ascii.h"

#include <string.h>

const struct hfenv_variable_row hfenv_variables[HFENV_VARIABLES] = {
	[VAR_HTTP_LOWER] = {"http_proxy", VAR_KIND_PROXY},
	[VAR_HTTP_UPPER] = {"HTTP_PROXY", VAR_KIND_PROXY},
	[VAR_HTTPS_LOWER] = {"https_proxy", VAR_KIND_PROXY},
	[VAR_HTTPS_UPPER] = {"HTTPS_PROXY", VAR_KIND_PROXY},
	[VAR_ALL_LOWER] = {"all_proxy", VAR_KIND_PROXY},
	[VAR_ALL_UPPER] = {"ALL_PROXY", VAR_KIND_PROXY},
	[VAR_NO_LOWER] = {"no_proxy", VAR_KIND_NO_PROXY},
	[VAR_NO_UPPER] = {"NO_PROXY", VAR_KIND_NO_PROXY},
	[VAR_REQUESTS_CA_BUNDLE] = {"REQUESTS_CA_BUNDLE", VAR_KIND_CA_BUNDLE},
	[VAR_CURL_CA_BUNDLE] = {"CURL_CA_BUNDLE", VAR_KIND_CA_BUNDLE},
	[VAR_SSL_CERT_FILE] = {"SSL_CERT_FILE", VAR_KIND_CA_BUNDLE},
	[VAR_GIT_SSL_CAINFO] = {"GIT_SSL_CAINFO", VAR_KIND_CA_BUNDLE},
	[VAR_NODE_EXTRA_CA_CERTS] = {"NODE_EXTRA_CA_CERTS", VAR_KIND_CA_BUNDLE},
	[VAR_REQUEST_METHOD] = {"REQUEST_METHOD", VAR_KIND_CGI},
	[VAR_PATH] = {"PATH", VAR_KIND_PATH},
	[VAR_HFENV_PROXY] = {"HFENV_PROXY", VAR_KIND_SETTING},
	[VAR_HFENV_NO_XET] = {"HFENV_NO_XET", VAR_KIND_SETTING},
	[VAR_HFENV_ALLOW_SOCKS] = {"HFENV_ALLOW_SOCKS", VAR_KIND_SETTING},
	[VAR_HFENV_PROXY_LOOPBACK] = {"HFENV_PROXY_LOOPBACK", VAR_KIND_SETTING},
	[VAR_HFENV_PREFER] = {"HFENV_PREFER", VAR_KIND_SETTING},
	[VAR_HFENV_VERBOSE] = {"HFENV_VERBOSE", VAR_KIND_SETTING},
	[VAR_HFENV_QUIET] = {"HFENV_QUIET", VAR_KIND_SETTING},
	[VAR_HFENV_CA_BUNDLE] = {"HFENV_CA_BUNDLE", VAR_KIND_SETTING},
};

bool hfenv_variable_is_written(enum hfenv_variable variable)
{
	enum hfenv_variable_kind kind = hfenv_variables[variable].kind;
	return kind == VAR_KIND_PROXY || kind == VAR_KIND_NO_PROXY || kind == VAR_KIND_CA_BUNDLE;
}

enum hfenv_variable hfenv_variable_named(const char *name, size_t len)
{
	for (enum hfenv_variable v = 0; v < HFENV_VARIABLES; v++)
		if (strncmp(hfenv_variables[v].name, name, len) == 0 && hfenv_variables[v].name[len] == '\0')
			return v;
	return HFENV_VARIABLES;
}

enum hfenv_variable hfenv_proxy_variable_any_case(const char *name, size_t len)
{
	/* no_proxy, all_proxy, http_proxy, https_proxy: one length each. */
	static const enum hfenv_variable by_length[] = {VAR_NO_LOWER, VAR_ALL_LOWER, VAR_HTTP_LOWER, VAR_HTTPS_LOWER};
	if (!hfenv_proxy_variable_may_be(name, len))
		return HFENV_VARIABLES;
	enum hfenv_variable v = by_length[len - 8];
	for (size_t i = 0; i < len; i++)
		if (lower_ascii(name[i]) != hfenv_variables[v].name[i])
			return HFENV_VARIABLES;
	return v;
}
