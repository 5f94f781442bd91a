#include "hub_settings.h"

#include "ascii.h"
#include "engine_internal.h"
#include "url.h"
#include "variables.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define READ_HUB HFENV_READ_HUB
#define READ_XET HFENV_READ_XET
#define READ_BOTH (HFENV_READ_HUB | HFENV_READ_XET)
#define HUB_URL HFENV_HUB_URL
#define HUB_FLAG HFENV_HUB_FLAG
#define HUB_U64 HFENV_HUB_U64
#define HUB_U32 HFENV_HUB_U32
#define HUB_FLOAT HFENV_HUB_FLOAT
#define HUB_DURATION HFENV_HUB_DURATION
#define HUB_SIZE HFENV_HUB_SIZE
#define HUB_PATH HFENV_HUB_PATH
#define HUB_TEXT HFENV_HUB_TEXT

/*
 * In strcmp order: hfenv_hub_find searches it.  huggingface_hub 2.4.0 reads its settings in constants.py at
 * import unless noted; hf_xet 1.8.0 in xet-core's xet_runtime/src/config/groups/G.rs (field F of group G is
 * HF_XET_G_F), old names in config/aliases.rs.  docs/hub-settings.md says which parser reads each kind.
 */
const struct hfenv_hub_setting hfenv_hub_settings[] = {
	{"HF_ASSETS_CACHE", HUB_PATH, READ_HUB},
	{"HF_DEBUG", HUB_FLAG, READ_HUB},
	{"HF_DEVICE_CODE_OAUTH_CLIENT_ID", HUB_TEXT, READ_HUB},
	{"HF_ENDPOINT", HUB_URL, READ_HUB},
	{"HF_HOME", HUB_PATH, READ_BOTH}, /* and xet_runtime/src/core/cache_dir.rs */
	{"HF_HUB_CACHE", HUB_PATH, READ_HUB},
	{"HF_HUB_DISABLE_EXPERIMENTAL_WARNING", HUB_FLAG, READ_HUB},
	{"HF_HUB_DISABLE_IMPLICIT_TOKEN", HUB_FLAG, READ_HUB},
	{"HF_HUB_DISABLE_PROGRESS_BARS", HUB_FLAG, READ_HUB},
	{"HF_HUB_DISABLE_SHARED_BLOBS", HUB_FLAG, READ_HUB},
	{"HF_HUB_DISABLE_SYMLINKS", HUB_FLAG, READ_HUB},
	{"HF_HUB_DISABLE_SYMLINKS_WARNING", HUB_FLAG, READ_HUB},
	{"HF_HUB_DISABLE_TELEMETRY", HUB_FLAG, READ_HUB},
	{"HF_HUB_DISABLE_UPDATE_CHECK", HUB_FLAG, READ_HUB},
	{"HF_HUB_DISABLE_XET", HUB_FLAG, READ_HUB},
	{"HF_HUB_DOWNLOAD_TIMEOUT", HFENV_HUB_PY_INT, READ_HUB},
	{"HF_HUB_ENABLE_HF_TRANSFER", HUB_FLAG, READ_HUB}, /* read only to warn that HF_XET_HIGH_PERFORMANCE replaced it */
	{"HF_HUB_ETAG_TIMEOUT", HFENV_HUB_PY_INT, READ_HUB},
	{"HF_HUB_OFFLINE", HUB_FLAG, READ_HUB},
	{"HF_HUB_USER_AGENT_ORIGIN", HUB_TEXT, READ_HUB},
	{"HF_HUB_VERBOSITY", HUB_TEXT, READ_HUB}, /* utils/logging.py */
	{"HF_INFERENCE_ENDPOINT", HUB_URL, READ_HUB},
	{"HF_OIDC_ID_TOKEN", HFENV_HUB_SECRET, READ_HUB}, /* utils/_auth.py _get_token_from_oidc */
	{"HF_OIDC_RESOURCE", HUB_TEXT, READ_HUB}, /* utils/_auth.py _get_token_from_oidc */
	{"HF_TOKEN", HFENV_HUB_SECRET, READ_HUB}, /* utils/_auth.py _get_token_from_environment */
	{"HF_TOKEN_PATH", HUB_PATH, READ_HUB},
	{"HF_XET_CACHE", HUB_PATH, READ_BOTH}, /* and xet_runtime/src/core/cache_dir.rs */
	{"HF_XET_CHUNK_CACHE_SIZE_BYTES", HUB_U64, READ_XET}, /* groups/chunk_cache.rs */
	{"HF_XET_CHUNK_INDEX_TABLE_MAX_SIZE", HUB_U64, READ_XET}, /* aliases.rs */
	{"HF_XET_CLIENT_AC_HEALTHY_SUCCESS_RATIO_THRESHOLD", HUB_FLOAT, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_AC_INITIAL_DOWNLOAD_CONCURRENCY", HUB_U64, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_AC_INITIAL_UPLOAD_CONCURRENCY", HUB_U64, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_AC_LATENCY_RTT_HALF_LIFE", HUB_FLOAT, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_AC_LOGGING_INTERVAL_MS", HUB_U64, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_AC_MAX_DOWNLOAD_CONCURRENCY", HUB_U64, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_AC_MAX_HEALTHY_RTT", HUB_DURATION, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_AC_MAX_REFERENCE_TRANSMISSION_SIZE", HUB_SIZE, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_AC_MAX_UPLOAD_CONCURRENCY", HUB_U64, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_AC_MIN_ADJUSTMENT_WINDOW_MS", HUB_U64, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_AC_MIN_BYTES_REQUIRED_FOR_ADJUSTMENT", HUB_SIZE, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_AC_MIN_DOWNLOAD_CONCURRENCY", HUB_U64, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_AC_MIN_REFERENCE_TRANSMISSION_SIZE", HUB_SIZE, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_AC_MIN_UPLOAD_CONCURRENCY", HUB_U64, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_AC_NUM_TRANSMISSIONS_REQUIRED_FOR_ADJUSTMENT", HUB_U64, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_AC_RTT_SUCCESS_MAX_QUANTILE", HUB_FLOAT, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_AC_SUCCESS_TRACKING_HALF_LIFE", HUB_FLOAT, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_AC_TARGET_RTT", HUB_DURATION, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_AC_UNHEALTHY_SUCCESS_RATIO_THRESHOLD", HUB_FLOAT, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_CONNECT_TIMEOUT", HUB_DURATION, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_ENABLE_ADAPTIVE_CONCURRENCY", HUB_FLAG, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_ENABLE_MULTIRANGE_FETCHING", HUB_FLAG, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_IDLE_CONNECTION_TIMEOUT", HUB_DURATION, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_MAX_IDLE_CONNECTIONS", HUB_U64, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_READ_TIMEOUT", HUB_DURATION, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_RECONSTRUCTION_API_VERSION", HUB_U32, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_RETRY_BASE_DELAY", HUB_DURATION, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_RETRY_MAX_ATTEMPTS", HUB_U64, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_RETRY_MAX_DURATION", HUB_DURATION, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_SHARD_API_VERSION", HUB_U32, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_UNIX_SOCKET_PATH", HUB_PATH, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_UPLOAD_REPORTING_BLOCK_SIZE", HUB_U64, READ_XET}, /* groups/client.rs */
	{"HF_XET_DATA_AGGREGATE_PROGRESS", HUB_FLAG, READ_XET}, /* groups/data.rs */
	{"HF_XET_DATA_DEFAULT_CAS_ENDPOINT", HUB_TEXT, READ_XET}, /* groups/data.rs */
	{"HF_XET_DATA_DEFAULT_PREFIX", HUB_TEXT, READ_XET}, /* groups/data.rs */
	{"HF_XET_DATA_INGESTION_BLOCK_SIZE", HUB_SIZE, READ_XET}, /* groups/data.rs */
	{"HF_XET_DATA_LOCAL_CAS_SCHEME", HUB_TEXT, READ_XET}, /* groups/data.rs */
	{"HF_XET_DATA_MAX_CONCURRENT_FILE_DOWNLOADS", HUB_U64, READ_XET}, /* groups/data.rs */
	{"HF_XET_DATA_MAX_CONCURRENT_FILE_INGESTION", HUB_U64, READ_XET}, /* groups/data.rs */
	{"HF_XET_DATA_MIN_SPACING_BETWEEN_GLOBAL_DEDUP_QUERIES", HUB_U64, READ_XET}, /* groups/data.rs */
	{"HF_XET_DATA_PROGRESS_UPDATE_INTERVAL", HUB_DURATION, READ_XET}, /* groups/data.rs */
	{"HF_XET_DATA_PROGRESS_UPDATE_SPEED_MIN_OBSERVATIONS", HUB_U32, READ_XET}, /* groups/data.rs */
	{"HF_XET_DATA_PROGRESS_UPDATE_SPEED_SAMPLING_WINDOW", HUB_DURATION, READ_XET}, /* groups/data.rs */
	{"HF_XET_DATA_SESSION_XORB_METADATA_FLUSH_INTERVAL", HUB_DURATION, READ_XET}, /* groups/data.rs */
	{"HF_XET_DATA_SESSION_XORB_METADATA_FLUSH_MAX_COUNT", HUB_U64, READ_XET}, /* groups/data.rs */
	{"HF_XET_DATA_STAGING_SUBDIR", HUB_TEXT, READ_XET}, /* groups/data.rs */
	{"HF_XET_DATA_XORB_COMPRESSION_POLICY", HUB_TEXT, READ_XET}, /* aliases.rs */
	{"HF_XET_DATA_XORB_COMPRESSION_SCHEME_RETEST_INTERVAL", HUB_U64, READ_XET}, /* aliases.rs */
	{"HF_XET_DEDUPLICATION_GLOBAL_DEDUP_QUERY_ENABLED", HUB_FLAG, READ_XET}, /* groups/deduplication.rs */
	{"HF_XET_DEDUPLICATION_MIN_N_CHUNKS_PER_RANGE", HUB_FLOAT, READ_XET}, /* groups/deduplication.rs */
	{"HF_XET_DEDUPLICATION_MIN_N_CHUNKS_PER_RANGE_HYSTERESIS_FACTOR", HUB_FLOAT, READ_XET}, /* groups/deduplication.rs */
	{"HF_XET_DEDUPLICATION_NRANGES_IN_STREAMING_FRAGMENTATION_ESTIMATOR", HUB_U64, READ_XET}, /* groups/deduplication.rs */
	{"HF_XET_FIXED_DOWNLOAD_CONCURRENCY", HUB_U64, READ_XET}, /* aliases.rs */
	{"HF_XET_FIXED_UPLOAD_CONCURRENCY", HUB_U64, READ_XET}, /* aliases.rs */
	{"HF_XET_HIGH_PERFORMANCE", HUB_FLAG, READ_BOTH}, /* and xet_runtime/src/utils/configuration_utils.rs */
	{"HF_XET_HP", HUB_FLAG, READ_XET}, /* utils/configuration_utils.rs get_high_performance_flag */
	{"HF_XET_INGESTION_BLOCK_SIZE", HUB_SIZE, READ_XET}, /* aliases.rs */
	{"HF_XET_LOCAL_CAS_SCHEME", HUB_TEXT, READ_XET}, /* aliases.rs */
	{"HF_XET_LOG_DEST", HUB_PATH, READ_XET}, /* groups/log.rs */
	{"HF_XET_LOG_DIR_DISABLE_CLEANUP", HUB_FLAG, READ_XET}, /* groups/log.rs */
	{"HF_XET_LOG_DIR_MAX_RETENTION_AGE", HUB_DURATION, READ_XET}, /* groups/log.rs */
	{"HF_XET_LOG_DIR_MAX_SIZE", HUB_SIZE, READ_XET}, /* groups/log.rs */
	{"HF_XET_LOG_DIR_MIN_DELETION_AGE", HUB_DURATION, READ_XET}, /* groups/log.rs */
	{"HF_XET_LOG_FORMAT", HUB_TEXT, READ_XET}, /* groups/log.rs */
	{"HF_XET_LOG_PREFIX", HUB_TEXT, READ_XET}, /* groups/log.rs */
	{"HF_XET_MAX_CONCURRENT_FILE_INGESTION", HUB_U64, READ_XET}, /* aliases.rs */
	{"HF_XET_MDB_SHARD_CACHE_SIZE_LIMIT", HUB_SIZE, READ_XET}, /* aliases.rs */
	{"HF_XET_MDB_SHARD_CHUNK_INDEX_TABLE_MAX_SIZE", HUB_U64, READ_XET}, /* aliases.rs */
	{"HF_XET_MIN_SPACING_BETWEEN_GLOBAL_DEDUP_QUERIES", HUB_U64, READ_XET}, /* aliases.rs */
	{"HF_XET_PROGRESS_UPDATE_INTERVAL", HUB_DURATION, READ_XET}, /* aliases.rs */
	{"HF_XET_PROGRESS_UPDATE_SPEED_SAMPLING_WINDOW", HUB_DURATION, READ_XET}, /* aliases.rs */
	{"HF_XET_RECONSTRUCTION_COMPLETION_RATE_ESTIMATOR_HALF_LIFE", HUB_FLOAT, READ_XET}, /* groups/reconstruction.rs */
	{"HF_XET_RECONSTRUCTION_DOWNLOAD_BUFFER_LIMIT", HUB_SIZE, READ_XET}, /* groups/reconstruction.rs */
	{"HF_XET_RECONSTRUCTION_DOWNLOAD_BUFFER_PERFILE_SIZE", HUB_SIZE, READ_XET}, /* groups/reconstruction.rs */
	{"HF_XET_RECONSTRUCTION_DOWNLOAD_BUFFER_SIZE", HUB_SIZE, READ_XET}, /* groups/reconstruction.rs */
	{"HF_XET_RECONSTRUCTION_MAX_RECONSTRUCTION_FETCH_SIZE", HUB_SIZE, READ_XET}, /* groups/reconstruction.rs */
	{"HF_XET_RECONSTRUCTION_MIN_PREFETCH_BUFFER", HUB_SIZE, READ_XET}, /* groups/reconstruction.rs */
	{"HF_XET_RECONSTRUCTION_MIN_RECONSTRUCTION_FETCH_SIZE", HUB_SIZE, READ_XET}, /* groups/reconstruction.rs */
	{"HF_XET_RECONSTRUCTION_TARGET_BLOCK_COMPLETION_TIME", HUB_DURATION, READ_XET}, /* groups/reconstruction.rs */
	{"HF_XET_RECONSTRUCTION_USE_VECTORED_WRITE", HUB_FLAG, READ_XET}, /* groups/reconstruction.rs */
	{"HF_XET_SESSION_DIR_NAME", HUB_TEXT, READ_XET}, /* groups/session.rs */
	{"HF_XET_SESSION_XORB_METADATA_FLUSH_INTERVAL", HUB_DURATION, READ_XET}, /* aliases.rs */
	{"HF_XET_SESSION_XORB_METADATA_FLUSH_MAX_COUNT", HUB_U64, READ_XET}, /* aliases.rs */
	{"HF_XET_SHARD_CACHE_SIZE_LIMIT", HUB_SIZE, READ_XET}, /* groups/shard.rs */
	{"HF_XET_SHARD_CACHE_SUBDIR", HUB_TEXT, READ_XET}, /* groups/shard.rs */
	{"HF_XET_SHARD_CHUNK_INDEX_TABLE_MAX_SIZE", HUB_U64, READ_XET}, /* groups/shard.rs */
	{"HF_XET_SYSTEM_MONITOR_ENABLED", HUB_FLAG, READ_XET}, /* groups/system_monitor.rs */
	{"HF_XET_SYSTEM_MONITOR_LOG_PATH", HUB_PATH, READ_XET}, /* groups/system_monitor.rs */
	{"HF_XET_SYSTEM_MONITOR_SAMPLE_INTERVAL", HUB_DURATION, READ_XET}, /* groups/system_monitor.rs */
	{"HF_XET_TELEMETRY_ENABLED", HUB_FLAG, READ_XET}, /* groups/telemetry.rs */
	{"HF_XET_TELEMETRY_FINAL_FLUSH_TIMEOUT", HUB_DURATION, READ_XET}, /* groups/telemetry.rs */
	{"HF_XET_TELEMETRY_HEARTBEAT_AFTER", HUB_DURATION, READ_XET}, /* groups/telemetry.rs */
	{"HF_XET_TELEMETRY_HEARTBEAT_INTERVAL", HUB_DURATION, READ_XET}, /* groups/telemetry.rs */
	{"HF_XET_TELEMETRY_MAX_IN_FLIGHT", HUB_U64, READ_XET}, /* groups/telemetry.rs */
	{"HF_XET_TELEMETRY_REQUEST_TIMEOUT", HUB_DURATION, READ_XET}, /* groups/telemetry.rs */
	{"HF_XET_UPLOAD_REPORTING_BLOCK_SIZE", HUB_U64, READ_XET}, /* aliases.rs */
	{"HF_XET_XORB_COMPRESSION_POLICY", HUB_TEXT, READ_XET}, /* groups/xorb.rs */
	{"HF_XET_XORB_COMPRESSION_SCHEME_RETEST_INTERVAL", HUB_U64, READ_XET}, /* groups/xorb.rs */
	{"HF_XET_XORB_SIMULATION_MAX_BYTES", HUB_SIZE, READ_XET}, /* groups/xorb.rs */
	{"HF_XET_XORB_SIMULATION_MAX_CHUNKS", HUB_U64, READ_XET}, /* groups/xorb.rs */
	{"HUGGINGFACE_ASSETS_CACHE", HUB_PATH, READ_HUB},
	{"HUGGINGFACE_CO_STAGING", HUB_FLAG, READ_HUB},
	{"HUGGINGFACE_HUB_CACHE", HUB_PATH, READ_HUB},
	{"HUGGING_FACE_HUB_TOKEN", HFENV_HUB_SECRET, READ_HUB}, /* utils/_auth.py, the old name */
};
const size_t hfenv_hub_setting_count = sizeof hfenv_hub_settings / sizeof hfenv_hub_settings[0];


static const char default_endpoint[] = "https://huggingface.co";

const struct hfenv_hub_setting *hfenv_hub_find(const char *name, size_t len)
{
	if (!hfenv_hub_may_be(name, len))
		return NULL;
	size_t low = 0, high = hfenv_hub_setting_count;
	while (low < high) {
		size_t middle = low + (high - low) / 2;
		const char *row = hfenv_hub_settings[middle].name;
		int order = strncmp(row, name, len);
		if (order == 0 && row[len] == '\0')
			return &hfenv_hub_settings[middle];
		if (order >= 0)
			high = middle;
		else
			low = middle + 1;
	}
	return NULL;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool equal_ignoring_case(const char *a, const char *b)
{
	while (*a && lower_ascii(*a) == lower_ascii(*b))
		a++, b++;
	return *a == '\0' && *b == '\0';
}

static bool is_one_of(const char *value, const char *const words[], size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (equal_ignoring_case(value, words[i]))
			return true;
	return false;
}

/* hf_xet's parse_bool_value (any case); huggingface_hub's _is_true takes the first four of the true words. */
static const char *const true_words[] = {"1", "on", "yes", "true", "y"};
static const char *const false_words[] = {"0", "off", "no", "false", "n"};
#define HUB_TRUE_WORDS 4

/* Python's int() after its strip: a sign, digits, single underscores between digits. */
static bool is_python_int(const char *p)
{
	p += *p == '+' || *p == '-';
	if (!is_digit(*p))
		return false;
	for (p++; *p; p++)
		if (!is_digit(*p) && !(*p == '_' && is_digit(p[1])))
			return false;
	return true;
}

/* Rust's unsigned FromStr: an optional '+', digits, at most max. */
static bool is_rust_unsigned(const char *p, uint64_t max)
{
	p += *p == '+';
	if (!is_digit(*p))
		return false;
	uint64_t n = 0;
	for (; *p; p++) {
		if (!is_digit(*p) || n > (max - (uint64_t)(*p - '0')) / 10)
			return false;
		n = n * 10 + (uint64_t)(*p - '0');
	}
	return true;
}

/* Rust's f64 FromStr over [p, end): a sign, then inf, infinity, nan (any case) or a decimal number with an exponent. */
static bool is_rust_float(const char *p, const char *end)
{
	p += p < end && (*p == '+' || *p == '-');
	size_t n = (size_t)(end - p);
	static const char *const words[] = {"inf", "infinity", "nan"};
	for (size_t i = 0; i < 3; i++)
		if (strlen(words[i]) == n) {
			size_t j = 0;
			while (j < n && lower_ascii(p[j]) == words[i][j])
				j++;
			if (j == n)
				return true;
		}
	size_t digits = 0;
	while (p < end && is_digit(*p))
		p++, digits++;
	if (p < end && *p == '.')
		for (p++; p < end && is_digit(*p); p++)
			digits++;
	if (digits == 0)
		return false;
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		p += p < end && (*p == '+' || *p == '-');
		if (p == end || !is_digit(*p))
			return false;
		while (p < end && is_digit(*p))
			p++;
	}
	return p == end;
}

/* xet-core's ByteSize: a float, blanks, then b, kb, mb, gb, tb, pb, kib ... pib in any case, or no unit. */
static bool is_byte_size(const char *value)
{
	static const char *const units[] = {"pib", "tib", "gib", "mib", "kib", "pb", "tb", "gb", "mb", "kb", "b"};
	const char *end = value + strlen(value);
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
		size_t n = strlen(units[i]);
		if ((size_t)(end - value) >= n && equal_ignoring_case(end - n, units[i])) {
			end -= n;
			break;
		}
	}
	while (end > value && is_blank(end[-1]))
		end--;
	return is_rust_float(value, end);
}

