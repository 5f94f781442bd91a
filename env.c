#include "env.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_POSITION SIZE_MAX
#define MESSAGE_VALUE_MAX 120
#define NAME_FILTER_BITS 1024

struct hfenv_storage {
	void **blocks;
	size_t count;
	size_t capacity;
};

struct slot {
	const char *name;
	size_t name_len;
	const char *original;         /* value of the first entry in envp, or NULL */
	const char *value;            /* value now; NULL when unset */
	size_t position;              /* index of the first entry in the output */
	size_t duplicates;
	bool owned;                   /* hfenv may rewrite it, so duplicates are dropped */
};

enum fixed_slot {
	HTTP_LOWER, HTTP_UPPER, HTTPS_LOWER, HTTPS_UPPER,
	ALL_LOWER, ALL_UPPER, NO_LOWER, NO_UPPER,
	DISABLE_XET, DISABLE_XETHUB,
	REQUEST_METHOD, PATH, SET_PROXY, SET_NO_XET, SET_ALLOW_SOCKS, SET_PREFER, SET_VERBOSE, SET_QUIET,
	FIXED_SLOTS
};

static const struct {
	const char *name;
	bool owned;
} fixed_slots[FIXED_SLOTS] = {
	[HTTP_LOWER] = {"http_proxy", true},      [HTTP_UPPER] = {"HTTP_PROXY", true},
	[HTTPS_LOWER] = {"https_proxy", true},    [HTTPS_UPPER] = {"HTTPS_PROXY", true},
	[ALL_LOWER] = {"all_proxy", true},        [ALL_UPPER] = {"ALL_PROXY", true},
	[NO_LOWER] = {"no_proxy", true},          [NO_UPPER] = {"NO_PROXY", true},
	[DISABLE_XET] = {"HF_HUB_DISABLE_XET", true},
	[DISABLE_XETHUB] = {"HF_HUB_DISABLE_XETHUB", true},
	[REQUEST_METHOD] = {"REQUEST_METHOD", false},
	[PATH] = {"PATH", false},
	[SET_PROXY] = {"HFENV_PROXY", false},     [SET_NO_XET] = {"HFENV_NO_XET", false},
	[SET_ALLOW_SOCKS] = {"HFENV_ALLOW_SOCKS", false},
	[SET_PREFER] = {"HFENV_PREFER", false},   [SET_VERBOSE] = {"HFENV_VERBOSE", false},
	[SET_QUIET] = {"HFENV_QUIET", false},
};

enum pair { PAIR_HTTP, PAIR_HTTPS, PAIR_ALL, PAIR_NO, PAIRS };

static const enum fixed_slot pair_lower[PAIRS] = {HTTP_LOWER, HTTPS_LOWER, ALL_LOWER, NO_LOWER};

struct engine {
	struct hfenv_result *result;
	size_t env_capacity;          /* slots of result->env, NULL included */
	struct slot *slots;
	size_t slot_count;
	size_t *table;                /* slot index + 1, 0 when free */
	size_t table_mask;
	unsigned char name_filter[NAME_FILTER_BITS / 8]; /* the filter_bit() of every slot name */
	size_t finding_capacity;
	bool out_of_memory;
	bool describe_changes;
	bool cgi;
	bool allow_socks;
	bool no_xet;
	enum hfenv_prefer prefer;
	bool socks_url[PAIRS];
	const struct slot *source[PAIRS]; /* the spelling whose value a pair took */
};

static void *keep(struct engine *e, void *block)
{
	struct hfenv_storage *s = e->result->storage;
	if (block == NULL) {
		e->out_of_memory = true;
		return NULL;
	}
	if (s->count == s->capacity) {
		size_t capacity = s->capacity ? 2 * s->capacity : 8;
		void **blocks = realloc(s->blocks, capacity * sizeof *blocks);
		if (blocks == NULL) {
			free(block);
			e->out_of_memory = true;
			return NULL;
		}
		s->blocks = blocks;
		s->capacity = capacity;
	}
	s->blocks[s->count++] = block;
	return block;
}

struct text {
	char *data;
	size_t len;
	size_t capacity;
	bool failed;
};

static void text_append(struct text *t, const char *bytes, size_t n)
{
	if (t->failed)
		return;
	/* Keeps len + n + 1 and the doubled capacity from wrapping around, which GCC's -O3 cannot rule out otherwise. */
	if (n >= SIZE_MAX / 2 - t->len) {
		t->failed = true;
		return;
	}
	if (t->len + n + 1 > t->capacity) {
		size_t capacity = t->capacity ? t->capacity : 64;
		while (capacity < t->len + n + 1)
			capacity *= 2;
		char *data = realloc(t->data, capacity);
		if (data == NULL) {
			t->failed = true;
			return;
		}
		t->data = data;
		t->capacity = capacity;
	}
	memcpy(t->data + t->len, bytes, n);
	t->len += n;
	t->data[t->len] = '\0';
}

static void text_puts(struct text *t, const char *s)
{
	text_append(t, s, strlen(s));
}

/* The finished string, or NULL (and nothing to free) when an append failed. */
static char *text_finish(struct text *t)
{
	if (t->failed) {
		free(t->data);
		return NULL;
	}
	if (t->data == NULL)
		return strdup("");
	return t->data;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool is_scheme_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '+' || c == '-' || c == '.';
}

static char lower_ascii(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Length of "scheme:" before "://" at the start of s, or 0 when s has no scheme. */
static size_t scheme_length(const char *s)
{
	size_t n = 0;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	while (is_scheme_char(s[n]))
		n++;
	return strncmp(s + n, "://", 3) == 0 ? n : 0;
}

/* Control and non-ASCII bytes become \xHH, so that a message stays one harmless line. */
static void append_escaped(struct text *t, const char *s, size_t n, bool quoted)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (quoted && (c == '\'' || c == '\\')) {
			char pair[2] = {'\\', (char)c};
			text_append(t, pair, 2);
		} else if (c >= 0x20 && c < 0x7f) {
			text_append(t, (const char *)&c, 1);
		} else {
			char esc[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
			text_append(t, esc, 4);
		}
	}
}

/* Appends s to t with a password in its userinfo replaced by ***. */
static void append_redacted(struct text *t, const char *s, size_t n)
{
	size_t start = scheme_length(s);
	start = start ? start + 3 : 0;
	const char *at = NULL;
	for (size_t i = start; i < n; i++)
		if (s[i] == '@')
			at = s + i;
	const char *colon = at ? memchr(s + start, ':', (size_t)(at - (s + start))) : NULL;
	if (colon == NULL) {
		text_append(t, s, n);
		return;
	}
	text_append(t, s, (size_t)(colon + 1 - s));
	text_puts(t, "***");
	text_append(t, at, n - (size_t)(at - s));
}

/* value with its password hidden and its bytes escaped; quoted or not, shortened or not. */
static void append_shown(struct text *t, const char *value, bool quoted, bool capped)
{
	struct text redacted = {0};
	append_redacted(&redacted, value, strlen(value));
	if (redacted.failed) {
		t->failed = true;
		free(redacted.data);
		return;
	}
	bool shorten = capped && redacted.len > MESSAGE_VALUE_MAX;
	if (quoted)
		text_puts(t, "'");
	append_escaped(t, redacted.data ? redacted.data : "", shorten ? MESSAGE_VALUE_MAX - 20 : redacted.len, quoted);
	if (quoted)
		text_puts(t, "'");
	if (shorten) {
		char tail[64];
		snprintf(tail, sizeof tail, "... (%zu bytes)", redacted.len);
		text_puts(t, tail);
	}
	free(redacted.data);
}

char *hfenv_quote_redacted(const char *value)
{
	struct text t = {0};
	append_shown(&t, value, true, true);
	return text_finish(&t);
}

