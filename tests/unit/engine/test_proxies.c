#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "engine_cases.h"
#include "common/url.h"

static const char *const pair_names[][2] = {
	{"http_proxy", "HTTP_PROXY"},
	{"https_proxy", "HTTPS_PROXY"},
	{"all_proxy", "ALL_PROXY"},
	{"no_proxy", "NO_PROXY"},
};

static const struct engine_case cases[] = {
	{"surrounding_blanks_cr_and_lf_are_stripped_with_a_warning", {"http_proxy= \thttp://127.0.0.1:7890\r\n"}, {0},
	 {"no errors", "http_proxy=http://127.0.0.1:7890", "HTTP_PROXY=http://127.0.0.1:7890", "warning: http_proxy= ... blanks, CR or LF around it removed"}},
	{"trailing_cr_is_stripped_in_every_pair",
	 {"HTTP_PROXY=http://127.0.0.1:1\r", "HTTPS_PROXY=http://127.0.0.1:2\r", "ALL_PROXY=http://127.0.0.1:3\r", "NO_PROXY=localhost,.localhost,127.0.0.1,::1\r"}, {0},
	 {"no errors", "HTTP_PROXY=http://127.0.0.1:1", "HTTPS_PROXY=http://127.0.0.1:2", "ALL_PROXY=http://127.0.0.1:3", "NO_PROXY=localhost,.localhost,127.0.0.1,::1",
	  "warning: HTTP_PROXY ... blanks", "warning: HTTPS_PROXY ... blanks", "warning: ALL_PROXY ... blanks", "warning: NO_PROXY ... blanks"}},
	{"empty_spelling_takes_the_other_spellings_value", {"http_proxy=", "HTTP_PROXY=http://127.0.0.1:7890"}, {0},
	 {"no errors", "http_proxy=http://127.0.0.1:7890", "HTTP_PROXY=http://127.0.0.1:7890", "no warning: differ"}},
	{"blank_only_value_is_removed_with_a_warning", {"https_proxy= \r\n"}, {0},
	 {"no errors", "variables: 0", "warning: https_proxy= ... blanks"}},
	{"lower_spelling_is_copied_to_upper_in_every_pair",
	 {"http_proxy=http://127.0.0.1:1", "https_proxy=http://127.0.0.1:2", "all_proxy=http://127.0.0.1:3", "no_proxy=localhost,.localhost,127.0.0.1,::1"}, {0},
	 {"no errors", "findings: 4", "changes: 4", "HTTP_PROXY=http://127.0.0.1:1", "HTTPS_PROXY=http://127.0.0.1:2",
	  "ALL_PROXY=http://127.0.0.1:3", "NO_PROXY=localhost,.localhost,127.0.0.1,::1"}},
	{"upper_spelling_is_copied_to_lower_in_every_pair",
	 {"HTTP_PROXY=http://127.0.0.1:1", "HTTPS_PROXY=http://127.0.0.1:2", "ALL_PROXY=http://127.0.0.1:3", "NO_PROXY=localhost,.localhost,127.0.0.1,::1"}, {0},
	 {"no errors", "findings: 4", "http_proxy=http://127.0.0.1:1", "https_proxy=http://127.0.0.1:2", "all_proxy=http://127.0.0.1:3",
	  "no_proxy=localhost,.localhost,127.0.0.1,::1"}},
	{"copy_appends_the_new_spelling_at_the_end", {"A=1", "HTTPS_PROXY=http://127.0.0.1:7890", "B=2"}, {.proxy_loopback = true},
	 {"order: A HTTPS_PROXY B https_proxy", "https_proxy=http://127.0.0.1:7890", "edits: 1", "edit: https_proxy=http://127.0.0.1:7890"}},
	{"equal_pair_is_untouched", {"http_proxy=http://127.0.0.1:7890", "HTTP_PROXY=http://127.0.0.1:7890"}, {.proxy_loopback = true},
	 {"no findings", "no edits", "order: http_proxy HTTP_PROXY"}},
	{"pair_equal_after_normalizing_gives_no_warning", {"http_proxy=127.0.0.1:7890", "HTTP_PROXY=HTTP://127.0.0.1:7890"}, {0},
	 {"no warnings", "http_proxy=http://127.0.0.1:7890", "HTTP_PROXY=http://127.0.0.1:7890"}},
	{"differing_pair_takes_lower_by_default_with_a_warning", {"HTTPS_PROXY=http://127.0.0.1:1", "https_proxy=http://127.0.0.1:2"}, {0},
	 {"no errors", "https_proxy=http://127.0.0.1:2", "HTTPS_PROXY=http://127.0.0.1:2",
	  "warning: https_proxy='http://127.0.0.1:2' wins over a different HTTPS_PROXY"}},
	{"differing_pair_takes_lower_with_prefer_lower", {"no_proxy=a", "NO_PROXY=b"}, {.prefer = HFENV_PREFER_LOWER},
	 {"no_proxy=a,.a", "NO_PROXY=a,.a", "warning: no_proxy='a' wins over a different NO_PROXY"}},
	{"differing_pair_takes_upper_with_prefer_upper", {"http_proxy=http://127.0.0.1:1", "HTTP_PROXY=http://127.0.0.1:2"},
	 {.prefer = HFENV_PREFER_UPPER},
	 {"no errors", "http_proxy=http://127.0.0.1:2", "HTTP_PROXY=http://127.0.0.1:2",
	  "warning: HTTP_PROXY='http://127.0.0.1:2' wins over a different http_proxy"}},
	{"differing_pair_warning_redacts_both_passwords",
	 {"http_proxy=http://alice:secret@127.0.0.1:1", "HTTP_PROXY=http://bob:secret2@127.0.0.1:2"}, {.verbose = true},
	 {"warning: alice:***@127.0.0.1:1", "warning: HTTP_PROXY was 'http://bob:***@127.0.0.1:2'", "no finding: secret"}},
	{"invalid_losing_spelling_is_replaced_with_a_warning", {"http_proxy=http://127.0.0.1:1", "HTTP_PROXY=ftp://junk"}, {0},
	 {"no errors", "HTTP_PROXY=http://127.0.0.1:1", "warning: http_proxy='http://127.0.0.1:1' wins over a different HTTP_PROXY"}},
	{"invalid_winning_spelling_is_an_error", {"http_proxy=ftp://junk", "HTTP_PROXY=http://127.0.0.1:1"}, {0},
	 {"errors: 1", "error: http_proxy='ftp://junk'"}},
	{"scheme_less_value_gets_http_in_both_spellings", {"https_proxy=127.0.0.1:7890"}, {0},
	 {"no errors", "https_proxy=http://127.0.0.1:7890", "HTTPS_PROXY=http://127.0.0.1:7890", "change: changed https_proxy"}},
	{"upper_case_scheme_is_lower_cased_in_place", {"X=1", "ALL_PROXY=HTTP://127.0.0.1:7890", "all_proxy=HTTP://127.0.0.1:7890", "Y=2"},
	 {.proxy_loopback = true},
	 {"no errors", "order: X ALL_PROXY all_proxy Y http_proxy HTTP_PROXY https_proxy HTTPS_PROXY", "ALL_PROXY=http://127.0.0.1:7890",
	  "all_proxy=http://127.0.0.1:7890"}},
	{"control_character_in_error_message_is_escaped", {"http_proxy=http://127.0.0.1\x1b[2J:7890"}, {0},
	 {"errors: 1", "error: \\x1b[2J", "no error: \x1b"}},
	{"http_all_proxy_fills_unset_http_and_https_pairs", {"all_proxy=http://127.0.0.1:7890"}, {0},
	 {"no errors", "http_proxy=http://127.0.0.1:7890", "HTTP_PROXY=http://127.0.0.1:7890", "https_proxy=http://127.0.0.1:7890",
	  "HTTPS_PROXY=http://127.0.0.1:7890", "ALL_PROXY=http://127.0.0.1:7890"}},
	{"https_all_proxy_fills_unset_pairs", {"ALL_PROXY=https://127.0.0.1:7890"}, {0},
	 {"http_proxy=https://127.0.0.1:7890", "HTTPS_PROXY=https://127.0.0.1:7890"}},
	{"all_proxy_fills_with_its_normalized_value", {"ALL_PROXY=127.0.0.1:7890"}, {0},
	 {"https_proxy=http://127.0.0.1:7890", "ALL_PROXY=http://127.0.0.1:7890"}},
	{"all_proxy_leaves_a_set_pair_alone", {"all_proxy=http://127.0.0.1:1", "HTTPS_PROXY=http://127.0.0.1:2"}, {0},
	 {"https_proxy=http://127.0.0.1:2", "HTTPS_PROXY=http://127.0.0.1:2", "http_proxy=http://127.0.0.1:1", "HTTP_PROXY=http://127.0.0.1:1"}},
	{"no_proxy_list_is_rewritten_in_both_spellings", {"no_proxy=localhost, *.example.com,,.Example.ORG"}, {0},
	 {"no errors", "no_proxy=localhost,.localhost,example.com,.example.com,example.org,.example.org",
	  "NO_PROXY=localhost,.localhost,example.com,.example.com,example.org,.example.org"}},
	{"no_proxy_with_only_empty_entries_is_removed", {"NO_PROXY=,,"}, {0}, {"no errors", "-NO_PROXY", "-no_proxy"}},
	{"no_proxy_entry_with_inner_blank_is_an_error", {"NO_PROXY=localhost 127.0.0.1"}, {0},
	 {"errors: 1", "error: NO_PROXY='localhost 127.0.0.1'"}},
	{"cgi_removes_upper_http_proxy_with_a_warning",
	 {"REQUEST_METHOD=GET", "HTTP_PROXY=http://127.0.0.1:6666", "http_proxy=http://127.0.0.1:7890"}, {0},
	 {"no errors", "-HTTP_PROXY", "http_proxy=http://127.0.0.1:7890", "warning: REQUEST_METHOD ... HTTP_PROXY", "no warning: differ"}},
	{"cgi_does_not_copy_upper_http_proxy_to_lower", {"REQUEST_METHOD=POST", "HTTP_PROXY=http://127.0.0.1:6666"}, {0},
	 {"no errors", "-HTTP_PROXY", "-http_proxy", "warning: httpoxy"}},
	{"cgi_does_not_copy_lower_http_proxy_to_upper", {"REQUEST_METHOD=GET", "http_proxy=http://127.0.0.1:7890"},
	 {.proxy_loopback = true},
	 {"no changes", "no edits", "-HTTP_PROXY", "http_proxy=http://127.0.0.1:7890", "no warning: httpoxy"}},
	{"cgi_normalizes_the_other_pairs_as_usual",
	 {"REQUEST_METHOD=GET", "HTTPS_PROXY=http://127.0.0.1:1", "all_proxy=http://127.0.0.1:2", "NO_PROXY=*.example.com"}, {0},
	 {"no errors", "https_proxy=http://127.0.0.1:1", "ALL_PROXY=http://127.0.0.1:2", "no_proxy=example.com,.example.com,localhost,.localhost,127.0.0.1,::1",
	  "NO_PROXY=example.com,.example.com,localhost,.localhost,127.0.0.1,::1"}},
	{"cgi_all_proxy_fills_lower_http_proxy_only", {"REQUEST_METHOD=GET", "ALL_PROXY=http://127.0.0.1:7890"}, {0},
	 {"http_proxy=http://127.0.0.1:7890", "-HTTP_PROXY", "HTTPS_PROXY=http://127.0.0.1:7890"}},
	{"cgi_with_proxy_option_sets_lower_http_proxy_without_httpoxy_warning", {"REQUEST_METHOD=GET"}, {.proxy = "http://127.0.0.1:7890"},
	 {"no errors", "no warning: httpoxy", "http_proxy=http://127.0.0.1:7890", "-HTTP_PROXY",
	  "HTTPS_PROXY=http://127.0.0.1:7890"}},
	{"without_request_method_upper_http_proxy_is_kept", {"HTTP_PROXY=http://127.0.0.1:7890"}, {0},
	 {"HTTP_PROXY=http://127.0.0.1:7890", "http_proxy=http://127.0.0.1:7890"}},
	{"url_without_port_gets_its_schemes_port_with_a_warning", {"HTTPS_PROXY=http://127.0.0.1"}, {.proxy_loopback = true},
	 {"no errors", "HTTPS_PROXY=http://127.0.0.1:80", "https_proxy=http://127.0.0.1:80", "warnings: 1",
	  "warning: HTTPS_PROXY has no port: every client now uses :80"}},
	{"url_without_port_in_both_spellings_is_one_warning_naming_both",
	 {"http_proxy=http://127.0.0.1", "HTTP_PROXY=http://127.0.0.1"}, {.proxy_loopback = true},
	 {"http_proxy=http://127.0.0.1:80", "warnings: 1", "warning: http_proxy and HTTP_PROXY have no port"}},
	{"https_url_without_port_gets_443", {"https_proxy=https://proxy.example"}, {.proxy_loopback = true},
	 {"HTTPS_PROXY=https://proxy.example:443", "warning: :443"}},
	{"socks_all_proxy_without_port_gets_1080", {"all_proxy=socks5h://127.0.0.1"}, {.allow_socks = true},
	 {"ALL_PROXY=socks5h://127.0.0.1:1080", "warning: all_proxy has no port: every client now uses :1080"}},
	{"proxy_option_without_port_gets_80_with_one_warning", {NULL}, {.proxy = "127.0.0.1"},
	 {"no errors", "http_proxy=http://127.0.0.1:80", "HTTPS_PROXY=http://127.0.0.1:80", "warnings: 1", "warning: --proxy has no port"}},
	{"hfenv_proxy_without_port_gets_80", {"HFENV_PROXY=http://127.0.0.1"}, {0},
	 {"https_proxy=http://127.0.0.1:80", "warnings: 1", "warning: HFENV_PROXY has no port"}},
	{"missing_port_says_why_under_verbose", {"http_proxy=http://127.0.0.1"}, {.verbose = true},
	 {"warning: curl and git take 1080"}},
	{"quotes_around_a_proxy_are_removed_with_a_warning_naming_their_source", {"HTTPS_PROXY=\"http://127.0.0.1:7890\""}, {0},
	 {"no errors", "HTTPS_PROXY=http://127.0.0.1:7890", "https_proxy=http://127.0.0.1:7890",
	  "warning: HTTPS_PROXY: quotes removed (docker --env-file, systemd keep them)"}},
	{"single_quotes_around_no_proxy_are_removed", {"NO_PROXY='localhost,.localhost,127.0.0.1,::1'"}, {0},
	 {"NO_PROXY=localhost,.localhost,127.0.0.1,::1", "warning: NO_PROXY: quotes removed"}},
	{"quotes_in_both_spellings_are_one_warning_naming_both",
	 {"https_proxy=\"http://127.0.0.1:7890\"", "HTTPS_PROXY=\"http://127.0.0.1:7890\""}, {0},
	 {"no errors", "warnings: 1", "warning: https_proxy and HTTPS_PROXY: quotes removed"}},
	{"quotes_around_a_setting_are_removed", {"HFENV_PROXY='http://127.0.0.1:7890'"}, {0},
	 {"no errors", "https_proxy=http://127.0.0.1:7890", "warning: HFENV_PROXY: quotes removed"}},
	{"quotes_and_a_cr_around_them_are_removed", {"HTTPS_PROXY=\"http://127.0.0.1:7890\"\r"}, {0},
	 {"no errors", "HTTPS_PROXY=http://127.0.0.1:7890", "warnings: 1"}},
	{"blanks_inside_quotes_go_with_them_in_one_warning", {"HTTPS_PROXY=\" http://127.0.0.1:7890\r\""}, {0},
	 {"no errors", "HTTPS_PROXY=http://127.0.0.1:7890", "warnings: 1", "warning: HTTPS_PROXY: quotes removed"}},
	{"quotes_within_quotes_are_kept", {"NO_PROXY=\"'a'\""}, {0}, {"no warning: quotes removed"}},
	{"quotes_of_two_kinds_are_no_pair", {"https_proxy=\"http://127.0.0.1:7890'"}, {0},
	 {"errors: 1", "error: https_proxy=", "no warning: quotes removed"}},
	{"quoted_empty_value_is_unquoted_and_counts_as_unset", {"https_proxy=''", "NO_PROXY=\"\""}, {0},
	 {"-https_proxy", "-HTTPS_PROXY", "-NO_PROXY", "-no_proxy", "warning: https_proxy: quotes removed", "no errors"}},
	{"loopback_entries_are_matched_exactly", {"https_proxy=http://127.0.0.1:7890", "no_proxy=localhost.localdomain,127.0.0.10,::10"},
	 {0}, {"NO_PROXY=localhost.localdomain,.localhost.localdomain,127.0.0.10,::10,localhost,.localhost,127.0.0.1,::1"}},
	{"no_proxy_left_in_quotes_by_normalizing_loses_them", {"NO_PROXY=..'a:8'"}, {0}, {"NO_PROXY=a,.a", "no_proxy=a,.a"}},
	{"unmatched_quote_is_an_error_naming_quotes", {"HTTPS_PROXY=\"http://127.0.0.1:7890"}, {0},
	 {"errors: 1", "error: HTTPS_PROXY='\"http://127.0.0.1:7890': quotes in it; remove them"}},
	{"quotes_in_proxy_option_are_an_error_naming_quotes", {NULL}, {.proxy = "\"http://127.0.0.1:7890\""},
	 {"errors: 1", "error: --proxy '\"http://127.0.0.1:7890\"': quotes in it"}},
	{"scheme_without_colon_is_an_error_naming_the_colon", {"https_proxy=http//127.0.0.1:7890"}, {0},
	 {"errors: 1", "error: https_proxy='http//127.0.0.1:7890': no ':' after the scheme"}},
	{"same_bad_value_in_both_spellings_is_one_error_naming_both",
	 {"https_proxy=http://127.0.0.1:0", "HTTPS_PROXY=http://127.0.0.1:0"}, {0},
	 {"errors: 1", "error: https_proxy and HTTPS_PROXY='http://127.0.0.1:0': the port"}},
	{"same_cr_in_both_spellings_is_one_warning_naming_both",
	 {"https_proxy=http://127.0.0.1:1\r", "HTTPS_PROXY=http://127.0.0.1:1\r"}, {.proxy_loopback = true},
	 {"no errors", "warnings: 1", "warning: https_proxy and HTTPS_PROXY='http:// ... \\x0d': blanks, CR or LF around it removed"}},
	{"no_proxy_star_with_proxy_option_is_a_warning", {"NO_PROXY=*"}, {.proxy = "http://127.0.0.1:7890"},
	 {"no errors", "-https_proxy", "warning: NO_PROXY has '*', so every client goes direct: --proxy unused; remove the '*'"}},
	{"no_proxy_star_with_hfenv_proxy_is_a_warning", {"no_proxy=*", "HFENV_PROXY=http://127.0.0.1:7890"}, {0},
	 {"-https_proxy", "warning: no_proxy has '*' ... HFENV_PROXY unused"}},
	{"no_proxy_star_without_proxy_option_is_no_warning", {"NO_PROXY=*", "https_proxy=http://127.0.0.1:7890"}, {0},
	 {"-https_proxy", "no warnings"}},
	{"odd_case_spelling_alone_moves_to_both_spellings", {"A=1", "Https_Proxy=http://127.0.0.1:7890", "B=2"},
	 {.proxy_loopback = true},
	 {"no errors", "https_proxy=http://127.0.0.1:7890", "HTTPS_PROXY=http://127.0.0.1:7890", "-Https_Proxy",
	  "order: A B https_proxy HTTPS_PROXY", "edit: -Https_Proxy", "warnings: 1",
	  "warning: Https_Proxy: only Python reads this spelling; moved to https_proxy and HTTPS_PROXY"}},
	{"odd_case_spelling_loses_to_the_lower_case_one", {"https_proxy=http://127.0.0.1:1", "Https_Proxy=http://127.0.0.1:2"},
	 {.proxy_loopback = true},
	 {"https_proxy=http://127.0.0.1:1", "HTTPS_PROXY=http://127.0.0.1:1", "-Https_Proxy", "warnings: 1",
	  "warning: Https_Proxy: only Python reads this spelling; removed (https_proxy wins over it)"}},
	{"odd_case_spelling_loses_to_the_upper_case_one", {"HTTPS_Proxy=http://127.0.0.1:2", "HTTPS_PROXY=http://127.0.0.1:1"},
	 {.proxy_loopback = true}, {"https_proxy=http://127.0.0.1:1", "-HTTPS_Proxy", "warning: HTTPS_Proxy ... removed (https_proxy"}},
	{"odd_case_spelling_that_lost_shows_its_value_under_verbose",
	 {"https_proxy=http://127.0.0.1:1", "Https_Proxy=http://127.0.0.1:2"}, {.proxy_loopback = true, .verbose = true},
	 {"warning: Https_Proxy was 'http://127.0.0.1:2'", "change: unset Https_Proxy"}},
	{"odd_case_spelling_of_the_same_proxy_goes_quietly_named", {"https_proxy=http://127.0.0.1:1", "Https_Proxy=127.0.0.1:1"},
	 {.proxy_loopback = true},
	 {"-Https_Proxy", "warnings: 1", "warning: Https_Proxy: only Python reads this spelling; removed (https_proxy has its value)"}},
	{"empty_odd_case_spelling_is_removed", {"https_proxy=http://127.0.0.1:1", "Https_Proxy="}, {.proxy_loopback = true},
	 {"-Https_Proxy", "warning: Https_Proxy: only Python reads this spelling; removed (empty)"}},
	{"empty_odd_case_spelling_does_not_hide_another", {"Https_Proxy=", "HTTPS_Proxy=http://127.0.0.1:3"}, {.proxy_loopback = true},
	 {"https_proxy=http://127.0.0.1:3", "-Https_Proxy", "-HTTPS_Proxy", "warnings: 2"}},
	{"first_of_two_odd_case_spellings_wins", {"HTTPS_Proxy=http://127.0.0.1:3", "Https_Proxy=http://127.0.0.1:4"},
	 {.proxy_loopback = true},
	 {"https_proxy=http://127.0.0.1:3", "-HTTPS_Proxy", "-Https_Proxy", "warning: Https_Proxy ... (https_proxy wins over it)"}},
	{"invalid_odd_case_spelling_is_an_error_naming_it", {"Https_Proxy=ftp://127.0.0.1:21"}, {0},
	 {"errors: 1", "error: Https_Proxy='ftp://127.0.0.1:21'", "no edits"}},
	{"odd_case_no_proxy_moves_to_both_spellings", {"No_Proxy=hf.test"}, {0},
	 {"no_proxy=hf.test,.hf.test", "NO_PROXY=hf.test,.hf.test", "-No_Proxy", "warning: No_Proxy: only Python reads this spelling; moved"}},
	{"odd_case_http_proxy_under_cgi_goes_to_the_lower_case_only", {"REQUEST_METHOD=GET", "Http_Proxy=http://127.0.0.1:1"},
	 {.proxy_loopback = true},
	 {"http_proxy=http://127.0.0.1:1", "-HTTP_PROXY", "-Http_Proxy",
	  "warning: Http_Proxy: only Python reads this spelling; moved to http_proxy", "no warning: and HTTP_PROXY"}},
	{"quoted_odd_case_spelling_is_cleaned_then_moved", {"Https_Proxy=\"http://127.0.0.1:1\"\r"}, {.proxy_loopback = true},
	 {"https_proxy=http://127.0.0.1:1", "warnings: 2", "warning: Https_Proxy: quotes removed"}},
	{"odd_case_spelling_given_twice_keeps_the_first", {"Https_Proxy=http://127.0.0.1:1", "Https_Proxy=http://127.0.0.1:2"},
	 {.proxy_loopback = true},
	 {"https_proxy=http://127.0.0.1:1", "variables: 2", "warning: Https_Proxy is set 2 times: kept the first"}},
	{"unset_odd_case_spelling_is_removed_quietly", {"Https_Proxy=http://127.0.0.1:1"}, {UNSET("Https_Proxy")},
	 {"variables: 0", "no warnings", "edit: -Https_Proxy"}},
	{"odd_case_spelling_set_by_an_operand_moves_too", {NULL}, {ASSIGN("All_Proxy=http://127.0.0.1:1"), .proxy_loopback = true},
	 {"all_proxy=http://127.0.0.1:1", "ALL_PROXY=http://127.0.0.1:1", "-All_Proxy"}},
	{"odd_case_spelling_loses_to_the_proxy_option", {"Https_Proxy=http://127.0.0.1:2"}, {.proxy = "http://127.0.0.1:1"},
	 {"https_proxy=http://127.0.0.1:1", "-Https_Proxy", "warning: Https_Proxy ... wins over it"}},
	{"socks_in_an_odd_case_spelling_is_refused_as_in_the_spelling_it_moved_to", {"Https_Proxy=socks5://127.0.0.1:1080"}, {0},
	 {"errors: 1", "error: https_proxy='socks5://127.0.0.1:1080' is SOCKS", "warning: Https_Proxy ... moved to https_proxy"}},
	{"clash_all_proxy_in_an_odd_case_is_removed_like_the_usual_one",
	 {"http_proxy=http://127.0.0.1:7890", "https_proxy=http://127.0.0.1:7890", "All_Proxy=socks5://127.0.0.1:7891"},
	 {.proxy_loopback = true}, {"no errors", "-All_Proxy", "-all_proxy", "-ALL_PROXY"}},
	{"names_of_the_same_shape_are_no_proxy_variable", {"LC_CTYPE=C", "Xttps_Proxy=1", "ftp_proxy=x", "HTTPSPROXY=1"}, {0},
	 {"no findings", "no edits", "order: LC_CTYPE Xttps_Proxy ftp_proxy HTTPSPROXY"}},
};