/* humantime 2.3's units (case matters). */
static bool is_time_unit(const char *p, size_t n)
{
	static const char *const units[] = {
		"nanos", "nsec", "ns", "usec", "us", "\xc2\xb5s", "millis", "msec", "ms", "seconds", "second", "secs", "sec", "s",
		"minutes", "minute", "min", "mins", "m", "hours", "hour", "hr", "hrs", "h", "days", "day", "d", "weeks",
		"week", "wk", "wks", "w", "months", "month", "M", "years", "year", "yr", "yrs", "y",
	};
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strlen(units[i]) == n && memcmp(units[i], p, n) == 0)
			return true;
	return false;
}

/* Digits, with blanks among them as humantime skips them; counts the digits. */
static const char *skip_digits(const char *p, size_t *digits)
{
	for (;; p++) {
		if (is_digit(*p))
			(*digits)++;
		else if (*p != ' ' && *p != '\t')
			return p;
	}
}

/* humantime::parse_duration: "0", or spans of a number, an optional fraction and a unit ("1m 30s", "1.5h"). */
static bool is_duration(const char *p)
{
	if (strcmp(p, "0") == 0)
		return true;
	for (bool spans = false;; spans = true) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			return spans;
		size_t digits = 0, fraction = 0;
		if (!is_digit(*p))
			return false;
		p = skip_digits(p, &digits);
		if (*p == '.' && (p = skip_digits(p + 1, &fraction), fraction == 0))
			return false;
		const char *unit = p;
		while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (p[0] == '\xc2' && p[1] == '\xb5'))
			p += p[0] == '\xc2' ? 2 : 1;
		if (!is_time_unit(unit, (size_t)(p - unit)))
			return false;
	}
}

