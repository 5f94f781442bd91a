#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "env_in_place.h"
#include "engine_cases.h"

static char argument[] = "ARGUMENT";

/* spare slots holding argument, as argv does before environ, then envp and its NULL; free() it. */
static char **make_block(char *const envp[], size_t spare)
{
	size_t n = 0;
	while (envp[n] != NULL)
		n++;
	char **block = malloc((spare + n + 1) * sizeof *block);
	assert_non_null(block);
	for (size_t i = 0; i < spare; i++)
		block[i] = argument;
	memcpy(block + spare, envp, (n + 1) * sizeof *block);
	return block;
}

static void normalize_in_place(const struct hfenv_options *opts, char **block, size_t spare, struct hfenv_result *r)
{
	assert_int_equal(hfenv_normalize_in_place(opts, NULL, block, spare, r), 0);
}

/* The copy's result, less its change findings unless verbose and its warnings if quiet: what the exec path prints. */
static void assert_same_result(const struct hfenv_result *copied, const struct hfenv_result *in_place)
{
	assert_int_equal(in_place->env_count, copied->env_count);
	for (size_t i = 0; i < copied->env_count; i++)
		assert_string_equal(in_place->env[i], copied->env[i]);
	assert_null(in_place->env[in_place->env_count]);
	size_t k = 0;
	for (size_t i = 0; i < copied->finding_count; i++) {
		if ((!copied->verbose && copied->findings[i].kind == HFENV_CHANGE) ||
		    (copied->quiet && copied->findings[i].kind == HFENV_WARNING))
			continue;
		assert_true(k < in_place->finding_count);
		assert_int_equal(in_place->findings[k].kind, copied->findings[i].kind);
		assert_string_equal(in_place->findings[k].message, copied->findings[i].message);
		k++;
	}
	assert_int_equal(in_place->finding_count, k);
	assert_int_equal(in_place->error_count, copied->error_count);
	assert_int_equal(in_place->edit_count, copied->edit_count);
	for (size_t i = 0; i < copied->edit_count; i++) {
		assert_string_equal(in_place->edits[i].name, copied->edits[i].name);
		if (copied->edits[i].value == NULL)
			assert_null(in_place->edits[i].value);
		else
			assert_string_equal(in_place->edits[i].value, copied->edits[i].value);
	}
	assert_int_equal(in_place->verbose, copied->verbose);
	assert_int_equal(in_place->quiet, copied->quiet);
	if (copied->path == NULL)
		assert_null(in_place->path);
	else
		assert_string_equal(in_place->path, copied->path);
}

static void in_place_gives_the_same_result_as_a_copy(void **state)
{
	(void)state;
	static const char *const unset[] = {"FOO", "NO_PROXY", "bad=name"};
	static const char *const assign[] = {"B=2", "https_proxy=127.0.0.1:1", "HFENV_VERBOSE=1", "=x"};
	static char *const environments[][12] = {
		{NULL},
		{"HOME=/root", "PATH=/bin", NULL},
		{"http_proxy=http://127.0.0.1:3128", "https_proxy=http://127.0.0.1:3128", "no_proxy=localhost", NULL},
		{"A=1", "HTTPS_PROXY=127.0.0.1:7890", "B", "HTTPS_PROXY=x", "https_proxy=", "FOO=bar", "FOO=baz",
		 "no_proxy= *.a.com , b ", NULL},
		{"REQUEST_METHOD=GET", "HTTP_PROXY=http://evil:1", "http_proxy=http://127.0.0.1:1", NULL},
		{"all_proxy=socks5h://127.0.0.1:1080", "HFENV_ALLOW_SOCKS=yes", "HFENV_PREFER=upper", NULL},
		{"http_proxy=http://127.0.0.1:1/path", "HF_HUB_DISABLE_XET=0", NULL},
		{"HFENV_PROXY=http://u:secret@127.0.0.1:1", "HFENV_QUIET=maybe", "http_proxy=http://other:2", NULL},
	};
	const struct hfenv_options options[] = {
		{0},
		{.no_xet = true},
		{.proxy = "127.0.0.1:7890", .prefer = HFENV_PREFER_UPPER},
		{.assignments.unset = unset, .assignments.unset_count = 2, .assignments.assign = assign, .assignments.assign_count = 3},
		{.assignments.unset = unset, .assignments.unset_count = 3, .assignments.assign = assign, .assignments.assign_count = 4, .allow_socks = true},
		{.proxy = "socks5://127.0.0.1:1080", .verbose = true, .quiet = true},
	};
	static const size_t spares[] = {0, 1, 3, 40};
	for (size_t e = 0; e < sizeof environments / sizeof environments[0]; e++) {
		for (size_t o = 0; o < sizeof options / sizeof options[0]; o++) {
			struct hfenv_result copied;
			normalize(&options[o], environments[e], &copied);
			for (size_t s = 0; s < sizeof spares / sizeof spares[0]; s++) {
				char **block = make_block(environments[e], spares[s]);
				struct hfenv_result in_place;
				normalize_in_place(&options[o], block, spares[s], &in_place);
				assert_same_result(&copied, &in_place);
				hfenv_result_free(&in_place);
				free(block);
			}
			hfenv_result_free(&copied);
		}
	}
}

