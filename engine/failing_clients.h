#ifndef HFENV_ENGINE_FAILING_CLIENTS_H
#define HFENV_ENGINE_FAILING_CLIENTS_H

#include "engine/engine.h"

/*
 * After the other steps: each set-up in which a client would fail with the environment hfenv leaves,
 * one warning naming the clients and the fix: an https:// URL for a local proxy, which speaks plain
 * HTTP, and every failure the client model (clients/routes.h) predicts.  The model runs only where a
 * value could make a client fail: a proxy URL that is not http://, or REQUEST_METHOD set.
 */
engine_step warn_of_failing_clients;

#endif
