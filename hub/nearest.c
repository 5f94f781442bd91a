#include "hub/nearest.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define OWN_PREFIX_LENGTH 7

bool hfenv_hub_is_own_name(const char *name, size_t len)
{
	return len >= OWN_PREFIX_LENGTH &&
	       (memcmp(name, "HF_HUB_", OWN_PREFIX_LENGTH) == 0 || memcmp(name, "HF_XET_", OWN_PREFIX_LENGTH) == 0);
}

static size_t smaller(size_t a, size_t b)
{
	return a < b ? a : b;
}

/*
 * The edit distance of a[0..m) and b[0..n), a swap of two neighbours one edit (optimal string alignment), or
 * bound + 1 when it is over bound.  rows holds 3 * (n + 1).
 */
static size_t edit_distance(const char *a, size_t m, const char *b, size_t n, size_t bound, size_t *rows)
{
	size_t far = bound + 1;
	if ((m > n ? m - n : n - m) > bound)
		return far;
	size_t *before = rows, *previous = rows + n + 1, *current = rows + 2 * (n + 1);
	for (size_t j = 0; j <= n; j++)
		previous[j] = smaller(j, far);
	for (size_t i = 1; i <= m; i++) {
		current[0] = smaller(i, far);
		size_t nearest = current[0];
		for (size_t j = 1; j <= n; j++) {
			size_t best = previous[j - 1] + (a[i - 1] != b[j - 1]);
			best = smaller(best, smaller(previous[j], current[j - 1]) + 1);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
				best = smaller(best, before[j - 2] + 1);
			current[j] = smaller(best, far);
			nearest = smaller(nearest, current[j]);
		}
		if (nearest == far)
			return far;
		size_t *oldest = before;
		before = previous;
		previous = current;
		current = oldest;
	}
	return previous[n];
}

/* What replacing the known name's prefix up to its _ at index i - 1 costs: its own HF_, HF_HUB_, HF_XET_ 1, more 2. */
static size_t prefix_cost(const char *known, size_t i)
{
	if (i == 3 && memcmp(known, "HF_", 3) == 0)
		return 1;
	if (i == OWN_PREFIX_LENGTH && hfenv_hub_is_own_name(known, i))
		return 1;
	return 2;
}

/* How far the name (rest: what follows its HF_HUB_ or HF_XET_) is from known, at most bound + 1. */
static size_t cost(const char *name, size_t len, const char *known, size_t bound, size_t *rows)
{
	const char *rest = name + OWN_PREFIX_LENGTH;
	size_t rest_len = len - OWN_PREFIX_LENGTH, n = strlen(known);
	size_t best = edit_distance(name, len, known, n, bound, rows);
	if (best > 2 && rest_len > 4 && n > len && memcmp(name, known, len) == 0)
		best = 2;
	for (size_t i = 3; i < n && best > 1; i++) {
		if (known[i - 1] != '_')
			continue;
		size_t prefix = prefix_cost(known, i);
		if (prefix < best)
			best = smaller(best, prefix + edit_distance(rest, rest_len, known + i, n - i, best - prefix - 1, rows));
	}
	return best;
}

int hfenv_hub_nearest(const char *name, size_t len, const struct hfenv_hub_setting **nearest)
{
	*nearest = NULL;
	if (!hfenv_hub_is_own_name(name, len))
		return 0;
	size_t rest_len = len - OWN_PREFIX_LENGTH, longest = 0;
	size_t bound = rest_len <= 4 ? 1 : rest_len <= 10 ? 2 : 3;
	for (size_t k = 0; k < hfenv_hub_setting_count; k++)
		longest = strlen(hfenv_hub_settings[k].name) > longest ? strlen(hfenv_hub_settings[k].name) : longest;
	size_t *rows = malloc(3 * (longest + 1) * sizeof *rows);
	if (rows == NULL) {
		errno = ENOMEM;
		return -1;
	}
	size_t best = bound + 1;
	bool tied = false;
	for (size_t k = 0; k < hfenv_hub_setting_count; k++) {
		const struct hfenv_hub_setting *row = &hfenv_hub_settings[k];
		if (row->readers == 0)
			continue;
		size_t d = cost(name, len, row->name, best < bound + 1 ? best : bound, rows);
		if (d < best) {
			best = d;
			*nearest = row;
			tied = false;
		} else if (d == best && d <= bound) {
			tied = true;
		}
	}
	free(rows);
	if (tied)
		*nearest = NULL;
	return 0;
}
