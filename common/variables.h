#ifndef HFENV_COMMON_VARIABLES_H
#define HFENV_COMMON_VARIABLES_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The variables hfenv looks after, one row each in hfenv_variables: the engine's fixed slots, in this
 * order, and the names the client models (routes, trust), --help and tests/lib.sh read.
 * A variable clients read in two spellings is two rows, lower case first.
 */
enum hfenv_variable {
	VAR_HTTP_LOWER, VAR_HTTP_UPPER, VAR_HTTPS_LOWER, VAR_HTTPS_UPPER,
	VAR_ALL_LOWER, VAR_ALL_UPPER, VAR_NO_LOWER, VAR_NO_UPPER,
	VAR_REQUESTS_CA_BUNDLE, VAR_CURL_CA_BUNDLE, VAR_SSL_CERT_FILE, VAR_GIT_SSL_CAINFO, VAR_NODE_EXTRA_CA_CERTS,
	VAR_REQUEST_METHOD, VAR_PATH,
	VAR_HFENV_PROXY, VAR_HFENV_NO_XET, VAR_HFENV_ALLOW_SOCKS, VAR_HFENV_PROXY_LOOPBACK, VAR_HFENV_PREFER,
	VAR_HFENV_VERBOSE, VAR_HFENV_QUIET, VAR_HFENV_CA_BUNDLE,
	HFENV_VARIABLES
};

enum hfenv_variable_kind {
	VAR_KIND_PROXY,               /* a proxy URL, in lower and upper spelling */
	VAR_KIND_NO_PROXY,            /* the hosts that skip the proxy, in lower and upper spelling */
	VAR_KIND_CA_BUNDLE,           /* a client's CA bundle file */
	VAR_KIND_CGI,                 /* set under CGI, where HTTP_PROXY may come from a request header */
	VAR_KIND_PATH,                /* where the exec looks for the command */
	VAR_KIND_SETTING,             /* hfenv's own setting: read, passed on unchanged */
};

struct hfenv_variable_row {
	const char *name;
	enum hfenv_variable_kind kind;
};

extern const struct hfenv_variable_row hfenv_variables[HFENV_VARIABLES];

/* hfenv may rewrite the variable, so that its duplicate entries are dropped. */
bool hfenv_variable_is_written(enum hfenv_variable variable);

/* The row named name[0..len), or HFENV_VARIABLES when no row has that name. */
enum hfenv_variable hfenv_variable_named(const char *name, size_t len);

/* False for most names that are no proxy variable in any letter case: the test the exec path pays, inline. */
static inline bool hfenv_proxy_variable_may_be(const char *name, size_t len)
{
	return len - 8 < 4 && name[len - 6] == '_';
}

/* The lower-case row (VAR_HTTPS_LOWER) of the proxy variable name[0..len) spells in any letter case (Https_Proxy),
 * or HFENV_VARIABLES: Python's urllib lower-cases every name it reads. */
enum hfenv_variable hfenv_proxy_variable_any_case(const char *name, size_t len);

#endif
