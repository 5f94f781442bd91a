#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/secrets.h"
#include "common/variables.h"

#define HF_TOKEN_VALUE "hf_AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh"

static bool secret(const char *name)
{
	return hfenv_name_is_secret(name, strlen(name));
}

static void assert_hidden(const char *text, const char *expected)
{
	char *shown = hfenv_hide_secrets(text);
	assert_non_null(shown);
	assert_string_equal(shown, expected);
	free(shown);
}

static void names_ending_in_token_key_or_auth_are_secret(void **state)
{
	(void)state;
	assert_true(secret("HF_TOKEN"));
	assert_true(secret("HF_HUB_TOKEN"));
	assert_true(secret("HUGGINGFACEHUB_API_TOKEN"));
	assert_true(secret("HF_API_TOKEN"));
	assert_true(secret("GITHUB_TOKEN"));
	assert_true(secret("STRIPE_KEY"));
	assert_true(secret("NPM_CONFIG__AUTH"));
}

static void names_containing_a_secret_word_are_secret(void **state)
{
	(void)state;
	assert_true(secret("AWS_SECRET_ACCESS_KEY_ID"));
	assert_true(secret("PGPASSWORD"));
	assert_true(secret("DB_PASSWD_FILE"));
	assert_true(secret("GPG_PASSPHRASE"));
	assert_true(secret("GOOGLE_APPLICATION_CREDENTIALS"));
	assert_true(secret("OPENAI_API_KEY_2"));
	assert_true(secret("COHERE_APIKEY_PROD"));
}

static void the_name_rule_ignores_case(void **state)
{
	(void)state;
	assert_true(secret("hf_token"));
	assert_true(secret("Openai_Api_Key"));
	assert_true(secret("my_password"));
}

static void other_names_are_not_secret(void **state)
{
	(void)state;
	assert_false(secret("HF_TOKEN_PATH"));
	assert_false(secret("HF_HOME"));
	assert_false(secret("GIT_AUTHOR_NAME"));
	assert_false(secret("SSH_AUTH_SOCK"));
	assert_false(secret("KEYRING"));
	assert_false(secret(""));
	for (enum hfenv_variable v = 0; v < HFENV_VARIABLES; v++)
		assert_false(secret(hfenv_variables[v].name));
}

static void only_the_given_length_of_a_name_counts(void **state)
{
	(void)state;
	assert_false(hfenv_name_is_secret("HF_TOKEN_PATH", 7));
	assert_true(hfenv_name_is_secret("HF_TOKEN_PATH", 8));
}

static void a_hugging_face_token_is_token_shaped(void **state)
{
	(void)state;
	struct hfenv_token_shape shape;
	assert_true(hfenv_token_at(HF_TOKEN_VALUE, &shape));
	assert_int_equal(shape.prefix_len, 3);
	assert_int_equal(shape.len, strlen(HF_TOKEN_VALUE));
	assert_string_equal(shape.variable, "HF_TOKEN");
	assert_true(hfenv_token_at("api_org_AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh", &shape));
	assert_string_equal(shape.variable, "HF_TOKEN");
}

static void other_services_tokens_are_token_shaped(void **state)
{
	(void)state;
	static const char *const tokens[] = {
		"ghp_0123456789abcdefghijklmnopqrstuvwxyz", "github_pat_11ABCDEFG0123456789_abcdefghijklmnopq",
		"glpat-0123456789abcdefghij", "sk-proj-0123456789abcdefghijklmnop", "xoxb-1234567890-1234567890-abcdefgh",
		"npm_0123456789abcdefghijklmnopqrstuvwxyz", "pypi-AgEIcHlwaS5vcmcCJDAwMDAwMDAw",
		"AIzaSyA0123456789abcdefghijklmnopqrstu", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
	};
	struct hfenv_token_shape shape;
	for (size_t i = 0; i < sizeof tokens / sizeof tokens[0]; i++) {
		assert_true(hfenv_token_at(tokens[i], &shape));
		assert_int_equal(shape.len, strlen(tokens[i]));
		assert_null(shape.variable);
	}
}

