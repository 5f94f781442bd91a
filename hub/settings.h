#ifndef HFENV_HUB_SETTINGS_H
#define HFENV_HUB_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

/* The Hub's own settings: what huggingface_hub 2.4 and hf_xet 1.8 read, and how (docs/hub-settings.md). */

enum hfenv_hub_kind {
	HFENV_HUB_URL,                /* an endpoint: http(s)://HOST[:PORT][/PATH] */
	HFENV_HUB_FLAG,               /* true or false, in the spellings its readers take */
	HFENV_HUB_PY_INT,             /* Python's int() */
	HFENV_HUB_U64,                /* Rust's u64/usize FromStr */
	HFENV_HUB_U32,                /* Rust's u32 FromStr */
	HFENV_HUB_FLOAT,              /* Rust's f64 FromStr */
	HFENV_HUB_DURATION,           /* humantime::parse_duration: 30s, 1m 30s, 500ms */
	HFENV_HUB_SIZE,               /* xet-core's ByteSize: 512mb, 1.5GiB, 4096 */
	HFENV_HUB_PATH,
	HFENV_HUB_TEXT,
	HFENV_HUB_SECRET,             /* never shown in a message */
};

enum { HFENV_READ_HUB = 1, HFENV_READ_XET = 2 };

struct hfenv_hub_setting {
	const char *name;
	enum hfenv_hub_kind kind;
	unsigned readers;             /* HFENV_READ_HUB, HFENV_READ_XET, both, or none */
};

extern const struct hfenv_hub_setting hfenv_hub_settings[];
extern const size_t hfenv_hub_setting_count;

/*
 * False for a name that is no HF_... or HUGGING..., nor as long as DO_NOT_TRACK, DISABLE_TELEMETRY or
 * TRANSFORMERS_OFFLINE and of their initial: the test every variable of the environment pays, inline.
 */
static inline bool hfenv_hub_may_be(const char *name, size_t len)
{
	if (name[0] != 'H')
		return (name[0] == 'D' && (len == 12 || len == 17)) || (name[0] == 'T' && len == 20);
	return len >= 4 && ((name[1] == 'F' && name[2] == '_') || name[1] == 'U');
}

/* The row of the variable named name[0..len), or NULL; a binary search of the table, in strcmp order. */
const struct hfenv_hub_setting *hfenv_hub_find(const char *name, size_t len);

#endif
