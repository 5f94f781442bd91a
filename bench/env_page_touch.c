#include <stdint.h>
#include <stdio.h>
#include <time.h>

extern char **environ;

static double now_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

/* Reads the first byte of each variable that starts a new page; returns how many pages it read. */
static size_t read_pages(volatile unsigned char *sink)
{
	size_t pages = 0;
	uintptr_t page = UINTPTR_MAX;
	for (char **entry = environ; *entry != NULL; entry++) {
		if ((uintptr_t)*entry / 4096 == page)
			continue;
		page = (uintptr_t)*entry / 4096;
		*sink += (unsigned char)**entry;
		pages++;
	}
	return pages;
}

/*
 * What a program pays to read the variables the kernel placed on its stack: the first read of each
 * page against a second.  Where the first costs microseconds, every wrapper that reads names pays it.
 */
int main(void)
{
	volatile unsigned char sink = 0;
	size_t variables = 0;
	while (environ[variables] != NULL)
		variables++;
	double start = now_us();
	size_t pages = read_pages(&sink);
	double first = now_us();
	read_pages(&sink);
	double second = now_us();
	if (pages == 0)
		return 1;
	printf("| %zu | %zu | %.2f | %.2f |\n", variables, pages, (first - start) / (double)pages,
	       (second - first) / (double)pages);
	return 0;
}
