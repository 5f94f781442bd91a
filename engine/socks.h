#ifndef HFENV_ENGINE_SOCKS_H
#define HFENV_ENGINE_SOCKS_H

#include "engine/engine.h"

/* The SOCKS proxies every client can use, spelt so that they all resolve names alike; the others refused. */
engine_step check_socks;

/* port is where a well-known local proxy (Clash, Clash Verge, V2RayN) takes plain http://. */
bool is_local_http_port(unsigned port);

#endif