/* printf-like: %v a value to show quoted, %n a name (argv can hold anything), %s fixed text, %z a size_t. */
static void add_finding(struct engine *e, enum hfenv_finding_kind kind, const char *format, ...)
{
	struct text t = {0};
	va_list ap;
	va_start(ap, format);
	for (const char *f = format; *f; f++) {
		if (f[0] != '%' || f[1] == '\0') {
			text_append(&t, f, 1);
			continue;
		}
		f++;
		if (*f == 'v') {
			append_shown(&t, va_arg(ap, const char *), true, true);
		} else if (*f == 'n') {
			append_shown(&t, va_arg(ap, const char *), false, true);
		} else if (*f == 's') {
			text_puts(&t, va_arg(ap, const char *));
		} else if (*f == 'z') {
			char number[32];
			snprintf(number, sizeof number, "%zu", va_arg(ap, size_t));
			text_puts(&t, number);
		}
	}
	va_end(ap);
	char *message = text_finish(&t);
	if (message == NULL) {
		e->out_of_memory = true;
		return;
	}
	struct hfenv_result *r = e->result;
	if (r->finding_count == e->finding_capacity) {
		size_t capacity = e->finding_capacity ? 2 * e->finding_capacity : 16;
		struct hfenv_finding *findings = realloc(r->findings, capacity * sizeof *findings);
		if (findings == NULL) {
			free(message);
			e->out_of_memory = true;
			return;
		}
		r->findings = findings;
		e->finding_capacity = capacity;
	}
	r->findings[r->finding_count++] = (struct hfenv_finding){kind, message};
	if (kind == HFENV_ERROR)
		r->error_count++;
}

static size_t hash_name(const char *name, size_t len)
{
	uint64_t h = 14695981039346656037u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)name[i]) * 1099511628211u;
	return (size_t)h;
}

static size_t filter_bit(const char *name, size_t len)
{
	unsigned char first = (unsigned char)name[0], last = (unsigned char)name[len ? len - 1 : 0];
	return ((first * 31u + last) * 31u + len) % NAME_FILTER_BITS;
}

/* False when no slot has this name: the environment's other variables skip the hash. */
static inline bool may_be_slot(const struct engine *e, const char *name, size_t len)
{
	size_t bit = filter_bit(name, len);
	return e->name_filter[bit / 8] & (1u << bit % 8);
}

static struct slot *find_slot(struct engine *e, const char *name, size_t len)
{
	for (size_t i = hash_name(name, len) & e->table_mask;; i = (i + 1) & e->table_mask) {
		size_t index = e->table[i];
		if (index == 0)
			return NULL;
		struct slot *s = &e->slots[index - 1];
		if (s->name_len == len && memcmp(s->name, name, len) == 0)
			return s;
	}
}

/* The slot for name, made owned; name must stay valid while the result lives. */
static struct slot *claim_slot(struct engine *e, const char *name, size_t len)
{
	size_t i = hash_name(name, len) & e->table_mask;
	for (; e->table[i] != 0; i = (i + 1) & e->table_mask) {
		struct slot *s = &e->slots[e->table[i] - 1];
		if (s->name_len == len && memcmp(s->name, name, len) == 0) {
			s->owned = true;
			return s;
		}
	}
	struct slot *s = &e->slots[e->slot_count++];
	*s = (struct slot){.name = name, .name_len = len, .position = NO_POSITION, .owned = true};
	e->table[i] = e->slot_count;
	size_t bit = filter_bit(name, len);
	e->name_filter[bit / 8] |= (unsigned char)(1u << bit % 8);
	return s;
}

static int make_slots(struct engine *e, const struct hfenv_options *opts)
{
	size_t most = FIXED_SLOTS + opts->unset_count + opts->assign_count;
	size_t capacity = 64;
	while (capacity < 2 * most)
		capacity *= 2;
	e->slots = calloc(most, sizeof *e->slots);
	e->table = calloc(capacity, sizeof *e->table);
	if (e->slots == NULL || e->table == NULL)
		return -1;
	e->table_mask = capacity - 1;
	for (size_t i = 0; i < FIXED_SLOTS; i++) {
		struct slot *s = claim_slot(e, fixed_slots[i].name, strlen(fixed_slots[i].name));
		s->owned = fixed_slots[i].owned;
	}
	for (size_t i = 0; i < opts->unset_count; i++) {
		const char *name = opts->unset[i];
		if (*name == '\0' || strchr(name, '=') != NULL)
			add_finding(e, HFENV_ERROR, "cannot unset %v: a variable name is not empty and has no '='", name);
		else
			claim_slot(e, name, strlen(name));
	}
	for (size_t i = 0; i < opts->assign_count; i++) {
		const char *assignment = opts->assign[i];
		const char *eq = strchr(assignment, '=');
		if (eq == NULL || eq == assignment) {
			add_finding(e, HFENV_ERROR, "cannot set %v: write it as NAME=VALUE", assignment);
			continue;
		}
		char *name = keep(e, strndup(assignment, (size_t)(eq - assignment)));
		if (name != NULL)
			claim_slot(e, name, (size_t)(eq - assignment));
	}
	return e->out_of_memory ? -1 : 0;
}

static struct slot *fixed(struct engine *e, enum fixed_slot which)
{
	return &e->slots[which];
}

/* Keeps entries in order from out[0]; writes out[k] only after reading envp[i], i >= k, so envp may lie in out. */
static size_t read_environment(struct engine *e, char *const envp[])
{
	char **out = e->result->env;
	size_t k = 0, i = 0;
	for (; envp[i] != NULL; i++) {
		char *entry = envp[i];
		const char *eq = strchr(entry, '=');
		size_t len = eq ? (size_t)(eq - entry) : 0;
		struct slot *s = eq && may_be_slot(e, entry, len) ? find_slot(e, entry, len) : NULL;
		if (eq == NULL)
			add_finding(e, HFENV_WARNING, "environment entry %v has no '=': passed on unchanged", entry);
		if (s == NULL) {
			out[k++] = entry;
		} else if (s->position == NO_POSITION) {
			s->original = s->value = eq + 1;
			s->position = k;
			out[k++] = entry;
		} else {
			s->duplicates++;
			if (!s->owned)
				out[k++] = entry;
		}
	}
	out[k] = NULL;
	e->result->env_count = k;
	return i;
}

static void apply_assignments(struct engine *e, const struct hfenv_options *opts)
{
	for (size_t i = 0; i < opts->unset_count; i++) {
		struct slot *s = find_slot(e, opts->unset[i], strlen(opts->unset[i]));
		if (s != NULL)
			s->value = NULL;
	}
	for (size_t i = 0; i < opts->assign_count; i++) {
		const char *eq = strchr(opts->assign[i], '=');
		struct slot *s = eq ? find_slot(e, opts->assign[i], (size_t)(eq - opts->assign[i])) : NULL;
		if (s != NULL)
			s->value = eq + 1;
	}
}

bool hfenv_is_true(const char *value)
{
	static const char *const truths[] = {"1", "on", "yes", "true"};
	if (value == NULL)
		return false;
	for (size_t i = 0; i < sizeof truths / sizeof truths[0]; i++) {
		size_t n = strlen(truths[i]);
		if (strlen(value) != n)
			continue;
		size_t j = 0;
		while (j < n && lower_ascii(value[j]) == truths[i][j])
			j++;
		if (j == n)
			return true;
	}
	return false;
}

static bool equal_ignoring_case(const char *a, const char *b)
{
	while (*a && lower_ascii(*a) == lower_ascii(*b))
		a++, b++;
	return *a == '\0' && *b == '\0';
}

static bool setting_flag(struct engine *e, enum fixed_slot which, bool given)
{
	const char *value = fixed(e, which)->value;
	if (given || value == NULL || *value == '\0' || hfenv_is_true(value))
		return given || hfenv_is_true(value);
	static const char *const falsehoods[] = {"0", "off", "no", "false"};
	for (size_t i = 0; i < sizeof falsehoods / sizeof falsehoods[0]; i++)
		if (equal_ignoring_case(value, falsehoods[i]))
			return false;
	add_finding(e, HFENV_WARNING, "%n=%v is neither true (1, on, yes, true) nor false (0, off, no, false): taken as false",
		    fixed_slots[which].name, value);
	return false;
}

