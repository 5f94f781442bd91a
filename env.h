#ifndef HFENV_ENV_H
#define HFENV_ENV_H

#include <stdbool.h>
#include <stddef.h>

enum hfenv_prefer { HFENV_PREFER_UNSET, HFENV_PREFER_LOWER, HFENV_PREFER_UPPER };

/* A bundle with fewer PEM certificates than this replaces a client's roots with too little (a company root alone). */
#define HFENV_BUNDLE_FEW 10

enum hfenv_bundle_status {
	HFENV_BUNDLE_OK,
	HFENV_BUNDLE_UNREADABLE,      /* open or read failed: error is the errno */
	HFENV_BUNDLE_NOT_A_FILE,      /* a directory, or not a regular file */
	HFENV_BUNDLE_NO_CERTIFICATE,  /* readable, but no PEM certificate in it */
	HFENV_BUNDLE_DER,             /* no PEM certificate; it starts like a DER one */
};

/* What the caller found in a CA bundle file: the engine opens no file itself. */
struct hfenv_bundle_facts {
	enum hfenv_bundle_status status;
	int error;
	size_t certificates;          /* counted up to HFENV_BUNDLE_FEW */
	char *absolute_path;          /* malloc'd, when path was relative; NULL otherwise (the engine frees it) */
};

typedef void hfenv_bundle_reader(const char *path, struct hfenv_bundle_facts *facts);

/* What the command line asked for; HFENV_* variables fill in what it left unset. */
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
	const char *const *unset;     /* -u NAME, in command-line order */
	size_t unset_count;
	const char *const *assign;    /* NAME=VALUE operands, in command-line order */
	size_t assign_count;
};

enum hfenv_finding_kind { HFENV_CHANGE, HFENV_WARNING, HFENV_ERROR };

/* Columns of a message line: a finding fits after "hfenv: warning: " (a warning) or "hfenv: " (the others). */
#define HFENV_LINE_WIDTH 100

/* One line for the user: already redacted, quoted and free of control characters. */
struct hfenv_finding {
	enum hfenv_finding_kind kind;
	char *message;
};

/* One variable hfenv set or removed, for --export: value is NULL when removed. */
struct hfenv_edit {
	const char *name;
	const char *value;
};

struct hfenv_result {
	char **env;                   /* NULL-terminated; unchanged entries point into the input */
	size_t env_count;
	struct hfenv_finding *findings;
	size_t finding_count;
	size_t error_count;
	struct hfenv_edit *edits;
	size_t edit_count;
	bool verbose;                 /* -v or HFENV_VERBOSE */
	bool quiet;                   /* -q or HFENV_QUIET */
	const char *path;             /* PATH of env (its first entry), or NULL: the exec site needs no second pass */
	struct hfenv_storage *storage;
};

/*
 * Normalize envp under opts.  read_bundle inspects the CA bundle file the result would name (the
 * engine reads no file), called only for --ca-bundle, -v, check_ca_bundle, or when a bundle variable
 * is to change; NULL takes them unchecked.  Returns 0 and fills *out (free it with
 * hfenv_result_free), or -1 with errno ENOMEM and *out empty.
 * Refusals are findings of kind HFENV_ERROR, not a -1 return.
 */
int hfenv_normalize(const struct hfenv_options *opts, hfenv_bundle_reader *read_bundle, char *const envp[],
		    struct hfenv_result *out);

void hfenv_result_free(struct hfenv_result *result);

#endif