static void in_place_under_quiet_keeps_no_warning(void **state)
{
	(void)state;
	char *envp[] = {"https_proxy=https://127.0.0.1:7890", "HF_HUB_ENDPOINT=https://hf-mirror.com", "http_proxy= h:1 ", NULL};
	struct hfenv_options opts = {.quiet = true};
	struct hfenv_result copied, in_place;
	normalize(&opts, envp, &copied);
	assert_true(copied.finding_count >= 3);
	char **block = make_block(envp, 0);
	normalize_in_place(&opts, block, 0, &in_place);
	assert_int_equal(in_place.finding_count, 0);
	assert_string_equal(in_place.env[0], "https_proxy=https://127.0.0.1:7890");
	hfenv_result_free(&in_place);
	hfenv_result_free(&copied);
	free(block);
}

static void in_place_builds_over_the_block_when_the_additions_fit(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=http://127.0.0.1:3128", "https_proxy=http://127.0.0.1:3128", "no_proxy=localhost,.localhost",
			NULL};
	char **block = make_block(envp, 3);
	struct hfenv_options opts = {.proxy_loopback = true};
	struct hfenv_result r;
	normalize_in_place(&opts, block, 3, &r);
	assert_ptr_equal(r.env, block);
	assert_int_equal(r.env_count, 6);
	assert_ptr_equal(r.env[0], envp[0]);
	assert_ptr_equal(r.env[1], envp[1]);
	assert_ptr_equal(r.env[2], envp[2]);
	assert_string_equal(r.env[3], "HTTP_PROXY=http://127.0.0.1:3128");
	assert_string_equal(r.env[4], "HTTPS_PROXY=http://127.0.0.1:3128");
	assert_string_equal(r.env[5], "NO_PROXY=localhost,.localhost");
	assert_null(r.env[6]);
	hfenv_result_free(&r);
	free(block);
}

static void in_place_without_room_for_additions_moves_to_a_new_array(void **state)
{
	(void)state;
	char *envp[] = {"A=1", "http_proxy=http://127.0.0.1:1", "B=2", NULL};
	char **block = make_block(envp, 0);
	struct hfenv_options opts = {.proxy_loopback = true};
	struct hfenv_result r;
	normalize_in_place(&opts, block, 0, &r);
	assert_ptr_not_equal(r.env, block);
	assert_int_equal(r.env_count, 4);
	assert_ptr_equal(r.env[0], envp[0]);
	assert_ptr_equal(r.env[1], envp[1]);
	assert_ptr_equal(r.env[2], envp[2]);
	assert_string_equal(r.env[3], "HTTP_PROXY=http://127.0.0.1:1");
	assert_null(r.env[4]);
	hfenv_result_free(&r);
	free(block);
}

