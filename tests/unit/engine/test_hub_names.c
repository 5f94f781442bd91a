#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine_cases.h"
#include "hub/retired.h"

static const struct engine_case cases[] = {
	{"unknown_hub_name_names_the_nearest_known_one", {"HF_HUB_ENDPOINT=https://hf-mirror.com"}, {0},
	 {"warning: HF_HUB_ENDPOINT is read by no Hugging Face client: did you mean HF_ENDPOINT?", "warnings: 1",
	  "HF_HUB_ENDPOINT=https://hf-mirror.com", "no edits"}},
	{"unknown_xet_name_names_the_grouped_one", {"HF_XET_CONNECT_TIMEOUT=30s"}, {0},
	 {"warning: HF_XET_CONNECT_TIMEOUT ... did you mean HF_XET_CLIENT_CONNECT_TIMEOUT?", "warnings: 1"}},
	{"retired_name_names_what_replaced_it", {"HF_XET_MAX_CONCURRENT_DOWNLOADS=4"}, {0},
	 {"warning: HF_XET_MAX_CONCURRENT_DOWNLOADS is now HF_XET_DATA_MAX_CONCURRENT_FILE_DOWNLOADS", "warnings: 1",
	  "no edits"}},
	{"retired_name_says_with_verbose_which_release_read_it", {"HF_XET_MAX_CONCURRENT_DOWNLOADS=4"}, {.verbose = true},
	 {"warning: read by hf_xet 1.2.0, not by 1.8.0", "warnings: 2"}},
	{"retired_duration_says_with_verbose_that_its_unit_is_written", {"HF_XET_PROGRESS_UPDATE_INTERVAL_MS=200"},
	 {.verbose = true},
	 {"warning: HF_XET_PROGRESS_UPDATE_INTERVAL_MS is now HF_XET_DATA_PROGRESS_UPDATE_INTERVAL",
	  "warning: a duration now, its unit written: 200ms, not 200"}},
	{"retired_name_nothing_replaced_is_to_be_removed", {"HF_XET_MDB_SHARD_TARGET_SIZE=1"}, {0},
	 {"warning: HF_XET_MDB_SHARD_TARGET_SIZE is read by no Hugging Face client now: remove it", "warnings: 1"}},
	{"retired_hub_name_names_huggingface_hub", {"HF_HUB_LOCAL_DIR_AUTO_SYMLINK_THRESHOLD=1"}, {.verbose = true},
	 {"warning: HF_HUB_LOCAL_DIR_AUTO_SYMLINK_THRESHOLD: no longer read; remove it",
	  "warning: read by huggingface_hub 0.36.2, not by 2.4.0"}},
	{"replacement_too_long_for_the_line_is_named_by_verbose",
	 {"HF_XET_NRANGES_IN_STREAMING_FRAGMENTATION_ESTIMATOR=1"}, {.verbose = true},
	 {"warning: HF_XET_NRANGES_IN_STREAMING_FRAGMENTATION_ESTIMATOR: renamed (-v says to what)",
	  "warning: its name now: HF_XET_DEDUPLICATION_NRANGES_IN_STREAMING_FRAGMENTATION_ESTIMATOR"}},
	{"unknown_name_far_from_every_known_one_gets_no_suggestion", {"HF_HUB_FOO=1"}, {0},
	 {"warning: HF_HUB_FOO is read by neither huggingface_hub 2.4 nor hf_xet 1.8: check its spelling",
	  "no warning: did you mean"}},
	{"two_equally_near_names_give_no_suggestion", {"HF_XET_ENABLED=1"}, {0},
	 {"warning: HF_XET_ENABLED ... check its spelling", "no warning: did you mean"}},
	{"suggestion_too_long_for_the_line_is_made_by_verbose",
	 {"HF_XET_DEDUPLICATION_NRANGES_IN_STREAMING_FRAGMENTATION_ESTIMATORS=1"}, {.verbose = true},
	 {"no warning: HF_XET_DEDUPLICATION_NRANGES_IN_STREAMING_FRAGMENTATION_ESTIMATORS: unknown; did",
	  "warning: did you mean HF_XET_DEDUPLICATION_NRANGES_IN_STREAMING_FRAGMENTATION_ESTIMATOR?"}},
	{"other_hf_names_stay_silent", {"HF_DATASETS_CACHE=/d", "HF_EVALUATE_OFFLINE=1", "HF_MODULES_CACHE=/m",
	  "HF_HUB=1", "HUGGINGFACE_TOKEN=x", "hf_hub_offline=1"}, {0}, {"no findings"}},
	{"names_in_the_table_stay_silent", {"HF_HUB_OFFLINE=1", "HF_XET_HP=1", "HF_HUB_DISABLE_XETHUB=1",
	  "HF_XET_CLIENT_LEGACY_DIRECT_XORB_UPLOAD=1", "HF_XET_DISABLE_MEMORY_DERIVED_DOWNLOAD_BUFFERS=1"}, {0},
	 {"no warnings"}},
	{"unknown_name_given_as_an_operand_is_warned_of", {NULL}, {ASSIGN("HF_HUB_TOKEN=x")},
	 {"warning: HF_HUB_TOKEN ... did you mean HF_TOKEN?", "warnings: 1", "HF_HUB_TOKEN=x"}},
	{"unknown_name_in_the_environment_and_an_operand_is_one_warning", {"HF_HUB_TOKEN=x"}, {ASSIGN("HF_HUB_TOKEN=y")},
	 {"warnings: 1"}},
	{"unknown_name_unset_with_u_is_silent", {"HF_HUB_FOO=1"}, {UNSET("HF_HUB_FOO")}, {"no warnings", "-HF_HUB_FOO"}},
	{"unknown_name_twice_is_one_warning", {"HF_HUB_FOO=1", "HF_HUB_FOO=2"}, {0},
	 {"warnings: 1", "order: HF_HUB_FOO HF_HUB_FOO"}},
	{"unknown_names_past_eight_are_counted_in_one_warning",
	 {"HF_HUB_A1=1", "HF_HUB_A2=1", "HF_HUB_A3=1", "HF_HUB_A4=1", "HF_HUB_A5=1", "HF_HUB_A6=1", "HF_HUB_A7=1",
	  "HF_HUB_A8=1", "HF_HUB_A9=1", "HF_XET_A10=1"}, {0},
	 {"warnings: 9", "warning: 2 more HF_HUB_ or HF_XET_ variables that no Hugging Face client reads",
	  "no warning: HF_HUB_A9"}},
	{"an_unknown_name_beside_proxies_changes_nothing_else", {"HF_HUB_ENDPOINT=x", "http_proxy=http://127.0.0.1:7890"},
	 {0}, {"warnings: 1", "HF_HUB_ENDPOINT=x", "HTTP_PROXY=http://127.0.0.1:7890"}},
};

