#ifndef HFENV_MESSAGES_H
#define HFENV_MESSAGES_H

/* Values as messages show them: passwords and tokens hidden, control bytes escaped. */

/* A copy of value fit for a message: password replaced by ***, quoted, escaped, shortened. NULL on ENOMEM. */
char *hfenv_quote_redacted(const char *value);

/* A copy of value for display without quotes: password replaced by ***, control bytes escaped. NULL on ENOMEM. */
char *hfenv_redact(const char *value);

#endif
