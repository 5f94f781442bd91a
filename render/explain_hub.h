#ifndef HFENV_RENDER_EXPLAIN_HUB_H
#define HFENV_RENDER_EXPLAIN_HUB_H

#include "render/explain.h"
#include "render/table.h"

/*
 * --explain's Hugging Face block: the endpoint, whether Xet is on, and every client's route to each
 * download host (as a table block, its proxies by their keys in proxies, or as tsv lines of scheme
 * "hub"); nothing when hfenv would refuse to run.  A table block without a stream only adds its
 * proxies to the legend.  0, or -1 on ENOMEM.
 */
int explain_hub(const struct explain_output *output, char *const before_env[], const struct hfenv_result *result,
		struct legend *proxies);

#endif
