#ifndef HFENV_ENGINE_PROXIES_H
#define HFENV_ENGINE_PROXIES_H

#include "engine/engine.h"

/* Each pair's two spellings made one normalized value, --proxy or HFENV_PROXY first; NO_PROXY=* leaves no proxy. */
engine_step normalize_proxies;
/* Once the SOCKS policy kept what it allows: ALL_PROXY fills the gaps, and loopback skips the proxy. */
engine_step complete_proxies;

#endif
