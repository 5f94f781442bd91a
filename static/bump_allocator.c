/*
 * hfenv-static's malloc, in place of musl's.  hfenv runs briefly and then execs or exits, so
 * memory is never given back: allocation is a pointer bump, free only undoes the latest
 * allocation, and realloc grows the latest one in place.  This saves code and the page faults
 * of musl's first malloc (figures: static/README.md).
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, not in POSIX 2008 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#ifndef BUMP_PREFIX
#define BUMP_PREFIX
#endif
#define BUMP_JOIN(prefix, name) prefix##name
#define BUMP_NAME(prefix, name) BUMP_JOIN(prefix, name)

#define ALIGNMENT 16
#define FIRST_CHUNK (64 * 1024)
#define LATER_CHUNK (256 * 1024)

/* Each block starts with its size, padded so that the memory after it keeps malloc's alignment. */
struct header {
	size_t size;
	unsigned char padding[ALIGNMENT - sizeof(size_t)];
};

/* In .bss: pages cost nothing until touched, and the first one is often shared with libc's data. */
static _Alignas(ALIGNMENT) unsigned char first_chunk[FIRST_CHUNK];
static unsigned char *next = first_chunk;
static unsigned char *chunk_end = first_chunk + sizeof first_chunk;
static unsigned char *latest;
/* Nothing in the current chunk at or above it was ever handed out, so it is still zero: calloc skips it. */
static unsigned char *fresh = first_chunk;

static size_t rounded(size_t size)
{
	return (size + ALIGNMENT - 1) & ~(size_t)(ALIGNMENT - 1);
}

static size_t room(void)
{
	return (size_t)(chunk_end - next);
}

static int new_chunk(size_t need)
{
	size_t size = need > LATER_CHUNK - sizeof(struct header) ? rounded(need + sizeof(struct header)) : LATER_CHUNK;
	void *chunk = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (chunk == MAP_FAILED)
		return -1;
	next = fresh = chunk;
	chunk_end = next + size;
	return 0;
}

static void hand_out_up_to(unsigned char *end)
{
	next = end;
	if (end > fresh)
		fresh = end;
}

static void *allocate(size_t size, bool *zero)
{
	if (size > SIZE_MAX / 2) {
		errno = ENOMEM;
		return NULL;
	}
	size_t need = rounded(size);
	if (need + sizeof(struct header) > room() && new_chunk(need) != 0) {
		errno = ENOMEM;
		return NULL;
	}
	struct header *h = (struct header *)next;
	*zero = next >= fresh;
	h->size = size;
	latest = next + sizeof *h;
	hand_out_up_to(latest + need);
	return latest;
}

void *BUMP_NAME(BUMP_PREFIX, malloc)(size_t size)
{
	bool zero;
	return allocate(size, &zero);
}

void BUMP_NAME(BUMP_PREFIX, free)(void *p)
{
	if (p != NULL && p == latest) {
		next = latest - sizeof(struct header);
		latest = NULL;
	}
}

void *BUMP_NAME(BUMP_PREFIX, calloc)(size_t count, size_t size)
{
	if (size != 0 && count > SIZE_MAX / 2 / size) {
		errno = ENOMEM;
		return NULL;
	}
	bool zero;
	void *p = allocate(count * size, &zero);
	return p && !zero ? memset(p, 0, count * size) : p;
}

void *BUMP_NAME(BUMP_PREFIX, realloc)(void *p, size_t size)
{
	if (p == NULL)
		return BUMP_NAME(BUMP_PREFIX, malloc)(size);
	struct header *h = (struct header *)((unsigned char *)p - sizeof(struct header));
	if (p == latest && size <= SIZE_MAX / 2 && rounded(size) <= (size_t)(chunk_end - latest)) {
		h->size = size;
		hand_out_up_to(latest + rounded(size));
		return p;
	}
	void *moved = BUMP_NAME(BUMP_PREFIX, malloc)(size);
	if (moved != NULL)
		memcpy(moved, p, h->size < size ? h->size : size);
	return moved;
}
