# cmake --build BUILD --target uninstall removes what the last cmake --install from BUILD installed (the
# files of BUILD/install_manifest.txt, wherever --prefix put them), and hfenv's own documentation folder.
add_custom_target(uninstall COMMAND "${CMAKE_COMMAND}" -P "${CMAKE_CURRENT_LIST_DIR}/UninstallFiles.cmake"
                  WORKING_DIRECTORY "${CMAKE_BINARY_DIR}" VERBATIM)
