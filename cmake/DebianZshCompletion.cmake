# CPACK_PRE_BUILD_SCRIPTS of the .deb: Debian's zsh reads the completions of packages from
# /usr/share/zsh/vendor-completions, not site-functions (where every other install puts _hfenv).
file(GLOB_RECURSE site_functions "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*/share/zsh/site-functions/_hfenv")
foreach(completion IN LISTS site_functions)
  get_filename_component(zsh_dir "${completion}" DIRECTORY)
  get_filename_component(zsh_dir "${zsh_dir}" DIRECTORY)
  file(MAKE_DIRECTORY "${zsh_dir}/vendor-completions")
  file(RENAME "${completion}" "${zsh_dir}/vendor-completions/_hfenv")
  file(REMOVE_RECURSE "${zsh_dir}/site-functions")
endforeach()