static void read_settings(struct engine *e, const struct hfenv_options *opts)
{
	e->no_xet = setting_flag(e, SET_NO_XET, opts->no_xet);
	e->allow_socks = setting_flag(e, SET_ALLOW_SOCKS, opts->allow_socks);
	e->result->verbose = setting_flag(e, SET_VERBOSE, opts->verbose);
	e->describe_changes = e->result->verbose || !opts->changes_only_if_verbose;
	e->result->quiet = setting_flag(e, SET_QUIET, opts->quiet);
	e->prefer = opts->prefer;
	const char *prefer = fixed(e, SET_PREFER)->value;
	if (e->prefer == HFENV_PREFER_UNSET && prefer != NULL && *prefer != '\0') {
		if (equal_ignoring_case(prefer, "lower"))
			e->prefer = HFENV_PREFER_LOWER;
		else if (equal_ignoring_case(prefer, "upper"))
			e->prefer = HFENV_PREFER_UPPER;
		else
			add_finding(e, HFENV_ERROR, "HFENV_PREFER=%v is not valid: set it to lower or upper", prefer);
	}
	if (e->prefer == HFENV_PREFER_UNSET)
		e->prefer = HFENV_PREFER_LOWER;
	e->cgi = fixed(e, REQUEST_METHOD)->value != NULL;
}

const char *hfenv_url_status_text(enum hfenv_url_status status)
{
	switch (status) {
	case HFENV_URL_OK:
		return "valid";
	case HFENV_URL_CONTROL:
		return "it contains a blank, control or non-ASCII character; remove it or percent-encode it";
	case HFENV_URL_SCHEME:
		return "the scheme is not supported; use http://HOST:PORT (https, socks4, socks4a, socks5 and socks5h also work)";
	case HFENV_URL_NO_HOST:
		return "it has no host; write it as http://HOST:PORT";
	case HFENV_URL_BAD_HOST:
		return "the host is not a valid name or address; write it as http://HOST:PORT";
	case HFENV_URL_DNS_LIMITS:
		return "the host name is longer than DNS allows or has an empty label (at most 253 characters, "
		       "1 to 63 between dots); write it as http://HOST:PORT";
	case HFENV_URL_IPV6_UNBRACKETED:
		return "an IPv6 address must be in brackets, as in http://[::1]:7890";
	case HFENV_URL_BAD_PORT:
		return "the port must be a number from 1 to 65535";
	case HFENV_URL_PATH:
		return "a proxy URL has no path, query or fragment; write it as http://HOST:PORT";
	}
	return "invalid";
}

static bool is_host_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c == '_' || c == '~' || c == '%';
}

static bool is_ipv6_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
}

static int hex_digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The character at p with %HH decoded into *c; returns where the next one starts. */
static const char *decode_char(const char *p, const char *end, char *c)
{
	if (*p == '%' && end - p >= 3 && hex_digit(p[1]) >= 0 && hex_digit(p[2]) >= 0) {
		*c = (char)(hex_digit(p[1]) * 16 + hex_digit(p[2]));
		return p + 3;
	}
	*c = *p;
	return p + 1;
}

char *hfenv_percent_decode(const char *text, size_t length)
{
	char *out = malloc(length + 1);
	size_t k = 0;
	for (const char *p = text, *end = text + length; out != NULL && p < end; k++)
		p = decode_char(p, end, &out[k]);
	if (out != NULL)
		out[k] = '\0';
	return out;
}

/* RFC 1035 2.3.4 on the name a client resolves (%HH decoded, as Go and WHATWG parsers do); one trailing dot is free. */
bool hfenv_fits_dns(const char *host, size_t length)
{
	size_t decoded = 0, label = 0;
	for (const char *p = host, *end = host + length; p < end; decoded++) {
		char c;
		p = decode_char(p, end, &c);
		if (c != '.')
			label++;
		else if (label == 0)
			return false;
		else
			label = 0;
		if (label > 63)
			return false;
	}
	return label > 0 ? decoded <= 253 : decoded > 0 && decoded - 1 <= 253;
}

static enum hfenv_url_status check_port(const char *p, const char *end)
{
	unsigned long port = 0;
	if (p == end || end - p > 5)
		return HFENV_URL_BAD_PORT;
	for (; p < end; p++) {
		if (*p < '0' || *p > '9')
			return HFENV_URL_BAD_PORT;
		port = port * 10 + (unsigned long)(*p - '0');
	}
	return (port >= 1 && port <= 65535) ? HFENV_URL_OK : HFENV_URL_BAD_PORT;
}

static enum hfenv_url_status check_host_port(const char *p, const char *end)
{
	if (p == end)
		return HFENV_URL_NO_HOST;
	if (*p == '[') {
		const char *close = memchr(p, ']', (size_t)(end - p));
		const char *zone = NULL;
		bool colon = false;
		if (close == NULL || close == p + 1)
			return HFENV_URL_BAD_HOST;
		for (const char *q = p + 1; q < close; q++) {
			if (zone == NULL && *q == '%')
				zone = q;
			else if (zone ? !is_host_char(*q) : !is_ipv6_char(*q))
				return HFENV_URL_BAD_HOST;
			colon = colon || (zone == NULL && *q == ':');
		}
		if (!colon || zone == p + 1)
			return HFENV_URL_BAD_HOST;
		if (close + 1 == end)
			return HFENV_URL_OK;
		return close[1] == ':' ? check_port(close + 2, end) : HFENV_URL_BAD_HOST;
	}
	const char *colon = memchr(p, ':', (size_t)(end - p));
	const char *host_end = colon ? colon : end;
	if (colon && memchr(colon + 1, ':', (size_t)(end - colon - 1)))
		return HFENV_URL_IPV6_UNBRACKETED;
	if (host_end == p)
		return HFENV_URL_NO_HOST;
	for (const char *q = p; q < host_end; q++)
		if (!is_host_char(*q))
			return HFENV_URL_BAD_HOST;
	if (!hfenv_fits_dns(p, (size_t)(host_end - p)))
		return HFENV_URL_DNS_LIMITS;
	return colon ? check_port(colon + 1, end) : HFENV_URL_OK;
}

static const char *const proxy_schemes[] = {"http", "https", "socks4", "socks4a", "socks5", "socks5h"};

int hfenv_parse_proxy_url(const char *value, enum hfenv_url_status *status, struct hfenv_url *url)
{
	*url = (struct hfenv_url){0};
	for (const char *p = value; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= 0x20 || c >= 0x7f) {
			*status = HFENV_URL_CONTROL;
			return 0;
		}
	}
	size_t scheme_len = scheme_length(value);
	const char *rest = scheme_len ? value + scheme_len + 3 : value;
	size_t known = sizeof proxy_schemes / sizeof proxy_schemes[0];
	size_t scheme = 0;
	if (scheme_len) {
		for (scheme = 0; scheme < known; scheme++) {
			size_t j = 0;
			while (j < scheme_len && lower_ascii(value[j]) == proxy_schemes[scheme][j])
				j++;
			if (j == scheme_len && proxy_schemes[scheme][j] == '\0')
				break;
		}
		if (scheme == known) {
			*status = HFENV_URL_SCHEME;
			return 0;
		}
	}
	size_t authority_len = strcspn(rest, "/?#");
	const char *after = rest + authority_len;
	if (*after != '\0' && strcmp(after, "/") != 0) {
		*status = HFENV_URL_PATH;
		return 0;
	}
	const char *host = rest;
	for (const char *q = rest; q < after; q++)
		if (*q == '@')
			host = q + 1;
	*status = check_host_port(host, after);
	if (*status != HFENV_URL_OK)
		return 0;
	struct text t = {0};
	text_puts(&t, proxy_schemes[scheme]);
	text_puts(&t, "://");
	text_puts(&t, rest);
	url->text = text_finish(&t);
	url->socks = scheme >= 2;
	if (url->text == NULL) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

char *hfenv_normalize_no_proxy(const char *value, const char **bad_entry)
{
	struct text t = {0};
	*bad_entry = NULL;
	for (const char *p = value; *p;) {
		size_t n = strcspn(p, ",");
		const char *start = p, *end = p + n;
		p = *end ? end + 1 : end;
		while (start < end && is_blank(*start))
			start++;
		while (end > start && is_blank(end[-1]))
			end--;
		if (start == end)
			continue;
		for (const char *q = start; q < end; q++) {
			if ((unsigned char)*q <= 0x20 || (unsigned char)*q == 0x7f) {
				*bad_entry = start;
				free(t.data);
				return NULL;
			}
		}
		if (end - start > 2 && start[0] == '*' && start[1] == '.')
			start++;
		if (t.len > 0)
			text_puts(&t, ",");
		text_append(&t, start, (size_t)(end - start));
	}
	return text_finish(&t);
}

