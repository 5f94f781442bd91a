#ifndef HFENV_IO_PROBE_H
#define HFENV_IO_PROBE_H

#include <stdio.h>

enum probe_outcome { PROBE_ALL_ANSWERED, PROBE_SOME_FAILED, PROBE_CANNOT };

/*
 * --probe: through the https proxy of env, CONNECT (HTTP or SOCKS5) to each target (HOST[:PORT],
 * port 443; NULL: HF_ENDPOINT's host or huggingface.co, and the Xet hosts), one line each on out;
 * directly to a target env's NO_PROXY lists, as huggingface_hub reads it.  PROBE_CANNOT before
 * anything is sent, with *why a malloc'd message (NULL when out of memory).
 */
enum probe_outcome probe_targets(FILE *out, const char *const targets[], char *const env[], int timeout_ms, char **why);

#endif
