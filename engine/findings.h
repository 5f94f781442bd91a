#ifndef HFENV_ENGINE_FINDINGS_H
#define HFENV_ENGINE_FINDINGS_H

#include "common/secrets.h"
#include "engine/engine.h"

/*
 * A finding, printf-like, one line that fits HFENV_LINE_WIDTH: %v a value to show quoted, %f a file
 * name to show quoted (not a secret: never redacted), %n a name (argv can hold anything), %s fixed
 * text, %z a size_t.  Values are redacted, escaped and shortened to fit.
 */
void add_finding(struct engine *e, enum hfenv_finding_kind kind, const char *format, ...);

/* Frees and removes the warnings of r, the others kept in order. */
void drop_warnings(struct hfenv_result *r);

/* No message shows the slot's value: its name is secret-like (common/secrets.h), or the Hub's table says so.
 * Asked only when a message is made; no name of hfenv_variables is secret-like (test_secrets.c says so). */
static inline bool slot_is_secret(const struct engine *e, const struct slot *s)
{
	return s->secret || (s >= e->slots + HFENV_VARIABLES && hfenv_name_is_secret(s->name, s->name_len));
}

/* What %v is given for a secret's value: shown as ***, unquoted. */
extern const char hidden_value[];

static inline const char *shown_value(const struct engine *e, const struct slot *s, const char *value)
{
	return slot_is_secret(e, s) ? hidden_value : value;
}

/* A finding for -v only: the why and the per-client detail of a warning (a warning, so a second run keeps it). */
#define add_detail(e, ...) ((e)->result->verbose ? add_finding((e), HFENV_WARNING, __VA_ARGS__) : (void)0)

#endif
