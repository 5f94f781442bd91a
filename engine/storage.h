#ifndef HFENV_ENGINE_STORAGE_H
#define HFENV_ENGINE_STORAGE_H

#include "engine/engine.h"

/* block, freed with the result; NULL (and out_of_memory set) when block is NULL or cannot be kept. */
void *keep(struct engine *e, void *block);

/* Frees every block kept in storage, and storage. */
void free_storage(struct hfenv_storage *storage);

#endif