static const char trimmed[] = "%n=%v has blanks, CR or LF around it: removed; fix where it is set";
static const char secret_trimmed[] = "%n has blanks, CR or LF around it: removed; fix where it is set";
static const char url_empty[] = "%n is empty: removed, so the default applies; give a URL";
static const char url_scheme_added[] = "%n=%v has no scheme: https:// added; write http:// if meant";
static const char url_bad_scheme[] = "%n=%v is no http(s) URL; write https://HOST[:PORT][/PATH]";
static const char url_query[] = "%n=%v has a query or fragment; remove it";
static const char url_bad_char[] = "%n=%v has a blank or control byte; percent-encode it";
static const char url_bad_host[] = "%n=%v has no valid host; write https://HOST[:PORT][/PATH]";
static const char url_bad_port[] = "%n=%v has a bad port; give one from 1 to 65535";
static const char flag_respelled[] = "%n=%v reads as false to huggingface_hub: written 1 (use 1 or 0)";
static const char flag_neither_hub[] = "%n=%v is neither true nor false (the Hub reads false); set 1 or 0";
static const char flag_neither_xet[] = "%n=%v is neither true nor false (hf_xet ignores it); set 1 or 0";
static const char number_empty[] = "%n is empty: removed, so the default applies; give a number";
static const char not_python_int[] = "%n=%v is no whole number: the Hub fails at import; write e.g. 30";
static const char not_rust_int[] = "%n=%v is no whole number, so hf_xet drops it; write e.g. 8";
static const char not_float[] = "%n=%v is no number, so hf_xet drops it; write e.g. 0.5";
static const char not_duration[] = "%n=%v is no duration, so hf_xet drops it; write e.g. 30s";
static const char not_size[] = "%n=%v is no size, so hf_xet drops it; write e.g. 512mb";
static const char hf_transfer[] = "%n is ignored now; set HF_XET_HIGH_PERFORMANCE=1 instead";