static void empty_value_is_removed(void **state)
{
	(void)state;
	for (size_t i = 0; i < 4; i++) {
		for (size_t c = 0; c < 2; c++) {
			char entry[64], removal[64];
			snprintf(entry, sizeof entry, "%s=", pair_names[i][c]);
			snprintf(removal, sizeof removal, "edit: -%s", pair_names[i][c]);
			struct engine_case row = {entry, {"A=1", entry, "B=2"}, {0}, {"no errors", "order: A B", "edits: 1", removal}};
			run_engine_case(&row);
		}
	}
}

static void each_invalid_url_is_an_error_naming_the_variable(void **state)
{
	(void)state;
	static const struct {
		const char *entry;
		enum hfenv_url_status status;
	} cases[] = {
		{"http_proxy=gopher://127.0.0.1:70", HFENV_URL_SCHEME},
		{"HTTP_PROXY=!!!", HFENV_URL_BAD_HOST},
		{"https_proxy=http://:7890", HFENV_URL_NO_HOST},
		{"HTTPS_PROXY=http://a..b:7890", HFENV_URL_DNS_LIMITS},
		{"HTTPS_PROXY=http://127.0.0.1:0", HFENV_URL_BAD_PORT},
		{"all_proxy=http://127.0.0.1:65536", HFENV_URL_BAD_PORT},
		{"ALL_PROXY=http://127.0.0.1:abc", HFENV_URL_BAD_PORT},
		{"http_proxy=http://127.0.0.1:", HFENV_URL_BAD_PORT},
		{"http_proxy=http://::1:7890", HFENV_URL_IPV6_UNBRACKETED},
		{"https_proxy=http://127.0.0.1:7890/path", HFENV_URL_PATH},
		{"https_proxy=http://127.0.0.1:7890?q", HFENV_URL_PATH},
		{"https_proxy=http://127.0.0.1:7890#f", HFENV_URL_PATH},
		{"http_proxy=http://127.0.0.1 :7890", HFENV_URL_CONTROL},
		{"http_proxy=http://127.0.0.1\x01:7890", HFENV_URL_CONTROL},
		{"http_proxy='http://127.0.0.1:7890", HFENV_URL_QUOTES},
		{"https_proxy=http//127.0.0.1:7890", HFENV_URL_NO_COLON},
		{"https_proxy=https:/127.0.0.1:7890", HFENV_URL_NO_SLASHES},
		{"https_proxy=http://u:p/w@127.0.0.1:7890", HFENV_URL_USERINFO},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char error[128];
		int name_length = (int)(strchr(cases[i].entry, '=') - cases[i].entry);
		snprintf(error, sizeof error, "error: %.*s= ... %s", name_length, cases[i].entry, hfenv_url_status_text(cases[i].status));
		struct engine_case row = {cases[i].entry, {cases[i].entry}, {0}, {"errors: 1", error, "no edits"}};
		run_engine_case(&row);
	}
}

int main(void)
{
	const struct CMUnitTest functions[] = {
		cmocka_unit_test(empty_value_is_removed),
		cmocka_unit_test(each_invalid_url_is_an_error_naming_the_variable),
	};
	return ENGINE_CASES("pairs", cases, functions);
}
