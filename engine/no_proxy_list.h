#ifndef HFENV_ENGINE_NO_PROXY_LIST_H
#define HFENV_ENGINE_NO_PROXY_LIST_H

#include <stdbool.h>
#include <stddef.h>

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
	bool names_alone;             /* with ".dom" forms the list would be too long to pass to a command: none */
	const char *bad_entry;        /* points into the value at an entry with a blank or control character inside */
	struct hfenv_no_proxy_note *notes;
	size_t note_count;
};

/*
 * Rewrites a NO_PROXY list so that the clients read it alike: entries trimmed and lower-cased, a
 * port removed, "/32" and "/128" made the address, an IPv6 range removed; a name ("dom", ".dom",
 * "*.dom") becomes "dom,.dom", the domain and its subdomains in every client, unless the list would
 * then be too long for execve (names_alone); an entry given twice stays once; "*" anywhere makes
 * the list "*".  -1 on ENOMEM; free with hfenv_no_proxy_free.
 */
int hfenv_normalize_no_proxy(const char *value, struct hfenv_no_proxy *out);

/* What a proxy adds to NO_PROXY, so that every client skips it for loopback (".localhost" as localhost's pair). */
#define HFENV_NO_PROXY_LOOPBACK_ENTRIES 4
extern const char *const hfenv_no_proxy_loopback[HFENV_NO_PROXY_LOOPBACK_ENTRIES];
void hfenv_no_proxy_free(struct hfenv_no_proxy *no_proxy);

#endif
