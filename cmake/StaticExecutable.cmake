# Fully static, size-optimized, stripped programs: musl-gcc (Debian's musl-tools) when present,
# else static glibc. The option defaults to ON when either toolchain works.
include(CheckCSourceCompiles)

find_program(HFENV_MUSL_GCC musl-gcc)
set(HFENV_STATIC_TOOLCHAIN "none")
if(HFENV_MUSL_GCC)
  set(HFENV_STATIC_TOOLCHAIN "musl")
elseif(NOT HFENV_SANITIZE)
  set(CMAKE_REQUIRED_LINK_OPTIONS -static)
  check_c_source_compiles("int main(void) { return 0; }" HFENV_HAVE_STATIC_LIBC)
  unset(CMAKE_REQUIRED_LINK_OPTIONS)
  if(HFENV_HAVE_STATIC_LIBC)
    set(HFENV_STATIC_TOOLCHAIN "glibc")
  endif()
endif()

if(HFENV_STATIC_TOOLCHAIN STREQUAL "none")
  option(HFENV_STATIC "Also build hfenv-static, fully static (musl-gcc, else static glibc)" OFF)
else()
  option(HFENV_STATIC "Also build hfenv-static, fully static (musl-gcc, else static glibc)" ON)
endif()
if(HFENV_STATIC AND HFENV_STATIC_TOOLCHAIN STREQUAL "none")
  message(FATAL_ERROR "HFENV_STATIC is ON but neither musl-gcc (apt-get install musl-tools) nor a static libc was found")
endif()
if(HFENV_STATIC)
  message(STATUS "hfenv-static: built with ${HFENV_STATIC_TOOLCHAIN}")
endif()

# No unwind tables (nothing unwinds a C program) and no separate page-aligned segment for code: both
# only add size (static/README.md).  Not position-independent, so that constant tables of pointers stay in the read-only segment.
set(HFENV_STATIC_COMPILE_FLAGS -Os -fno-pie -ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables
    -fno-unwind-tables)
set(HFENV_STATIC_LINK_FLAGS -static -no-pie -Wl,--gc-sections -Wl,-z,noseparate-code -Wl,--build-id=none -s)
# The bump allocator's first chunk goes after all other data (.lbss), so that the first
# allocations share the page of libc's data, which every start-up touches anyway; static/layout.ld
# starts that data on a page of its own and keeps stdout's buffer out of it.  No RELRO: only a
# dynamic loader applies it, and it would put the first bytes of the data on a page of their own.
set(HFENV_MUSL_ONLY_FLAGS "")
set(HFENV_MUSL_LAYOUT "")
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
  set(HFENV_MUSL_LAYOUT "${PROJECT_SOURCE_DIR}/static/layout.ld")
  set(HFENV_MUSL_ONLY_FLAGS -mcmodel=medium -mlarge-data-threshold=4096 -Wl,-z,norelro "-Wl,-T,${HFENV_MUSL_LAYOUT}")
endif()

# hfenv_add_static_executable(NAME SOURCES file... [MUSL_SOURCES file...] [HEADERS file...] [DEFINES NAME=VALUE...])
# makes the program NAME in the current binary dir; its target is NAME, or NAME-musl (a target may not share a
# custom command's file name).  MUSL_SOURCES are linked with musl only (static glibc cannot replace malloc).
# HEADERS: the headers the sources include, so that changing one builds the program again.
function(hfenv_add_static_executable name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;MUSL_SOURCES;HEADERS;DEFINES")
  if(HFENV_STATIC_TOOLCHAIN STREQUAL "glibc")
    add_executable(${name} ${arg_SOURCES})
    target_compile_definitions(${name} PRIVATE ${arg_DEFINES})
    target_compile_options(${name} PRIVATE ${HFENV_STATIC_COMPILE_FLAGS})
    target_link_options(${name} PRIVATE ${HFENV_STATIC_LINK_FLAGS})
    return()
  endif()
  # A build tree has one C compiler, so musl-gcc runs as a custom command.
  set(output "${CMAKE_CURRENT_BINARY_DIR}/${name}")
  set(sources "")
  set(inputs ${HFENV_MUSL_LAYOUT} ${arg_HEADERS})
  foreach(source IN LISTS arg_SOURCES arg_MUSL_SOURCES)
    get_filename_component(source "${source}" ABSOLUTE)
    list(APPEND inputs "${source}")
    if(source MATCHES "\\.c$")
      list(APPEND sources "${source}")
    endif()
  endforeach()
  set(defines "")
  foreach(define IN LISTS arg_DEFINES)
    list(APPEND defines "-D${define}")
  endforeach()
  # The program before stripping stays beside it, so that tests can read its symbols with nm.
  set(link_flags ${HFENV_STATIC_LINK_FLAGS})
  list(REMOVE_ITEM link_flags -s)
  add_custom_command(OUTPUT "${output}" BYPRODUCTS "${output}.unstripped"
    COMMAND "${HFENV_MUSL_GCC}" -std=c11 -D_POSIX_C_SOURCE=200809L ${HFENV_WARNING_FLAGS}
            ${HFENV_STATIC_COMPILE_FLAGS} ${HFENV_MUSL_ONLY_FLAGS} ${defines} -I "${PROJECT_SOURCE_DIR}"
            ${link_flags} -o "${output}.unstripped" ${sources}
    COMMAND "${CMAKE_STRIP}" --strip-all -o "${output}" "${output}.unstripped"
    DEPENDS ${inputs}
    COMMENT "Linking ${name} (musl, static)"
    VERBATIM)
  add_custom_target(${name}-musl ALL DEPENDS "${output}")
endfunction()
