#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/shorten.h"

/* shown shortened to width, checked to fit it. */
static char *shortened(const char *shown, bool quoted, size_t width)
{
	struct text t = {0};
	text_append_shortened(&t, shown, quoted, width);
	char *text = text_finish(&t);
	assert_non_null(text);
	assert_true(strlen(text) <= width);
	return text;
}

static void assert_shortened(const char *shown, bool quoted, size_t width, const char *expected)
{
	char *text = shortened(shown, quoted, width);
	assert_string_equal(text, expected);
	free(text);
}

static void value_that_fits_is_shown_whole(void **state)
{
	(void)state;
	assert_shortened("http://127.0.0.1:7890", true, 23, "'http://127.0.0.1:7890'");
	assert_shortened("http://127.0.0.1:7890", false, 21, "http://127.0.0.1:7890");
}

static void width_counts_escapes_and_quotes(void **state)
{
	(void)state;
	assert_int_equal(shown_width("a'b\\c", true), 9);
	assert_int_equal(shown_width("a\tb", false), 6);
}

static void url_path_loses_its_middle_before_the_host(void **state)
{
	(void)state;
	assert_shortened("http://127.0.0.1:7890/aaaaaaaaaabbbbbbbbbb", true, 34, "'http://127.0.0.1:7890/aaaa...bbb'");
}

static void user_name_loses_its_middle_and_the_hidden_password_stays(void **state)
{
	(void)state;
	assert_shortened("http://anotheruser:***@127.0.0.1:7891", true, 36, "'http://ano...er:***@127.0.0.1:7891'");
	assert_shortened("http://alice:***@proxy.example.com:3128", true, 39, "'http://...:***@proxy.example.com:3128'");
}

static void address_is_never_cut_while_the_user_name_can_give(void **state)
{
	(void)state;
	char *text = shortened("http://anotheruser:***@127.0.0.1:7891", true, 32);
	assert_non_null(strstr(text, ":***@127.0.0.1:7891'"));
	free(text);
}

static void overlong_label_loses_its_middle_and_the_port_stays(void **state)
{
	(void)state;
	assert_shortened("https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbbbbbbbbbbbbbb:8443", false, 40,
			 "https://aaaaaaaaaaaa...bbbbbbbbbbbb:8443");
	assert_shortened("https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbbbbbbbbbbbbbb.example.com:8443", false, 40,
			 "https://aaaaaaaaaaaa....example.com:8443");
}

static void host_name_keeps_its_last_label_when_it_can(void **state)
{
	(void)state;
	assert_shortened("http://u:***@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example:45697", false, 40,
			 "http://u:***@aaaaaaaaa...a.example:45697");
}

static void scheme_less_host_and_port_keep_their_host(void **state)
{
	(void)state;
	assert_shortened("proxy.corp.example.com:3128/some/long/path/to/nowhere", true, 36,
			 "'proxy.corp.example.com:3128/so...e'");
}

static void host_name_loses_its_middle_only_when_nothing_else_can(void **state)
{
	(void)state;
	assert_shortened("socks5://alice:***@proxy.corporate-network.example.com:1080", true, 36,
			 "'socks5://...:***@proxy....com:1080'");
}

static void ipv6_host_keeps_its_brackets_and_port(void **state)
{
	(void)state;
	assert_shortened("http://[fe80::1]:8080/aaaaaaaaaaaaaaaaaaaa", false, 26, "http://[fe80::1]:8080/a...");
}

static void list_loses_whole_entries_in_its_middle(void **state)
{
	(void)state;
	assert_shortened("localhost,aaaaaaaaaa.example.com,bbbbbbbbbb.example.org,127.0.0.1", true, 28,
			 "'localhost,...,127.0.0.1'");
}

static void plain_value_loses_its_middle(void **state)
{
	(void)state;
	assert_shortened("abcdefghijklmnopqrstuvwxyz", true, 12, "'abcd...xyz'");
	assert_shortened("/etc/ssl/certs/ca-certificates.crt", false, 16, "/etc/ss...es.crt");
}

static void file_keeps_its_name_and_its_directories_lose_their_middle(void **state)
{
	(void)state;
	assert_shortened("/home/someone/projects/a-long-project-name/.venv/bin/python3", true, 32,
			 "'/home/someone/...v/bin/python3'");
	assert_shortened("/home/someone/projects/a-long-project-name/prepare-the-dataset.py", true, 34,
			 "'/home/.../prepare-the-dataset.py'");
}

static void escapes_are_never_split(void **state)
{
	(void)state;
	char *text = shortened("\x1b\x1b\x1b\x1b\x1b\x1b\x1b\x1b\x1b\x1b", false, 14);
	assert_string_equal(text, "\\x1b...\\x1b");
	free(text);
}

static void width_to_keep_host_leaves_out_path_and_user_name(void **state)
{
	(void)state;
	assert_int_equal(shown_width_to_keep_host("http://alice:***@h.example:1/path", false),
			 strlen("http://...:***@h.example:1/..."));
	assert_int_equal(shown_width_to_keep_host("http://h.example:1", true), strlen("'http://h.example:1'"));
}

static void width_to_keep_host_of_a_plain_value_is_small(void **state)
{
	(void)state;
	assert_true(shown_width_to_keep_host("abcdefghijklmnopqrstuvwxyz", true) <= 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(value_that_fits_is_shown_whole),
		cmocka_unit_test(width_counts_escapes_and_quotes),
		cmocka_unit_test(url_path_loses_its_middle_before_the_host),
		cmocka_unit_test(user_name_loses_its_middle_and_the_hidden_password_stays),
		cmocka_unit_test(address_is_never_cut_while_the_user_name_can_give),
		cmocka_unit_test(overlong_label_loses_its_middle_and_the_port_stays),
		cmocka_unit_test(host_name_keeps_its_last_label_when_it_can),
		cmocka_unit_test(scheme_less_host_and_port_keep_their_host),
		cmocka_unit_test(host_name_loses_its_middle_only_when_nothing_else_can),
		cmocka_unit_test(ipv6_host_keeps_its_brackets_and_port),
		cmocka_unit_test(list_loses_whole_entries_in_its_middle),
		cmocka_unit_test(plain_value_loses_its_middle),
		cmocka_unit_test(file_keeps_its_name_and_its_directories_lose_their_middle),
		cmocka_unit_test(escapes_are_never_split),
		cmocka_unit_test(width_to_keep_host_leaves_out_path_and_user_name),
		cmocka_unit_test(width_to_keep_host_of_a_plain_value_is_small),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
