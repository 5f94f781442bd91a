#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "engine_cases.h"

static const struct engine_case cases[] = {
	{"one_spelling_is_copied_to_the_other", {"HTTPS_PROXY=http://127.0.0.1:7890"}, {0},
	 {"no errors", "https_proxy=http://127.0.0.1:7890", "HTTPS_PROXY=http://127.0.0.1:7890"}},
	{"clean_environment_is_returned_unchanged",
	 {"HOME=/root", "http_proxy=http://127.0.0.1:7890", "HTTP_PROXY=http://127.0.0.1:7890",
	  "https_proxy=http://127.0.0.1:7890", "HTTPS_PROXY=http://127.0.0.1:7890", "all_proxy=http://127.0.0.1:7891",
	  "ALL_PROXY=http://127.0.0.1:7891", "no_proxy=localhost,.localhost,example.com,.example.com,127.0.0.1,::1",
	  "NO_PROXY=localhost,.localhost,example.com,.example.com,127.0.0.1,::1",
	  "HF_HUB_DISABLE_XET=1", "PATH=/usr/bin:/bin"}, {0},
	 {"no findings", "no edits",
	  "order: HOME http_proxy HTTP_PROXY https_proxy HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY HF_HUB_DISABLE_XET PATH"}},
	{"empty_environment_gives_empty_result", {NULL}, {0}, {"no findings", "no edits", "variables: 0"}},
	{"untouched_variables_keep_order_and_identity",
	 {"A=1", "http_proxy=127.0.0.1:7890", "B=2", "NO_PROXY=*.x.com", "C=3", "HTTP_PROXY=http://127.0.0.1:1", "D=4"},
	 {.proxy_loopback = true},
	 {"no errors", "order: A http_proxy B NO_PROXY C HTTP_PROXY D no_proxy", "http_proxy=http://127.0.0.1:7890",
	  "NO_PROXY=x.com,.x.com", "HTTP_PROXY=http://127.0.0.1:7890", "no_proxy=x.com,.x.com"}},
	{"every_change_is_one_edit_and_one_change_finding", {"http_proxy=127.0.0.1:7890", "HTTPS_PROXY="},
	 {.proxy_loopback = true},
	 {"edits: 3", "changes: 3", "edit: http_proxy=http://127.0.0.1:7890", "edit: HTTP_PROXY=http://127.0.0.1:7890",
	  "edit: -HTTPS_PROXY", "change: changed http_proxy from '127.0.0.1:7890' to 'http://127.0.0.1:7890'",
	  "change: set HTTP_PROXY='http://127.0.0.1:7890'", "change: unset HTTPS_PROXY"}},
	{"unset_removes_the_variable", {"A=1", "FOO=bar", "B=2"}, {UNSET("FOO")}, {"no errors", "order: A B", "edits: 1", "edit: -FOO"}},
	{"unset_of_a_missing_variable_changes_nothing", {"A=1"}, {UNSET("FOO")}, {"no findings", "no edits", "variables: 1"}},
	{"unset_is_repeatable", {"A=1", "B=2", "C=3"}, {UNSET("A", "C")}, {"order: B"}},
	{"unset_of_both_spellings_removes_the_proxy", {"http_proxy=http://127.0.0.1:1", "HTTP_PROXY=http://127.0.0.1:1"},
	 {UNSET("http_proxy", "HTTP_PROXY")}, {"variables: 0"}},
	{"unset_of_one_spelling_is_refilled_from_the_other", {"http_proxy=http://127.0.0.1:1", "HTTP_PROXY=http://127.0.0.1:2"},
	 {UNSET("http_proxy")}, {"no warnings", "http_proxy=http://127.0.0.1:2", "HTTP_PROXY=http://127.0.0.1:2"}},
	{"unset_name_with_equals_sign_is_an_error", {NULL}, {UNSET("A=B")}, {"errors: 1", "error: 'A=B'"}},
	{"unset_of_empty_name_is_an_error", {NULL}, {UNSET("")}, {"errors: 1"}},
	{"assignment_adds_a_new_variable_at_the_end", {"A=1"}, {ASSIGN("NEW=x y")}, {"order: A NEW", "NEW=x y", "edit: NEW=x y"}},
	{"assignments_are_appended_in_command_line_order", {NULL}, {ASSIGN("Z=1", "A=2", "M=3")}, {"order: Z A M", "Z=1", "A=2", "M=3"}},
	{"assignment_replaces_a_variable_in_place", {"A=1", "B=2", "C=3"}, {ASSIGN("B=two")}, {"order: A B C", "B=two"}},
	{"assignment_of_the_same_value_changes_nothing", {"A=1"}, {ASSIGN("A=1")}, {"no findings", "no edits", "order: A"}},
	{"assignment_with_empty_value_sets_it_empty", {"A=1"}, {ASSIGN("A=")}, {"A="}},
	{"later_assignment_of_the_same_name_wins", {NULL}, {ASSIGN("A=1", "A=2")}, {"variables: 1", "A=2"}},
	{"assignment_applies_after_unset", {"A=old"}, {UNSET("A"), ASSIGN("A=new")}, {"order: A", "A=new"}},
	{"assigned_proxy_is_normalized", {"HTTPS_PROXY=http://127.0.0.1:1"}, {ASSIGN("HTTPS_PROXY=127.0.0.1:7890")},
	 {"no errors", "HTTPS_PROXY=http://127.0.0.1:7890", "https_proxy=http://127.0.0.1:7890"}},
	{"assignment_with_empty_name_is_an_error", {NULL}, {ASSIGN("=x")}, {"errors: 1"}},
	{"assignment_without_equals_sign_is_an_error", {NULL}, {ASSIGN("x")}, {"errors: 1"}},
	{"no_xet_sets_both_variables", {"A=1"}, {.no_xet = true},
	 {"no errors", "no warnings", "HF_HUB_DISABLE_XET=1", "HF_HUB_DISABLE_XETHUB=1", "edits: 2"}},
	{"no_xet_keeps_a_true_value", {"HF_HUB_DISABLE_XET=YES", "HF_HUB_DISABLE_XETHUB=1"}, {.no_xet = true}, {"no findings", "no edits"}},
	{"no_xet_overrides_a_false_value", {"HF_HUB_DISABLE_XET=0"}, {.no_xet = true},
	 {"order: HF_HUB_DISABLE_XET HF_HUB_DISABLE_XETHUB", "HF_HUB_DISABLE_XET=1"}},
	{"xethub_alone_sets_the_hub_switch", {"HF_HUB_DISABLE_XETHUB=1"}, {0},
	 {"HF_HUB_DISABLE_XET=1", "HF_HUB_DISABLE_XETHUB=1", "no warnings", "edits: 1", "edit: HF_HUB_DISABLE_XET=1"}},
	{"xethub_alone_is_explained_under_verbose", {"HF_HUB_DISABLE_XETHUB=1"}, {.verbose = true},
	 {"warning: HF_HUB_DISABLE_XETHUB is read by no client: HF_HUB_DISABLE_XET takes its meaning",
	  "change: set HF_HUB_DISABLE_XET='1'"}},
	{"xethub_false_sets_the_hub_switch_false", {"HF_HUB_DISABLE_XETHUB=off"}, {0}, {"HF_HUB_DISABLE_XET=0", "no warnings"}},
	{"xethub_in_hf_xets_words_means_the_same", {"HF_HUB_DISABLE_XETHUB=y"}, {0}, {"HF_HUB_DISABLE_XET=1", "no errors"}},
	{"xethub_in_quotes_and_a_cr_sets_the_hub_switch", {"HF_HUB_DISABLE_XETHUB=\"1\"\r"}, {0},
	 {"HF_HUB_DISABLE_XET=1", "HF_HUB_DISABLE_XETHUB=1", "warnings: 1", "warning: HF_HUB_DISABLE_XETHUB: quotes removed"}},
	{"empty_hub_switch_takes_the_meaning_of_xethub", {"HF_HUB_DISABLE_XET=", "HF_HUB_DISABLE_XETHUB=1"}, {0},
	 {"HF_HUB_DISABLE_XET=1", "order: HF_HUB_DISABLE_XET HF_HUB_DISABLE_XETHUB", "no warnings"}},
	{"xethub_beside_the_same_meaning_changes_nothing", {"HF_HUB_DISABLE_XET=true", "HF_HUB_DISABLE_XETHUB=1"}, {0},
	 {"no findings", "no edits"}},
	{"hub_switch_wins_over_a_different_xethub_with_one_warning", {"HF_HUB_DISABLE_XET=0", "HF_HUB_DISABLE_XETHUB=1"}, {0},
	 {"HF_HUB_DISABLE_XET=0", "HF_HUB_DISABLE_XETHUB=0", "warnings: 1",
	  "warning: HF_HUB_DISABLE_XET='0' wins over HF_HUB_DISABLE_XETHUB, which nothing reads"}},
	{"true_hub_switch_wins_over_a_false_xethub", {"HF_HUB_DISABLE_XETHUB=no", "HF_HUB_DISABLE_XET=1"}, {0},
	 {"HF_HUB_DISABLE_XET=1", "HF_HUB_DISABLE_XETHUB=1", "warnings: 1"}},
	{"empty_xethub_changes_nothing", {"HF_HUB_DISABLE_XETHUB="}, {0}, {"no findings", "no edits", "-HF_HUB_DISABLE_XET"}},
	{"xethub_neither_true_nor_false_is_refused", {"HF_HUB_DISABLE_XETHUB=auto"}, {0},
	 {"errors: 1", "error: HF_HUB_DISABLE_XETHUB='auto' is neither true nor false", "-HF_HUB_DISABLE_XET"}},
	{"no_xet_sets_both_switches_without_a_word_on_their_disagreement", {"HF_HUB_DISABLE_XET=0", "HF_HUB_DISABLE_XETHUB=1"},
	 {.no_xet = true}, {"HF_HUB_DISABLE_XET=1", "HF_HUB_DISABLE_XETHUB=1", "no warnings"}},
	{"without_no_xet_xet_variables_are_untouched", {"HF_HUB_DISABLE_XET=0"}, {0}, {"no edits", "order: HF_HUB_DISABLE_XET"}},
	{"proxy_option_sets_both_pairs", {"HTTP_PROXY=http://127.0.0.1:1"}, {.proxy = "127.0.0.1:7890"},
	 {"no errors", "no warnings", "http_proxy=http://127.0.0.1:7890", "HTTP_PROXY=http://127.0.0.1:7890",
	  "https_proxy=http://127.0.0.1:7890", "HTTPS_PROXY=http://127.0.0.1:7890", "-all_proxy"}},
	{"invalid_proxy_option_is_an_error", {NULL}, {.proxy = "ftp://127.0.0.1:21"}, {"errors: 1", "error: --proxy ... ftp://127.0.0.1:21"}},
	{"empty_proxy_option_is_an_error", {NULL}, {.proxy = " "}, {"errors: 1", "error: --proxy"}},
	{"hfenv_proxy_sets_both_pairs", {"HFENV_PROXY=http://127.0.0.1:7890"}, {0},
	 {"no errors", "https_proxy=http://127.0.0.1:7890", "HTTP_PROXY=http://127.0.0.1:7890", "HFENV_PROXY=http://127.0.0.1:7890"}},
	{"proxy_option_wins_over_hfenv_proxy", {"HFENV_PROXY=ftp://not-used"}, {.proxy = "http://127.0.0.1:7890"},
	 {"no errors", "https_proxy=http://127.0.0.1:7890"}},
	{"invalid_hfenv_proxy_is_an_error", {"HFENV_PROXY=http://127.0.0.1:0"}, {0}, {"errors: 1", "error: HFENV_PROXY ... port"}},
	{"empty_hfenv_proxy_is_ignored", {"HFENV_PROXY="}, {0}, {"no findings", "no edits"}},
	{"hfenv_proxy_from_an_assignment_is_used", {NULL}, {ASSIGN("HFENV_PROXY=127.0.0.1:7890")},
	 {"http_proxy=http://127.0.0.1:7890", "HFENV_PROXY=127.0.0.1:7890"}},
	{"unset_hfenv_proxy_is_not_used", {"HFENV_PROXY=http://127.0.0.1:7890"}, {UNSET("HFENV_PROXY")}, {"variables: 0"}},
	{"hfenv_no_xet_true_sets_both_variables", {"HFENV_NO_XET=Yes"}, {0}, {"HF_HUB_DISABLE_XET=1", "HF_HUB_DISABLE_XETHUB=1"}},
	{"hfenv_no_xet_with_a_cr_is_true_with_a_warning", {"HFENV_NO_XET=1\r"}, {0},
	 {"HF_HUB_DISABLE_XET=1", "warnings: 1", "warning: HFENV_NO_XET='1\\x0d': blanks, CR or LF around it removed",
	  "no warning: not true or false"}},
	{"hfenv_no_xet_in_quotes_is_true", {"HFENV_NO_XET=\"yes\""}, {0},
	 {"HF_HUB_DISABLE_XET=1", "warnings: 1", "warning: HFENV_NO_XET: quotes removed"}},
	{"hfenv_setting_is_passed_on_as_given", {"HFENV_NO_XET= 1 "}, {0}, {"HFENV_NO_XET= 1 ", "no edit: HFENV_NO_XET"}},
	{"hfenv_verbose_in_blanks_is_true", {"HFENV_VERBOSE= on\r\n"}, {0}, {"verbose"}},
	{"hfenv_proxy_in_blanks_is_trimmed_with_a_warning", {"HFENV_PROXY= 127.0.0.1:7890 "}, {0},
	 {"no errors", "https_proxy=http://127.0.0.1:7890", "warning: HFENV_PROXY=' 127.0.0.1:7890 ': blanks"}},
	{"unknown_setting_value_is_false_with_a_warning", {"HFENV_NO_XET=maybe"}, {0},
	 {"no errors", "-HF_HUB_DISABLE_XET", "warning: HFENV_NO_XET='maybe'"}},
	{"no_xet_option_wins_over_false_setting", {"HFENV_NO_XET=0"}, {.no_xet = true}, {"HF_HUB_DISABLE_XET=1"}},
	{"hfenv_allow_socks_lets_socks_through", {"HFENV_ALLOW_SOCKS=on", "https_proxy=socks5://127.0.0.1:1080"}, {0},
	 {"no errors", "HTTPS_PROXY=socks5h://127.0.0.1:1080"}},
	{"hfenv_prefer_upper_picks_upper", {"HFENV_PREFER=upper", "http_proxy=http://127.0.0.1:1", "HTTP_PROXY=http://127.0.0.1:2"}, {0},
	 {"http_proxy=http://127.0.0.1:2"}},
	{"hfenv_prefer_ignores_case", {"HFENV_PREFER=UPPER", "http_proxy=http://127.0.0.1:1", "HTTP_PROXY=http://127.0.0.1:2"}, {0},
	 {"no errors", "http_proxy=http://127.0.0.1:2"}},
	{"hfenv_prefer_lower_picks_lower", {"HFENV_PREFER=lower", "http_proxy=http://127.0.0.1:1", "HTTP_PROXY=http://127.0.0.1:2"}, {0},
	 {"HTTP_PROXY=http://127.0.0.1:1"}},
	{"hfenv_prefer_in_blanks_is_read", {"HFENV_PREFER= upper ", "http_proxy=http://127.0.0.1:1", "HTTP_PROXY=http://127.0.0.1:2"},
	 {0}, {"no errors", "http_proxy=http://127.0.0.1:2", "warning: HFENV_PREFER=' upper ': blanks"}},
	{"hfenv_prefer_in_quotes_and_a_cr_is_one_warning", {"HFENV_PREFER=\"upper\"\r", "http_proxy=http://127.0.0.1:1",
	  "HTTP_PROXY=http://127.0.0.1:2"}, {0},
	 {"no errors", "http_proxy=http://127.0.0.1:2", "warning: HFENV_PREFER: quotes removed ... systemd keep them"}},
	{"invalid_hfenv_prefer_is_an_error", {"HFENV_PREFER=both"}, {0}, {"errors: 1", "error: HFENV_PREFER='both'"}},
	{"prefer_option_wins_over_hfenv_prefer", {"HFENV_PREFER=upper", "http_proxy=http://127.0.0.1:1", "HTTP_PROXY=http://127.0.0.1:2"},
	 {.prefer = HFENV_PREFER_LOWER}, {"HTTP_PROXY=http://127.0.0.1:1"}},
	{"prefer_option_wins_over_invalid_hfenv_prefer", {"HFENV_PREFER=both"}, {.prefer = HFENV_PREFER_UPPER}, {"no errors"}},
	{"hfenv_verbose_and_quiet_are_reported", {"HFENV_VERBOSE=TRUE", "HFENV_QUIET=1"}, {0}, {"verbose", "quiet", "no findings"}},
	{"verbose_and_quiet_default_to_false", {NULL}, {0}, {"not verbose", "not quiet"}},
	{"verbose_and_quiet_options_win_over_false_settings", {"HFENV_VERBOSE=0", "HFENV_QUIET=no"}, {.verbose = true, .quiet = true},
	 {"verbose", "quiet"}},
	{"settings_pass_through_to_the_command", {"HFENV_QUIET=1", "HFENV_PREFER=upper"}, {0}, {"order: HFENV_QUIET HFENV_PREFER"}},
	{"duplicate_proxy_variable_keeps_the_first_with_a_warning",
	 {"http_proxy=http://127.0.0.1:1", "A=1", "http_proxy=http://127.0.0.1:2", "HTTP_PROXY=http://127.0.0.1:1"},
	 {.proxy_loopback = true}, {"no errors", "order: http_proxy A HTTP_PROXY", "http_proxy=http://127.0.0.1:1", "warning: http_proxy ... 2 times", "no edits"}},
	{"duplicate_other_variable_passes_through", {"A=1", "A=2"}, {0}, {"no findings", "order: A A"}},
	{"duplicate_assigned_variable_is_replaced_once", {"A=1", "B=x", "A=2"}, {ASSIGN("A=3")}, {"order: A B", "A=3"}},
	{"entry_without_equals_sign_passes_through_with_a_warning", {"A=1", "JUNK", "B=2"}, {0},
	 {"no errors", "order: A JUNK B", "warning: 'JUNK'", "no edits"}},
	{"entry_named_like_a_proxy_without_equals_sign_is_not_a_proxy", {"http_proxy"}, {0}, {"no errors", "variables: 1", "-HTTP_PROXY"}},
	{"errors_leave_no_edits", {"http_proxy=127.0.0.1:7890", "https_proxy=ftp://x"}, {.no_xet = true},
	 {"errors: 1", "no edits", "no changes"}},
	{"path_is_the_first_path_entry", {"HOME=/root", "PATH=/first", "PATH=/second"}, {0}, {"path: /first"}},
	{"path_follows_a_path_operand", {"PATH=/usr/bin"}, {ASSIGN("PATH=/opt/bin")}, {"path: /opt/bin", "PATH=/opt/bin"}},
	{"verbose_set_of_a_secret_like_name_hides_its_value", {NULL},
	 {ASSIGN("HUGGINGFACEHUB_API_TOKEN=planted1", "HF_HUB_TOKEN=planted2", "HF_API_TOKEN=planted3"), .verbose = true},
	 {"change: set HUGGINGFACEHUB_API_TOKEN (a secret: its value is not shown)", "change: set HF_HUB_TOKEN (a secret",
	  "change: set HF_API_TOKEN (a secret", "no finding: planted", "HF_HUB_TOKEN=planted2"}},
	{"verbose_unset_of_a_secret_like_name_hides_its_old_value", {"OPENAI_API_KEY=planted"},
	 {UNSET("OPENAI_API_KEY"), .verbose = true},
	 {"-OPENAI_API_KEY", "change: unset OPENAI_API_KEY (a secret", "no finding: planted"}},
	{"verbose_change_of_a_secret_like_name_hides_both_values", {"db_password=planted1"},
	 {ASSIGN("db_password=planted2"), .verbose = true},
	 {"db_password=planted2", "change: changed db_password (a secret", "no finding: planted"}},
	{"cleaning_a_secret_like_hub_name_hides_its_value", {"HF_HUB_DISABLE_IMPLICIT_TOKEN=planted\n"}, {.verbose = true},
	 {"warning: HF_HUB_DISABLE_IMPLICIT_TOKEN: blanks, CR or LF around it removed", "no finding: planted"}},
	{"verbose_set_of_another_name_shows_its_value", {NULL}, {ASSIGN("HF_TOKEN_PATH=/t"), .verbose = true},
	 {"change: set HF_TOKEN_PATH='/t'"}},
	{"entry_without_equals_led_by_a_secret_name_hides_the_rest", {"HF_TOKEN planted"}, {0},
	 {"warning: environment entry 'HF_TOKEN ***' has no '='", "no finding: planted", "order: HF_TOKEN planted"}},
	{"entry_without_equals_hides_a_token", {"hf_plantedplantedplantedplanted"}, {0},
	 {"warning: environment entry 'hf_***' has no '='", "no finding: planted"}},
	{"unset_of_a_secret_assignment_hides_its_value", {NULL}, {UNSET("HF_TOKEN=planted")},
	 {"errors: 1", "error: cannot unset 'HF_TOKEN=***'", "no finding: planted"}},
	{"assignment_without_a_name_hides_a_token", {NULL}, {ASSIGN("=hf_plantedplantedplantedplanted")},
	 {"errors: 1", "error: cannot set '=hf_***'", "no finding: planted"}},
	{"path_is_null_when_unset", {"PATH=/usr/bin"}, {UNSET("PATH")}, {"no path", "-PATH"}},
};