static void short_or_differently_cased_words_are_no_tokens(void **state)
{
	(void)state;
	struct hfenv_token_shape shape;
	assert_false(hfenv_token_at("hf_transfer", &shape));
	assert_false(hfenv_token_at("hf_0123456789012345678", &shape));
	assert_true(hfenv_token_at("hf_01234567890123456789", &shape));
	assert_false(hfenv_token_at("HF_HUB_DISABLE_IMPLICIT_TOKEN", &shape));
	assert_false(hfenv_token_at("python3", &shape));
}

static void a_token_ends_at_the_first_byte_no_token_has(void **state)
{
	(void)state;
	struct hfenv_token_shape shape;
	assert_true(hfenv_token_at(HF_TOKEN_VALUE "@proxy:8080", &shape));
	assert_int_equal(shape.len, strlen(HF_TOKEN_VALUE));
	assert_true(hfenv_token_at(HF_TOKEN_VALUE ".example", &shape));
	assert_int_equal(shape.len, strlen(HF_TOKEN_VALUE));
}

static void the_value_after_a_secret_name_is_hidden(void **state)
{
	(void)state;
	assert_hidden("HF_TOKEN=" HF_TOKEN_VALUE, "HF_TOKEN=***");
	assert_hidden("MY_PASSWORD=correct horse", "MY_PASSWORD=***");
	assert_hidden("A=1 DB_PASSWORD=x", "A=1 DB_PASSWORD=***");
	assert_hidden("https://h.example/api?api_key=abc&q=1", "https://h.example/api?api_key=***");
	assert_hidden("HF_TOKEN=", "HF_TOKEN=");
}

static void an_entry_led_by_a_secret_name_hides_what_follows_the_blank(void **state)
{
	(void)state;
	assert_hidden("HF_TOKEN " HF_TOKEN_VALUE, "HF_TOKEN ***");
	assert_hidden("MY_PASSWORD\thunter2", "MY_PASSWORD\t***");
	assert_hidden("NOTE about MY_TOKEN x", "NOTE about MY_TOKEN x");
}

static void a_token_shaped_word_keeps_only_its_prefix(void **state)
{
	(void)state;
	assert_hidden(HF_TOKEN_VALUE, "hf_***");
	assert_hidden("=" HF_TOKEN_VALUE, "=hf_***");
	assert_hidden("/tmp/" HF_TOKEN_VALUE "/ca.pem", "/tmp/hf_***/ca.pem");
	assert_hidden("a," HF_TOKEN_VALUE ",b", "a,hf_***,b");
	assert_hidden("x" HF_TOKEN_VALUE, "x" HF_TOKEN_VALUE);
}

static void text_without_secrets_is_unchanged(void **state)
{
	(void)state;
	assert_hidden("", "");
	assert_hidden("http://127.0.0.1:7890", "http://127.0.0.1:7890");
	assert_hidden("HF_ENDPOINT=https://hf-mirror.com", "HF_ENDPOINT=https://hf-mirror.com");
	assert_hidden("https://h.example/api?q=bert", "https://h.example/api?q=bert");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_ending_in_token_key_or_auth_are_secret),
		cmocka_unit_test(names_containing_a_secret_word_are_secret),
		cmocka_unit_test(the_name_rule_ignores_case),
		cmocka_unit_test(other_names_are_not_secret),
		cmocka_unit_test(only_the_given_length_of_a_name_counts),
		cmocka_unit_test(a_hugging_face_token_is_token_shaped),
		cmocka_unit_test(other_services_tokens_are_token_shaped),
		cmocka_unit_test(short_or_differently_cased_words_are_no_tokens),
		cmocka_unit_test(a_token_ends_at_the_first_byte_no_token_has),
		cmocka_unit_test(the_value_after_a_secret_name_is_hidden),
		cmocka_unit_test(an_entry_led_by_a_secret_name_hides_what_follows_the_blank),
		cmocka_unit_test(a_token_shaped_word_keeps_only_its_prefix),
		cmocka_unit_test(text_without_secrets_is_unchanged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
