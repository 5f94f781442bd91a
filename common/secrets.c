#include "common/secrets.h"

#include "common/ascii.h"
#include "common/text.h"

#include <string.h>

static const char *const secret_endings[] = {"TOKEN", "KEY", "AUTH"};
static const char *const secret_words[] = {"SECRET", "PASSWORD", "PASSWD", "PASSPHRASE", "CREDENTIAL", "API_KEY", "APIKEY"};

/* The prefixes services give their tokens, as issued (case matters), and the variable each usually goes in. */
static const struct token_prefix {
	const char *prefix;
	const char *variable;
} token_prefixes[] = {
	{"hf_", "HF_TOKEN"}, {"api_org_", "HF_TOKEN"},
	{"ghp_", NULL}, {"gho_", NULL}, {"ghu_", NULL}, {"ghs_", NULL}, {"ghr_", NULL}, {"github_pat_", NULL},
	{"glpat-", NULL}, {"sk-", NULL}, {"xoxb-", NULL}, {"xoxp-", NULL}, {"xapp-", NULL},
	{"npm_", NULL}, {"pypi-", NULL}, {"AIza", NULL},
	{"eyJ", NULL}, /* a JSON Web Token: three parts joined by dots */
};

/* word[0..n) equals upper[0..n) in any case; upper is in upper case. */
static bool same_in_any_case(const char *word, const char *upper, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (lower_ascii(word[i]) != lower_ascii(upper[i]))
			return false;
	return true;
}

static bool contains_in_any_case(const char *name, size_t len, const char *word)
{
	size_t n = strlen(word);
	for (size_t i = 0; i + n <= len; i++)
		if (same_in_any_case(name + i, word, n))
			return true;
	return false;
}

bool hfenv_name_is_secret(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof secret_endings / sizeof secret_endings[0]; i++) {
		size_t n = strlen(secret_endings[i]);
		if (len >= n && same_in_any_case(name + len - n, secret_endings[i], n))
			return true;
	}
	for (size_t i = 0; i < sizeof secret_words / sizeof secret_words[0]; i++)
		if (contains_in_any_case(name, len, secret_words[i]))
			return true;
	return false;
}

static bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool is_name_char(char c)
{
	return is_alnum(c) || c == '_';
}

static bool is_token_char(char c, bool dots)
{
	return is_alnum(c) || c == '_' || c == '-' || (dots && c == '.');
}

bool hfenv_token_at(const char *text, struct hfenv_token_shape *shape)
{
	for (size_t i = 0; i < sizeof token_prefixes / sizeof token_prefixes[0]; i++) {
		const struct token_prefix *p = &token_prefixes[i];
		size_t n = strlen(p->prefix);
		if (strncmp(text, p->prefix, n) != 0)
			continue;
		bool dots = p->prefix[0] == 'e';
		size_t end = n;
		while (is_token_char(text[end], dots))
			end++;
		if (end - n < HFENV_TOKEN_BODY_MIN)
			continue;
		*shape = (struct hfenv_token_shape){n, end, p->variable};
		return true;
	}
	return false;
}

/* Where the secret of a NAME=VALUE or "NAME VALUE" in text begins: after that '=' or blank; or 0. */
static size_t secret_value_start(const char *text)
{
	size_t name_start = 0;
	for (size_t i = 0; text[i] != '\0'; i++) {
		bool leading_blank = is_blank(text[i]) && name_start == 0;
		if ((text[i] == '=' || leading_blank) && hfenv_name_is_secret(text + name_start, i - name_start))
			return i + 1;
		if (!is_name_char(text[i]))
			name_start = i + 1;
	}
	return 0;
}

char *hfenv_hide_secrets(const char *text)
{
	struct text t = {0};
	size_t hidden = secret_value_start(text);
	size_t end = hidden ? hidden : strlen(text);
	for (size_t i = 0; i < end;) {
		struct hfenv_token_shape shape;
		if ((i == 0 || !is_alnum(text[i - 1])) && hfenv_token_at(text + i, &shape)) {
			text_append(&t, text + i, shape.prefix_len);
			text_puts(&t, "***");
			i += shape.len;
			continue;
		}
		text_append(&t, text + i, 1);
		i++;
	}
	if (hidden && text[hidden] != '\0')
		text_puts(&t, "***");
	return text_finish(&t);
}
