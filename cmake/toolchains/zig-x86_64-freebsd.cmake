# FreeBSD on x86_64, compiled here with zig to check that the sources build there (tests/run).
set(CMAKE_SYSTEM_NAME FreeBSD)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(HFENV_ZIG_TARGET x86_64-freebsd)
include("${CMAKE_CURRENT_LIST_DIR}/zig.cmake")
set(HFENV_STATIC OFF CACHE BOOL "Only the dynamic program is checked for FreeBSD")
