#ifndef HFENV_ENV_H
#define HFENV_ENV_H

#include "engine/bundle_facts.h"
#include "engine/options.h"
#include "engine/result.h"

/*
 * Normalize envp under opts.  read_bundle inspects the CA bundle file the result would name (the
 * engine reads no file): its contents for --ca-bundle, -v, check_ca_bundle, or when a bundle variable
 * is to change, else only whether it is a readable file; NULL takes them unchecked.  Returns 0 and
 * fills *out (free it with hfenv_result_free), or -1 with errno ENOMEM and *out empty.
 * Refusals are findings of kind HFENV_ERROR, not a -1 return.
 */
int hfenv_normalize(const struct hfenv_options *opts, hfenv_bundle_reader *read_bundle, char *const envp[],
		    struct hfenv_result *out);

void hfenv_result_free(struct hfenv_result *result);

#endif