/* Every retired name's warning fits its line (normalize checks it) and names what to do. */
static void every_retired_name_gets_one_warning_saying_what_to_do(void **state)
{
	(void)state;
	for (size_t i = 0; i < hfenv_hub_retired_count; i++) {
		const struct hfenv_hub_retired *row = &hfenv_hub_retired_names[i];
		char entry[128];
		snprintf(entry, sizeof entry, "%s=1", row->name);
		char *env[] = {entry, NULL};
		struct hfenv_result r;
		normalize(&(struct hfenv_options){0}, env, &r);
		const char *says = row->replacement == NULL ? "remove it" : "-v says to what";
		if (count_findings(&r, HFENV_WARNING) != 1 ||
		    (find_finding(&r, HFENV_WARNING, row->name, says, NULL) < 0 &&
		     (row->replacement == NULL || find_finding(&r, HFENV_WARNING, row->replacement, NULL) < 0)))
			fail_msg("%s: %s", row->name, r.finding_count ? r.findings[0].message : "no warning");
		hfenv_result_free(&r);
	}
}

int main(void)
{
	const struct CMUnitTest functions[] = {
		cmocka_unit_test(every_retired_name_gets_one_warning_saying_what_to_do),
	};
	return ENGINE_CASES("hub_names", cases, functions);
}
