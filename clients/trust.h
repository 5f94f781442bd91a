#ifndef HFENV_CLIENTS_TRUST_H
#define HFENV_CLIENTS_TRUST_H

#include "clients/families.h"

/* Which certificates each client trusts, predicted from the environment alone (--explain). */

enum hfenv_trust_kind {
	HFENV_TRUST_DEFAULT,          /* the client's own roots: the system's store, or a bundled copy */
	HFENV_TRUST_REPLACED,         /* only the bundle in variable */
	HFENV_TRUST_ADDED,            /* the bundle in variable and the default roots */
	HFENV_TRUST_NONE,             /* no certificate at all: every HTTPS request fails */
	HFENV_TRUST_NOT_MODELLED,     /* the trust model has no rule for this family */
};

struct hfenv_trust {
	enum hfenv_trust_kind kind;
	const char *variable;         /* the variable the bundle comes from, or NULL */
	const char *file;             /* its value, pointing into envp, or NULL */
	const char *roots;            /* the default roots, for people: "system store", "certifi", ... */
};

/* What client trusts under envp; for duplicate entries it reads the first, as getenv() does. */
void hfenv_predict_trust(enum hfenv_client client, char *const envp[], struct hfenv_trust *trust);

#endif
