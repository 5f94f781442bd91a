#ifndef HFENV_COMMON_REDACT_H
#define HFENV_COMMON_REDACT_H

#include <stdbool.h>
#include <stddef.h>

/* Values as hfenv shows them: passwords and tokens hidden, control bytes escaped. */

/* A command-line argument in a message takes at most this many columns. */
#define HFENV_ARGUMENT_WIDTH 40

/*
 * value with the password of its user part replaced by ***, or the whole user part when it has no
 * password (an API token); a file name keeps an '@' unless it has a URL's, a password's or a token's
 * shape; then its secrets hidden (common/secrets.h).  Not yet escaped.  NULL on ENOMEM.
 */
char *hfenv_redacted(const char *value, bool file_name);

/* A copy of value fit for a message: password replaced by ***, quoted, escaped, shortened. NULL on ENOMEM. */
char *hfenv_quote_redacted(const char *value);

/* The same in at most width columns, quotes included (common/shorten.h says what is kept). */
char *hfenv_quote_redacted_in(const char *value, size_t width);

/* A copy of value for display without quotes: password replaced by ***, control bytes escaped. NULL on ENOMEM. */
char *hfenv_redact(const char *value);

/* The same for a file name (a CA bundle's): its '@' kept unless it has a URL's, a password's or a token's shape. */
char *hfenv_redact_file_name(const char *value);

#endif
