#ifndef HFENV_CA_BUNDLE_H
#define HFENV_CA_BUNDLE_H

#include "env.h"

/* The engine's hfenv_bundle_reader: opens path and counts its PEM certificates. */
void hfenv_read_ca_bundle(const char *path, struct hfenv_bundle_facts *facts);

#endif
