#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine_cases.h"
#include "engine/no_proxy_list.h"

#define PROXY "http_proxy=http://127.0.0.1:7890"

static void assert_list(const char *value, const char *expected)
{
	struct hfenv_no_proxy np;
	assert_int_equal(hfenv_normalize_no_proxy(value, &np), 0);
	assert_null(np.bad_entry);
	assert_non_null(np.list);
	assert_string_equal(np.list, expected);
	hfenv_no_proxy_free(&np);
}

/* The entries value earns a note of kind for, joined by commas; "" for none. */
static void assert_notes(const char *value, enum hfenv_no_proxy_note_kind kind, const char *entries)
{
	struct hfenv_no_proxy np;
	assert_int_equal(hfenv_normalize_no_proxy(value, &np), 0);
	char joined[256] = "";
	for (size_t i = 0; i < np.note_count; i++) {
		if (np.notes[i].kind != kind)
			continue;
		if (*joined)
			strcat(joined, ",");
		strncat(joined, np.notes[i].entry, np.notes[i].length);
	}
	assert_string_equal(joined, entries);
	hfenv_no_proxy_free(&np);
}

static void bracketed_entry_with_one_colon_is_no_address_and_keeps_its_brackets(void **state)
{
	(void)state;
	assert_list("[2:1]", "[2:1]");
	assert_list("[::1]", "::1");
}

static void one_colon_before_a_prefix_is_no_ipv6_range(void **state)
{
	(void)state;
	assert_list(":6/128", ":6/128");
	assert_list("::6/128", "::6");
}

static void slash_after_no_address_is_kept_as_written(void **state)
{
	(void)state;
	assert_list(":6/32", ":6/32");
	assert_list("host/32", "host/32");
	assert_list("10.0.0.1/32", "10.0.0.1");
	assert_list("[::]/128", "::");
	assert_list("[a:b]/128", "[a:b]/128");
	assert_list("[.::]/128", "[.::]/128");
}

static void entries_are_trimmed(void **state)
{
	(void)state;
	assert_list(" localhost , 127.0.0.1\t,\texample.com ", "localhost,.localhost,127.0.0.1,example.com,.example.com");
}

static void empty_entries_are_dropped(void **state)
{
	(void)state;
	assert_list(",127.0.0.1,,  ,::1,", "127.0.0.1,::1");
}

static void only_empty_entries_give_an_empty_list(void **state)
{
	(void)state;
	assert_list(" , ,", "");
}

static void name_becomes_the_name_and_its_dotted_form(void **state)
{
	(void)state;
	assert_list("example.com", "example.com,.example.com");
	assert_list("localhost,hf-mirror,x_y.z", "localhost,.localhost,hf-mirror,.hf-mirror,x_y.z,.x_y.z");
}

static void dot_domain_becomes_the_name_and_its_dotted_form(void **state)
{
	(void)state;
	assert_list(".example.com", "example.com,.example.com");
	assert_list(".hf.co,..cdn.hf.co", "hf.co,.hf.co,cdn.hf.co,.cdn.hf.co");
}

static void star_dot_domain_becomes_the_name_and_its_dotted_form(void **state)
{
	(void)state;
	assert_list("*.example.com", "example.com,.example.com");
	assert_list(" *.hf.co ,*.cdn.hf.co,*.*.x.org", "hf.co,.hf.co,cdn.hf.co,.cdn.hf.co,x.org,.x.org");
}

static void addresses_ranges_and_patterns_get_no_dotted_form(void **state)
{
	(void)state;
	assert_list("10.1.2.3,.10.1.2.3,::1,10.0.0.0/8,192.168", "10.1.2.3,::1,10.0.0.0/8,192.168");
	assert_list("a*b,[2:1],host/32", "a*b,[2:1],host/32");
}

static void entry_given_twice_stays_once(void **state)
{
	(void)state;
	assert_list("hf.co,.hf.co,*.hf.co,HF.CO,hf.co:443", "hf.co,.hf.co");
	assert_list("::1,127.0.0.1,[::1],127.0.0.1/32,::1", "::1,127.0.0.1");
	assert_list("a,b,a,c,b", "a,.a,b,.b,c,.c");
}

