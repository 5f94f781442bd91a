#ifndef HFENV_COMMON_HASH_H
#define HFENV_COMMON_HASH_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a of bytes[0..n): the hash of every table of names and entries hfenv keeps. */
static inline size_t hfenv_hash(const char *bytes, size_t n)
{
	uint64_t h = 14695981039346656037u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)bytes[i]) * 1099511628211u;
	return (size_t)h;
}

#endif