static void say(struct hfenv_hub_outcome *out, size_t row, bool error, const char *format)
{
	out->messages[out->message_count++] = (struct hfenv_hub_message){row, error, format};
}

/* Keeps text for the caller; a NULL (no memory) is kept too, for hfenv_hub_normalize to see. */
static char *make(struct hfenv_hub_outcome *out, char *text)
{
	out->made[out->made_count++] = text;
	return text;
}

static char *concat(const char *a, const char *b, size_t b_len)
{
	size_t a_len = strlen(a);
	char *s = malloc(a_len + b_len + 1);
	if (s != NULL) {
		memcpy(s, a, a_len);
		memcpy(s + a_len, b, b_len);
		s[a_len + b_len] = '\0';
	}
	return s;
}

/* What is wrong with a URL that has an http(s) scheme and no trailing slash, or NULL. */
static const char *url_problem(struct hfenv_hub_outcome *out, const char *url, size_t scheme_len)
{
	const char *authority = url + scheme_len + 3, *path = authority + strcspn(authority, "/");
	for (const char *p = path; *p; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f)
			return url_bad_char;
	enum hfenv_url_status status = HFENV_URL_OK;
	struct hfenv_url parsed;
	char *proxy_form = concat("http://", authority, (size_t)(path - authority));
	if (proxy_form == NULL || hfenv_parse_proxy_url(proxy_form, &status, &parsed) != 0)
		make(out, NULL);
	else
		hfenv_url_free(&parsed);
	free(proxy_form);
	return status == HFENV_URL_OK ? NULL : status == HFENV_URL_BAD_PORT ? url_bad_port :
	       status == HFENV_URL_CONTROL ? url_bad_char : url_bad_host;
}

