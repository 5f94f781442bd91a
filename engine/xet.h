#ifndef HFENV_ENGINE_XET_H
#define HFENV_ENGINE_XET_H

#include "engine/engine.h"

/* The switch for Xet: HF_HUB_DISABLE_XET, which huggingface_hub reads, and HF_HUB_DISABLE_XETHUB, which copied
 * advice names and nothing reads. */

/* HF_HUB_DISABLE_XETHUB alone sets HF_HUB_DISABLE_XET to its meaning; beside a different one, HF_HUB_DISABLE_XET wins. */
engine_step read_xet_switches;

/* -x or HFENV_NO_XET: both names say Xet is off. */
engine_step apply_no_xet;

#endif
