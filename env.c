#include "env.h"
#include "env_in_place.h"
#include "hub_settings.h"

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
	bool secret;                  /* no message shows its value */
};

enum fixed_slot {
	HTTP_LOWER, HTTP_UPPER, HTTPS_LOWER, HTTPS_UPPER,
	ALL_LOWER, ALL_UPPER, NO_LOWER, NO_UPPER,
	DISABLE_XET, DISABLE_XETHUB,
	REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE, SSL_CERT_FILE, GIT_SSL_CAINFO, NODE_EXTRA_CA_CERTS,
	REQUEST_METHOD, PATH, SET_PROXY, SET_NO_XET, SET_ALLOW_SOCKS, SET_PROXY_LOOPBACK, SET_PREFER, SET_VERBOSE,
	SET_QUIET, SET_CA_BUNDLE,
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
	[REQUESTS_CA_BUNDLE] = {"REQUESTS_CA_BUNDLE", true}, [CURL_CA_BUNDLE] = {"CURL_CA_BUNDLE", true},
	[SSL_CERT_FILE] = {"SSL_CERT_FILE", true},           [GIT_SSL_CAINFO] = {"GIT_SSL_CAINFO", true},
	[NODE_EXTRA_CA_CERTS] = {"NODE_EXTRA_CA_CERTS", true},
	[REQUEST_METHOD] = {"REQUEST_METHOD", false},
	[PATH] = {"PATH", false},
	[SET_PROXY] = {"HFENV_PROXY", false},     [SET_NO_XET] = {"HFENV_NO_XET", false},
	[SET_ALLOW_SOCKS] = {"HFENV_ALLOW_SOCKS", false},
	[SET_PROXY_LOOPBACK] = {"HFENV_PROXY_LOOPBACK", false},
	[SET_PREFER] = {"HFENV_PREFER", false},   [SET_VERBOSE] = {"HFENV_VERBOSE", false},
	[SET_QUIET] = {"HFENV_QUIET", false},     [SET_CA_BUNDLE] = {"HFENV_CA_BUNDLE", false},
};

enum pair { PAIR_HTTP, PAIR_HTTPS, PAIR_ALL, PAIR_NO, PAIRS };

static const enum fixed_slot pair_lower[PAIRS] = {HTTP_LOWER, HTTPS_LOWER, ALL_LOWER, NO_LOWER};

struct engine {
	struct hfenv_result *result;
	hfenv_bundle_reader *read_bundle;
	size_t env_capacity;          /* slots of result->env, NULL included */
	struct slot *slots;
	size_t slot_count;
	uint32_t *table;              /* slot index + 1, 0 when free; argc bounds the slots */
	size_t table_mask;
	unsigned char name_filter[NAME_FILTER_BITS / 8]; /* the filter_bit() of every slot name */
	size_t finding_capacity;
	bool out_of_memory;
	bool describe_changes;
	bool cgi;
	bool allow_socks;
	bool no_xet;
	enum hfenv_prefer prefer;
	bool proxy_loopback;
	bool no_proxy_everything;     /* NO_PROXY has "*": no client may use a proxy */
	bool socks_url[PAIRS];
	const struct slot *source[PAIRS]; /* the spelling whose value a pair took */
	struct slot **hub_slots;      /* the slot of each hfenv_hub_settings row */
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

/* Appends s to t with the password in its userinfo replaced by ***, or the whole user part when it has none (an API token). */
static void append_redacted(struct text *t, const char *s, size_t n)
{
	size_t start = scheme_length(s);
	start = start ? start + 3 : 0;
	const char *at = NULL;
	for (size_t i = start; i < n; i++)
		if (s[i] == '@')
			at = s + i;
	if (at == NULL) {
		text_append(t, s, n);
		return;
	}
	const char *colon = memchr(s + start, ':', (size_t)(at - (s + start)));
	/* A user name with '@' in it (TOKEN@x:y@host) may hold a token: hidden with the rest. */
	if (colon != NULL && memchr(s + start, '@', (size_t)(colon - (s + start))) != NULL)
		colon = NULL;
	const char *secret = colon ? colon + 1 : s + start;
	text_append(t, s, (size_t)(secret - s));
	if (at > s + start)
		text_puts(t, "***");
	text_append(t, at, n - (size_t)(at - s));
}

/* SHOWN_UNREDACTED: a file name, whose '@' hides nothing, unless it has a URL's, a password's or a token's shape. */
enum shown { SHOWN_QUOTED = 1, SHOWN_CAPPED = 2, SHOWN_UNREDACTED = 4 };

/* value with its password hidden (unless SHOWN_UNREDACTED) and its bytes escaped; quoted or not, shortened or not. */
static void append_shown(struct text *t, const char *value, unsigned how)
{
	bool quoted = how & SHOWN_QUOTED, capped = how & SHOWN_CAPPED;
	struct text redacted = {0};
	const char *at = strrchr(value, '@');
	/* A ':' before the last '@' is a password's, no '/' before the first a token's: only a path's '@' hides nothing. */
	const char *first_at = strchr(value, '@');
	bool password_shape = scheme_length(value) > 0 ||
			      (at != NULL && (memchr(value, ':', (size_t)(at - value)) != NULL ||
					      memchr(value, '/', (size_t)(first_at - value)) == NULL));
	if ((how & SHOWN_UNREDACTED) && !password_shape)
		text_puts(&redacted, value);
	else
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
	append_shown(&t, value, SHOWN_QUOTED | SHOWN_CAPPED);
	return text_finish(&t);
}

/* printf-like: %v a value to show quoted, %f a file name to show quoted (not a secret: never redacted), %n a name
 * (argv can hold anything), %s fixed text, %z a size_t. */
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
			append_shown(&t, va_arg(ap, const char *), SHOWN_QUOTED | SHOWN_CAPPED);
		} else if (*f == 'f') {
			append_shown(&t, va_arg(ap, const char *), SHOWN_QUOTED | SHOWN_CAPPED | SHOWN_UNREDACTED);
		} else if (*f == 'n') {
			append_shown(&t, va_arg(ap, const char *), SHOWN_CAPPED);
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
	e->table[i] = (uint32_t)e->slot_count;
	size_t bit = filter_bit(name, len);
	e->name_filter[bit / 8] |= (unsigned char)(1u << bit % 8);
	return s;
}

