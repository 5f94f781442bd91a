#ifndef HFENV_ENGINE_BUNDLE_FACTS_H
#define HFENV_ENGINE_BUNDLE_FACTS_H

#include <stdbool.h>
#include <stddef.h>

/* A bundle with fewer PEM certificates than this replaces a client's roots with too little (a company root alone). */
#define HFENV_BUNDLE_FEW 10

/* No CA bundle is larger (Debian's and certifi's are under 250 KiB): a larger file is not read, nor read past this. */
#define HFENV_BUNDLE_BYTES_MAX (64 * 1024 * 1024)
#define HFENV_BUNDLE_BYTES_MAX_TEXT "64 MiB"

enum hfenv_bundle_status {
	HFENV_BUNDLE_OK,
	HFENV_BUNDLE_UNREADABLE,      /* open or read failed: error is the errno */
	HFENV_BUNDLE_NOT_A_FILE,      /* a directory, or not a regular file */
	HFENV_BUNDLE_NO_CERTIFICATE,  /* readable, but no PEM certificate in it */
	HFENV_BUNDLE_DER,             /* no PEM certificate; it starts like a DER one */
	HFENV_BUNDLE_TOO_LARGE,       /* over HFENV_BUNDLE_BYTES_MAX: not read, or not read past it */
};

/* What the caller found in a CA bundle file: the engine opens no file itself. */
struct hfenv_bundle_facts {
	enum hfenv_bundle_status status;
	int error;
	size_t certificates;          /* counted up to HFENV_BUNDLE_FEW */
	char *absolute_path;          /* malloc'd, when path was relative; NULL otherwise (the engine frees it) */
};

/* With contents false, only whether path names a readable regular file, without opening it: certificates stays 0. */
typedef void hfenv_bundle_reader(const char *path, bool contents, struct hfenv_bundle_facts *facts);

#endif