/* A name of length bytes, ".example" after it, in a string "NAME=" can go before; malloc'd. */
static char *long_name(const char *name, size_t length)
{
	size_t prefix = strlen(name);
	char *entry = malloc(prefix + length + sizeof ".example");
	assert_non_null(entry);
	memcpy(entry, name, prefix);
	memset(entry + prefix, 'a', length);
	strcpy(entry + prefix + length, ".example");
	return entry;
}

static void list_too_long_with_dotted_forms_keeps_its_names_alone(void **state)
{
	(void)state;
	char *value = long_name(".", 70000);
	struct hfenv_no_proxy np;
	assert_int_equal(hfenv_normalize_no_proxy(value, &np), 0);
	assert_true(np.names_alone);
	assert_string_equal(np.list, value + 1);
	hfenv_no_proxy_free(&np);
	assert_int_equal(hfenv_normalize_no_proxy(value + 1, &np), 0);
	assert_true(np.names_alone);
	assert_string_equal(np.list, value + 1);
	hfenv_no_proxy_free(&np);
	free(value);
}

static void list_that_fits_with_dotted_forms_gets_them(void **state)
{
	(void)state;
	char *value = long_name("", 60000);
	struct hfenv_no_proxy np;
	assert_int_equal(hfenv_normalize_no_proxy(value, &np), 0);
	assert_false(np.names_alone);
	assert_int_equal(strlen(np.list), 2 * strlen(value) + 2);
	hfenv_no_proxy_free(&np);
	free(value);
}

static void long_list_with_a_proxy_is_kept_by_a_second_run(void **state)
{
	(void)state;
	for (size_t length = 65400; length <= 65560; length += 8) {
		char *entry = long_name("NO_PROXY=", length);
		char *envp[] = {PROXY, entry, NULL};
		struct hfenv_options opts = {0};
		struct hfenv_result first, second;
		normalize(&opts, envp, &first);
		const char *list = lookup(&first, "NO_PROXY");
		char *rewritten = malloc(strlen("NO_PROXY=") + strlen(list) + 1);
		assert_non_null(rewritten);
		strcat(strcpy(rewritten, "NO_PROXY="), list);
		char *again[] = {PROXY, rewritten, NULL};
		normalize(&opts, again, &second);
		assert_string_equal(lookup(&second, "NO_PROXY"), lookup(&first, "NO_PROXY"));
		assert_true(strlen(lookup(&first, "NO_PROXY")) < 131072 - strlen("NO_PROXY="));
		hfenv_result_free(&second);
		hfenv_result_free(&first);
		free(rewritten);
		free(entry);
	}
}

static void entries_are_lower_cased(void **state)
{
	(void)state;
	assert_list("HF.co,.Example.COM,FE80::1", "hf.co,.hf.co,example.com,.example.com,fe80::1");
}

static void port_is_removed_with_a_note(void **state)
{
	(void)state;
	assert_list("hf.co:8080,10.1.2.3:443,[::1]:8080,[fd00::1]", "hf.co,.hf.co,10.1.2.3,::1,fd00::1");
	assert_notes("hf.co:8080, 10.1.2.3:443 ,[::1]:8080,[fd00::1]", HFENV_NO_PROXY_PORT_REMOVED,
		     "hf.co:8080,10.1.2.3:443,[::1]:8080");
}

static void ipv6_address_keeps_its_colons(void **state)
{
	(void)state;
	assert_list("::1,fe80::1:2", "::1,fe80::1:2");
	assert_notes("::1,fe80::1:2", HFENV_NO_PROXY_PORT_REMOVED, "");
}

static void star_alone_is_kept(void **state)
{
	(void)state;
	assert_list("*", "*");
	assert_list(" * ", "*");
}

