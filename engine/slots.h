#ifndef HFENV_ENGINE_SLOTS_H
#define HFENV_ENGINE_SLOTS_H

#include "engine/engine.h"

/* The name table: a slot for every row of hfenv_variables and every name of -u and NAME=VALUE. */
int make_slots(struct engine *e);

/* The slot named name[0..len), or NULL. */
struct slot *find_slot(const struct engine *e, const char *name, size_t len);

/* A slot for name[0..len) if it is a variable of the Hub's table (hub/settings.h), else NULL: claimed when the
 * environment holds it, so that a run without one pays for none. */
struct slot *claim_hub_slot(struct engine *e, const char *name, size_t len);

/* The slot of an environment entry named name[0..len): found, claimed for a Hub setting or a proxy variable in another
 * letter case (Https_Proxy), or NULL.  The name filter turns almost every other name away before any hash. */
struct slot *read_slot(struct engine *e, const char *name, size_t len);

/* NAME=VALUE of s, which has a value, kept until the result is freed; NULL on ENOMEM. */
char *slot_entry(struct engine *e, const struct slot *s);

#endif