static bool has_http_scheme(const char *value, size_t scheme_len)
{
	static const char https[] = "https";
	if (scheme_len != 4 && scheme_len != 5)
		return false;
	for (size_t i = 0; i < scheme_len; i++)
		if (lower_ascii(value[i]) != https[i])
			return false;
	return true;
}

/* An endpoint given a scheme and stripped of trailing slashes; NULL when empty (removed); *problem when unusable. */
static const char *normalize_url(struct hfenv_hub_outcome *out, size_t row, const char *value, const char **problem)
{
	if (*value == '\0') {
		say(out, row, false, url_empty);
		return NULL;
	}
	if (strpbrk(value, "?#") != NULL) {
		*problem = url_query;
		return value;
	}
	size_t scheme_len = hfenv_scheme_length(value);
	const char *url = value;
	if (scheme_len == 0 && strstr(value, "://") != NULL) {
		*problem = url_bad_scheme;
		return value;
	}
	if (scheme_len == 0) {
		say(out, row, false, url_scheme_added);
		url = make(out, concat("https://", value, strlen(value)));
		scheme_len = 5;
	} else if (!has_http_scheme(value, scheme_len)) {
		*problem = url_bad_scheme;
		return value;
	}
	if (url == NULL)
		return NULL;
	size_t len = strlen(url);
	while (len > scheme_len + 3 && url[len - 1] == '/')
		len--;
	if (url[len] != '\0')
		url = make(out, strndup(url, len));
	if (url != NULL)
		*problem = url_problem(out, url, scheme_len);
	return url;
}