static void star_among_entries_makes_the_list_star(void **state)
{
	(void)state;
	struct hfenv_no_proxy np;
	assert_int_equal(hfenv_normalize_no_proxy("localhost, * ,hf.co", &np), 0);
	assert_true(np.everything);
	assert_string_equal(np.list, "*");
	hfenv_no_proxy_free(&np);
	assert_int_equal(hfenv_normalize_no_proxy("localhost,hf.co", &np), 0);
	assert_false(np.everything);
	hfenv_no_proxy_free(&np);
}

static void ipv6_range_is_dropped_with_a_note(void **state)
{
	(void)state;
	assert_list("::1,fd00::/8,[fe80::]/10,10.0.0.0/8", "::1,10.0.0.0/8");
	assert_notes("localhost,fd00::/8,10.0.0.0/8", HFENV_NO_PROXY_IPV6_RANGE_DROPPED, "fd00::/8");
}

static void ipv4_range_is_kept_with_a_note(void **state)
{
	(void)state;
	assert_list("10.0.0.0/8,192.168.0.0/16", "10.0.0.0/8,192.168.0.0/16");
	assert_notes("10.0.0.0/8, 192.168.0.0/16", HFENV_NO_PROXY_RANGE_KEPT, "10.0.0.0/8,192.168.0.0/16");
}

static void single_address_range_becomes_the_address(void **state)
{
	(void)state;
	assert_list("10.1.2.3/32,fd00::1/128", "10.1.2.3,fd00::1");
	assert_notes("10.1.2.3/32,fd00::1/128", HFENV_NO_PROXY_RANGE_KEPT, "");
	assert_notes("10.1.2.3/32,fd00::1/128", HFENV_NO_PROXY_IPV6_RANGE_DROPPED, "");
}

static void clean_list_is_unchanged(void **state)
{
	(void)state;
	const char *clean = "localhost,.localhost,127.0.0.1,::1,example.com,.example.com,10.0.0.0/8";
	assert_list(clean, clean);
}

static void entry_with_inner_blank_is_reported(void **state)
{
	(void)state;
	const char *value = "localhost,foo bar,x";
	struct hfenv_no_proxy np;
	assert_int_equal(hfenv_normalize_no_proxy(value, &np), 0);
	assert_null(np.list);
	assert_ptr_equal(np.bad_entry, value + strlen("localhost,"));
	hfenv_no_proxy_free(&np);
}

static void entry_with_control_character_is_reported(void **state)
{
	(void)state;
	const char *value = "a,b\x01" "c";
	struct hfenv_no_proxy np;
	assert_int_equal(hfenv_normalize_no_proxy(value, &np), 0);
	assert_null(np.list);
	assert_ptr_equal(np.bad_entry, value + 2);
	hfenv_no_proxy_free(&np);
}

