#ifndef HFENV_ENGINE_HUB_NAMES_H
#define HFENV_ENGINE_HUB_NAMES_H

#include "engine/engine.h"

/* Notes the environment entry whose name is name[0..len) when it is an HF_HUB_ or HF_XET_ name the Hub's table lacks. */
void note_unknown_hub_name(struct engine *e, const char *entry, size_t len);

/* One warning for each HF_HUB_ or HF_XET_ variable set that no reader knows: what replaced it, or the nearest name. */
engine_step warn_of_unknown_hub_names;

#endif
