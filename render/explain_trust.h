#ifndef HFENV_RENDER_EXPLAIN_TRUST_H
#define HFENV_RENDER_EXPLAIN_TRUST_H

#include "render/explain.h"

/*
 * --explain's trust table: the CA bundle each client verifies https:// servers with, before hfenv and
 * after it (as a table, or as tsv lines of scheme "trust"); it does not depend on the host.  0, or
 * -1 on ENOMEM.
 */
int explain_trust(const struct explain_output *output, char *const before_env[], const struct hfenv_result *result);

#endif