static int make_slots(struct engine *e, const struct hfenv_options *opts)
{
	size_t most = FIXED_SLOTS + hfenv_hub_setting_count + opts->unset_count + opts->assign_count;
	size_t capacity = 64;
	while (capacity < 2 * most)
		capacity *= 2;
	e->slots = calloc(most, sizeof *e->slots);
	e->table = calloc(capacity, sizeof *e->table);
	e->hub_slots = calloc(hfenv_hub_setting_count, sizeof *e->hub_slots);
	if (e->slots == NULL || e->table == NULL || e->hub_slots == NULL)
		return -1;
	e->table_mask = capacity - 1;
	for (size_t i = 0; i < FIXED_SLOTS; i++) {
		struct slot *s = claim_slot(e, fixed_slots[i].name, strlen(fixed_slots[i].name));
		s->owned = fixed_slots[i].owned;
	}
	for (size_t i = 0; i < hfenv_hub_setting_count; i++) {
		e->hub_slots[i] = claim_slot(e, hfenv_hub_settings[i].name, strlen(hfenv_hub_settings[i].name));
		e->hub_slots[i]->secret = hfenv_hub_settings[i].kind == HFENV_HUB_SECRET;
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
	e->proxy_loopback = setting_flag(e, SET_PROXY_LOOPBACK, opts->proxy_loopback);
	e->result->verbose = setting_flag(e, SET_VERBOSE, opts->verbose);
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

bool hfenv_parse_port(const char *text, size_t length, unsigned *port)
{
	unsigned long value = 0;
	if (length == 0 || length > 5)
		return false;
	for (size_t i = 0; i < length; i++) {
		if (text[i] < '0' || text[i] > '9')
			return false;
		value = value * 10 + (unsigned long)(text[i] - '0');
	}
	*port = (unsigned)value;
	return value >= 1 && value <= 65535;
}

static enum hfenv_url_status check_port(const char *p, const char *end)
{
	unsigned port;
	return hfenv_parse_port(p, (size_t)(end - p), &port) ? HFENV_URL_OK : HFENV_URL_BAD_PORT;
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

static const char *const proxy_schemes[] = {
	[HFENV_SCHEME_HTTP] = "http", [HFENV_SCHEME_HTTPS] = "https", [HFENV_SCHEME_SOCKS4] = "socks4",
	[HFENV_SCHEME_SOCKS4A] = "socks4a", [HFENV_SCHEME_SOCKS5] = "socks5", [HFENV_SCHEME_SOCKS5H] = "socks5h",
};

size_t hfenv_scheme_length(const char *value)
{
	return scheme_length(value);
}

/* The scheme named by value[0..len), case-insensitively; false when it is not a proxy scheme. */
static bool find_scheme(const char *value, size_t len, enum hfenv_scheme *scheme)
{
	for (size_t i = 0; i < sizeof proxy_schemes / sizeof proxy_schemes[0]; i++) {
		size_t j = 0;
		while (j < len && lower_ascii(value[j]) == proxy_schemes[i][j])
			j++;
		if (j == len && proxy_schemes[i][j] == '\0') {
			*scheme = (enum hfenv_scheme)i;
			return true;
		}
	}
	return false;
}

/* Fills url's parts from a checked authority: [user[:password]@]host[:port]. */
static void split_authority(const char *p, const char *end, struct hfenv_url *url, bool *failed)
{
	const char *at = NULL;
	for (const char *q = p; q < end; q++)
		if (*q == '@')
			at = q;
	if (at != NULL) {
		const char *colon = memchr(p, ':', (size_t)(at - p));
		url->user = hfenv_percent_decode(p, (size_t)((colon ? colon : at) - p));
		if (colon != NULL)
			url->password = hfenv_percent_decode(colon + 1, (size_t)(at - colon - 1));
		*failed = *failed || url->user == NULL || (colon != NULL && url->password == NULL);
		p = at + 1;
	}
	const char *host = p, *host_end;
	if (*p == '[') {
		host = p + 1;
		host_end = memchr(p, ']', (size_t)(end - p));
		p = host_end + 1;
	} else {
		host_end = memchr(p, ':', (size_t)(end - p));
		host_end = host_end ? host_end : end;
		p = host_end;
	}
	url->host = strndup(host, (size_t)(host_end - host));
	*failed = *failed || url->host == NULL;
	for (p = p < end && *p == ':' ? p + 1 : end; p < end; p++)
		url->port = url->port * 10 + (unsigned)(*p - '0');
}

int hfenv_parse_proxy_url(const char *value, enum hfenv_url_status *status, struct hfenv_url *url)
{
	*url = (struct hfenv_url){.scheme = HFENV_SCHEME_HTTP};
	for (const char *p = value; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= 0x20 || c >= 0x7f) {
			*status = HFENV_URL_CONTROL;
			return 0;
		}
	}
	size_t scheme_len = scheme_length(value);
	const char *rest = scheme_len ? value + scheme_len + 3 : value;
	if (scheme_len && !find_scheme(value, scheme_len, &url->scheme)) {
		*status = HFENV_URL_SCHEME;
		return 0;
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
	text_puts(&t, proxy_schemes[url->scheme]);
	text_puts(&t, "://");
	text_puts(&t, rest);
	url->text = text_finish(&t);
	url->socks = url->scheme >= HFENV_SCHEME_SOCKS4;
	bool failed = url->text == NULL;
	split_authority(rest, after, url, &failed);
	if (failed) {
		hfenv_url_free(url);
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

/* Newest first, so that hfenv-static's bump allocator takes the memory back (static/README.md). */
void hfenv_url_free(struct hfenv_url *url)
{
	free(url->host);
	free(url->password);
	free(url->user);
	free(url->text);
	*url = (struct hfenv_url){0};
}

static int add_no_proxy_note(struct hfenv_no_proxy *out, enum hfenv_no_proxy_note_kind kind, const char *entry,
			     size_t length)
{
	if ((out->note_count & (out->note_count - 1)) == 0) {
		size_t capacity = out->note_count ? 2 * out->note_count : 1;
		struct hfenv_no_proxy_note *notes = realloc(out->notes, capacity * sizeof *notes);
		if (notes == NULL)
			return -1;
		out->notes = notes;
	}
	out->notes[out->note_count++] = (struct hfenv_no_proxy_note){kind, entry, length};
	return 0;
}

static size_t count_char(const char *s, size_t n, char c)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		count += s[i] == c;
	return count;
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

/* IPv6 text: two colons at least, hex digits, colons and dots only, no dot first. */
static bool is_ipv6_text(const char *p, size_t n)
{
	if (n == 0 || *p == '.' || count_char(p, n, ':') < 2)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!is_ipv6_char(p[i]))
			return false;
	return true;
}

/* An IPv6 address, perhaps with a prefix length, between brackets. */
static bool is_bracketed_address(const char *p, const char *end)
{
	const char *slash = memchr(p, '/', (size_t)(end - p));
	const char *address_end = slash ? slash : end;
	return is_ipv6_text(p, (size_t)(address_end - p)) && (slash == NULL || all_digits(slash + 1, (size_t)(end - slash - 1)));
}

/* One trimmed entry, rewritten in t[from..]; returns the note it earns, or NOTE_KINDS for none. */
static enum hfenv_no_proxy_note_kind rewrite_no_proxy_entry(struct text *t, const char *start, const char *end)
{
	while (start < end && (*start == '.' || (end - start >= 2 && start[0] == '*' && start[1] == '.')))
		start += *start == '.' ? 1 : 2;
	const char *host = start, *host_end = end;
	bool port = false;
	if (start < end && *start == '[') {
		const char *close = memchr(start, ']', (size_t)(end - start));
		if (close != NULL && is_bracketed_address(start + 1, close) &&
		    (close + 1 == end || (close[1] == ':' && all_digits(close + 2, (size_t)(end - close - 2))))) {
			host = start + 1;
			host_end = close;
			port = close + 1 != end;
		}
	} else if (count_char(start, (size_t)(end - start), ':') == 1) {
		const char *colon = memchr(start, ':', (size_t)(end - start));
		if (all_digits(colon + 1, (size_t)(end - colon - 1))) {
			host_end = colon;
			port = true;
		}
	}
	const char *slash = memchr(host, '/', (size_t)(host_end - host));
	enum hfenv_no_proxy_note_kind note = port ? HFENV_NO_PROXY_PORT_REMOVED : HFENV_NO_PROXY_NOTE_KINDS;
	if (slash != NULL) {
		size_t bits = (size_t)(host_end - slash - 1);
		bool bracketed = slash - host >= 2 && host[0] == '[' && slash[-1] == ']';
		const char *address = bracketed ? host + 1 : host, *address_end = bracketed ? slash - 1 : slash;
		size_t length = (size_t)(address_end - address);
		bool ipv6 = is_ipv6_text(address, length);
		bool ipv4 = !bracketed && length > 0 && strspn(address, "0123456789.") >= length;
		if ((ipv6 && bits == 3 && memcmp(slash + 1, "128", 3) == 0) || (ipv4 && bits == 2 && memcmp(slash + 1, "32", 2) == 0)) {
			host = address;
			host_end = address_end;
		} else if (ipv6) {
			return HFENV_NO_PROXY_IPV6_RANGE_DROPPED;
		} else if (ipv4) {
			note = HFENV_NO_PROXY_RANGE_KEPT;
		}
	}
	if (host == host_end)
		return note;
	if (t->len > 0)
		text_puts(t, ",");
	for (const char *p = host; p < host_end; p++) {
		char c = lower_ascii(*p);
		text_append(t, &c, 1);
	}
	return note;
}

int hfenv_normalize_no_proxy(const char *value, struct hfenv_no_proxy *out)
{
	struct text t = {0};
	*out = (struct hfenv_no_proxy){0};
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
				free(t.data);
				hfenv_no_proxy_free(out);
				out->bad_entry = start;
				return 0;
			}
		}
		size_t mark = t.len;
		enum hfenv_no_proxy_note_kind note = rewrite_no_proxy_entry(&t, start, end);
		if (!t.failed && t.len > mark && strcmp(t.data + mark + (mark > 0), "*") == 0)
			out->everything = true;
		if (note != HFENV_NO_PROXY_NOTE_KINDS && add_no_proxy_note(out, note, start, (size_t)(end - start)) != 0)
			t.failed = true;
	}
	if (out->everything) {
		t.len = 0;
		text_puts(&t, "*");
	}
	out->list = text_finish(&t);
	if (out->list == NULL) {
		hfenv_no_proxy_free(out);
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void hfenv_no_proxy_free(struct hfenv_no_proxy *no_proxy)
{
	free(no_proxy->list);
	free(no_proxy->notes);
	*no_proxy = (struct hfenv_no_proxy){0};
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

static const char *const no_proxy_note_texts[HFENV_NO_PROXY_NOTE_KINDS] = {
	[HFENV_NO_PROXY_PORT_REMOVED] =
		"lost their port, so the host now skips the proxy on every port: curl and reqwest ignore an entry "
		"with a port, Go and requests honour it",
	[HFENV_NO_PROXY_IPV6_RANGE_DROPPED] =
		"removed: an IPv6 range makes httpx (huggingface_hub) fail before its first request; list the addresses instead",
	[HFENV_NO_PROXY_RANGE_KEPT] =
		"are address ranges: curl, requests, reqwest and Go skip the proxy for every address in them, "
		"Python urllib, wget and httpx for none; list the addresses that must skip it one by one",
};

/* A name entry that is neither an address nor a loopback name: requests before 2.34 matches it without a dot boundary. */
static bool is_suffix_entry(const char *entry, size_t n)
{
	if ((n == 9 && memcmp(entry, "localhost", 9) == 0) || memchr(entry, ':', n) != NULL)
		return false;
	for (size_t i = 0; i < n; i++)
		if (entry[i] >= 'a' && entry[i] <= 'z')
			return true;
	return false;
}

/* One warning per kind of note, naming the entries as the user wrote them. */
static void report_no_proxy_notes(struct engine *e, const struct slot *s, const struct hfenv_no_proxy *np)
{
	for (enum hfenv_no_proxy_note_kind kind = 0; kind < HFENV_NO_PROXY_NOTE_KINDS; kind++) {
		struct text entries = {0};
		for (size_t i = 0; i < np->note_count; i++) {
			if (np->notes[i].kind != kind)
				continue;
			if (entries.len > 0)
				text_puts(&entries, ",");
			text_append(&entries, np->notes[i].entry, np->notes[i].length);
		}
		char *joined = text_finish(&entries);
		if (joined == NULL)
			e->out_of_memory = true;
		else if (*joined != '\0')
			add_finding(e, HFENV_WARNING, "%n entries %v %s", s->name, joined, no_proxy_note_texts[kind]);
		free(joined);
	}
	if (!e->result->verbose || np->everything)
		return;
	for (const char *p = np->list; *p;) {
		size_t n = strcspn(p, ",");
		if (is_suffix_entry(p, n)) {
			add_finding(e, HFENV_WARNING,
				    "%n: requests before 2.34 (Debian 12 has 2.28) skips the proxy for every host that merely ends in "
				    "an entry (nothf.co for hf.co), where the other clients want a dot before it; no rewrite avoids that", s->name);
			return;
		}
		p += n + (p[n] == ',');
	}
}

static const char *normalize_no_proxy(struct engine *e, struct slot *s, bool report)
{
	struct hfenv_no_proxy np;
	if (hfenv_normalize_no_proxy(s->value, &np) != 0) {
		e->out_of_memory = true;
		return NULL;
	}
	if (np.bad_entry != NULL) {
		if (report)
			add_finding(e, HFENV_ERROR,
				    "%n=%v: an entry has a blank or control character inside; separate entries with commas",
				    s->name, s->value);
		return NULL;
	}
	if (report)
		report_no_proxy_notes(e, s, &np);
	e->no_proxy_everything = e->no_proxy_everything || (report && np.everything);
	const char *list = keep(e, np.list);
	np.list = NULL;
	hfenv_no_proxy_free(&np);
	return list;
}

/* The normalized value of s; NULL when invalid, with an error finding if report is set. */
static const char *normalize_value(struct engine *e, enum pair pair, struct slot *s, bool report, bool *socks)
{
	if (pair == PAIR_NO)
		return normalize_no_proxy(e, s, report);
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
	char *text = url.text;
	url.text = NULL;
	hfenv_url_free(&url);
	return keep(e, text);
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

static const char socks_clients[] =
	"httpx (huggingface_hub >= 1.0) fails at start unless socksio is installed (pip install 'httpx[socks]') and takes "
	"only socks5 and socks5h, requests needs PySocks (pip install 'requests[socks]'), wget and urllib cannot use it";

/* Clash's triple: the SOCKS ALL_PROXY carries no http(s) request, yet httpx without socksio fails on it at start. */
static void drop_socks_all_proxy_beside_http_proxies(struct engine *e)
{
	for (enum pair pair = PAIR_HTTP; pair <= PAIR_HTTPS; pair++)
		if (!pair_set(e, pair) || e->socks_url[pair])
			return;
	if (!e->socks_url[PAIR_ALL] || e->allow_socks)
		return;
	add_finding(e, HFENV_WARNING,
		    "%n=%v is a SOCKS proxy beside HTTP proxies for both http and https URLs: removed (both spellings), "
		    "because httpx (huggingface_hub >= 1.0) without socksio fails at start on a SOCKS URL in any proxy variable; "
		    "pass --allow-socks to keep it",
		    e->source[PAIR_ALL]->name, e->source[PAIR_ALL]->value);
	fixed(e, ALL_LOWER)->value = NULL;
	fixed(e, ALL_UPPER)->value = NULL;
	e->socks_url[PAIR_ALL] = false;
}

/* socks5h: every client then resolves names at the proxy; with socks5 curl and reqwest resolve them, httpx and Go do not. */
static void spell_socks5_as_socks5h(struct engine *e)
{
	static const char socks5[] = "socks5://";
	for (enum pair pair = PAIR_HTTP; pair <= PAIR_ALL; pair++) {
		struct slot *lower = fixed(e, pair_lower[pair]), *upper = lower + 1;
		if (!e->socks_url[pair] || strncmp(lower->value, socks5, sizeof socks5 - 1) != 0)
			continue;
		char *value = keep(e, malloc(strlen(lower->value) + 2));
		if (value == NULL)
			return;
		strcpy(value, "socks5h");
		strcat(value, lower->value + strlen("socks5"));
		lower->value = value;
		if (upper->value != NULL)
			upper->value = value;
	}
}

static bool resolves_names_locally(struct engine *e)
{
	for (enum pair pair = PAIR_HTTP; pair <= PAIR_ALL; pair++)
		if (e->socks_url[pair] && strncmp(fixed(e, pair_lower[pair])->value, "socks4://", 9) == 0)
			return true;
	return false;
}

static void check_socks(struct engine *e)
{
	drop_socks_all_proxy_beside_http_proxies(e);
	bool allowed = e->allow_socks || e->no_xet;
	bool kept = e->socks_url[PAIR_ALL];
	for (enum pair pair = PAIR_HTTP; pair <= PAIR_HTTPS; pair++) {
		if (!e->socks_url[pair])
			continue;
		kept = true;
		if (!allowed)
			add_finding(e, HFENV_ERROR, "%n=%v is a SOCKS proxy: %s", e->source[pair]->name,
				    e->source[pair]->value, socks_advice);
	}
	if (e->socks_url[PAIR_ALL] && (!pair_set(e, PAIR_HTTP) || !pair_set(e, PAIR_HTTPS)) && !allowed)
		add_finding(e, HFENV_ERROR,
			    "%n=%v is a SOCKS proxy and the only proxy for %s URLs: %s; or set https_proxy and http_proxy to an HTTP proxy",
			    e->source[PAIR_ALL]->name, e->source[PAIR_ALL]->value,
			    pair_set(e, PAIR_HTTP) ? "https" : pair_set(e, PAIR_HTTPS) ? "http" : "http and https",
			    socks_advice);
	if (!kept || !allowed)
		return;
	spell_socks5_as_socks5h(e);
	add_finding(e, HFENV_WARNING, "a SOCKS proxy is let through (%s): %s; %s",
		    e->allow_socks ? "--allow-socks" : "Xet is off", socks_clients,
		    resolves_names_locally(e)
			    ? "with socks4:// each client resolves host names itself (socks4a:// lets the proxy do it)"
			    : "host names are resolved at the proxy (socks5:// is written socks5h://: with socks5:// curl and reqwest "
			      "resolve them themselves while httpx and Go send them to the proxy; Go 1.19 cannot read socks5h://)");
}

/* NO_PROXY=* exempts every host, but wget does not read it so: no proxy variable is left for it to use. */
static void drop_proxies_for_everything(struct engine *e)
{
	if (!e->no_proxy_everything)
		return;
	for (enum pair pair = PAIR_HTTP; pair <= PAIR_ALL; pair++) {
		fixed(e, pair_lower[pair])->value = NULL;
		fixed(e, pair_lower[pair] + 1)->value = NULL;
		e->socks_url[pair] = false;
	}
}

static bool lists_entry(const char *list, const char *entry)
{
	size_t n = strlen(entry);
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");
		if (len == n && memcmp(p, entry, n) == 0)
			return true;
		p += len + (p[len] == ',');
	}
	return false;
}

/* With a proxy set, loopback skips it in every client, as it always does in Go; --proxy-loopback opts out. */
static void exempt_loopback(struct engine *e)
{
	static const char *const loopback[] = {"localhost", "127.0.0.1", "::1"};
	if (e->proxy_loopback || (!pair_set(e, PAIR_HTTP) && !pair_set(e, PAIR_HTTPS)))
		return;
	const char *list = fixed(e, NO_LOWER)->value ? fixed(e, NO_LOWER)->value : "";
	struct text t = {0};
	text_puts(&t, list);
	for (size_t i = 0; i < sizeof loopback / sizeof loopback[0]; i++) {
		if (lists_entry(list, loopback[i]))
			continue;
		if (t.len > 0)
			text_puts(&t, ",");
		text_puts(&t, loopback[i]);
	}
	if (!t.failed && t.len == strlen(list)) {
		free(t.data);
		return;
	}
	const char *value = keep(e, text_finish(&t));
	fixed(e, NO_LOWER)->value = value;
	fixed(e, NO_UPPER)->value = value;
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
	hfenv_url_free(&url);
	if (status != HFENV_URL_OK) {
		add_finding(e, HFENV_ERROR, "%s %v is not a usable proxy URL: %s", source, proxy,
			    hfenv_url_status_text(status));
		return;
	}
	for (enum fixed_slot s = HTTP_LOWER; s <= HTTPS_UPPER; s++)
		if (!(s == HTTP_UPPER && e->cgi))
			fixed(e, s)->value = value;
}

static bool same_value(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static const char *bundle_problem(const struct hfenv_bundle_facts *facts)
{
	switch (facts->status) {
	case HFENV_BUNDLE_OK:
		break;
	case HFENV_BUNDLE_UNREADABLE:
		return strerror(facts->error);
	case HFENV_BUNDLE_NOT_A_FILE:
		return "not a regular file (a bundle is one file of PEM certificates; SSL_CERT_DIR is for directories)";
	case HFENV_BUNDLE_NO_CERTIFICATE:
		return "no PEM certificate in it (-----BEGIN CERTIFICATE-----)";
	case HFENV_BUNDLE_DER:
		return "it holds a DER certificate, not PEM (convert it: openssl x509 -inform der -in FILE -out FILE.pem)";
	}
	return NULL;
}

/* The chosen bundle, checked by the caller's reader: false after an error finding. */
static bool check_bundle(struct engine *e, const char *source, bool variable,
			 const char **path)
{
	if (e->read_bundle == NULL)
		return true;
	struct hfenv_bundle_facts facts = {0};
	e->read_bundle(*path, &facts);
	const char *problem = bundle_problem(&facts);
	if (problem != NULL) {
		free(facts.absolute_path);
		add_finding(e, HFENV_ERROR, variable ? "%n=%f is not a usable CA bundle: %s; point it at a PEM file such as "
						       "/etc/ssl/certs/ca-certificates.crt, or unset it"
						     : "%n %f is not a usable CA bundle: %s; give a PEM file such as "
						       "/etc/ssl/certs/ca-certificates.crt",
			    source, *path, problem);
		return false;
	}
	if (facts.certificates < HFENV_BUNDLE_FEW)
		add_finding(e, HFENV_WARNING,
			    "the CA bundle %f holds only %z certificate%s: requests, pip, httpx and hf_xet trust it instead of "
			    "the system's roots, so they reject every host reached without the TLS-inspecting proxy (NO_PROXY "
			    "hosts too), while curl, git, Go and OpenSSL clients such as urllib also look in /etc/ssl/certs and "
			    "Node adds it to its own; make one bundle with both: cat /etc/ssl/certs/ca-certificates.crt %f "
			    "> ca-bundle.pem, then hfenv --ca-bundle ca-bundle.pem",
			    *path, facts.certificates, facts.certificates == 1 ? "" : "s", *path);
	if (facts.absolute_path != NULL)
		*path = keep(e, facts.absolute_path);
	return true;
}

/* A bundle from --ca-bundle or HFENV_CA_BUNDLE, or else the first bundle variable set, goes to every bundle variable. */
static void normalize_ca_bundles(struct engine *e, const struct hfenv_options *opts)
{
	for (enum fixed_slot s = REQUESTS_CA_BUNDLE; s <= NODE_EXTRA_CA_CERTS; s++)
		clean_value(e, fixed(e, s));
	const char *setting = fixed(e, SET_CA_BUNDLE)->value;
	const char *bundle = opts->ca_bundle ? opts->ca_bundle : setting && *setting ? setting : NULL;
	struct slot *winner = NULL;
	if (opts->ca_bundle != NULL && *opts->ca_bundle == '\0') {
		add_finding(e, HFENV_ERROR, "--ca-bundle is empty: give a PEM file such as /etc/ssl/certs/ca-certificates.crt");
		return;
	}
	if (bundle != NULL) {
		if (!check_bundle(e, opts->ca_bundle ? "--ca-bundle" : "HFENV_CA_BUNDLE", false, &bundle))
			return;
	} else {
		for (enum fixed_slot s = REQUESTS_CA_BUNDLE; s <= NODE_EXTRA_CA_CERTS && winner == NULL; s++)
			if (fixed(e, s)->value != NULL)
				winner = fixed(e, s);
		if (winner == NULL)
			return;
		/* NODE_EXTRA_CA_CERTS adds to Node's roots, so a value of its own is kept, not reported. */
		for (enum fixed_slot s = REQUESTS_CA_BUNDLE; s < NODE_EXTRA_CA_CERTS; s++)
			if (fixed(e, s) != winner && !same_value(fixed(e, s)->value, winner->value) && fixed(e, s)->value != NULL)
				add_finding(e, HFENV_WARNING, "%n=%f and %n=%f differ: using %n for every client (choose with --ca-bundle FILE)",
					    winner->name, winner->value, fixed(e, s)->name, fixed(e, s)->value, winner->name);
		bundle = winner->value;
		if (!check_bundle(e, winner->name, true, &bundle))
			return;
	}
	for (enum fixed_slot s = REQUESTS_CA_BUNDLE; s <= NODE_EXTRA_CA_CERTS; s++)
		if (!(s == NODE_EXTRA_CA_CERTS && winner != NULL && fixed(e, s)->value != NULL))
			fixed(e, s)->value = bundle;
}

/* The Hub's settings room decides their values and messages; the engine reports and applies them. */
static void normalize_hub_settings(struct engine *e)
{
	size_t set = 0;
	for (size_t i = 0; i < hfenv_hub_setting_count; i++)
		set += e->hub_slots[i]->value != NULL;
	if (set == 0)
		return;
	const char **values = malloc(hfenv_hub_setting_count * sizeof *values);
	struct hfenv_hub_outcome out;
	if (values == NULL) {
		e->out_of_memory = true;
		return;
	}
	for (size_t i = 0; i < hfenv_hub_setting_count; i++)
		values[i] = e->hub_slots[i]->value;
	if (hfenv_hub_normalize(values, &out) != 0) {
		free(values);
		e->out_of_memory = true;
		return;
	}
	for (size_t i = 0; i < out.made_count; i++)
		keep(e, out.made[i]);
	out.made_count = 0;
	for (size_t i = 0; i < out.message_count; i++) {
		const struct slot *s = e->hub_slots[out.messages[i].row];
		add_finding(e, out.messages[i].error ? HFENV_ERROR : HFENV_WARNING, out.messages[i].format, s->name, s->value);
	}
	for (size_t i = 0; i < hfenv_hub_setting_count; i++)
		e->hub_slots[i]->value = values[i];
	hfenv_hub_outcome_free(&out);
	free(values);
}

static void apply_no_xet(struct engine *e)
{
	if (!e->no_xet)
		return;
	for (enum fixed_slot s = DISABLE_XET; s <= DISABLE_XETHUB; s++)
		if (!hfenv_is_true(fixed(e, s)->value))
			fixed(e, s)->value = "1";
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
		if (s->secret)
			add_finding(e, HFENV_CHANGE, "%s %n (a secret: its value is not shown)",
				    s->value == NULL ? "unset" : s->original == NULL ? "set" : "changed", s->name);
		else if (s->original == NULL)
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
static int normalize(const struct hfenv_options *opts, hfenv_bundle_reader *read_bundle, char *const envp[],
		     char **block, size_t spare, bool changes_only_if_verbose, struct hfenv_result *out)
{
	*out = (struct hfenv_result){0};
	struct engine e = {.result = out, .read_bundle = read_bundle};
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
	e.describe_changes = out->verbose || !changes_only_if_verbose;
	apply_proxy_setting(&e, opts);
	for (enum pair pair = PAIR_HTTP; pair < PAIRS; pair++)
		normalize_pair(&e, pair);
	drop_proxies_for_everything(&e);
	check_socks(&e);
	fill_from_all_proxy(&e);
	exempt_loopback(&e);
	normalize_ca_bundles(&e, opts);
	normalize_hub_settings(&e);
	apply_no_xet(&e);
	if (out->error_count == 0)
		write_environment(&e);
	out->path = fixed(&e, PATH)->value;
	if (e.out_of_memory)
		goto out_of_memory;
	free(e.slots);
	free(e.table);
	free(e.hub_slots);
	return 0;
out_of_memory:
	free(e.slots);
	free(e.table);
	free(e.hub_slots);
	hfenv_result_free(out);
	errno = ENOMEM;
	return -1;
}

int hfenv_normalize(const struct hfenv_options *opts, hfenv_bundle_reader *read_bundle, char *const envp[],
		    struct hfenv_result *out)
{
	return normalize(opts, read_bundle, envp, NULL, 0, false, out);
}

int hfenv_normalize_in_place(const struct hfenv_options *opts, hfenv_bundle_reader *read_bundle, char **block,
			     size_t spare, struct hfenv_result *out)
{
	return normalize(opts, read_bundle, block + spare, block, spare, true, out);
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
	append_shown(&t, value, 0);
	return text_finish(&t);
}