static const char *normalize_flag(struct hfenv_hub_outcome *out, size_t row, const char *value)
{
	unsigned readers = hfenv_hub_settings[row].readers;
	if (*value == '\0' || is_one_of(value, false_words, sizeof false_words / sizeof false_words[0]))
		return value;
	if (is_one_of(value, true_words, HUB_TRUE_WORDS))
		return value;
	if (is_one_of(value, true_words, sizeof true_words / sizeof true_words[0])) {
		if (!(readers & HFENV_READ_HUB))
			return value;
		say(out, row, false, flag_respelled);
		return "1";
	}
	say(out, row, true, readers & HFENV_READ_HUB ? flag_neither_hub : flag_neither_xet);
	return value;
}

static const char *number_problem(enum hfenv_hub_kind kind, const char *value)
{
	switch (kind) {
	case HFENV_HUB_PY_INT:
		return is_python_int(value) ? NULL : not_python_int;
	case HFENV_HUB_U64:
		return is_rust_unsigned(value, UINT64_MAX) ? NULL : not_rust_int;
	case HFENV_HUB_U32:
		return is_rust_unsigned(value, UINT32_MAX) ? NULL : not_rust_int;
	case HFENV_HUB_FLOAT:
		return is_rust_float(value, value + strlen(value)) ? NULL : not_float;
	case HFENV_HUB_DURATION:
		return is_duration(value) ? NULL : not_duration;
	case HFENV_HUB_SIZE:
		return is_byte_size(value) ? NULL : not_size;
	default:
		return NULL;
	}
}

