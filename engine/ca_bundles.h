#ifndef HFENV_ENGINE_CA_BUNDLES_H
#define HFENV_ENGINE_CA_BUNDLES_H

#include "engine/engine.h"

/* One CA bundle for every client: the one the user named, or the first bundle variable set. */
engine_step normalize_ca_bundles;

#endif
