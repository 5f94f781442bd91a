#ifndef HFENV_ENGINE_HUB_SETTINGS_H
#define HFENV_ENGINE_HUB_SETTINGS_H

#include "engine/engine.h"

/* The Hub's own settings (HF_ENDPOINT, HF_HUB_*, HF_XET_*, HF_TOKEN) read as their readers mean them (hub/normalize.h). */
engine_step normalize_hub_settings;

#endif
