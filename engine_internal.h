#ifndef HFENV_ENGINE_INTERNAL_H
#define HFENV_ENGINE_INTERNAL_H

/* Inside the engine: what env.c and its rooms (slots.c, proxies.c, socks.c, ca_policy.c, messages.c) share. */

#include "env.h"
#include "variables.h"

#include <stdint.h>
#include <string.h>

#define NO_POSITION SIZE_MAX
#define NAME_FILTER_BITS 1024

/* One variable the engine reads or writes: every row of hfenv_variables, then the names of -u and NAME=VALUE. */
struct slot {
	const char *name;
	size_t name_len;
	const char *original;         /* value of the first entry in envp, or NULL */
	const char *value;            /* value now; NULL when unset */
	size_t position;              /* index of the first entry in the output */
	size_t duplicates;
	bool owned;                   /* hfenv may rewrite it, so duplicates are dropped */
	bool secret;                  /* no message shows its value */
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
	unsigned char name_filter[NAME_FILTER_BITS / 8]; /* a bit for every slot name (slots.c) */
	size_t finding_capacity;
	bool out_of_memory;
	bool describe_changes;
	bool cgi;
	bool allow_socks;
	bool no_xet;
	enum hfenv_prefer prefer;
	bool proxy_loopback;
	bool no_proxy_everything;     /* NO_PROXY has "*": no client may use a proxy */
	const char *proxy_option;     /* "--proxy" or "HFENV_PROXY" when it set the proxies, else NULL */
	bool socks_url[PAIRS];
	const struct slot *source[PAIRS]; /* the spelling whose value a pair took */
};

/*
 * A room of the engine: one concern (the proxies, SOCKS, the CA bundles...) as a step of normalize() in
 * env.c, which runs the steps in the order of its list `steps`, after the environment, -u, NAME=VALUE and
 * the HFENV_* settings are read and before the environment is written.  A step reads e->opts and sets the
 * values of its variables' slots (slot_of(e, VAR_...)->value; each variable a row of variables.c), keeps
 * every string it makes with keep() and says what is wrong with add_finding(); it prints nothing and reads
 * files only through e->read_bundle.  A new concern is a file with one such step: its variables added to
 * variables.c, its step declared here and put in `steps`.
 */
typedef void engine_step(struct engine *e);

/* proxies.c: each pair's two spellings made one normalized value; then ALL_PROXY and loopback filled in. */
engine_step normalize_proxies;
engine_step complete_proxies;
/* socks.c: the SOCKS proxies every client can use, spelt so that they all resolve names alike. */
engine_step check_socks;
/* ca_policy.c: one CA bundle for every client, the one the user named or the first bundle variable set. */
engine_step normalize_ca_bundles;
/* hub_settings.c: the Hub's own settings (HF_ENDPOINT, HF_HUB_*, HF_XET_*, HF_TOKEN) read as their readers mean them. */
engine_step normalize_hub_settings;

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

/* block, freed with the result; NULL (and out_of_memory set) when block is NULL or cannot be kept. */
void *keep(struct engine *e, void *block);

/*
 * A finding, printf-like: %v a value to show quoted, %f a file name to show quoted (not a secret: never
 * redacted), %n a name (argv can hold anything), %s fixed text, %z a size_t.  (messages.c)
 */
void add_finding(struct engine *e, enum hfenv_finding_kind kind, const char *format, ...);

/* A finding for -v only: the why and the per-client detail of a warning (a warning, so a second run keeps it). */
#define add_detail(e, ...) ((e)->result->verbose ? add_finding((e), HFENV_WARNING, __VA_ARGS__) : (void)0)

/* Strips blanks, CR and LF around the value (and its twin's, with one message); an empty value becomes unset. */
void clean_value(struct engine *e, struct slot *s);
/* [start, end), blanks aside, is in one pair of matching quotes that hfenv removes (none within them). */
bool is_unquotable(const char *start, const char *end);
/* The other spelling of a proxy or NO_PROXY slot when it holds the same value, so one message names both; else NULL. */
struct slot *same_valued_twin(struct engine *e, const struct slot *s);

/* The name table (slots.c): a slot for every row of hfenv_variables and every name of -u and NAME=VALUE. */
int make_slots(struct engine *e);
/* The slot named name[0..len), or NULL. */
struct slot *find_slot(const struct engine *e, const char *name, size_t len);
/* A slot for name[0..len) if it is a variable of the Hub's table (hub_settings.h), else NULL: claimed when the
 * environment holds it, so that a run without one pays for none. */
struct slot *claim_hub_slot(struct engine *e, const char *name, size_t len);

#endif
