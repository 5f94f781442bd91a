# What both macOS toolchains share, after they name the processor and zig's target. macOS has no
# static libc: the program is the dynamic one, on libSystem, for macOS 11 and later.
set(CMAKE_SYSTEM_NAME Darwin)
include("${CMAKE_CURRENT_LIST_DIR}/zig.cmake")
set(HFENV_STATIC OFF CACHE BOOL "macOS has no static libc")
# No debug map: it names the build tree's object files, and the program would differ with its path.
set(CMAKE_EXE_LINKER_FLAGS_INIT -Wl,-S)