/* Strips blanks, CR and LF around the value; an empty value becomes unset. */
static void clean_value(struct engine *e, struct slot *s)
{
	if (s->value == NULL)
		return;
	const char *start = s->value, *end = s->value + strlen(s->value);
	while (start < end && is_blank(*start))
		start++;
	while (end > start && is_blank(end[-1]))
		end--;
	bool padded = start != s->value || *end != '\0';
	if (padded)
		add_finding(e, HFENV_WARNING, "%n=%v has blanks, CR or LF around it: removed (check the file that sets it)",
			    s->name, s->value);
	if (start == end)
		s->value = NULL;
	else if (padded)
		s->value = keep(e, strndup(start, (size_t)(end - start)));
}

/* The normalized value of s; NULL when invalid, with an error finding if report is set. */
static const char *normalize_value(struct engine *e, enum pair pair, struct slot *s, bool report, bool *socks)
{
	if (pair == PAIR_NO) {
		const char *bad = NULL;
		char *list = hfenv_normalize_no_proxy(s->value, &bad);
		if (list != NULL)
			return keep(e, list);
		if (bad == NULL)
			e->out_of_memory = true;
		else if (report)
			add_finding(e, HFENV_ERROR,
				    "%n=%v: an entry has a blank or control character inside; separate entries with commas",
				    s->name, s->value);
		return NULL;
	}
	enum hfenv_url_status status;
	struct hfenv_url url;
	if (hfenv_parse_proxy_url(s->value, &status, &url) != 0) {
		e->out_of_memory = true;
		return NULL;
	}
	if (status != HFENV_URL_OK) {
		if (report)
			add_finding(e, HFENV_ERROR, "%n=%v is not a usable proxy URL: %s", s->name, s->value,
				    hfenv_url_status_text(status));
		return NULL;
	}
	*socks = url.socks;
	return keep(e, url.text);
}

/* Both spellings end up with the preferred value, normalized; under CGI only http_proxy survives. */
static void normalize_pair(struct engine *e, enum pair pair)
{
	struct slot *lower = fixed(e, pair_lower[pair]), *upper = lower + 1;
	bool cgi_http = pair == PAIR_HTTP && e->cgi;
	if (cgi_http && upper->value != NULL) {
		add_finding(e, HFENV_WARNING,
			    "REQUEST_METHOD is set (CGI), so HTTP_PROXY=%v may come from a request header (httpoxy): removed; http_proxy is kept",
			    upper->value);
		upper->value = NULL;
	}
	clean_value(e, lower);
	clean_value(e, upper);
	if (lower->value == NULL && upper->value == NULL)
		return;
	bool both = lower->value != NULL && upper->value != NULL;
	bool prefer_upper = e->prefer == HFENV_PREFER_UPPER;
	struct slot *winner = (lower->value == NULL || (both && prefer_upper)) ? upper : lower;
	struct slot *loser = winner == lower ? upper : lower;
	bool socks = false, loser_socks = false;
	const char *text = normalize_value(e, pair, winner, true, &socks);
	if (both) {
		const char *other = normalize_value(e, pair, loser, false, &loser_socks);
		if (text == NULL || other == NULL || strcmp(text, other) != 0)
			add_finding(e, HFENV_WARNING, "%n=%v and %n=%v differ: using %n in both (--prefer %s)",
				    lower->name, lower->value, upper->name, upper->value, winner->name,
				    prefer_upper ? "upper" : "lower");
	}
	if (text != NULL && *text == '\0')
		text = NULL;
	lower->value = text;
	upper->value = cgi_http ? NULL : text;
	e->socks_url[pair] = text != NULL && socks;
	e->source[pair] = winner;
}

static bool pair_set(struct engine *e, enum pair pair)
{
	return fixed(e, pair_lower[pair])->value != NULL;
}

static const char socks_advice[] =
	"Debian's reqwest and hf_xet before 1.2.0 ignore a SOCKS proxy and connect directly, and Python needs PySocks; "
	"use the proxy's HTTP port instead (Clash: http://127.0.0.1:7890, V2RayN: http://127.0.0.1:10809) "
	"or pass --allow-socks";

static void check_socks(struct engine *e)
{
	bool allowed = e->allow_socks || e->no_xet;
	bool used = false;
	for (enum pair pair = PAIR_HTTP; pair <= PAIR_HTTPS; pair++) {
		if (!e->socks_url[pair])
			continue;
		used = true;
		if (!allowed)
			add_finding(e, HFENV_ERROR, "%n=%v is a SOCKS proxy: %s", e->source[pair]->name,
				    e->source[pair]->value, socks_advice);
	}
	if (e->socks_url[PAIR_ALL] && (!pair_set(e, PAIR_HTTP) || !pair_set(e, PAIR_HTTPS))) {
		used = true;
		if (!allowed)
			add_finding(e, HFENV_ERROR,
				    "%n=%v is a SOCKS proxy and the only proxy for %s URLs: %s; or set https_proxy and http_proxy to an HTTP proxy",
				    e->source[PAIR_ALL]->name, e->source[PAIR_ALL]->value,
				    pair_set(e, PAIR_HTTP) ? "https" : pair_set(e, PAIR_HTTPS) ? "http" : "http and https",
				    socks_advice);
	}
	if (used && !e->allow_socks && e->no_xet)
		add_finding(e, HFENV_WARNING,
			    "a SOCKS proxy is let through because Xet is off: Python needs PySocks (requests) or httpx[socks] to use it, and wget cannot");
}

/* ALL_PROXY fills the HTTP and HTTPS pairs left unset; a SOCKS one that is not allowed was refused already. */
static void fill_from_all_proxy(struct engine *e)
{
	const char *all = fixed(e, ALL_LOWER)->value;
	if (all == NULL)
		return;
	for (enum pair pair = PAIR_HTTP; pair <= PAIR_HTTPS; pair++) {
		if (pair_set(e, pair))
			continue;
		fixed(e, pair_lower[pair])->value = all;
		fixed(e, pair_lower[pair] + 1)->value = (pair == PAIR_HTTP && e->cgi) ? NULL : all;
	}
}

static void apply_proxy_setting(struct engine *e, const struct hfenv_options *opts)
{
	const char *source = opts->proxy ? "--proxy" : "HFENV_PROXY";
	const char *proxy = opts->proxy ? opts->proxy : fixed(e, SET_PROXY)->value;
	if (proxy == NULL)
		return;
	const char *start = proxy, *end = proxy + strlen(proxy);
	while (start < end && is_blank(*start))
		start++;
	while (end > start && is_blank(end[-1]))
		end--;
	if (start == end) {
		if (opts->proxy)
			add_finding(e, HFENV_ERROR, "--proxy is empty: give a URL such as http://127.0.0.1:7890");
		return;
	}
	char *value = keep(e, strndup(start, (size_t)(end - start)));
	if (value == NULL)
		return;
	enum hfenv_url_status status;
	struct hfenv_url url;
	if (hfenv_parse_proxy_url(value, &status, &url) != 0) {
		e->out_of_memory = true;
		return;
	}
	free(url.text);
	if (status != HFENV_URL_OK) {
		add_finding(e, HFENV_ERROR, "%s %v is not a usable proxy URL: %s", source, proxy,
			    hfenv_url_status_text(status));
		return;
	}
	for (enum fixed_slot s = HTTP_LOWER; s <= HTTPS_UPPER; s++)
		if (!(s == HTTP_UPPER && e->cgi))
			fixed(e, s)->value = value;
}

static void apply_no_xet(struct engine *e)
{
	if (!e->no_xet)
		return;
	for (enum fixed_slot s = DISABLE_XET; s <= DISABLE_XETHUB; s++)
		if (!hfenv_is_true(fixed(e, s)->value))
			fixed(e, s)->value = "1";
}

