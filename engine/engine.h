#ifndef HFENV_ENGINE_ENGINE_H
#define HFENV_ENGINE_ENGINE_H

/* Inside the engine: the state env.c and its steps share.  Nothing outside env.c and engine/ includes it. */

#include "common/variables.h"
#include "engine/bundle_facts.h"
#include "engine/options.h"
#include "engine/result.h"

#include <stdint.h>
#include <string.h>

#define NO_POSITION SIZE_MAX
#define NAME_FILTER_BITS 1024
#define UNKNOWN_HUB_NAMES_SHOWN 8

/* One variable the engine reads or writes: every row of hfenv_variables, then the names of -u and NAME=VALUE. */
struct slot {
	const char *name;
	size_t name_len;
	const char *original;         /* value of the first entry in envp, or NULL */
	const char *value;            /* value now; NULL when unset */
	size_t position;              /* index of the first entry in the output */
	size_t duplicates;
	bool owned;                   /* hfenv may rewrite it, so duplicates are dropped */
	bool secret;                  /* the Hub's table says no message shows its value (slot_is_secret adds the name rule) */
};

/* The proxy variables by what they are for; each is a pair of slots, lower case first. */
enum pair { PAIR_HTTP, PAIR_HTTPS, PAIR_ALL, PAIR_NO, PAIRS };

struct engine {
	const struct hfenv_options *opts;
	struct hfenv_result *result;
	hfenv_bundle_reader *read_bundle;
	size_t env_capacity;          /* slots of result->env, NULL included */
	struct slot *slots;           /* slots[v] is the slot of hfenv_variables[v] */
	size_t slot_count;
	size_t slot_capacity;         /* claim_hub_slot grows slots and table when the environment holds Hub settings */
	uint32_t *table;              /* slot index + 1, 0 when free; argc bounds the slots */
	size_t table_mask;
	unsigned char name_filter[NAME_FILTER_BITS / 8]; /* a bit for every slot name (engine/slots.c) */
	size_t finding_capacity;
	bool out_of_memory;
	bool describe_changes;
	bool warnings_unread;         /* -q on the exec path: warnings are dropped, so a step that only warns may skip */
	bool cgi;
	bool allow_socks;
	bool no_xet;
	enum hfenv_prefer prefer;
	bool proxy_loopback;
	bool no_proxy_everything;     /* NO_PROXY has "*": no client may use a proxy */
	bool no_proxy_names_alone;    /* NO_PROXY got no ".dom" forms: it would be too long with them */
	const char *proxy_option;     /* "--proxy" or "HFENV_PROXY" when it set the proxies, else NULL */
	bool socks_url[PAIRS];
	const struct slot *source[PAIRS]; /* the spelling whose value a pair took */
	const char *unknown_hub_names[UNKNOWN_HUB_NAMES_SHOWN]; /* entries whose HF_HUB_/HF_XET_ name no reader knows */
	size_t unknown_hub_name_count; /* such entries, those past UNKNOWN_HUB_NAMES_SHOWN included */
};

/*
 * A step of the engine: one concern (the proxies, SOCKS, the CA bundles...), a file of engine/ with
 * a header of its own name, run by normalize() in env.c in the order of its list `steps`, after the
 * environment, -u, NAME=VALUE and the HFENV_* settings are read and before the environment is
 * written.  A step reads e->opts and sets the values of its variables' slots (slot_of(e, VAR_...)->value;
 * each variable a row of common/variables.c), keeps every string it makes with keep() (engine/storage.h)
 * and says what is wrong with add_finding() (engine/findings.h); it prints nothing and reads files only
 * through e->read_bundle.
 */
typedef void engine_step(struct engine *e);

static inline struct slot *slot_of(struct engine *e, enum hfenv_variable variable)
{
	return &e->slots[variable];
}

static inline struct slot *pair_lower(struct engine *e, enum pair pair)
{
	static const enum hfenv_variable lower[PAIRS] = {VAR_HTTP_LOWER, VAR_HTTPS_LOWER, VAR_ALL_LOWER, VAR_NO_LOWER};
	return slot_of(e, lower[pair]);
}

static inline bool pair_set(struct engine *e, enum pair pair)
{
	return pair_lower(e, pair)->value != NULL;
}

static inline bool same_value(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

#endif
