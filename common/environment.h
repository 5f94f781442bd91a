#ifndef HFENV_COMMON_ENVIRONMENT_H
#define HFENV_COMMON_ENVIRONMENT_H

/* The value of name's first entry in envp, as getenv() reads it; NULL when it has none. */
const char *hfenv_getenv(char *const envp[], const char *name);

#endif
