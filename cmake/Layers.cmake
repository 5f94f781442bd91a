# The program's folders are its layers, bottom up: common, then hub and clients, then engine, then render and io;
# env.c and wrapper.c stand above them all.  hfenv_add_layer(FOLDER [DEPENDS FOLDER...] [PUBLIC HEADER...]) makes
# the static library hfenv_FOLDER of every .c in FOLDER, linked to the layers it DEPENDS on.  Its files may include
# their own folder's headers and those of the layers it names, and of a layer that lists PUBLIC headers only
# those: cmake/CheckIncludes.cmake fails the build on any other include.  The sources of every layer, and its
# headers, are gathered in the global properties HFENV_LAYER_SOURCES and HFENV_LAYER_HEADERS.
set(HFENV_INCLUDE_RULES_DIR "${CMAKE_CURRENT_BINARY_DIR}/include-rules")

# hfenv_check_includes(TARGET NAME [TOP] ALLOWED FOLDER... [PRIVATE_OK FOLDER...] FILES file...): TARGET is built only
# once the files include nothing but FOLDER/ headers of the allowed folders (public ones only, but for PRIVATE_OK
# folders), and with TOP the headers at the top of the tree.
function(hfenv_check_includes target name)
  cmake_parse_arguments(PARSE_ARGV 2 arg "TOP" "" "ALLOWED;PRIVATE_OK;FILES")
  set(rules "${HFENV_INCLUDE_RULES_DIR}/${name}.cmake")
  set(text "set(name \"${name}\")\nset(top_ok ${arg_TOP})\nset(allowed \"${arg_ALLOWED}\")\n")
  string(APPEND text "set(private_ok \"${arg_PRIVATE_OK}\")\n")
  foreach(folder IN LISTS arg_ALLOWED)
    get_property(public GLOBAL PROPERTY HFENV_LAYER_PUBLIC_${folder})
    string(APPEND text "set(public_${folder} \"${public}\")\n")
  endforeach()
  string(APPEND text "set(files \"${arg_FILES}\")\n")
  file(WRITE "${rules}" "${text}")
  set(stamp "${HFENV_INCLUDE_RULES_DIR}/${name}.checked")
  add_custom_command(OUTPUT "${stamp}"
    COMMAND "${CMAKE_COMMAND}" -DRULES=${rules} -DSTAMP=${stamp} -P "${PROJECT_SOURCE_DIR}/cmake/CheckIncludes.cmake"
    DEPENDS ${arg_FILES} "${rules}" "${PROJECT_SOURCE_DIR}/cmake/CheckIncludes.cmake"
    COMMENT "Checking the includes of ${name}" VERBATIM)
  add_custom_target(${name}_includes DEPENDS "${stamp}")
  add_dependencies(${target} ${name}_includes)
endfunction()

function(hfenv_add_layer layer)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "DEPENDS;PUBLIC")
  file(GLOB sources CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/${layer}/*.c")
  file(GLOB headers CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/${layer}/*.h")
  if(NOT sources)
    message(FATAL_ERROR "the layer ${layer}/ has no .c file")
  endif()
  add_library(hfenv_${layer} STATIC ${sources} ${headers})
  target_include_directories(hfenv_${layer} PUBLIC "${PROJECT_SOURCE_DIR}")
  foreach(below IN LISTS arg_DEPENDS)
    target_link_libraries(hfenv_${layer} PUBLIC hfenv_${below})
  endforeach()
  set_property(GLOBAL PROPERTY HFENV_LAYER_PUBLIC_${layer} "${arg_PUBLIC}")
  hfenv_check_includes(hfenv_${layer} ${layer} ALLOWED ${layer} ${arg_DEPENDS} PRIVATE_OK ${layer} FILES ${sources} ${headers})
  set_property(GLOBAL APPEND PROPERTY HFENV_LAYER_SOURCES ${sources})
  set_property(GLOBAL APPEND PROPERTY HFENV_LAYER_HEADERS ${headers})
endfunction()
