#ifndef HFENV_ENGINE_SETTINGS_H
#define HFENV_ENGINE_SETTINGS_H

#include "engine/engine.h"

/* hfenv's own settings: each option, or else its HFENV_* variable, read into the engine (and -v, -q into the result). */
engine_step read_settings;

#endif
