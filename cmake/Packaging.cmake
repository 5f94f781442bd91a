# cpack -G DEB builds the Debian package; cpack --config CPackSourceConfig.cmake the source tarball.
set(HFENV_DEB_MAINTAINER "hfenv maintainers <maintainers@hfenv.invalid>" CACHE STRING "Maintainer field of the .deb")

# What is installed beside the programs, as Debian policy (and lintian, in tests/ship/deb-roundtrip) wants it:
# man pages compressed with gzip -9n, the copyright file (DEP-5) and a changelog under share/doc/hfenv.
# To ship one more file, add it here with install().
find_program(HFENV_GZIP gzip)
set(docs_dir "${CMAKE_CURRENT_BINARY_DIR}/packaging")
file(MAKE_DIRECTORY "${docs_dir}")
string(TIMESTAMP HFENV_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
configure_file(packaging/changelog.in "${docs_dir}/changelog" @ONLY)
set(man_pages "${CMAKE_CURRENT_SOURCE_DIR}/hfenv.1")
# A wheel holds hfenv alone: no hfenv-static (CMakeLists.txt), so neither its page nor Debian's overrides.
if(HFENV_STATIC AND NOT SKBUILD)
  list(APPEND man_pages "${CMAKE_CURRENT_SOURCE_DIR}/packaging/hfenv-static.1")
endif()
set(compressed "")
foreach(source IN LISTS man_pages ITEMS "${docs_dir}/changelog")
  get_filename_component(name "${source}" NAME)
  if(HFENV_GZIP)
    add_custom_command(OUTPUT "${docs_dir}/${name}.gz" COMMAND sh -c "\"$0\" -9n < \"$1\" > \"$2\""
                       "${HFENV_GZIP}" "${source}" "${docs_dir}/${name}.gz" DEPENDS "${source}" VERBATIM)
    list(APPEND compressed "${docs_dir}/${name}.gz")
  else()
    list(APPEND compressed "${source}")
  endif()
endforeach()
add_custom_target(hfenv_docs ALL DEPENDS ${compressed})
list(POP_BACK compressed changelog)
install(FILES ${compressed} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES packaging/copyright ${changelog} DESTINATION ${CMAKE_INSTALL_DOCDIR})
# The installed hfenv is static on purpose (bench/README.md): lintian's error for it is overridden (a name with
# "static" in it, hfenv-static, lintian expects to be static).
if(HFENV_INSTALL_STATIC AND NOT SKBUILD)
  file(WRITE "${docs_dir}/lintian-overrides" "hfenv: statically-linked-binary [usr/${CMAKE_INSTALL_BINDIR}/hfenv]\n")
  install(FILES "${docs_dir}/lintian-overrides" DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides RENAME hfenv)
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME hfenv)
set(CPACK_PACKAGE_VENDOR hfenv)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "put proxy environment variables in order, then exec a command")
set(CPACK_PACKAGE_DESCRIPTION
  "hfenv normalizes http_proxy/HTTP_PROXY, https_proxy/HTTPS_PROXY,\n"
  "all_proxy/ALL_PROXY and no_proxy/NO_PROXY so that curl, wget, Python, Go\n"
  "and Rust clients all take the same route, then execs the real command.\n"
  "hfenv-static is the same program without --probe, fully static, to copy\n"
  "into any container image.")
string(JOIN "" CPACK_PACKAGE_DESCRIPTION ${CPACK_PACKAGE_DESCRIPTION})
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${HFENV_DEB_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_PRE_BUILD_SCRIPTS "${CMAKE_CURRENT_LIST_DIR}/DebianZshCompletion.cmake")

set(CPACK_SOURCE_GENERATOR TGZ)
set(CPACK_SOURCE_PACKAGE_FILE_NAME "hfenv-${PROJECT_VERSION}")
string(REGEX REPLACE "([][+.*()^$?|\\])" "\\\\\\1" source_dir_regex "${PROJECT_SOURCE_DIR}")
string(REGEX REPLACE "([][+.*()^$?|\\])" "\\\\\\1" binary_dir_regex "${PROJECT_BINARY_DIR}")
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git$" "/\\\\.git/" "^${source_dir_regex}/build" "^${binary_dir_regex}/" "\\\\.swp$")

include(CPack)