static bool same_value(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static char *make_entry(struct engine *e, const struct slot *s)
{
	size_t value_len = strlen(s->value);
	char *entry = keep(e, malloc(s->name_len + value_len + 2));
	if (entry != NULL) {
		memcpy(entry, s->name, s->name_len);
		entry[s->name_len] = '=';
		memcpy(entry + s->name_len + 1, s->value, value_len + 1);
	}
	return entry;
}

/* The added entries do not fit where the environment was read: the kept ones move to a new array. */
static bool move_environment(struct engine *e, size_t capacity)
{
	struct hfenv_result *r = e->result;
	char **env = keep(e, malloc(capacity * sizeof *env));
	if (env == NULL)
		return false;
	memcpy(env, r->env, r->env_count * sizeof *env);
	r->env = env;
	e->env_capacity = capacity;
	return true;
}

static bool is_edited(const struct slot *s)
{
	return s->owned && !same_value(s->original, s->value);
}

static void write_environment(struct engine *e)
{
	struct hfenv_result *r = e->result;
	size_t appended = r->env_count, added = 0, edits = 0;
	for (size_t i = 0; i < e->slot_count; i++) {
		added += e->slots[i].owned && e->slots[i].position == NO_POSITION && e->slots[i].value != NULL;
		edits += is_edited(&e->slots[i]);
	}
	if (r->env_count + added + 1 > e->env_capacity && !move_environment(e, r->env_count + added + 1))
		return;
	r->edits = edits ? calloc(edits, sizeof *r->edits) : NULL;
	if (edits > 0 && r->edits == NULL) {
		e->out_of_memory = true;
		return;
	}
	for (size_t i = 0; i < e->slot_count; i++) {
		struct slot *s = &e->slots[i];
		if (!s->owned)
			continue;
		if (s->duplicates > 0)
			add_finding(e, HFENV_WARNING,
				    "%n is in the environment %z times (C programs read the first, Python the last): kept only the first",
				    s->name, s->duplicates + 1);
		if (!is_edited(s))
			continue;
		char *entry = s->value ? make_entry(e, s) : NULL;
		if (s->position != NO_POSITION)
			r->env[s->position] = entry;
		else if (entry != NULL)
			r->env[appended++] = entry;
		r->edits[r->edit_count++] = (struct hfenv_edit){s->name, s->value};
		if (!e->describe_changes)
			continue;
		if (s->original == NULL)
			add_finding(e, HFENV_CHANGE, "set %n=%v", s->name, s->value);
		else if (s->value == NULL)
			add_finding(e, HFENV_CHANGE, "unset %n (was %v)", s->name, s->original);
		else
			add_finding(e, HFENV_CHANGE, "changed %n from %v to %v", s->name, s->original, s->value);
	}
	size_t k = 0;
	for (size_t i = 0; i < appended; i++)
		if (r->env[i] != NULL)
			r->env[k++] = r->env[i];
	r->env[k] = NULL;
	r->env_count = k;
}

/*
 * Reads envp and builds the new environment from block[0], where spare + len(envp) + 1 slots are
 * free to write once read (envp may be block + spare); block NULL: a new array with room for all.
 */
static int normalize(const struct hfenv_options *opts, char *const envp[], char **block, size_t spare,
		     struct hfenv_result *out)
{
	*out = (struct hfenv_result){0};
	struct engine e = {.result = out};
	out->storage = calloc(1, sizeof *out->storage);
	if (out->storage == NULL || make_slots(&e, opts) != 0)
		goto out_of_memory;
	if (block == NULL) {
		size_t env_len = 0;
		while (envp[env_len] != NULL)
			env_len++;
		spare = e.slot_count;
		block = keep(&e, malloc((env_len + spare + 1) * sizeof *block));
		if (block == NULL)
			goto out_of_memory;
	}
	out->env = block;
	e.env_capacity = spare + read_environment(&e, envp) + 1;
	apply_assignments(&e, opts);
	read_settings(&e, opts);
	apply_proxy_setting(&e, opts);
	for (enum pair pair = PAIR_HTTP; pair < PAIRS; pair++)
		normalize_pair(&e, pair);
	check_socks(&e);
	fill_from_all_proxy(&e);
	apply_no_xet(&e);
	if (out->error_count == 0)
		write_environment(&e);
	out->path = fixed(&e, PATH)->value;
	if (e.out_of_memory)
		goto out_of_memory;
	free(e.slots);
	free(e.table);
	return 0;
out_of_memory:
	free(e.slots);
	free(e.table);
	hfenv_result_free(out);
	errno = ENOMEM;
	return -1;
}

int hfenv_normalize(const struct hfenv_options *opts, char *const envp[], struct hfenv_result *out)
{
	return normalize(opts, envp, NULL, 0, out);
}

int hfenv_normalize_in_place(const struct hfenv_options *opts, char **block, size_t spare, struct hfenv_result *out)
{
	return normalize(opts, block + spare, block, spare, out);
}

void hfenv_result_free(struct hfenv_result *result)
{
	if (result->storage != NULL) {
		for (size_t i = 0; i < result->storage->count; i++)
			free(result->storage->blocks[i]);
		free(result->storage->blocks);
		free(result->storage);
	}
	for (size_t i = 0; i < result->finding_count; i++)
		free(result->findings[i].message);
	free(result->findings);
	free(result->edits);
	*result = (struct hfenv_result){0};
}

static bool is_shell_name(const char *name)
{
	if (!((*name >= 'a' && *name <= 'z') || (*name >= 'A' && *name <= 'Z') || *name == '_'))
		return false;
	for (const char *p = name + 1; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return false;
	return true;
}

char *hfenv_shell_statement(enum hfenv_shell shell, const struct hfenv_edit *edit)
{
	if (!is_shell_name(edit->name)) {
		errno = EINVAL;
		return NULL;
	}
	struct text t = {0};
	bool fish = shell == HFENV_SHELL_FISH;
	if (edit->value == NULL) {
		text_puts(&t, fish ? "set -e " : "unset ");
		text_puts(&t, edit->name);
	} else {
		text_puts(&t, fish ? "set -gx " : "export ");
		text_puts(&t, edit->name);
		text_puts(&t, fish ? " '" : "='");
		for (const char *p = edit->value; *p; p++) {
			if (*p == '\'')
				text_puts(&t, fish ? "\\'" : "'\\''");
			else if (*p == '\\' && fish)
				text_puts(&t, "\\\\");
			else
				text_append(&t, p, 1);
		}
		text_puts(&t, "'");
	}
	char *statement = text_finish(&t);
	if (statement == NULL)
		errno = ENOMEM;
	return statement;
}

char *hfenv_redact(const char *value)
{
	struct text t = {0};
	append_shown(&t, value, false, false);
	return text_finish(&t);
}

enum route_variable {
	V_NONE, V_HTTP_LOWER, V_HTTP_UPPER, V_HTTPS_LOWER, V_HTTPS_UPPER, V_ALL_LOWER, V_ALL_UPPER,
	V_NO_LOWER, V_NO_UPPER, V_REQUEST_METHOD, ROUTE_VARIABLES
};

static const char *const route_variable_names[ROUTE_VARIABLES] = {
	[V_HTTP_LOWER] = "http_proxy", [V_HTTP_UPPER] = "HTTP_PROXY",
	[V_HTTPS_LOWER] = "https_proxy", [V_HTTPS_UPPER] = "HTTPS_PROXY",
	[V_ALL_LOWER] = "all_proxy", [V_ALL_UPPER] = "ALL_PROXY",
	[V_NO_LOWER] = "no_proxy", [V_NO_UPPER] = "NO_PROXY",
	[V_REQUEST_METHOD] = "REQUEST_METHOD",
};

enum route_empty {
	EMPTY_SKIPS,                  /* an empty value counts as unset */
	EMPTY_ENDS_CHAIN,             /* the first variable set wins, even empty; a fallback still applies */
	EMPTY_MEANS_DIRECT,           /* the first variable set wins; empty disables the proxy, fallbacks too */
};

enum route_cgi {
	CGI_NOTHING,
	CGI_DROPS_HTTP_UPPER,         /* HTTP_PROXY is not read; http_proxy still is */
	CGI_IGNORES_HTTP,             /* no proxy for http URLs */
	CGI_IGNORES_ALL,              /* no proxy at all */
	CGI_REFUSES_HTTP,             /* an http request with a proxy set fails */
};

enum route_bad_value {
	BAD_FAILS,                    /* the request fails */
	BAD_IGNORED,                  /* no proxy from this value; a fallback still applies */
	BAD_SKIPPED,                  /* the next variable of the list is read instead */
};

enum route_parsing {
	PARSE_AS_IS,                  /* the value as it is; scheme-less means http */
	PARSE_TRAILING_BLANKS,        /* blanks, CR and LF at the end dropped (urllib: int() strips the port) */
	PARSE_RUST_URL,               /* WHATWG: blanks and C0 controls around, tab, CR, LF inside removed; scheme-less means http */
	PARSE_JS_URL,                 /* WHATWG, and a scheme is required */
	PARSE_NODE_CORE,              /* CR or LF fails, a value not starting with http:// or https:// is ignored, then WHATWG */
};

enum route_star { STAR_NOT_SPECIAL, STAR_WHOLE_VALUE, STAR_ANY_ENTRY };

enum {
	SCHEME_HTTP = 1, SCHEME_HTTPS = 2, SCHEME_SOCKS4 = 4, SCHEME_SOCKS4A = 8, SCHEME_SOCKS5 = 16, SCHEME_SOCKS5H = 32,
	SCHEMES_HTTP_ONLY = SCHEME_HTTP | SCHEME_HTTPS,
	SCHEMES_ALL = 63,
};

/* How one client family reads the proxy variables: the facts of docs/proxy-clients.md, as data. */
struct client_rule {
	const char *id;
	const char *label;
	enum route_variable http[3];  /* read in this order for http URLs */
	enum route_variable https[3];
	enum route_variable all[3];   /* fallback for both; empty when ALL_PROXY is not read */
	enum route_variable no[3];
	enum route_empty empty;
	enum route_empty no_empty;
	bool last_duplicate;          /* reads the last of duplicate entries (Python's os.environ) */
	bool cgi_needs_value;         /* CGI means REQUEST_METHOD non-empty, not merely set */
	enum route_cgi cgi;
	unsigned schemes;
	enum route_bad_value unsupported; /* a scheme the client does not support */
	enum route_bad_value invalid;     /* a value it cannot parse */
	bool digits_port_fails;       /* takes a port of any number of digits when parsing; the connect fails */
	enum route_parsing parsing;
	bool https_uses_http_proxy;   /* no https proxy: https URLs take the http route */
	enum route_star star;         /* how "*" in NO_PROXY is read */
};

static const struct client_rule client_rules[HFENV_CLIENTS] = {
	[HFENV_CLIENT_CURL] = {
		.id = "curl", .label = "curl",
		.http = {V_HTTP_LOWER}, .https = {V_HTTPS_LOWER, V_HTTPS_UPPER},
		.all = {V_ALL_LOWER, V_ALL_UPPER}, .no = {V_NO_LOWER, V_NO_UPPER},
		.empty = EMPTY_SKIPS, .no_empty = EMPTY_SKIPS, .cgi = CGI_NOTHING,
		.schemes = SCHEMES_ALL, .unsupported = BAD_FAILS, .invalid = BAD_FAILS,
		.parsing = PARSE_AS_IS, .star = STAR_WHOLE_VALUE,
	},
	[HFENV_CLIENT_GIT] = {
		.id = "git", .label = "git",
		.http = {V_HTTP_LOWER}, .https = {V_HTTPS_LOWER, V_HTTPS_UPPER},
		.all = {V_ALL_LOWER, V_ALL_UPPER}, .no = {V_NO_LOWER, V_NO_UPPER},
		.empty = EMPTY_MEANS_DIRECT, .no_empty = EMPTY_ENDS_CHAIN, .cgi = CGI_NOTHING,
		.schemes = SCHEMES_ALL, .unsupported = BAD_FAILS, .invalid = BAD_FAILS,
		.parsing = PARSE_AS_IS, .star = STAR_WHOLE_VALUE,
	},
	[HFENV_CLIENT_WGET] = {
		.id = "wget", .label = "wget",
		.http = {V_HTTP_LOWER}, .https = {V_HTTPS_LOWER}, .no = {V_NO_LOWER},
		.empty = EMPTY_SKIPS, .no_empty = EMPTY_SKIPS, .cgi = CGI_NOTHING,
		.schemes = SCHEME_HTTP, .unsupported = BAD_FAILS, .invalid = BAD_FAILS,
		.parsing = PARSE_AS_IS, .star = STAR_NOT_SPECIAL,
	},
	[HFENV_CLIENT_URLLIB] = {
		.id = "urllib", .label = "Python urllib",
		.http = {V_HTTP_LOWER, V_HTTP_UPPER}, .https = {V_HTTPS_LOWER, V_HTTPS_UPPER},
		.no = {V_NO_LOWER, V_NO_UPPER},
		.empty = EMPTY_ENDS_CHAIN, .no_empty = EMPTY_ENDS_CHAIN, .last_duplicate = true,
		.cgi = CGI_DROPS_HTTP_UPPER,
		.schemes = SCHEMES_HTTP_ONLY, .unsupported = BAD_FAILS, .invalid = BAD_FAILS,
		.parsing = PARSE_TRAILING_BLANKS, .star = STAR_WHOLE_VALUE,
	},
	[HFENV_CLIENT_REQUESTS] = {
		.id = "requests", .label = "requests/httpx/pip",
		.http = {V_HTTP_LOWER, V_HTTP_UPPER}, .https = {V_HTTPS_LOWER, V_HTTPS_UPPER},
		.all = {V_ALL_LOWER, V_ALL_UPPER}, .no = {V_NO_LOWER, V_NO_UPPER},
		.empty = EMPTY_ENDS_CHAIN, .no_empty = EMPTY_ENDS_CHAIN, .last_duplicate = true,
		.cgi = CGI_DROPS_HTTP_UPPER,
		.schemes = SCHEMES_HTTP_ONLY, .unsupported = BAD_FAILS, .invalid = BAD_FAILS,
		.parsing = PARSE_AS_IS, .star = STAR_WHOLE_VALUE,
	},
	[HFENV_CLIENT_REQWEST] = {
		.id = "reqwest", .label = "reqwest 0.11 (Debian)",
		.http = {V_HTTP_UPPER, V_HTTP_LOWER}, .https = {V_HTTPS_UPPER, V_HTTPS_LOWER},
		.no = {V_NO_UPPER, V_NO_LOWER},
		.empty = EMPTY_SKIPS, .no_empty = EMPTY_ENDS_CHAIN, .cgi = CGI_IGNORES_HTTP,
		.schemes = SCHEMES_HTTP_ONLY, .unsupported = BAD_SKIPPED, .invalid = BAD_SKIPPED,
		.parsing = PARSE_RUST_URL, .star = STAR_ANY_ENTRY,
	},
	[HFENV_CLIENT_HF_XET] = {
		.id = "hf_xet", .label = "hf_xet (reqwest >= 0.12.16)",
		.http = {V_HTTP_UPPER, V_HTTP_LOWER}, .https = {V_HTTPS_UPPER, V_HTTPS_LOWER},
		.all = {V_ALL_UPPER, V_ALL_LOWER}, .no = {V_NO_UPPER, V_NO_LOWER},
		.empty = EMPTY_ENDS_CHAIN, .no_empty = EMPTY_ENDS_CHAIN, .cgi = CGI_IGNORES_ALL,
		.schemes = SCHEMES_ALL, .unsupported = BAD_IGNORED, .invalid = BAD_IGNORED,
		.parsing = PARSE_AS_IS, .star = STAR_ANY_ENTRY,
	},
	[HFENV_CLIENT_GO] = {
		.id = "go", .label = "Go 1.19 net/http",
		.http = {V_HTTP_UPPER, V_HTTP_LOWER}, .https = {V_HTTPS_UPPER, V_HTTPS_LOWER},
		.no = {V_NO_UPPER, V_NO_LOWER},
		.empty = EMPTY_SKIPS, .no_empty = EMPTY_SKIPS, .cgi_needs_value = true, .cgi = CGI_REFUSES_HTTP,
		.schemes = SCHEMES_HTTP_ONLY | SCHEME_SOCKS5, .unsupported = BAD_FAILS, .invalid = BAD_IGNORED,
		.digits_port_fails = true,
		.parsing = PARSE_AS_IS, .star = STAR_ANY_ENTRY,
	},
	[HFENV_CLIENT_NODE] = {
		.id = "node", .label = "Node (NODE_USE_ENV_PROXY=1)",
		.http = {V_HTTP_LOWER, V_HTTP_UPPER}, .https = {V_HTTPS_LOWER, V_HTTPS_UPPER},
		.no = {V_NO_LOWER, V_NO_UPPER},
		.empty = EMPTY_SKIPS, .no_empty = EMPTY_SKIPS, .cgi = CGI_NOTHING,
		.schemes = SCHEMES_HTTP_ONLY, .unsupported = BAD_IGNORED, .invalid = BAD_FAILS,
		.parsing = PARSE_NODE_CORE, .star = STAR_ANY_ENTRY,
	},
	[HFENV_CLIENT_UNDICI] = {
		.id = "undici", .label = "undici EnvHttpProxyAgent",
		.http = {V_HTTP_LOWER, V_HTTP_UPPER}, .https = {V_HTTPS_LOWER, V_HTTPS_UPPER},
		.no = {V_NO_LOWER, V_NO_UPPER},
		.empty = EMPTY_ENDS_CHAIN, .no_empty = EMPTY_ENDS_CHAIN, .cgi = CGI_NOTHING,
		.schemes = SCHEMES_HTTP_ONLY, .unsupported = BAD_FAILS, .invalid = BAD_FAILS,
		.parsing = PARSE_JS_URL, .https_uses_http_proxy = true, .star = STAR_ANY_ENTRY,
	},
};

const char *hfenv_client_id(enum hfenv_client client)
{
	return client_rules[client].id;
}

const char *hfenv_client_label(enum hfenv_client client)
{
	return client_rules[client].label;
}

struct route_values {
	const char *first[ROUTE_VARIABLES];
	const char *last[ROUTE_VARIABLES];
};

static enum route_variable route_variable_of(const char *entry, size_t name_len)
{
	for (enum route_variable v = V_HTTP_LOWER; v < ROUTE_VARIABLES; v++)
		if (strlen(route_variable_names[v]) == name_len && memcmp(entry, route_variable_names[v], name_len) == 0)
			return v;
	return V_NONE;
}

static void read_route_values(char *const envp[], struct route_values *values)
{
	*values = (struct route_values){0};
	for (size_t i = 0; envp[i] != NULL; i++) {
		const char *eq = strchr(envp[i], '=');
		enum route_variable v = eq ? route_variable_of(envp[i], (size_t)(eq - envp[i])) : V_NONE;
		if (v == V_NONE)
			continue;
		if (values->first[v] == NULL)
			values->first[v] = eq + 1;
		values->last[v] = eq + 1;
	}
}

static const char *route_value(const struct client_rule *rule, const struct route_values *values, enum route_variable v)
{
	return rule->last_duplicate ? values->last[v] : values->first[v];
}

enum pick_outcome { PICK_UNSET, PICK_EMPTY, PICK_VALUE };

struct pick {
	enum pick_outcome outcome;
	enum hfenv_route_kind kind;   /* PICK_VALUE: PROXY, IGNORED or FAILS */
	enum route_bad_value bad;     /* what the rule does with a rejected value */
	char *proxy;
	const char *variable;
	const char *reason;
};

/* Blanks and C0 controls around removed, tab, CR and LF inside removed, as a WHATWG URL parser does. */
static char *whatwg_clean(const char *value)
{
	const char *start = value, *end = value + strlen(value);
	while (start < end && (unsigned char)*start <= 0x20)
		start++;
	while (end > start && (unsigned char)end[-1] <= 0x20)
		end--;
	char *clean = malloc((size_t)(end - start) + 1);
	if (clean == NULL)
		return NULL;
	size_t n = 0;
	for (const char *p = start; p < end; p++)
		if (*p != '\t' && *p != '\r' && *p != '\n')
			clean[n++] = *p;
	clean[n] = '\0';
	return clean;
}

static bool starts_with_ignoring_case(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++)
		if (lower_ascii(*s) != *prefix)
			return false;
	return true;
}

static unsigned scheme_bit(const char *url)
{
	static const unsigned bits[] = {SCHEME_HTTP, SCHEME_HTTPS, SCHEME_SOCKS4, SCHEME_SOCKS4A, SCHEME_SOCKS5, SCHEME_SOCKS5H};
	size_t len = scheme_length(url);
	for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++)
		if (strlen(proxy_schemes[i]) == len && strncmp(url, proxy_schemes[i], len) == 0)
			return bits[i];
	return 0;
}