static void loopback_is_added_in_both_spellings_when_a_proxy_is_set(void **state)
{
	(void)state;
	char *envp[] = {PROXY, "NO_PROXY=hf.co", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(lookup(&r, "NO_PROXY"), "hf.co,.hf.co,localhost,.localhost,127.0.0.1,::1");
	assert_string_equal(lookup(&r, "no_proxy"), "hf.co,.hf.co,localhost,.localhost,127.0.0.1,::1");
	hfenv_result_free(&r);
}

static void loopback_is_added_to_an_unset_no_proxy(void **state)
{
	(void)state;
	char *envp[] = {"HTTPS_PROXY=http://127.0.0.1:7890", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(lookup(&r, "NO_PROXY"), "localhost,.localhost,127.0.0.1,::1");
	assert_string_equal(lookup(&r, "no_proxy"), "localhost,.localhost,127.0.0.1,::1");
	hfenv_result_free(&r);
}

static void loopback_entries_already_listed_are_not_repeated(void **state)
{
	(void)state;
	char *envp[] = {PROXY, "no_proxy=::1,LOCALHOST", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(lookup(&r, "no_proxy"), "::1,localhost,.localhost,127.0.0.1");
	hfenv_result_free(&r);
}

static void loopback_is_not_added_without_a_proxy(void **state)
{
	(void)state;
	char *envp[] = {"no_proxy=hf.co", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(lookup(&r, "no_proxy"), "hf.co,.hf.co");
	assert_string_equal(lookup(&r, "NO_PROXY"), "hf.co,.hf.co");
	hfenv_result_free(&r);
}

static void proxy_loopback_option_adds_nothing(void **state)
{
	(void)state;
	char *envp[] = {PROXY, "no_proxy=hf.co", NULL};
	struct hfenv_options opts = {.proxy_loopback = true};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(lookup(&r, "no_proxy"), "hf.co,.hf.co");
	assert_null(lookup(&r, "HFENV_PROXY_LOOPBACK"));
	hfenv_result_free(&r);
}

static void proxy_loopback_setting_adds_nothing(void **state)
{
	(void)state;
	char *envp[] = {PROXY, "HFENV_PROXY_LOOPBACK=yes", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_null(lookup(&r, "no_proxy"));
	assert_null(lookup(&r, "NO_PROXY"));
	hfenv_result_free(&r);
}

static void false_proxy_loopback_setting_adds_loopback(void **state)
{
	(void)state;
	char *envp[] = {PROXY, "HFENV_PROXY_LOOPBACK=0", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(lookup(&r, "no_proxy"), "localhost,.localhost,127.0.0.1,::1");
	hfenv_result_free(&r);
}

static void star_removes_every_proxy_variable(void **state)
{
	(void)state;
	char *envp[] = {PROXY, "HTTP_PROXY=http://127.0.0.1:7890", "HTTPS_PROXY=http://127.0.0.1:1",
			"all_proxy=socks5://127.0.0.1:1080", "no_proxy=localhost,*", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	static const char *const names[] = {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		assert_null(lookup(&r, names[i]));
	assert_string_equal(lookup(&r, "no_proxy"), "*");
	assert_string_equal(lookup(&r, "NO_PROXY"), "*");
	hfenv_result_free(&r);
}

static void star_removes_the_proxy_option_too(void **state)
{
	(void)state;
	char *envp[] = {"NO_PROXY=*", NULL};
	struct hfenv_options opts = {.proxy = "http://127.0.0.1:7890"};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_null(lookup(&r, "http_proxy"));
	assert_null(lookup(&r, "HTTPS_PROXY"));
	hfenv_result_free(&r);
}

static void removed_port_is_a_warning_naming_the_entry(void **state)
{
	(void)state;
	char *envp[] = {"no_proxy=hf.co:8080,x.org", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(lookup(&r, "no_proxy"), "hf.co,.hf.co,x.org,.x.org");
	assert_true(find_finding(&r, HFENV_WARNING, "no_proxy 'hf.co:8080'", "all ports", NULL) >= 0);
	assert_int_equal(count_findings(&r, HFENV_WARNING), 1);
	hfenv_result_free(&r);
}

static void ipv6_range_is_removed_with_a_warning_naming_httpx(void **state)
{
	(void)state;
	char *envp[] = {"NO_PROXY=fd00::/8,10.1.2.3", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(r.error_count, 0);
	assert_string_equal(lookup(&r, "NO_PROXY"), "10.1.2.3");
	assert_true(find_finding(&r, HFENV_WARNING, "NO_PROXY 'fd00::/8' removed", "httpx", NULL) >= 0);
	hfenv_result_free(&r);
}

static void ipv4_ranges_are_one_warning_naming_the_clients_that_ignore_them(void **state)
{
	(void)state;
	char *envp[] = {"NO_PROXY=10.0.0.0/8,192.168.0.0/16", NULL};
	struct hfenv_options opts = {0};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_string_equal(lookup(&r, "NO_PROXY"), "10.0.0.0/8,192.168.0.0/16");
	assert_true(find_finding(&r, HFENV_WARNING, "'10.0.0.0/8", "/16'", "httpx, wget, urllib ignore ranges", NULL) >= 0);
	assert_int_equal(count_findings(&r, HFENV_WARNING), 1);
	hfenv_result_free(&r);
}

static void suffix_matching_of_requests_is_a_warning_under_verbose(void **state)
{
	(void)state;
	char *envp[] = {"NO_PROXY=hf.co", NULL};
	struct hfenv_options described = {.verbose = true}, silent = {0};
	struct hfenv_result r;
	normalize(&described, envp, &r);
	assert_true(find_finding(&r, HFENV_WARNING, "requests", "nothf.co", NULL) >= 0);
	hfenv_result_free(&r);
	normalize(&silent, envp, &r);
	assert_int_equal(count_findings(&r, HFENV_WARNING), 0);
	hfenv_result_free(&r);
}

static void addresses_and_loopback_names_earn_no_suffix_warning(void **state)
{
	(void)state;
	char *envp[] = {"NO_PROXY=localhost,127.0.0.1,::1,10.1.2.3,fe80::a", NULL};
	struct hfenv_options opts = {.verbose = true};
	struct hfenv_result r;
	normalize(&opts, envp, &r);
	assert_int_equal(count_findings(&r, HFENV_WARNING), 0);
	hfenv_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(entries_are_trimmed),
		cmocka_unit_test(bracketed_entry_with_one_colon_is_no_address_and_keeps_its_brackets),
		cmocka_unit_test(one_colon_before_a_prefix_is_no_ipv6_range),
		cmocka_unit_test(slash_after_no_address_is_kept_as_written),
		cmocka_unit_test(empty_entries_are_dropped),
		cmocka_unit_test(only_empty_entries_give_an_empty_list),
		cmocka_unit_test(name_becomes_the_name_and_its_dotted_form),
		cmocka_unit_test(dot_domain_becomes_the_name_and_its_dotted_form),
		cmocka_unit_test(star_dot_domain_becomes_the_name_and_its_dotted_form),
		cmocka_unit_test(addresses_ranges_and_patterns_get_no_dotted_form),
		cmocka_unit_test(entry_given_twice_stays_once),
		cmocka_unit_test(list_too_long_with_dotted_forms_keeps_its_names_alone),
		cmocka_unit_test(list_that_fits_with_dotted_forms_gets_them),
		cmocka_unit_test(long_list_with_a_proxy_is_kept_by_a_second_run),
		cmocka_unit_test(entries_are_lower_cased),
		cmocka_unit_test(port_is_removed_with_a_note),
		cmocka_unit_test(ipv6_address_keeps_its_colons),
		cmocka_unit_test(star_alone_is_kept),
		cmocka_unit_test(star_among_entries_makes_the_list_star),
		cmocka_unit_test(ipv6_range_is_dropped_with_a_note),
		cmocka_unit_test(ipv4_range_is_kept_with_a_note),
		cmocka_unit_test(single_address_range_becomes_the_address),
		cmocka_unit_test(clean_list_is_unchanged),
		cmocka_unit_test(entry_with_inner_blank_is_reported),
		cmocka_unit_test(entry_with_control_character_is_reported),
		cmocka_unit_test(loopback_is_added_in_both_spellings_when_a_proxy_is_set),
		cmocka_unit_test(loopback_is_added_to_an_unset_no_proxy),
		cmocka_unit_test(loopback_entries_already_listed_are_not_repeated),
		cmocka_unit_test(loopback_is_not_added_without_a_proxy),
		cmocka_unit_test(proxy_loopback_option_adds_nothing),
		cmocka_unit_test(proxy_loopback_setting_adds_nothing),
		cmocka_unit_test(false_proxy_loopback_setting_adds_loopback),
		cmocka_unit_test(star_removes_every_proxy_variable),
		cmocka_unit_test(star_removes_the_proxy_option_too),
		cmocka_unit_test(removed_port_is_a_warning_naming_the_entry),
		cmocka_unit_test(ipv6_range_is_removed_with_a_warning_naming_httpx),
		cmocka_unit_test(ipv4_ranges_are_one_warning_naming_the_clients_that_ignore_them),
		cmocka_unit_test(suffix_matching_of_requests_is_a_warning_under_verbose),
		cmocka_unit_test(addresses_and_loopback_names_earn_no_suffix_warning),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
