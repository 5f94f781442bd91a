#include "engine/storage.h"

#include <stdlib.h>

/* The blocks a result's strings live in. */
struct hfenv_storage {
	void **blocks;
	size_t count;
	size_t capacity;
};

void *keep(struct engine *e, void *block)
{
	struct hfenv_result *r = e->result;
	if (r->storage == NULL)
		r->storage = calloc(1, sizeof *r->storage);
	struct hfenv_storage *s = r->storage;
	if (block == NULL || s == NULL) {
		free(block);
		e->out_of_memory = true;
		return NULL;
	}
	if (s->count == s->capacity) {
		size_t capacity = s->capacity ? 2 * s->capacity : 8;
		void **blocks = realloc(s->blocks, capacity * sizeof *blocks);
		if (blocks == NULL) {
			free(block);
			e->out_of_memory = true;
			return NULL;
		}
		s->blocks = blocks;
		s->capacity = capacity;
	}
	s->blocks[s->count++] = block;
	return block;
}

void free_storage(struct hfenv_storage *storage)
{
	if (storage == NULL)
		return;
	for (size_t i = 0; i < storage->count; i++)
		free(storage->blocks[i]);
	free(storage->blocks);
	free(storage);
}
