#include "hub/retired.h"

#include "common/name_search.h"

/*
 * In strcmp order: hfenv_hub_retired_find searches it.  Every name a tagged release read, in xet-core 1.0.0 to
 * 1.6.0 (configurable_constants! but release_fixed, config/groups, config/aliases.rs) and huggingface_hub 0.10 to
 * 1.28 (constants.py), that neither hfenv_hub_settings nor the hf_xet 1.8.0 binary holds (docs/hub-settings.md).
 */
const struct hfenv_hub_retired hfenv_hub_retired_names[] = {
	{"HF_HUB_LOCAL_DIR_AUTO_SYMLINK_THRESHOLD", NULL,
	 "huggingface_hub 0.36.2", "local_dir downloads are copies since 0.23, no symlinks"},
	{"HF_XET_CAS_OBJECT_COMPRESSION_SCHEME_RETEST_INTERVAL", "HF_XET_XORB_COMPRESSION_SCHEME_RETEST_INTERVAL",
	 "hf_xet 1.2.0", NULL},
	{"HF_XET_CLIENT_AC_TARGET_RTT_TRANSMISSION_SIZE", "HF_XET_CLIENT_AC_MAX_REFERENCE_TRANSMISSION_SIZE",
	 "hf_xet 1.4.3", NULL},
	{"HF_XET_CLIENT_IDLE_CONNECTION_TIMEOUT_SECS", "HF_XET_CLIENT_IDLE_CONNECTION_TIMEOUT",
	 "hf_xet 1.1.10", "a duration now, its unit written: 60s, not 60"},
	{"HF_XET_CLIENT_RETRY_BASE_DELAY_MS", "HF_XET_CLIENT_RETRY_BASE_DELAY",
	 "hf_xet 1.1.10", "a duration now, its unit written: 3000ms, not 3000"},
	{"HF_XET_CLIENT_RETRY_MAX_DURATION_MS", "HF_XET_CLIENT_RETRY_MAX_DURATION",
	 "hf_xet 1.1.10", "a duration now, its unit written: 360s, not 360000"},
	{"HF_XET_DEFAULT_CAS_ENDPOINT", "HF_XET_DATA_DEFAULT_CAS_ENDPOINT",
	 "hf_xet 1.2.0", NULL},
	{"HF_XET_LOG_FILE", "HF_XET_LOG_DEST",
	 "hf_xet 1.1.10", "a file, or a directory (ending in /) for a log per run"},
	{"HF_XET_MAX_CONCURRENT_DOWNLOADS", "HF_XET_DATA_MAX_CONCURRENT_FILE_DOWNLOADS",
	 "hf_xet 1.2.0", NULL},
	{"HF_XET_MAX_CONCURRENT_UPLOADS", "HF_XET_FIXED_UPLOAD_CONCURRENCY",
	 "hf_xet 1.2.0", "or HF_XET_CLIENT_AC_MAX_UPLOAD_CONCURRENCY, a ceiling"},
	{"HF_XET_MAX_XORB_BYTES", NULL,
	 "hf_xet 1.1.0", NULL},
	{"HF_XET_MAX_XORB_CHUNKS", NULL,
	 "hf_xet 1.2.0", NULL},
	{"HF_XET_MDB_SHARD_EXPIRATION_BUFFER", NULL,
	 "hf_xet 1.2.0", NULL},
	{"HF_XET_MDB_SHARD_EXPIRATION_BUFFER_SECS", NULL,
	 "hf_xet 1.1.10", NULL},
	{"HF_XET_MDB_SHARD_LOCAL_CACHE_EXPIRATION", NULL,
	 "hf_xet 1.2.0", NULL},
	{"HF_XET_MDB_SHARD_LOCAL_CACHE_EXPIRATION_SECS", NULL,
	 "hf_xet 1.1.10", NULL},
	{"HF_XET_MDB_SHARD_MAX_TARGET_SIZE", NULL,
	 "hf_xet 1.6.0", NULL},
	{"HF_XET_MDB_SHARD_MIN_TARGET_SIZE", NULL,
	 "hf_xet 1.1.5", NULL},
	{"HF_XET_MDB_SHARD_TARGET_SIZE", NULL,
	 "hf_xet 1.6.0", NULL},
	{"HF_XET_MIN_N_CHUNKS_PER_RANGE", "HF_XET_DEDUPLICATION_MIN_N_CHUNKS_PER_RANGE",
	 "hf_xet 1.2.0", NULL},
	{"HF_XET_MIN_N_CHUNKS_PER_RANGE_HYSTERESIS_FACTOR", "HF_XET_DEDUPLICATION_MIN_N_CHUNKS_PER_RANGE_HYSTERESIS_FACTOR",
	 "hf_xet 1.2.0", NULL},
	{"HF_XET_NRANGES_IN_STREAMING_FRAGMENTATION_ESTIMATOR", "HF_XET_DEDUPLICATION_NRANGES_IN_STREAMING_FRAGMENTATION_ESTIMATOR",
	 "hf_xet 1.2.0", NULL},
	{"HF_XET_NUM_CONCURRENT_RANGE_GETS", "HF_XET_FIXED_DOWNLOAD_CONCURRENCY",
	 "hf_xet 1.2.0", "or HF_XET_CLIENT_AC_MAX_DOWNLOAD_CONCURRENCY, a ceiling"},
	{"HF_XET_NUM_RANGE_IN_SEGMENT_BASE", NULL,
	 "hf_xet 1.2.0", "hf_xet 1.3 sizes its fetches: HF_XET_RECONSTRUCTION_MIN_RECONSTRUCTION_FETCH_SIZE"},
	{"HF_XET_NUM_RANGE_IN_SEGMENT_DELTA", NULL,
	 "hf_xet 1.2.0", "hf_xet 1.3 sizes its fetches: HF_XET_RECONSTRUCTION_MIN_RECONSTRUCTION_FETCH_SIZE"},
	{"HF_XET_NUM_RANGE_IN_SEGMENT_MAX", NULL,
	 "hf_xet 1.2.0", "hf_xet 1.3 sizes its fetches: HF_XET_RECONSTRUCTION_MAX_RECONSTRUCTION_FETCH_SIZE"},
	{"HF_XET_PROGRESS_UPDATE_INTERVAL_MS", "HF_XET_DATA_PROGRESS_UPDATE_INTERVAL",
	 "hf_xet 1.1.10", "a duration now, its unit written: 200ms, not 200"},
	{"HF_XET_PROGRESS_UPDATE_SPEED_SAMPLING_WINDOW_MS", "HF_XET_DATA_PROGRESS_UPDATE_SPEED_SAMPLING_WINDOW",
	 "hf_xet 1.1.10", "a duration now, its unit written: 10s, not 10000"},
	{"HF_XET_RECONSTRUCTION_DOWNLOAD_BUFFER_PERMIT_BASIS", NULL,
	 "hf_xet 1.3.2", NULL},
	{"HF_XET_RECONSTRUCT_WRITE_SEQUENTIALLY", NULL,
	 "hf_xet 1.2.0", NULL},
	{"HF_XET_SESSION_XORB_METADATA_FLUSH_INTERVAL_SECS", "HF_XET_DATA_SESSION_XORB_METADATA_FLUSH_INTERVAL",
	 "hf_xet 1.1.10", "a duration now, its unit written: 20s, not 20"},
	{"HF_XET_SHARD_MAX_TARGET_SIZE", NULL,
	 "hf_xet 1.6.0", NULL},
	{"HF_XET_SHARD_TARGET_SIZE", NULL,
	 "hf_xet 1.6.0", NULL},
};
const size_t hfenv_hub_retired_count = sizeof hfenv_hub_retired_names / sizeof hfenv_hub_retired_names[0];

const struct hfenv_hub_retired *hfenv_hub_retired_find(const char *name, size_t len)
{
	return find_named_row(hfenv_hub_retired_names, hfenv_hub_retired_count, sizeof hfenv_hub_retired_names[0], name,
			      len);
}
