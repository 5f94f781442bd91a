#ifndef HFENV_ENGINE_VALUES_H
#define HFENV_ENGINE_VALUES_H

#include "engine/engine.h"

/* The one rule for the values hfenv reads, and what the steps do to the values of slots alike. */

/* [start, end), blanks aside, is in one pair of matching quotes that hfenv removes (none within them). */
bool is_unquotable(const char *start, const char *end);

/* The other spelling of a proxy or NO_PROXY slot when it holds the same value, so one message names both; else NULL. */
struct slot *same_valued_twin(struct engine *e, const struct slot *s);

/*
 * Every value hfenv reads (the proxy variables in any case, the CA bundle variables, the Hub's settings,
 * HFENV_*) loses the blanks, CR and LF around it and then one pair of quotes around the whole value
 * (docker run --env-file and systemd's EnvironmentFile= keep them), with one warning.  An empty value
 * stays empty: each step says what empty means for its variables.
 */
engine_step clean_values;

/* Where an empty value counts as unset (the proxy and CA bundle variables). */
static inline void unset_if_empty(struct slot *s)
{
	if (s->value != NULL && *s->value == '\0')
		s->value = NULL;
}

#endif
