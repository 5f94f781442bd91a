#include "engine/ca_bundles.h"

#include "engine/findings.h"
#include "engine/storage.h"
#include "engine/values.h"

#include <stdlib.h>
#include <string.h>

static const char *bundle_problem(const struct hfenv_bundle_facts *facts)
{
	switch (facts->status) {
	case HFENV_BUNDLE_OK:
		break;
	case HFENV_BUNDLE_UNREADABLE:
		return strerror(facts->error);
	case HFENV_BUNDLE_NOT_A_FILE:
		return "not a regular file";
	case HFENV_BUNDLE_NO_CERTIFICATE:
		return "no PEM certificate in it";
	case HFENV_BUNDLE_DER:
		return "DER: openssl x509 -inform der -in FILE -out FILE.pem";
	case HFENV_BUNDLE_TOO_LARGE:
		return "over " HFENV_BUNDLE_BYTES_MAX_TEXT ", not a CA bundle";
	}
	return NULL;
}

/* A company root alone: Python's clients then trust nothing else. */
static void report_few_certificates(struct engine *e, const char *path, size_t certificates)
{
	add_finding(e, HFENV_WARNING, "CA bundle %f has only %z certificate%s: add the system's (see -v)", path,
		    certificates, certificates == 1 ? "" : "s");
	add_detail(e, "CA bundle: requests, pip, httpx, hf_xet trust it instead of the system's roots");
	add_detail(e, "CA bundle: so they reject hosts reached without the inspecting proxy (NO_PROXY ones)");
	add_detail(e, "CA bundle: curl, git, Go, urllib also read /etc/ssl/certs; Node adds it to its own");
	add_detail(e, "make one bundle: cat /etc/ssl/certs/ca-certificates.crt %f >all.pem", path);
	add_detail(e, "then: hfenv --ca-bundle all.pem ...");
}

/* How closely a bundle is checked: a stat only, its contents, or its contents for -v's words only. */
enum bundle_check { BUNDLE_LOOK, BUNDLE_READ, BUNDLE_READ_FOR_WORDS };

/* The chosen bundle, checked by the caller's reader: false after an error finding. */
static bool check_bundle(struct engine *e, const char *source, bool variable, const char **path, enum bundle_check how)
{
	if (e->read_bundle == NULL)
		return true;
	struct hfenv_bundle_facts facts = {0};
	e->read_bundle(*path, how != BUNDLE_LOOK, &facts);
	const char *problem = bundle_problem(&facts);
	if (problem != NULL) {
		free(facts.absolute_path);
		/* -v only adds words: what its reading finds beyond a stat's reach is a warning, as without -v it goes unseen. */
		bool error = how != BUNDLE_READ_FOR_WORDS || facts.status == HFENV_BUNDLE_UNREADABLE ||
			     facts.status == HFENV_BUNDLE_NOT_A_FILE || facts.status == HFENV_BUNDLE_TOO_LARGE;
		add_finding(e, error ? HFENV_ERROR : HFENV_WARNING, variable ? "%n=%f: %s%s" : "%n %f: %s%s", source, *path,
			    problem, facts.status == HFENV_BUNDLE_DER ? "" : "; name a PEM CA bundle");
		return !error;
	}
	if (how != BUNDLE_LOOK && facts.certificates < HFENV_BUNDLE_FEW)
		report_few_certificates(e, *path, facts.certificates);
	if (facts.absolute_path != NULL)
		*path = keep(e, facts.absolute_path);
	return true;
}

