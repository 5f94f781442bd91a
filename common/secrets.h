#ifndef HFENV_COMMON_SECRETS_H
#define HFENV_COMMON_SECRETS_H

#include <stdbool.h>
#include <stddef.h>

/* What no message or table shows: the values of secret-like names, and token-shaped words (hfenv.1, SECURITY). */

/*
 * name[0..len) is secret-like: compared in any case, it ends in TOKEN, KEY or AUTH, or contains
 * SECRET, PASSWORD, PASSWD, PASSPHRASE, CREDENTIAL, API_KEY or APIKEY.
 */
bool hfenv_name_is_secret(const char *name, size_t len);

/* A token-shaped word: a service's prefix (hf_, ghp_, sk-...) and at least HFENV_TOKEN_BODY_MIN characters more. */
#define HFENV_TOKEN_BODY_MIN 20
struct hfenv_token_shape {
	size_t prefix_len;
	size_t len;                   /* the whole word's */
	const char *variable;         /* where such a token usually goes (HF_TOKEN), or NULL */
};

/* Whether a token-shaped word starts at text (the caller sees that the byte before it is no letter or digit). */
bool hfenv_token_at(const char *text, struct hfenv_token_shape *shape);

/*
 * text with its secrets replaced by ***: after '=' that follows a secret-like name, and after the first
 * blank when text starts with one, the rest (HF_TOKEN=***, "HF_TOKEN ***"); a token-shaped word but its
 * prefix (hf_***).  NULL on ENOMEM.
 */
char *hfenv_hide_secrets(const char *text);

#endif
