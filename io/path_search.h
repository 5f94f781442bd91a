#ifndef HFENV_IO_PATH_SEARCH_H
#define HFENV_IO_PATH_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The files a command name without '/' stands for, in the order execvp tries them: each directory of the search
 * path (an empty one: the current directory) joined to the name.  A directory of PATH_MAX bytes or more, which
 * no execve can take, is skipped, as glibc and musl skip it (glibc then tries the current directory; not here).
 */
struct path_search {
	const char *file;
	size_t file_len;
	const char *next;             /* the rest of the search path; NULL once every directory was offered */
	char *path;                   /* the candidate, malloc'd */
	bool denied;                  /* a candidate's execve failed with EACCES */
};

/* search_path NULL: /bin:/usr/bin, as env(1) takes it.  False, with errno ENOMEM, when out of memory. */
bool path_search_begin(struct path_search *search, const char *file, const char *search_path);
/* The next candidate, or NULL after the last. */
const char *path_search_next(struct path_search *search);

/*
 * Whether to try the next candidate after the current one's execve failed with error: yes after ENOENT,
 * ENOTDIR, ESTALE, ENODEV, ETIMEDOUT and EACCES, as glibc's execvp (posix/execvpe.c); any other error is the
 * command's, and ends the search at this candidate.
 */
bool path_search_goes_on(struct path_search *search, int error);
/* The error a search that tried every candidate ends with, as execvp's: EACCES if one gave it, else ENOENT. */
int path_search_error(const struct path_search *search);
void path_search_end(struct path_search *search);

/* The file a shell would have tried for file: the first executable one in search_path, else the first other that
 * exists; NULL when there is none (directories do not count) or out of memory. */
char *find_command(const char *file, const char *search_path);

/* A word that names a command rather than a host: no '.' nor '/' in it, and an executable file in search_path. */
bool names_a_command(const char *word, const char *search_path);

#endif
