#ifndef HFENV_HUB_SETTINGS_H
#define HFENV_HUB_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

/* The Hub's own settings (issue 19): what huggingface_hub 2.4 and hf_xet 1.8 read, and how (docs/hub-settings.md). */

enum hfenv_hub_kind {
	HFENV_HUB_URL,                /* an endpoint: http(s)://HOST[:PORT][/PATH] */
	HFENV_HUB_FLAG,               /* true or false, in the spellings its readers take */
	HFENV_HUB_PY_INT,             /* Python's int() */
	HFENV_HUB_U64,                /* Rust's u64/usize FromStr */
	HFENV_HUB_U32,                /* Rust's u32 FromStr */
	HFENV_HUB_FLOAT,              /* Rust's f64 FromStr */
	HFENV_HUB_DURATION,           /* humantime::parse_duration: 30s, 1m 30s, 500ms */
	HFENV_HUB_SIZE,               /* xet-core's ByteSize: 512mb, 1.5GiB, 4096 */
	HFENV_HUB_PATH,
	HFENV_HUB_TEXT,
	HFENV_HUB_SECRET,             /* never shown in a message */
};

enum { HFENV_READ_HUB = 1, HFENV_READ_XET = 2 };

struct hfenv_hub_setting {
	const char *name;
	enum hfenv_hub_kind kind;
	unsigned readers;             /* HFENV_READ_HUB, HFENV_READ_XET or both */
};

extern const struct hfenv_hub_setting hfenv_hub_settings[];
extern const size_t hfenv_hub_setting_count;

/* False for a name that is no HF_... or HUGGING...: the test every variable of the environment pays, inline. */
static inline bool hfenv_hub_may_be(const char *name, size_t len)
{
	return len >= 4 && name[0] == 'H' && ((name[1] == 'F' && name[2] == '_') || name[1] == 'U');
}

/* The row of the variable named name[0..len), or NULL; a binary search of the table, in strcmp order. */
const struct hfenv_hub_setting *hfenv_hub_find(const char *name, size_t len);

/* One line for the user: format holds %n (the name) and, unless the setting is a secret, %v (the value as given). */
struct hfenv_hub_message {
	size_t row;
	bool error;
	const char *format;
};

struct hfenv_hub_outcome {
	struct hfenv_hub_message *messages;
	size_t message_count;
	char **made;                  /* values built here (a scheme added): the caller takes them */
	size_t made_count;
};

/* One setting to read: its row in hfenv_hub_settings and its value, never NULL. */
struct hfenv_hub_value {
	size_t row;
	const char *value;
};

/*
 * Reads each of values[0..count) as its readers mean it and rewrites its value: trimmed, an endpoint
 * given a scheme and stripped of trailing slashes, a flag respelled, an empty number NULL (unset).
 * New values point into the old ones, to static text or to out->made.  0, or -1 with errno ENOMEM
 * (out empty).  Free out with hfenv_hub_outcome_free.
 */
int hfenv_hub_normalize(struct hfenv_hub_value *values, size_t count, struct hfenv_hub_outcome *out);
void hfenv_hub_outcome_free(struct hfenv_hub_outcome *out);

/* The endpoint a download's metadata and Xet token come from, and whether huggingface_hub uses Xet. */
struct hfenv_hub_endpoint {
	char *url;                    /* normalized HF_ENDPOINT, or the default */
	char *host;                   /* lower case, IPv6 without brackets */
	unsigned port;                /* given, or the scheme's */
	bool https;
	bool mirror;                  /* HF_ENDPOINT names another host than huggingface.co */
	bool xet;                     /* HF_HUB_DISABLE_XET does not read as true */
};

/* From a normalized environment (hfenv_normalize's result); -1 with errno ENOMEM or EINVAL (no usable endpoint). */
int hfenv_hub_endpoint(char *const env[], struct hfenv_hub_endpoint *out);
void hfenv_hub_endpoint_free(struct hfenv_hub_endpoint *endpoint);

/* One host a download goes to, and for what. */
struct hfenv_hub_host {
	const char *part;             /* "metadata, Xet token", "Xet storage (CAS)"... */
	const char *host;
	unsigned port;
};

/*
 * The hosts of a download from endpoint: the endpoint (metadata and Xet token), then with Xet on the
 * CAS and transfer hosts the Hub's xet-read-token answer names (cas-server.xethub.hf.co and
 * transfer.xethub.hf.co for huggingface.co and hf-mirror.com), with Xet off the bridge its
 * resolve redirects to.  Returns how many, at most HFENV_HUB_HOSTS; hosts point into endpoint.
 */
#define HFENV_HUB_HOSTS 3
size_t hfenv_hub_download_hosts(const struct hfenv_hub_endpoint *endpoint, struct hfenv_hub_host hosts[HFENV_HUB_HOSTS]);

/* Every host a download from endpoint may reach, Xet on or off: the endpoint, the CAS, the bridge, the xorbs' host. */
#define HFENV_HUB_REACHABLE_HOSTS 4
void hfenv_hub_reachable_hosts(const struct hfenv_hub_endpoint *endpoint,
			       struct hfenv_hub_host hosts[HFENV_HUB_REACHABLE_HOSTS]);

#endif