static bool is_number(enum hfenv_hub_kind kind)
{
	return kind == HFENV_HUB_PY_INT || kind == HFENV_HUB_U64 || kind == HFENV_HUB_U32 || kind == HFENV_HUB_FLOAT ||
	       kind == HFENV_HUB_DURATION || kind == HFENV_HUB_SIZE;
}

/* The value without blanks, CR and LF around it: itself, or a copy. */
static const char *trim(struct hfenv_hub_outcome *out, size_t row, const char *value)
{
	const char *start = value, *end = value + strlen(value);
	while (start < end && is_blank(*start))
		start++;
	while (end > start && is_blank(end[-1]))
		end--;
	if (start == value && *end == '\0')
		return value;
	say(out, row, false, hfenv_hub_settings[row].kind == HFENV_HUB_SECRET ? secret_trimmed : trimmed);
	return *end == '\0' ? start : make(out, strndup(start, (size_t)(end - start)));
}

static const char *normalize_one(struct hfenv_hub_outcome *out, size_t row, const char *value)
{
	enum hfenv_hub_kind kind = hfenv_hub_settings[row].kind;
	value = trim(out, row, value);
	if (value == NULL)
		return NULL;
	const char *problem = NULL;
	if (kind == HFENV_HUB_URL) {
		value = normalize_url(out, row, value, &problem);
	} else if (kind == HFENV_HUB_FLAG) {
		value = normalize_flag(out, row, value);
	} else if (is_number(kind) && *value == '\0') {
		say(out, row, false, number_empty);
		return NULL;
	} else {
		problem = number_problem(kind, value);
	}
	if (problem != NULL)
		say(out, row, true, problem);
	return value;
}

int hfenv_hub_normalize(struct hfenv_hub_value *values, size_t count, struct hfenv_hub_outcome *out)
{
	*out = (struct hfenv_hub_outcome){0};
	out->messages = malloc((3 * count + 1) * sizeof *out->messages);
	out->made = malloc((4 * count + 1) * sizeof *out->made);
	if (out->messages == NULL || out->made == NULL)
		goto out_of_memory;
	size_t transfer = SIZE_MAX, high_performance = SIZE_MAX;
	for (size_t i = 0; i < count; i++) {
		const char *name = hfenv_hub_settings[values[i].row].name;
		values[i].value = normalize_one(out, values[i].row, values[i].value);
		if (strcmp(name, "HF_HUB_ENABLE_HF_TRANSFER") == 0)
			transfer = i;
		else if (strcmp(name, "HF_XET_HIGH_PERFORMANCE") == 0)
			high_performance = i;
	}
	if (transfer != SIZE_MAX && hfenv_is_true(values[transfer].value) &&
	    (high_performance == SIZE_MAX || !hfenv_is_true(values[high_performance].value)))
		say(out, values[transfer].row, false, hf_transfer);
	for (size_t i = 0; i < out->made_count; i++)
		if (out->made[i] == NULL)
			goto out_of_memory;
	return 0;
out_of_memory:
	hfenv_hub_outcome_free(out);
	errno = ENOMEM;
	return -1;
}

void hfenv_hub_outcome_free(struct hfenv_hub_outcome *out)
{
	for (size_t i = 0; i < out->made_count; i++)
		free(out->made[i]);
	free(out->made);
	free(out->messages);
	*out = (struct hfenv_hub_outcome){0};
}