static void hfenv_no_xet_false_sets_nothing(void **state)
{
	(void)state;
	static const struct engine_case false_values[] = {
		{"0", {"HFENV_NO_XET=0"}, {0}, {"no findings", "no edits"}},
		{"off", {"HFENV_NO_XET=off"}, {0}, {"no findings", "no edits"}},
		{"NO", {"HFENV_NO_XET=NO"}, {0}, {"no findings", "no edits"}},
		{"False", {"HFENV_NO_XET=False"}, {0}, {"no findings", "no edits"}},
		{"empty", {"HFENV_NO_XET="}, {0}, {"no findings", "no edits"}},
	};
	for (size_t i = 0; i < sizeof false_values / sizeof false_values[0]; i++)
		run_engine_case(&false_values[i]);
}

static void normalized_environment_needs_no_further_change(void **state)
{
	(void)state;
	static const struct {
		const char *envp[6];
		struct hfenv_options opts;
	} cases[] = {
		{{"http_proxy=127.0.0.1:7890\r", "HTTPS_PROXY=", "no_proxy= *.a.com,,b", NULL}, {0}},
		{{"http_proxy=http://127.0.0.1:1", "HTTP_PROXY=HTTP://127.0.0.1:2", NULL}, {.prefer = HFENV_PREFER_UPPER}},
		{{"ALL_PROXY=127.0.0.1:7890", "https_proxy=http://127.0.0.1:1", NULL}, {0}},
		{{"REQUEST_METHOD=GET", "HTTP_PROXY=http://127.0.0.1:6666", "all_proxy=http://127.0.0.1:1", NULL}, {0}},
		{{"all_proxy=socks5://127.0.0.1:1080", "https_proxy=socks5h://127.0.0.1:1080", NULL}, {.no_xet = true}},
		{{"A=1", "http_proxy=http://127.0.0.1:1", "http_proxy=http://127.0.0.1:2", NULL}, {.proxy = "127.0.0.1:7890"}},
		{{"HFENV_PREFER=' upper'", "HF_TOKEN='hf_x'\r", "HF_ENDPOINT=\" hf.test/\"", NULL}, {0}},
		{{"Https_Proxy=\"127.0.0.1:1\"", "No_Proxy=x", "HTTPS_Proxy=", "HF_TOKEN='hf_x'\r", NULL}, {0}},
		{{"HF_HUB_DISABLE_XETHUB=1", "HF_ENDPOINT=\" hf.test/\"", NULL}, {0}},
		{{"HF_HUB_DISABLE_XETHUB=y", "HF_HUB_DISABLE_XET=0", NULL}, {0}},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct hfenv_result first, second;
		normalize(&cases[i].opts, (char *const *)cases[i].envp, &first);
		assert_int_equal(first.error_count, 0);
		assert_true(first.edit_count > 0);
		normalize(&cases[i].opts, first.env, &second);
		if (second.edit_count != 0 || count_findings(&second, HFENV_CHANGE) != 0)
			fail_msg("case %zu: a second pass still changes %s", i, second.edits[0].name);
		hfenv_result_free(&second);
		hfenv_result_free(&first);
	}
}

static void result_free_leaves_an_empty_result(void **state)
{
	(void)state;
	char *envp[] = {"http_proxy=127.0.0.1:7890", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	hfenv_result_free(&r);
	assert_null(r.env);
	assert_null(r.findings);
	assert_int_equal(r.finding_count, 0);
	hfenv_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest functions[] = {
		cmocka_unit_test(hfenv_no_xet_false_sets_nothing),
		cmocka_unit_test(normalized_environment_needs_no_further_change),
		cmocka_unit_test(result_free_leaves_an_empty_result),
	};
	return ENGINE_CASES("env", cases, functions);
}