static void reject(struct pick *pick, enum route_bad_value bad, const char *reason)
{
	pick->kind = bad == BAD_FAILS ? HFENV_ROUTE_FAILS : HFENV_ROUTE_IGNORED;
	pick->bad = bad;
	pick->reason = reason;
}

/* The proxy URL a client reads from value, as hfenv would write it; NULL in url->text when unusable. */
static int parse_like_client(const struct client_rule *rule, const char *value, enum hfenv_url_status *status,
			     struct hfenv_url *url, bool *has_scheme)
{
	char *clean = rule->parsing == PARSE_AS_IS || rule->parsing == PARSE_TRAILING_BLANKS ? strdup(value)
										      : whatwg_clean(value);
	if (clean == NULL)
		return -1;
	for (size_t n = strlen(clean); rule->parsing == PARSE_TRAILING_BLANKS && n > 0 && is_blank(clean[n - 1]); n--)
		clean[n - 1] = '\0';
	*has_scheme = scheme_length(clean) > 0;
	int failed = hfenv_parse_proxy_url(clean, status, url);
	if (!failed && *status == HFENV_URL_PATH) {
		/* Clients ignore a path after the proxy's host; hfenv's parser does not take one. */
		size_t authority = scheme_length(clean) ? scheme_length(clean) + 3 : 0;
		clean[authority + strcspn(clean + authority, "/?#")] = '\0';
		failed = hfenv_parse_proxy_url(clean, status, url);
	}
	free(clean);
	return failed;
}

