/*
 * The NO_PROXY rewriter. Input: one value. Properties: a refused list points at an entry with a
 * blank or control character inside; an accepted list is comma-separated, without empty
 * entries, blanks around entries, control characters, upper-case letters, "*." prefixes or an entry
 * twice; every name ("dom": no ':', '/', brackets or '*', more than digits and dots) is followed by
 * ".dom", and an entry starting with '.' is such a pair's second; it is at most twice as long as
 * the value plus two bytes an entry ("a" gives "a,.a"), and is its own rewrite.
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

static bool is_name(const char *entry, size_t n)
{
	static const char name_chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.";
	bool digits_and_dots = true;
	for (size_t i = 0; i < n; i++) {
		if (entry[i] == '\0' || strchr(name_chars, entry[i]) == NULL)
			return false;
		digits_and_dots = digits_and_dots && ((entry[i] >= '0' && entry[i] <= '9') || entry[i] == '.');
	}
	return !digits_and_dots;
}

struct entry {
	const char *start;
	size_t length;
};

static int compare_entries(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	size_t n = x->length < y->length ? x->length : y->length;
	int order = memcmp(x->start, y->start, n);
	return order != 0 ? order : (x->length > y->length) - (x->length < y->length);
}

static size_t count_entries(const char *list)
{
	size_t count = 1;
	for (const char *p = list; *p; p++)
		count += *p == ',';
	return count;
}

static void require_each_entry_once(const char *list)
{
	size_t count = count_entries(list);
	struct entry *entries = malloc(count * sizeof *entries);
	require(entries != NULL);
	for (size_t i = 0; i < count; i++) {
		entries[i] = (struct entry){list, strcspn(list, ",")};
		list += entries[i].length + 1;
	}
	qsort(entries, count, sizeof *entries, compare_entries);
	for (size_t i = 1; i < count; i++)
		require(compare_entries(&entries[i - 1], &entries[i]) != 0);
	free(entries);
}

static void require_clean_entry(const char *entry, size_t n)
{
	require(n > 0);
	require(!is_blank(entry[0]) && !is_blank(entry[n - 1]));
	require(!(n > 1 && entry[0] == '*' && entry[1] == '.'));
	for (size_t i = 0; i < n; i++)
		require((unsigned char)entry[i] > 0x20 && entry[i] != 0x7f && !(entry[i] >= 'A' && entry[i] <= 'Z'));
}

static void require_clean_list(const char *list)
{
	if (*list == '\0')
		return;
	const char *previous = NULL;
	size_t previous_n = 0;
	for (const char *entry = list;; entry++) {
		size_t n = strcspn(entry, ",");
		require_clean_entry(entry, n);
		bool second = entry[0] == '.';
		if (second)
			require(previous != NULL && previous_n == n - 1 && memcmp(previous, entry + 1, n - 1) == 0);
		if (previous != NULL && is_name(previous, previous_n))
			require(second);
		previous = second ? NULL : entry;
		previous_n = n;
		entry += n;
		if (*entry == '\0')
			break;
	}
	require(previous == NULL || !is_name(previous, previous_n));
	require_each_entry_once(list);
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
		require(strlen(np.list) <= 2 * (strlen(value) + count_entries(value)));
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
