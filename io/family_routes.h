#ifndef HFENV_IO_FAMILY_ROUTES_H
#define HFENV_IO_FAMILY_ROUTES_H

#include "clients/routes.h"
#include "io/connect.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Each client family's route to one host, next to the route --probe's line for that host took. */
struct family_routes {
	struct hfenv_route routes[HFENV_CLIENTS];
	bool differs[HFENV_CLIENTS];  /* the family's route is not the line's */
	size_t differing;
};

/* Every family's route to target for https URLs in env, and which differ from line_route. -1 on ENOMEM. */
int family_routes_predict(char *const env[], const struct probe_endpoint *target, const struct hfenv_route *line_route,
			  struct family_routes *routes);
void family_routes_free(struct family_routes *routes);

/*
 * Probes each route that differs, once for all the families that take it, one line each under the
 * host's (the families in the target column, indented); false when one did not answer.
 */
bool family_routes_probe(FILE *out, const struct family_routes *routes, const struct probe_endpoint *target, size_t column,
			 int timeout_ms);

#endif
