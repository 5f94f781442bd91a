#ifndef HFENV_ENGINE_OPTIONS_H
#define HFENV_ENGINE_OPTIONS_H

#include "common/assignments.h"

#include <stdbool.h>

enum hfenv_prefer { HFENV_PREFER_UNSET, HFENV_PREFER_LOWER, HFENV_PREFER_UPPER };

/* The spelling --prefer and HFENV_PREFER name: lower or upper, in any case.  False for another word. */
bool hfenv_prefer_named(const char *word, enum hfenv_prefer *prefer);

/* What the command line asked the engine for; HFENV_* variables fill in what it left unset. */
struct hfenv_options {
	const char *proxy;            /* -p URL, or NULL */
	const char *ca_bundle;        /* --ca-bundle FILE, or NULL */
	bool no_xet;                  /* -x */
	bool allow_socks;             /* --allow-socks */
	bool proxy_loopback;          /* --proxy-loopback: no localhost, 127.0.0.1, ::1 added to NO_PROXY */
	bool verbose;                 /* -v */
	bool check_ca_bundle;         /* --explain: read the CA bundle even where no bundle variable changes */
	bool quiet;                   /* -q */
	enum hfenv_prefer prefer;     /* --prefer */
	struct hfenv_assignments assignments; /* -u NAME and NAME=VALUE */
};

#endif
