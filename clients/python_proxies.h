#ifndef HFENV_CLIENTS_PYTHON_PROXIES_H
#define HFENV_CLIENTS_PYTHON_PROXIES_H

#include "common/variables.h"

/*
 * What CPython's urllib.request.getproxies_environment makes of the proxy variables, which it reads in any
 * letter case (Https_Proxy): its first pass takes every spelling with a value, the later name in os.environ's
 * order winning; its second, only names ending in exactly "_proxy" (https_proxy, Https_proxy), an empty one
 * removing the proxy.  For each pair, values[lower row] is what the second pass leaves (NULL: no such name)
 * and values[upper row] the first pass's value (NULL: none).  Other rows are left alone.  0, or -1 (ENOMEM).
 * Linear: a name of a pair is one of 2^10 spellings at most, each a slot of a table.
 */
int python_proxy_values(char *const envp[], const char *values[HFENV_VARIABLES]);

#endif
