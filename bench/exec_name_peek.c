#include <stdio.h>
#include <unistd.h>

extern char **environ;

/*
 * The least any wrapper that must find variables by name does: read the first byte of every entry,
 * then execve with the environment as it came.  Its cost over the trampoline is the floor for hfenv.
 */
int main(int argc, char **argv)
{
	(void)argc;
	size_t named_h = 0;
	for (char **entry = environ; *entry != NULL; entry++)
		named_h += (**entry | 0x20) == 'h';
	if (named_h == (size_t)-1)
		return 125;
	execve(argv[1], argv + 1, environ);
	perror("exec_name_peek");
	return 127;
}
