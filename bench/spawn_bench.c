#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/*
 * Usage: spawn_bench VARIABLES SPAWNS BATCH COMMAND LABEL=WRAPPER [+NAME=VALUE...]...
 *        spawn_bench --exec VARIABLES PROGRAM [ARG...]
 * Spawns COMMAND alone and each WRAPPER COMMAND in an environment of VARIABLES variables (plus the
 * +NAME=VALUE words after that wrapper, at its end),
 * SPAWNS times each, in round-robin batches of BATCH so that machine noise hits all alike,
 * and prints one Markdown table row per contestant: median time per spawn, median overhead over
 * COMMAND alone (paired by round), that overhead divided by the first wrapper's, and a 95 %
 * interval for that ratio (rounds resampled with replacement, 1 000 times).
 * With --exec it runs PROGRAM once in that same environment (for valgrind).
 */

struct contestant {
	const char *label;
	char *argv[3];
	char **env;
	double *batch_us;             /* mean microseconds per spawn, one per round */
};

static const char *const fixed[] = {
	"PATH=/usr/local/bin:/usr/bin:/bin", "HOME=/root", "LANG=C.UTF-8",
	"http_proxy=http://127.0.0.1:3128", "https_proxy=http://127.0.0.1:3128",
	"no_proxy=localhost,127.0.0.1,.internal.example",
};
static const size_t fixed_count = sizeof fixed / sizeof fixed[0];

static char **make_environment(size_t count)
{
	char **env = calloc(count + 1, sizeof *env);
	if (env == NULL)
		return NULL;
	for (size_t i = 0; i < count; i++) {
		if (i < fixed_count) {
			env[i] = (char *)fixed[i];
			continue;
		}
		size_t n = (size_t)snprintf(NULL, 0, "BENCH_VARIABLE_%06zu=/opt/bench/value/%06zu", i, i) + 1;
		env[i] = malloc(n);
		if (env[i] == NULL)
			return NULL;
		snprintf(env[i], n, "BENCH_VARIABLE_%06zu=/opt/bench/value/%06zu", i, i);
	}
	return env;
}

static double now_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int spawn_batch(struct contestant *c, posix_spawn_file_actions_t *actions, size_t batch, double *mean_us)
{
	double start = now_us();
	for (size_t i = 0; i < batch; i++) {
		pid_t pid;
		int status;
		int error = posix_spawn(&pid, c->argv[0], actions, NULL, c->argv, c->env);
		if (error != 0) {
			fprintf(stderr, "spawn_bench: %s: %s\n", c->argv[0], strerror(error));
			return -1;
		}
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "spawn_bench: %s failed (status %d)\n", c->label, status);
			return -1;
		}
	}
	*mean_us = (now_us() - start) / (double)batch;
	return 0;
}

