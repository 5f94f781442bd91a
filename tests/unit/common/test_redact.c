#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine_cases.h"
#include "common/redact.h"

static void assert_quoted(const char *value, const char *expected)
{
	char *quoted = hfenv_quote_redacted(value);
	assert_non_null(quoted);
	assert_string_equal(quoted, expected);
	free(quoted);
}

static void password_is_replaced_by_stars(void **state)
{
	(void)state;
	assert_quoted("http://user:secret@127.0.0.1:7890", "'http://user:***@127.0.0.1:7890'");
}

static void password_of_scheme_less_url_is_replaced(void **state)
{
	(void)state;
	assert_quoted("user:secret@127.0.0.1:7890", "'user:***@127.0.0.1:7890'");
}

static void password_with_at_and_colon_is_replaced_whole(void **state)
{
	(void)state;
	assert_quoted("socks5://user:se:c@ret@[::1]:1080", "'socks5://user:***@[::1]:1080'");
}

static void password_of_unknown_scheme_is_replaced(void **state)
{
	(void)state;
	assert_quoted("ftp://user:secret@host", "'ftp://user:***@host'");
}

static void url_without_user_part_is_shown_whole(void **state)
{
	(void)state;
	assert_quoted("http://127.0.0.1:7890", "'http://127.0.0.1:7890'");
	assert_quoted("http://@127.0.0.1:7890", "'http://@127.0.0.1:7890'");
}

static void user_part_without_password_is_replaced_as_a_token(void **state)
{
	(void)state;
	assert_quoted("http://TOKEN@proxy:8080", "'http://***@proxy:8080'");
	assert_quoted("https://sk-TOKEN@[::1]:8080", "'https://***@[::1]:8080'");
}

static void user_part_with_at_before_the_password_is_replaced_whole(void **state)
{
	(void)state;
	assert_quoted("http://TOKEN@x:y@host:1", "'http://***@host:1'");
}

static void token_of_scheme_less_url_is_replaced(void **state)
{
	(void)state;
	assert_quoted("TOKEN@127.0.0.1:7890", "'***@127.0.0.1:7890'");
}

static void token_with_control_character_is_still_replaced(void **state)
{
	(void)state;
	assert_quoted("http://TO\nKEN@host:1\r", "'http://***@host:1\\x0d'");
}

static void unquoted_redaction_replaces_a_token(void **state)
{
	(void)state;
	char *shown = hfenv_redact("socks5h://TOKEN@127.0.0.1:1080");
	assert_non_null(shown);
	assert_string_equal(shown, "socks5h://***@127.0.0.1:1080");
	free(shown);
}

static void secret_assignment_shows_its_name_only(void **state)
{
	(void)state;
	assert_quoted("HF_TOKEN=hf_AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh", "'HF_TOKEN=***'");
	assert_quoted("MY_PASSWORD=hunter2", "'MY_PASSWORD=***'");
}

static void token_shaped_argument_keeps_its_prefix_only(void **state)
{
	(void)state;
	assert_quoted("=hf_AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh", "'=hf_***'");
	char *shown = hfenv_redact("hf_AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh");
	assert_non_null(shown);
	assert_string_equal(shown, "hf_***");
	free(shown);
}

static void file_name_keeps_its_at_but_not_a_password(void **state)
{
	(void)state;
	char *shown = hfenv_redact_file_name("/home/me@corp/ca\n.pem");
	assert_non_null(shown);
	assert_string_equal(shown, "/home/me@corp/ca\\x0a.pem");
	free(shown);
	shown = hfenv_redact_file_name("http://u:pw@h/ca.pem");
	assert_non_null(shown);
	assert_string_equal(shown, "http://u:***@h/ca.pem");
	free(shown);
}

static void password_is_hidden_before_a_secret_name_in_it(void **state)
{
	(void)state;
	assert_quoted("http://u:my_token=x@127.0.0.1:1", "'http://u:***@127.0.0.1:1'");
}

static void quote_and_backslash_are_escaped(void **state)
{
	(void)state;
	assert_quoted("a'b\\c", "'a\\'b\\\\c'");
}

static void control_and_non_ascii_bytes_are_escaped(void **state)
{
	(void)state;
	assert_quoted("a\r\n\x1b\x7f\xc3\xa9", "'a\\x0d\\x0a\\x1b\\x7f\\xc3\\xa9'");
}

static void password_with_control_character_is_still_replaced(void **state)
{
	(void)state;
	assert_quoted("http://user:sec\nret@host:1\r", "'http://user:***@host:1\\x0d'");
}

static void long_value_is_shortened_in_its_middle(void **state)
{
	(void)state;
	char value[400];
	memset(value, 'a', sizeof value - 1);
	memcpy(value + sizeof value - 6, ":7890", 5);
	value[sizeof value - 1] = '\0';
	char *quoted = hfenv_quote_redacted(value);
	assert_non_null(quoted);
	assert_true(strlen(quoted) <= 40);
	assert_non_null(strstr(quoted, "aaa...aaa"));
	assert_non_null(strstr(quoted, ":7890'"));
	free(quoted);
}

static void long_value_keeps_its_password_hidden(void **state)
{
	(void)state;
	char value[400];
	strcpy(value, "http://user:");
	size_t n = strlen(value);
	while (n < 300)
		value[n++] = 's';
	strcpy(value + n, "@host:1");
	char *quoted = hfenv_quote_redacted(value);
	assert_non_null(quoted);
	assert_null(strstr(quoted, "ss"));
	free(quoted);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(password_is_replaced_by_stars),
		cmocka_unit_test(password_of_scheme_less_url_is_replaced),
		cmocka_unit_test(password_with_at_and_colon_is_replaced_whole),
		cmocka_unit_test(password_of_unknown_scheme_is_replaced),
		cmocka_unit_test(url_without_user_part_is_shown_whole),
		cmocka_unit_test(user_part_without_password_is_replaced_as_a_token),
		cmocka_unit_test(user_part_with_at_before_the_password_is_replaced_whole),
		cmocka_unit_test(token_of_scheme_less_url_is_replaced),
		cmocka_unit_test(token_with_control_character_is_still_replaced),
		cmocka_unit_test(unquoted_redaction_replaces_a_token),
		cmocka_unit_test(secret_assignment_shows_its_name_only),
		cmocka_unit_test(token_shaped_argument_keeps_its_prefix_only),
		cmocka_unit_test(password_is_hidden_before_a_secret_name_in_it),
		cmocka_unit_test(file_name_keeps_its_at_but_not_a_password),
		cmocka_unit_test(quote_and_backslash_are_escaped),
		cmocka_unit_test(control_and_non_ascii_bytes_are_escaped),
		cmocka_unit_test(password_with_control_character_is_still_replaced),
		cmocka_unit_test(long_value_is_shortened_in_its_middle),
		cmocka_unit_test(long_value_keeps_its_password_hidden),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