int hfenv_hub_endpoint(char *const env[], struct hfenv_hub_endpoint *out)
{
	*out = (struct hfenv_hub_endpoint){0};
	const char *value = hfenv_getenv(env, "HF_ENDPOINT");
	if (hfenv_is_true(hfenv_getenv(env, "HUGGINGFACE_CO_STAGING")))
		value = "https://hub-ci.huggingface.co";
	size_t scheme_len = value ? hfenv_scheme_length(value) : 0;
	if (value == NULL)
		value = default_endpoint, scheme_len = 5;
	struct hfenv_hub_outcome checked = {0};
	struct hfenv_hub_message message;
	char *made[4];
	checked.messages = &message;
	checked.made = made;
	if (!has_http_scheme(value, scheme_len) || url_problem(&checked, value, scheme_len) != NULL ||
	    strpbrk(value, "?#") != NULL) {
		errno = checked.made_count > 0 ? ENOMEM : EINVAL;
		return -1;
	}
	const char *authority = value + scheme_len + 3;
	char *proxy_form = concat("http://", authority, strcspn(authority, "/"));
	enum hfenv_url_status status;
	struct hfenv_url parsed = {0};
	if (proxy_form == NULL || hfenv_parse_proxy_url(proxy_form, &status, &parsed) != 0) {
		free(proxy_form);
		errno = ENOMEM;
		return -1;
	}
	free(proxy_form);
	out->https = scheme_len == 5;
	out->port = parsed.port ? parsed.port : out->https ? 443 : 80;
	out->host = parsed.host;
	parsed.host = NULL;
	hfenv_url_free(&parsed);
	out->url = strdup(value);
	for (char *p = out->host; p != NULL && *p; p++)
		*p = lower_ascii(*p);
	if (out->url == NULL || out->host == NULL) {
		hfenv_hub_endpoint_free(out);
		errno = ENOMEM;
		return -1;
	}
	out->mirror = strcmp(out->host, "huggingface.co") != 0;
	out->xet = !hfenv_is_true(hfenv_getenv(env, "HF_HUB_DISABLE_XET"));
	return 0;
}

void hfenv_hub_endpoint_free(struct hfenv_hub_endpoint *endpoint)
{
	free(endpoint->url);
	free(endpoint->host);
	*endpoint = (struct hfenv_hub_endpoint){0};
}

/* The engine's step: the room decides from the values of the slots the table's names have; the engine reports. */
void normalize_hub_settings(struct engine *e)
{
	struct hfenv_hub_value *values = NULL;
	struct slot **slots = NULL;
	size_t count = 0;
	for (size_t i = 0; i < e->slot_count; i++) {
		struct slot *s = &e->slots[i];
		bool present = s->value != NULL || s->original != NULL;
		const struct hfenv_hub_setting *row = present ? hfenv_hub_find(s->name, s->name_len) : NULL;
		if (row != NULL)
			s->secret = row->kind == HFENV_HUB_SECRET; /* -u HF_TOKEN: "unset" must not show it either */
		if (row == NULL || s->value == NULL)
			continue;
		if (values == NULL) {
			values = malloc((e->slot_count - i) * sizeof *values);
			slots = malloc((e->slot_count - i) * sizeof *slots);
			if (values == NULL || slots == NULL)
				break;
		}
		s->owned = true;
		slots[count] = s;
		values[count++] = (struct hfenv_hub_value){(size_t)(row - hfenv_hub_settings), s->value};
	}
	struct hfenv_hub_outcome out;
	if (count == 0 || hfenv_hub_normalize(values, count, &out) != 0) {
		e->out_of_memory = e->out_of_memory || values != NULL || slots != NULL;
		free(values);
		free(slots);
		return;
	}
	for (size_t i = 0; i < out.made_count; i++)
		keep(e, out.made[i]);
	out.made_count = 0;
	for (size_t i = 0; i < out.message_count; i++) {
		size_t k = 0;
		while (values[k].row != out.messages[i].row)
			k++;
		add_finding(e, out.messages[i].error ? HFENV_ERROR : HFENV_WARNING, out.messages[i].format, slots[k]->name,
			    slots[k]->value);
	}
	for (size_t k = 0; k < count; k++)
		slots[k]->value = values[k].value;
	hfenv_hub_outcome_free(&out);
	free(values);
	free(slots);
}

/* casUrl in xet-core's xet_client/src/hub_client/types.rs; xorb URLs in its openapi/cas.openapi.yaml. */
static const struct hfenv_hub_host xet_cas = {"Xet storage (CAS)", "cas-server.xethub.hf.co", 443};
static const struct hfenv_hub_host xet_xorbs = {"Xet storage (xorbs)", "transfer.xethub.hf.co", 443};
static const struct hfenv_hub_host xet_bridge = {"download (Xet bridge)", "cas-bridge.xethub.hf.co", 443};

size_t hfenv_hub_download_hosts(const struct hfenv_hub_endpoint *endpoint, struct hfenv_hub_host hosts[HFENV_HUB_HOSTS])
{
	hosts[0] = (struct hfenv_hub_host){"metadata, Xet token", endpoint->host, endpoint->port};
	if (!endpoint->xet) {
		hosts[1] = xet_bridge;
		return 2;
	}
	hosts[1] = xet_cas;
	hosts[2] = xet_xorbs;
	return 3;
}

void hfenv_hub_reachable_hosts(const struct hfenv_hub_endpoint *endpoint, struct hfenv_hub_host hosts[HFENV_HUB_REACHABLE_HOSTS])
{
	hosts[0] = (struct hfenv_hub_host){"metadata, Xet token", endpoint->host, endpoint->port};
	hosts[1] = xet_cas;
	hosts[2] = xet_bridge;
	hosts[3] = xet_xorbs;
}