/* The port after the host is one or more digits (out of range, since the URL parser rejected it). */
static bool port_is_digits(const char *value)
{
	const char *authority = strstr(value, "://");
	authority = authority ? authority + 3 : value;
	const char *end = authority + strcspn(authority, "/?#"), *colon = NULL;
	for (const char *p = authority; p < end; p++)
		colon = *p == ':' ? p : *p == '@' || *p == ']' ? NULL : colon;
	if (colon == NULL || colon + 1 == end)
		return false;
	for (const char *p = colon + 1; p < end; p++)
		if (*p < '0' || *p > '9')
			return false;
	return true;
}

/* What the client makes of one non-empty value: a proxy, or a rejection per its rule. -1 on ENOMEM. */
static int judge_value(const struct client_rule *rule, const char *value, struct pick *pick)
{
	const char *scheme_problem = starts_with_ignoring_case(value, "socks") ? "socks unsupported"
				     : scheme_length(value) == 0         ? "no scheme"
									 : "scheme unsupported";
	bool js = rule->parsing == PARSE_JS_URL || rule->parsing == PARSE_NODE_CORE;
	if (rule->parsing == PARSE_NODE_CORE && strpbrk(value, "\r\n") != NULL) {
		reject(pick, rule->invalid, "CR or LF in the URL");
		return 0;
	}
	if (rule->parsing == PARSE_NODE_CORE && strncmp(value, "http://", 7) != 0 && strncmp(value, "https://", 8) != 0) {
		reject(pick, rule->unsupported, scheme_problem);
		return 0;
	}
	enum hfenv_url_status status;
	struct hfenv_url url;
	bool has_scheme;
	if (parse_like_client(rule, value, &status, &url, &has_scheme) != 0)
		return -1;
	if (js && status == HFENV_URL_OK && !has_scheme)
		reject(pick, rule->invalid, "no scheme");
	else if (status == HFENV_URL_SCHEME)
		reject(pick, rule->unsupported, scheme_problem);
	else if (status == HFENV_URL_BAD_PORT && rule->digits_port_fails && port_is_digits(value))
		reject(pick, BAD_FAILS, "port out of range");
	else if (status == HFENV_URL_DNS_LIMITS)
		reject(pick, BAD_FAILS, "host name beyond DNS limits");
	else if (status != HFENV_URL_OK)
		reject(pick, rule->invalid, "not a valid URL");
	else if (!(rule->schemes & scheme_bit(url.text)))
		reject(pick, rule->unsupported, url.socks ? "socks unsupported" : "scheme unsupported");
	else {
		pick->kind = HFENV_ROUTE_PROXY;
		pick->proxy = url.text;
		return 0;
	}
	free(url.text);
	return 0;
}

