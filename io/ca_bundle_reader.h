#ifndef HFENV_IO_CA_BUNDLE_READER_H
#define HFENV_IO_CA_BUNDLE_READER_H

#include "engine/bundle_facts.h"

/* The engine's hfenv_bundle_reader: opens path and counts its PEM certificates, or with contents false stats it. */
void hfenv_read_ca_bundle(const char *path, bool contents, struct hfenv_bundle_facts *facts);

#endif
