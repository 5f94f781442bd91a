/*
 * The NO_PROXY rewriter. Input: one value. Properties: a refused list points at an entry with a
 * blank or control character inside; an accepted list is comma-separated, without empty
 * entries, blanks around entries, control characters, upper-case letters or "." and "*." prefixes,
 * and is its own rewrite.
 */
#include "fuzz.h"
#include "engine/no_proxy_list.h"

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
		require(entry[0] != '.' && !(n > 1 && entry[0] == '*' && entry[1] == '.'));
		for (size_t i = 0; i < n; i++)
			require((unsigned char)entry[i] > 0x20 && entry[i] != 0x7f && !(entry[i] >= 'A' && entry[i] <= 'Z'));
		entry += n;
		if (*entry == '\0')
			return;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *value = copy_string(data, size);
	struct hfenv_no_proxy np;
	require(hfenv_normalize_no_proxy(value, &np) == 0);
	if (np.bad_entry != NULL) {
		require(np.list == NULL);
		require_refusal_points_into(value, np.bad_entry);
	} else {
		require(np.list != NULL);
		require(strlen(np.list) <= strlen(value));
		require_clean_list(np.list);
		for (size_t i = 0; i < np.note_count; i++)
			require(np.notes[i].entry >= value && np.notes[i].entry + np.notes[i].length <= value + strlen(value));
		struct hfenv_no_proxy again;
		require(hfenv_normalize_no_proxy(np.list, &again) == 0);
		require(again.list != NULL && strcmp(again.list, np.list) == 0);
		hfenv_no_proxy_free(&again);
	}
	hfenv_no_proxy_free(&np);
	free(value);
	return 0;
}