static int compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Median of the values, reordering them. */
static double median(double *values, size_t n)
{
	qsort(values, n, sizeof *values, compare_doubles);
	return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

#define RESAMPLES 1000

/* xorshift64: the intervals come out the same for the same figures. */
static uint64_t next_random(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

/* The 2.5 and 97.5 percentiles of median(a) / median(b) over rounds drawn with replacement (a, b by round). */
static int ratio_interval(const double *a, const double *b, size_t rounds, double *low, double *high)
{
	double *ratios = calloc(RESAMPLES, sizeof *ratios);
	double *drawn_a = calloc(rounds, sizeof *drawn_a), *drawn_b = calloc(rounds, sizeof *drawn_b);
	int status = ratios && drawn_a && drawn_b ? 0 : -1;
	uint64_t state = 0x9e3779b97f4a7c15u;
	for (size_t k = 0; status == 0 && k < RESAMPLES; k++) {
		for (size_t r = 0; r < rounds; r++) {
			size_t pick = (size_t)(next_random(&state) % rounds);
			drawn_a[r] = a[pick];
			drawn_b[r] = b[pick];
		}
		ratios[k] = median(drawn_a, rounds) / median(drawn_b, rounds);
	}
	if (status == 0) {
		qsort(ratios, RESAMPLES, sizeof *ratios, compare_doubles);
		*low = ratios[RESAMPLES / 40];
		*high = ratios[RESAMPLES - 1 - RESAMPLES / 40];
	}
	free(ratios);
	free(drawn_a);
	free(drawn_b);
	return status;
}

static size_t parse_count(const char *text, const char *what)
{
	char *end;
	errno = 0;
	unsigned long long n = strtoull(text, &end, 10);
	if (errno != 0 || *end != '\0' || n == 0) {
		fprintf(stderr, "spawn_bench: %s must be a positive number, not '%s'\n", what, text);
		exit(2);
	}
	return (size_t)n;
}

static int exec_in_environment(int argc, char **argv)
{
	if (argc < 4) {
		fputs("usage: spawn_bench --exec VARIABLES PROGRAM [ARG...]\n", stderr);
		return 2;
	}
	char **env = make_environment(parse_count(argv[2], "VARIABLES"));
	if (env != NULL)
		execve(argv[3], argv + 3, env);
	perror(argv[3]);
	return 127;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--exec") == 0)
		return exec_in_environment(argc, argv);
	if (argc < 6) {
		fputs("usage: spawn_bench VARIABLES SPAWNS BATCH COMMAND LABEL=WRAPPER [+NAME=VALUE...]...\n", stderr);
		return 2;
	}
	size_t variables = parse_count(argv[1], "VARIABLES");
	size_t spawns = parse_count(argv[2], "SPAWNS");
	size_t batch = parse_count(argv[3], "BATCH");
	size_t rounds = (spawns + batch - 1) / batch;
	char *command = argv[4];
	size_t count = 1;
	for (int i = 5; i < argc; i++)
		count += argv[i][0] != '+';
	struct contestant *contestants = calloc(count, sizeof *contestants);
	char **env = make_environment(variables);
	if (contestants == NULL || env == NULL) {
		perror("spawn_bench");
		return 1;
	}
	contestants[0] = (struct contestant){command, {command, NULL, NULL}, env, NULL};
	for (size_t i = 1, arg = 5; i < count; i++, arg++) {
		char *eq = strchr(argv[arg], '=');
		if (eq == NULL || argv[arg][0] == '+') {
			fprintf(stderr, "spawn_bench: write a wrapper as LABEL=PATH, not '%s'\n", argv[arg]);
			return 2;
		}
		*eq = '\0';
		contestants[i] = (struct contestant){argv[arg], {eq + 1, command, NULL}, env, NULL};
		size_t extra = 0;
		while (arg + 1 + extra < (size_t)argc && argv[arg + 1 + extra][0] == '+')
			extra++;
		if (extra == 0)
			continue;
		char **own = calloc(variables + extra + 1, sizeof *own);
		if (own == NULL) {
			perror("spawn_bench");
			return 1;
		}
		memcpy(own, env, variables * sizeof *own);
		for (size_t k = 0; k < extra; k++)
			own[variables + k] = argv[arg + 1 + k] + 1;
		contestants[i].env = own;
		arg += extra;
	}
	for (size_t i = 0; i < count; i++) {
		contestants[i].batch_us = calloc(rounds, sizeof *contestants[i].batch_us);
		if (contestants[i].batch_us == NULL) {
			perror("spawn_bench");
			return 1;
		}
	}
	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
	for (size_t round = 0; round < rounds; round++)
		for (size_t k = 0; k < count; k++) {
			struct contestant *c = &contestants[(round + k) % count];
			if (spawn_batch(c, &actions, batch, &c->batch_us[round]) != 0)
				return 1;
		}
	double *scratch = calloc(rounds, sizeof *scratch);
	double *overhead = calloc(count, sizeof *overhead);
	double **overheads = calloc(count, sizeof *overheads);
	if (scratch == NULL || overhead == NULL || overheads == NULL) {
		perror("spawn_bench");
		return 1;
	}
	for (size_t i = 0; i < count; i++) {
		overheads[i] = calloc(rounds, sizeof *overheads[i]);
		if (overheads[i] == NULL) {
			perror("spawn_bench");
			return 1;
		}
		for (size_t r = 0; r < rounds; r++)
			overheads[i][r] = contestants[i].batch_us[r] - contestants[0].batch_us[r];
		memcpy(scratch, overheads[i], rounds * sizeof *scratch);
		overhead[i] = median(scratch, rounds);
	}
	for (size_t i = 0; i < count; i++) {
		struct contestant *c = &contestants[i];
		memcpy(scratch, c->batch_us, rounds * sizeof *scratch);
		printf("| %zu | %s | %zu | %.1f | %+.1f |", variables, c->label, rounds * batch, median(scratch, rounds),
		       overhead[i]);
		double low, high;
		if (i == 0)
			printf(" | |\n");
		else if (overhead[1] > 0 && ratio_interval(overheads[i], overheads[1], rounds, &low, &high) == 0)
			printf(" %.2f | %.2f-%.2f |\n", overhead[i] / overhead[1], low, high);
		else
			printf(" n/a | |\n");
	}
	/* Freed so that the sanitizer build's leak check passes on the smoke run. */
	posix_spawn_file_actions_destroy(&actions);
	for (size_t i = 0; i < count; i++) {
		if (contestants[i].env != env)
			free(contestants[i].env);
		free(contestants[i].batch_us);
		free(overheads[i]);
	}
	free(overheads);
	for (size_t i = fixed_count; i < variables; i++)
		free(env[i]);
	free(env);
	free(contestants);
	free(scratch);
	free(overhead);
	return 0;
}
