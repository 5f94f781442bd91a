#include "hub/settings.h"

#include "common/name_search.h"

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
	{"DISABLE_TELEMETRY", HUB_FLAG, READ_HUB}, /* as HF_HUB_DISABLE_TELEMETRY */
	{"DO_NOT_TRACK", HUB_FLAG, READ_HUB},      /* as HF_HUB_DISABLE_TELEMETRY */
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
	{"HF_HUB_DISABLE_XETHUB", HUB_FLAG, 0}, /* read by none: widely copied advice names it, so -x writes it too */
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
	{"HF_XET_CLIENT_LEGACY_DIRECT_XORB_UPLOAD", HUB_FLAG, READ_XET}, /* the 1.8.0 binary: a bool, default false */
	{"HF_XET_CLIENT_MAX_IDLE_CONNECTIONS", HUB_U64, READ_XET}, /* groups/client.rs */
	{"HF_XET_CLIENT_MAX_XORB_GRANT_ATTEMPTS", HUB_TEXT, READ_XET}, /* the 1.8.0 binary; type unknown */
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
	{"HF_XET_DISABLE_MEMORY_DERIVED_DOWNLOAD_BUFFERS", HUB_TEXT, READ_XET}, /* the 1.8.0 binary; parser unknown */
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
	{"TRANSFORMERS_OFFLINE", HUB_FLAG, READ_HUB}, /* when HF_HUB_OFFLINE is unset or empty */
};
const size_t hfenv_hub_setting_count = sizeof hfenv_hub_settings / sizeof hfenv_hub_settings[0];


const struct hfenv_hub_setting *hfenv_hub_find(const char *name, size_t len)
{
	if (!hfenv_hub_may_be(name, len))
		return NULL;
	return find_named_row(hfenv_hub_settings, hfenv_hub_setting_count, sizeof hfenv_hub_settings[0], name, len);
}
