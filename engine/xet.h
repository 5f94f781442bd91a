#ifndef HFENV_ENGINE_XET_H
#define HFENV_ENGINE_XET_H

#include "engine/engine.h"

/* -x or HFENV_NO_XET: both of huggingface_hub's switches for Xet say so. */
engine_step apply_no_xet;

#endif
