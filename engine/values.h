#ifndef HFENV_ENGINE_VALUES_H
#define HFENV_ENGINE_VALUES_H

#include "engine/engine.h"

/* What the steps do to the values of slots alike: blanks and quotes around them, and the other spelling. */

/* Strips blanks, CR and LF around the value (and its twin's, with one message); an empty value becomes unset. */
void clean_value(struct engine *e, struct slot *s);

/* [start, end), blanks aside, is in one pair of matching quotes that hfenv removes (none within them). */
bool is_unquotable(const char *start, const char *end);

/* The other spelling of a proxy or NO_PROXY slot when it holds the same value, so one message names both; else NULL. */
struct slot *same_valued_twin(struct engine *e, const struct slot *s);

/* Quotes that docker run --env-file and systemd's EnvironmentFile= keep: one pair around a whole value goes. */
engine_step unquote_values;

#endif
