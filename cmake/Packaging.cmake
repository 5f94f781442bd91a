# cpack -G DEB builds the Debian package; cpack --config CPackSourceConfig.cmake the source tarball.
set(HFENV_DEB_MAINTAINER "hfenv maintainers <maintainers@hfenv.invalid>" CACHE STRING "Maintainer field of the .deb")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME hfenv)
set(CPACK_PACKAGE_VENDOR hfenv)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "put proxy environment variables in order, then exec a command")
set(CPACK_PACKAGE_DESCRIPTION
  "hfenv normalizes http_proxy/HTTP_PROXY, https_proxy/HTTPS_PROXY, all_proxy/ALL_PROXY and\n"
  "no_proxy/NO_PROXY so that curl, wget, Python, Go and Rust clients all take the same route,\n"
  "then execs the real command. hfenv-static is the same program without --probe, fully static,\n"
  "to copy into any container image.")
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
