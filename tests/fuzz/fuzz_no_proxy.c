/*
 * The NO_PROXY rewriter. Input: one value. Properties: a refused list points at an entry with a
 * blank or control character inside; an accepted list is comma-separated, without empty
 * entries, blanks around entries, control characters or "*." prefixes, and is its own rewrite.
 */
#include "env.h"
#include "fuzz.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void require_refusal_points_into(const char *value, const char *bad)
{
	require(bad >= value && bad < value + strlen(value));
	size_t n = strcspn(bad, ",");
	while (n > 0 && is_blank(bad[n - 1]))
		n--;
	bool inner = false;
	for (size_t i = 0; i < n; i++)
		inner = inner || (unsigned char)bad[i] <= 0x20 || bad[i] == 0x7f;
	require(inner);
}

static void require_clean_list(const char *list)
{
	if (*list == '\0')
		return;
	for (const char *entry = list;; entry++) {
		size_t n = strcspn(entry, ",");
		require(n > 0);
		require(!is_blank(entry[0]) && !is_blank(entry[n - 1]));
		require(!(n > 2 && entry[0] == '*' && entry[1] == '.'));
		for (size_t i = 0; i < n; i++)
			require((unsigned char)entry[i] > 0x20 && entry[i] != 0x7f);
		entry += n;
		if (*entry == '\0')
			return;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *value = copy_string(data, size);
	const char *bad;
	char *list = hfenv_normalize_no_proxy(value, &bad);
	if (list == NULL) {
		require(bad != NULL);
		require_refusal_points_into(value, bad);
	} else {
		require(bad == NULL);
		require(strlen(list) <= strlen(value));
		require_clean_list(list);
		char *again = hfenv_normalize_no_proxy(list, &bad);
		require(again != NULL && strcmp(again, list) == 0);
		free(again);
	}
	free(list);
	free(value);
	return 0;
}
