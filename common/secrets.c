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

/* c is the first byte of a prefix above: the cheap test every byte of a message's value pays. */
static bool may_start_token(char c)
{
	return c == 'h' || c == 'a' || c == 'g' || c == 's' || c == 'x' || c == 'n' || c == 'p' || c == 'A' || c == 'e';
}

/* a[0..n) equals b[0..n) in any case. */
static bool same_in_any_case(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (lower_ascii(a[i]) != lower_ascii(b[i]))
			return false;
	return true;
}

bool hfenv_name_is_secret(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof secret_endings / sizeof secret_endings[0]; i++) {
		size_t n = strlen(secret_endings[i]);
		if (len >= n && same_in_any_case(name + len - n, secret_endings[i], n))
			return true;
	}
	for (size_t at = 0; at < len; at++) {
		char c = lower_ascii(name[at]);
		for (size_t i = 0; i < sizeof secret_words / sizeof secret_words[0]; i++) {
			const char *word = secret_words[i];
			if (c != lower_ascii(word[0]))
				continue;
			size_t n = strlen(word);
			if (n <= len - at && same_in_any_case(name + at, word, n))
				return true;
		}
	}
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
		if (text[0] != p->prefix[0])
			continue;
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

/* Where the secret of a "NAME VALUE" or NAME=VALUE in text begins: after that blank or '='; or 0. */
static size_t secret_value_start(const char *text)
{
	size_t lead = 0;
	while (is_name_char(text[lead]))
		lead++;
	if (is_blank(text[lead]) && hfenv_name_is_secret(text, lead))
		return lead + 1;
	for (const char *eq = strchr(text, '='); eq != NULL; eq = strchr(eq + 1, '=')) {
		const char *name = eq;
		while (name > text && is_name_char(name[-1]))
			name--;
		if (hfenv_name_is_secret(name, (size_t)(eq - name)))
			return (size_t)(eq - text) + 1;
	}
	return 0;
}

char *hfenv_hide_secrets(const char *text)
{
	struct text t = {0};
	size_t hidden = secret_value_start(text);
	size_t end = hidden ? hidden : strlen(text), shown = 0;
	for (size_t i = 0; i < end; i++) {
		struct hfenv_token_shape shape;
		if (!may_start_token(text[i]) || (i > 0 && is_alnum(text[i - 1])) || !hfenv_token_at(text + i, &shape))
			continue;
		text_append(&t, text + shown, i + shape.prefix_len - shown);
		text_puts(&t, "***");
		shown = i + shape.len;
		i = shown - 1;
	}
	text_append(&t, text + shown, end - shown);
	if (hidden && text[hidden] != '\0')
		text_puts(&t, "***");
	return text_finish(&t);
}
