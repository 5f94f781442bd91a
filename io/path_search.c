#include "io/path_search.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool path_search_begin(struct path_search *search, const char *file, const char *search_path)
{
	const char *path = search_path ? search_path : "/bin:/usr/bin";
	*search = (struct path_search){.file = file, .file_len = strlen(file), .next = path};
	search->path = malloc(strlen(path) + search->file_len + 2);
	return search->path != NULL;
}

const char *path_search_next(struct path_search *search)
{
	size_t dir_len = PATH_MAX;
	const char *dir = NULL;
	while (search->next != NULL && dir_len >= PATH_MAX) {
		dir = search->next;
		dir_len = strcspn(dir, ":");
		search->next = dir[dir_len] == ':' ? dir + dir_len + 1 : NULL;
	}
	if (dir_len >= PATH_MAX)
		return NULL;
	size_t len = dir_len;
	memcpy(search->path, dir, dir_len);
	if (dir_len > 0)
		search->path[len++] = '/';
	memcpy(search->path + len, search->file, search->file_len + 1);
	return search->path;
}

bool path_search_goes_on(struct path_search *search, int error)
{
	search->denied = search->denied || error == EACCES;
	return error == EACCES || error == ENOENT || error == ENOTDIR || error == ESTALE || error == ENODEV ||
	       error == ETIMEDOUT;
}

int path_search_error(const struct path_search *search)
{
	return search->denied ? EACCES : ENOENT;
}

void path_search_end(struct path_search *search)
{
	free(search->path);
	search->path = NULL;
}

char *find_command(const char *file, const char *search_path)
{
	struct path_search search;
	char *other = NULL;
	if (*file == '\0' || !path_search_begin(&search, file, search_path))
		return NULL;
	for (const char *path; (path = path_search_next(&search)) != NULL;) {
		struct stat st;
		if (stat(path, &st) != 0 || S_ISDIR(st.st_mode))
			continue;
		if (access(path, X_OK) == 0) {
			free(other);
			other = search.path;
			search.path = NULL;
			break;
		}
		if (other == NULL)
			other = strdup(path);
	}
	path_search_end(&search);
	return other;
}

bool names_a_command(const char *word, const char *search_path)
{
	if (*word == '\0' || strpbrk(word, "./") != NULL)
		return false;
	char *path = find_command(word, search_path);
	bool command = path != NULL && access(path, X_OK) == 0;
	free(path);
	return command;
}