/* The first bundle variable set, the others that differ from it reported; NULL when none is set. */
static struct slot *first_bundle_variable(struct engine *e)
{
	struct slot *winner = NULL;
	for (enum hfenv_variable v = VAR_REQUESTS_CA_BUNDLE; v <= VAR_NODE_EXTRA_CA_CERTS && winner == NULL; v++)
		if (slot_of(e, v)->value != NULL)
			winner = slot_of(e, v);
	if (winner == NULL)
		return NULL;
	/* NODE_EXTRA_CA_CERTS adds to Node's roots, so a value of its own is kept, not reported. */
	for (enum hfenv_variable v = VAR_REQUESTS_CA_BUNDLE; v < VAR_NODE_EXTRA_CA_CERTS; v++) {
		const struct slot *s = slot_of(e, v);
		if (s == winner || s->value == NULL || same_value(s->value, winner->value))
			continue;
		add_finding(e, HFENV_WARNING, "%n=%f wins over a different %n", winner->name, winner->value, s->name);
		add_detail(e, "%n was %f (choose one with --ca-bundle FILE)", s->name, s->value);
	}
	return winner;
}

/* Whether giving every bundle variable bundle (NODE_EXTRA_CA_CERTS kept when node_kept) changes what a client reads. */
static bool bundle_variables_change(struct engine *e, const char *bundle, bool node_kept)
{
	for (enum hfenv_variable v = VAR_REQUESTS_CA_BUNDLE; v <= VAR_NODE_EXTRA_CA_CERTS; v++) {
		const struct slot *s = slot_of(e, v);
		if (s->duplicates > 0 || (!(v == VAR_NODE_EXTRA_CA_CERTS && node_kept) && !same_value(s->original, bundle)))
			return true;
	}
	return bundle[0] != '/';      /* the reader makes a relative path absolute */
}

/*
 * A command that changes nothing opens no file, but a stat finds a missing or unreadable bundle; the bundle is
 * read when asked for or about to spread, and under -v, which only adds words.
 */
static bool check_bundle_if_needed(struct engine *e, const char *source, bool variable, const char **path, bool node_kept)
{
	const struct hfenv_options *opts = e->opts;
	bool asked = opts->ca_bundle != NULL || opts->check_ca_bundle;
	enum bundle_check how = asked || bundle_variables_change(e, *path, node_kept) ? BUNDLE_READ
				: e->result->verbose ? BUNDLE_READ_FOR_WORDS : BUNDLE_LOOK;
	return check_bundle(e, source, variable, path, how);
}

/* A bundle from --ca-bundle or HFENV_CA_BUNDLE, or else the first bundle variable set, goes to every bundle variable. */
void normalize_ca_bundles(struct engine *e)
{
	const struct hfenv_options *opts = e->opts;
	for (enum hfenv_variable v = VAR_REQUESTS_CA_BUNDLE; v <= VAR_NODE_EXTRA_CA_CERTS; v++)
		unset_if_empty(slot_of(e, v));
	if (opts->ca_bundle != NULL && *opts->ca_bundle == '\0') {
		add_finding(e, HFENV_ERROR, "--ca-bundle is empty: give a PEM file such as /etc/ssl/certs/ca-certificates.crt");
		return;
	}
	const char *setting = slot_of(e, VAR_HFENV_CA_BUNDLE)->value;
	const char *bundle = opts->ca_bundle ? opts->ca_bundle : setting && *setting ? setting : NULL;
	struct slot *winner = NULL;
	bool usable = false;
	if (bundle != NULL) {
		usable = check_bundle_if_needed(e, opts->ca_bundle ? "--ca-bundle" : "HFENV_CA_BUNDLE", false, &bundle, false);
	} else {
		winner = first_bundle_variable(e);
		bundle = winner ? winner->value : NULL;
		usable = winner && check_bundle_if_needed(e, winner->name, true, &bundle,
							  slot_of(e, VAR_NODE_EXTRA_CA_CERTS)->value != NULL);
	}
	if (!usable)
		return;
	for (enum hfenv_variable v = VAR_REQUESTS_CA_BUNDLE; v <= VAR_NODE_EXTRA_CA_CERTS; v++)
		if (!(v == VAR_NODE_EXTRA_CA_CERTS && winner != NULL && slot_of(e, v)->value != NULL))
			slot_of(e, v)->value = bundle;
}