/* Reads names in order as the client does, skipping skip; a value passed over still shows as ignored. -1 on ENOMEM. */
static int pick_variable(const struct client_rule *rule, const struct route_values *values,
			 const enum route_variable names[3], enum route_variable skip, struct pick *pick)
{
	struct pick passed_over = {.outcome = PICK_UNSET};
	for (size_t i = 0; i < 3 && names[i] != V_NONE; i++) {
		const char *value = route_value(rule, values, names[i]);
		if (value == NULL || names[i] == skip)
			continue;
		if (*value == '\0') {
			if (rule->empty == EMPTY_SKIPS)
				continue;
			*pick = (struct pick){.outcome = PICK_EMPTY, .variable = route_variable_names[names[i]]};
			return 0;
		}
		*pick = (struct pick){.outcome = PICK_VALUE, .variable = route_variable_names[names[i]]};
		if (judge_value(rule, value, pick) != 0)
			return -1;
		if (pick->kind == HFENV_ROUTE_PROXY || pick->bad != BAD_SKIPPED)
			return 0;
		if (passed_over.outcome == PICK_UNSET)
			passed_over = *pick;
	}
	*pick = passed_over;
	return 0;
}

static bool no_proxy_matches_all(const struct client_rule *rule, const struct route_values *values)
{
	const char *list = NULL;
	for (size_t i = 0; i < 3 && rule->no[i] != V_NONE && list == NULL; i++) {
		list = route_value(rule, values, rule->no[i]);
		if (list != NULL && *list == '\0' && rule->no_empty == EMPTY_SKIPS)
			list = NULL;
	}
	if (list == NULL || rule->star == STAR_NOT_SPECIAL)
		return false;
	if (rule->star == STAR_WHOLE_VALUE)
		return strcmp(list, "*") == 0;
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",");
		const char *start = p, *end = p + n;
		p = *end ? end + 1 : end;
		while (start < end && is_blank(*start))
			start++;
		while (end > start && is_blank(end[-1]))
			end--;
		if (end - start == 1 && *start == '*')
			return true;
	}
	return false;
}

static void take_pick(struct hfenv_route *route, struct pick *pick)
{
	*route = (struct hfenv_route){.kind = pick->kind, .proxy = pick->proxy, .variable = pick->variable,
				      .reason = pick->reason};
	size_t n = route->proxy ? strlen(route->proxy) : 0;
	if (n > 0 && route->proxy[n - 1] == '/')
		route->proxy[n - 1] = '\0';
}

static bool any_value(const struct client_rule *rule, const struct route_values *values, const enum route_variable names[3])
{
	for (size_t i = 0; i < 3 && names[i] != V_NONE; i++) {
		const char *value = route_value(rule, values, names[i]);
		if (value != NULL && *value != '\0')
			return true;
	}
	return false;
}

static int predict(const struct client_rule *rule, enum hfenv_target target, const struct route_values *values,
		   struct hfenv_route *route)
{
	*route = (struct hfenv_route){.kind = HFENV_ROUTE_DIRECT};
	const enum route_variable *names = target == HFENV_TARGET_HTTPS ? rule->https : rule->http;
	const char *method = route_value(rule, values, V_REQUEST_METHOD);
	bool cgi = method != NULL && (!rule->cgi_needs_value || *method != '\0');
	bool cgi_http = cgi && target == HFENV_TARGET_HTTP;
	if ((cgi && rule->cgi == CGI_IGNORES_ALL) || (cgi_http && rule->cgi == CGI_IGNORES_HTTP)) {
		if (any_value(rule, values, names) || any_value(rule, values, rule->all))
			*route = (struct hfenv_route){.kind = HFENV_ROUTE_IGNORED, .reason = "CGI"};
		return 0;
	}
	enum route_variable skip = cgi_http && rule->cgi == CGI_DROPS_HTTP_UPPER ? V_HTTP_UPPER : V_NONE;
	struct pick pick, fallback = {.outcome = PICK_UNSET};
	if (pick_variable(rule, values, names, skip, &pick) != 0)
		return -1;
	bool found = pick.outcome == PICK_VALUE && pick.kind != HFENV_ROUTE_IGNORED;
	if (found && cgi_http && rule->cgi == CGI_REFUSES_HTTP) {
		free(pick.proxy);
		*route = (struct hfenv_route){.kind = HFENV_ROUTE_REFUSED_CGI, .variable = pick.variable, .reason = "CGI"};
		return 0;
	}
	if (pick.outcome == PICK_EMPTY && rule->empty == EMPTY_MEANS_DIRECT)
		return 0;
	if (pick.outcome != PICK_VALUE && target == HFENV_TARGET_HTTPS && rule->https_uses_http_proxy)
		return predict(rule, HFENV_TARGET_HTTP, values, route);
	if (!found && pick_variable(rule, values, rule->all, V_NONE, &fallback) != 0)
		return -1;
	if (fallback.outcome == PICK_VALUE && (pick.outcome != PICK_VALUE || fallback.kind == HFENV_ROUTE_PROXY)) {
		take_pick(route, &fallback);
	} else {
		free(fallback.proxy);
		if (pick.outcome == PICK_VALUE)
			take_pick(route, &pick);
	}
	if ((route->kind == HFENV_ROUTE_PROXY || route->kind == HFENV_ROUTE_FAILS) && no_proxy_matches_all(rule, values)) {
		free(route->proxy);
		*route = (struct hfenv_route){.kind = HFENV_ROUTE_DIRECT, .reason = "NO_PROXY=*"};
	}
	return 0;
}

int hfenv_predict_route(enum hfenv_client client, enum hfenv_target target, char *const envp[],
			struct hfenv_route *route)
{
	struct route_values values;
	read_route_values(envp, &values);
	if (predict(&client_rules[client], target, &values, route) != 0) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void hfenv_route_free(struct hfenv_route *route)
{
	free(route->proxy);
	*route = (struct hfenv_route){0};
}

static int route_outcome(const struct hfenv_route *route)
{
	switch (route->kind) {
	case HFENV_ROUTE_DIRECT:
	case HFENV_ROUTE_IGNORED:
		return HFENV_ROUTE_DIRECT;
	case HFENV_ROUTE_REFUSED_CGI:
	case HFENV_ROUTE_FAILS:
		return HFENV_ROUTE_FAILS;
	case HFENV_ROUTE_PROXY:
		break;
	}
	return HFENV_ROUTE_PROXY;
}

bool hfenv_routes_agree(const struct hfenv_route *a, const struct hfenv_route *b)
{
	if (route_outcome(a) != route_outcome(b))
		return false;
	return route_outcome(a) != HFENV_ROUTE_PROXY || strcmp(a->proxy, b->proxy) == 0;
}

char **hfenv_route_environment(const struct hfenv_options *opts, char *const envp[])
{
	bool overridden[ROUTE_VARIABLES] = {false};
	size_t last_assignment[ROUTE_VARIABLES] = {0};
	for (size_t i = 0; i < opts->unset_count; i++)
		overridden[route_variable_of(opts->unset[i], strlen(opts->unset[i]))] = true;
	for (size_t i = 0; i < opts->assign_count; i++) {
		const char *eq = strchr(opts->assign[i], '=');
		enum route_variable v = eq ? route_variable_of(opts->assign[i], (size_t)(eq - opts->assign[i])) : V_NONE;
		if (v != V_NONE) {
			overridden[v] = true;
			last_assignment[v] = i + 1;
		}
	}
	size_t env_len = 0;
	while (envp[env_len] != NULL)
		env_len++;
	char **env = malloc((env_len + ROUTE_VARIABLES + 1) * sizeof *env);
	if (env == NULL)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < env_len; i++) {
		const char *eq = strchr(envp[i], '=');
		enum route_variable v = eq ? route_variable_of(envp[i], (size_t)(eq - envp[i])) : V_NONE;
		if (v == V_NONE || !overridden[v])
			env[k++] = envp[i];
	}
	for (enum route_variable v = V_HTTP_LOWER; v < ROUTE_VARIABLES; v++)
		if (last_assignment[v] != 0)
			env[k++] = (char *)opts->assign[last_assignment[v] - 1];
	env[k] = NULL;
	return env;
}
