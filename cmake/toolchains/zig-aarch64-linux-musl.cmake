# Linux on aarch64, static with musl: zig compiles everything (hfenv too is static), binutils'
# aarch64 strip strips, and qemu-user runs the tests (tests/run, tests/README.md).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(HFENV_ZIG_TARGET aarch64-linux-musl)
include("${CMAKE_CURRENT_LIST_DIR}/zig.cmake")
set(HFENV_MUSL_GCC "${HFENV_ZIG_CC}" CACHE FILEPATH "The static build's compiler: zig for aarch64-linux-musl")
find_program(CMAKE_STRIP aarch64-linux-gnu-strip)
find_program(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64-static)
