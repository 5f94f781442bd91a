# macOS on aarch64, built here with zig, not run here (docs/release.md).
set(CMAKE_SYSTEM_PROCESSOR arm64)
set(HFENV_ZIG_TARGET aarch64-macos.11.0)
include("${CMAKE_CURRENT_LIST_DIR}/zig-macos.cmake")