static void in_place_drops_duplicates_and_empty_values(void **state)
{
	(void)state;
	char *envp[] = {"https_proxy=", "A=1", "http_proxy=http://127.0.0.1:1", "http_proxy=http://127.0.0.1:2",
			"HTTP_PROXY=http://127.0.0.1:1", "B=2", "HTTPS_PROXY=", NULL};
	char **block = make_block(envp, 1);
	struct hfenv_options opts = {.proxy_loopback = true};
	struct hfenv_result r;
	normalize_in_place(&opts, block, 1, &r);
	assert_ptr_equal(r.env, block);
	assert_int_equal(r.error_count, 0);
	assert_int_equal(r.env_count, 4);
	assert_ptr_equal(r.env[0], envp[1]);
	assert_ptr_equal(r.env[1], envp[2]);
	assert_ptr_equal(r.env[2], envp[4]);
	assert_ptr_equal(r.env[3], envp[5]);
	assert_null(r.env[4]);
	hfenv_result_free(&r);
	free(block);
}

static void in_place_refusal_leaves_a_valid_environment(void **state)
{
	(void)state;
	char *envp[] = {"A=1", "https_proxy=ftp://127.0.0.1:1", "https_proxy=http://127.0.0.1:2", "B=2", NULL};
	char **block = make_block(envp, 2);
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize_in_place(&opts, block, 2, &r);
	assert_int_equal(r.error_count, 1);
	assert_int_equal(r.edit_count, 0);
	assert_int_equal(r.env_count, 3);
	assert_ptr_equal(r.env[0], envp[0]);
	assert_ptr_equal(r.env[1], envp[1]);
	assert_ptr_equal(r.env[2], envp[3]);
	assert_null(r.env[3]);
	hfenv_result_free(&r);
	free(block);
}

static void in_place_leaves_out_change_findings_but_not_edits(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=http://127.0.0.1:7890", "http_proxy=http://127.0.0.1:1", NULL};
	char **block = make_block(envp, 1);
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize_in_place(&opts, block, 1, &r);
	assert_int_equal(count_findings(&r, HFENV_CHANGE), 0);
	assert_true(find_finding(&r, HFENV_WARNING, "http_proxy", "2 times", NULL) >= 0);
	assert_string_equal(lookup(&r, "HTTP_PROXY"), "http://127.0.0.1:7890");
	assert_non_null(find_edit(&r, "HTTP_PROXY"));
	hfenv_result_free(&r);
	free(block);
}

static void in_place_reports_changes_under_hfenv_verbose(void **state)
{
	(void)state;
	char *envp[] = {"HFENV_VERBOSE=1", "http_proxy=http://127.0.0.1:7890", NULL};
	char **block = make_block(envp, 1);
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize_in_place(&opts, block, 1, &r);
	assert_true(find_finding(&r, HFENV_CHANGE, "set HTTP_PROXY=", "127.0.0.1:7890", NULL) >= 0);
	hfenv_result_free(&r);
	free(block);
}

static void in_place_reports_changes_under_the_verbose_option(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=http://127.0.0.1:7890", NULL};
	char **block = make_block(envp, 1);
	struct hfenv_options opts = {.verbose = true, .proxy_loopback = true};
	struct hfenv_result r;
	normalize_in_place(&opts, block, 1, &r);
	assert_int_equal(count_findings(&r, HFENV_CHANGE), 1);
	hfenv_result_free(&r);
	free(block);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(in_place_gives_the_same_result_as_a_copy),
		cmocka_unit_test(in_place_under_quiet_keeps_no_warning),
		cmocka_unit_test(in_place_builds_over_the_block_when_the_additions_fit),
		cmocka_unit_test(in_place_without_room_for_additions_moves_to_a_new_array),
		cmocka_unit_test(in_place_drops_duplicates_and_empty_values),
		cmocka_unit_test(in_place_refusal_leaves_a_valid_environment),
		cmocka_unit_test(in_place_leaves_out_change_findings_but_not_edits),
		cmocka_unit_test(in_place_reports_changes_under_hfenv_verbose),
		cmocka_unit_test(in_place_reports_changes_under_the_verbose_option),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
