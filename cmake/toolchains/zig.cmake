# Included by the zig-TARGET.cmake toolchain files, which set HFENV_ZIG_TARGET first: zig's C compiler
# (PyPI's ziglang) for that target, through a wrapper script of the build tree, which also serves as the
# static build's musl compiler (HFENV_MUSL_GCC, cmake/StaticExecutable.cmake).
# HFENV_ZIG: the zig program (packaging/release and tests/run pass the one of their pinned ziglang).
set(HFENV_ZIG "" CACHE FILEPATH "The zig program that compiles for ${HFENV_ZIG_TARGET}")
if(NOT HFENV_ZIG)
  find_program(HFENV_ZIG_FOUND zig)
  if(NOT HFENV_ZIG_FOUND)
    message(FATAL_ERROR "zig not found: pip install ziglang and pass -DHFENV_ZIG=SITE_PACKAGES/ziglang/zig")
  endif()
  set(HFENV_ZIG "${HFENV_ZIG_FOUND}" CACHE FILEPATH "" FORCE)
endif()
# try_compile projects read this file again: they reuse the wrapper the top-level configure wrote.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES HFENV_ZIG HFENV_ZIG_CC)
if(NOT HFENV_ZIG_CC)
  set(HFENV_ZIG_CC "${CMAKE_BINARY_DIR}/zig-cc-${HFENV_ZIG_TARGET}")
  configure_file("${CMAKE_CURRENT_LIST_DIR}/zig-cc.in" "${HFENV_ZIG_CC}" @ONLY
                 FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
  set(HFENV_ZIG_CC "${HFENV_ZIG_CC}" CACHE INTERNAL "")
endif()
set(CMAKE_C_COMPILER "${HFENV_ZIG_CC}")
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
