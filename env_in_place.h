#ifndef HFENV_ENV_IN_PLACE_H
#define HFENV_ENV_IN_PLACE_H

#include "engine/bundle_facts.h"
#include "engine/options.h"
#include "engine/result.h"

/*
 * For the exec path only: hfenv_normalize without a copy, for envp = block + spare.  The new
 * environment is written over block[0] up to envp's NULL, or into a new array when added entries
 * do not fit, so that no page the process does not have yet is touched.  Change findings are made
 * only under -v or HFENV_VERBOSE, and warnings not under -q or HFENV_QUIET, since nothing else
 * prints them.  out->env is valid even with errors; after -1, block is not a valid environment.
 * hfenv_result_free never frees block.
 */
int hfenv_normalize_in_place(const struct hfenv_options *opts, hfenv_bundle_reader *read_bundle, char **block,
			     size_t spare, struct hfenv_result *out);

#endif
