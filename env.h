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

/* Building blocks, exposed for the tests and the fuzzers. */

enum hfenv_url_status {
	HFENV_URL_OK,
	HFENV_URL_CONTROL,            /* blank or control character inside */
	HFENV_URL_SCHEME,             /* scheme not supported */
	HFENV_URL_NO_HOST,
	HFENV_URL_BAD_HOST,
	HFENV_URL_DNS_LIMITS,         /* host name over 253 characters, or a label empty or over 63 */
	HFENV_URL_IPV6_UNBRACKETED,
	HFENV_URL_BAD_PORT,
	HFENV_URL_PATH,               /* path, query or fragment after the host */
};

enum hfenv_scheme {
	HFENV_SCHEME_HTTP, HFENV_SCHEME_HTTPS, HFENV_SCHEME_SOCKS4, HFENV_SCHEME_SOCKS4A, HFENV_SCHEME_SOCKS5,
	HFENV_SCHEME_SOCKS5H
};

/* A proxy URL taken apart; every string is malloc'd (hfenv_url_free), user and password percent-decoded. */
struct hfenv_url {
	char *text;                   /* normalized URL; NULL unless HFENV_URL_OK */
	enum hfenv_scheme scheme;     /* http when the value has none */
	bool socks;                   /* scheme is socks4, socks4a, socks5 or socks5h */
	char *user;                   /* NULL when the URL has no user part */
	char *password;               /* NULL when the user part has no ':' */
	char *host;                   /* IPv6 addresses without brackets */
	unsigned port;                /* 0 when the URL gives none */
};

/* Parse and normalize a cleaned proxy URL; -1 on ENOMEM. */
int hfenv_parse_proxy_url(const char *value, enum hfenv_url_status *status, struct hfenv_url *url);
void hfenv_url_free(struct hfenv_url *url);

/* A decimal port from 1 to 65535 in text[0..length), at most 5 digits; false otherwise. */
bool hfenv_parse_port(const char *text, size_t length, unsigned *port);

/* Length of the scheme before "://" at the start of value, or 0 when it has none. */
size_t hfenv_scheme_length(const char *value);
const char *hfenv_url_status_text(enum hfenv_url_status status);

/* A copy of value fit for a message: password replaced by ***, quoted, escaped, shortened. NULL on ENOMEM. */
char *hfenv_quote_redacted(const char *value);

/* What rewriting a NO_PROXY list did to one entry that the clients do not all read alike. */
enum hfenv_no_proxy_note_kind {
	HFENV_NO_PROXY_PORT_REMOVED,  /* host:port became host: the bypass now covers every port */
	HFENV_NO_PROXY_IPV6_RANGE_DROPPED, /* an IPv6 CIDR range makes httpx fail at start: removed */
	HFENV_NO_PROXY_RANGE_KEPT,    /* an IPv4 CIDR range: urllib, wget and httpx do not read it as one */
	HFENV_NO_PROXY_NOTE_KINDS
};

struct hfenv_no_proxy_note {
	enum hfenv_no_proxy_note_kind kind;
	const char *entry;            /* points into the value, blanks around removed */
	size_t length;
};

struct hfenv_no_proxy {
	char *list;                   /* the rewritten list, malloc'd; NULL when bad_entry is set */
	bool everything;              /* an entry is "*": the list is "*" alone */
	const char *bad_entry;        /* points into the value at an entry with a blank or control character inside */
	struct hfenv_no_proxy_note *notes;
	size_t note_count;
};

/*
 * Rewrites a NO_PROXY list so that the clients read it alike: entries trimmed and lower-cased,
 * ".dom" and "*.dom" become "dom", a port is removed, "/32" and "/128" become the address, an IPv6
 * range is removed, "*" anywhere makes the list "*".  -1 on ENOMEM; free with hfenv_no_proxy_free.
 */
int hfenv_normalize_no_proxy(const char *value, struct hfenv_no_proxy *out);
void hfenv_no_proxy_free(struct hfenv_no_proxy *no_proxy);

/* Shell statement for one edit: "export NAME='v'" / "unset NAME" (sh) or "set -gx ..." (fish). NULL on ENOMEM. */
enum hfenv_shell { HFENV_SHELL_SH, HFENV_SHELL_FISH };
char *hfenv_shell_statement(enum hfenv_shell shell, const struct hfenv_edit *edit);

/* A host name DNS can carry: at most 253 characters (a trailing dot free), labels of 1 to 63, %HH as one. */
bool hfenv_fits_dns(const char *host, size_t length);

/* text[0..length) with %HH decoded (a % not followed by two hex digits stays), NUL-terminated, malloc'd; NULL on ENOMEM. */
char *hfenv_percent_decode(const char *text, size_t length);

/* huggingface_hub's truth rule: 1, on, yes, true in any case. */
bool hfenv_is_true(const char *value);

/* A copy of value for display without quotes: password replaced by ***, control bytes escaped. NULL on ENOMEM. */
char *hfenv_redact(const char *value);

#endif
