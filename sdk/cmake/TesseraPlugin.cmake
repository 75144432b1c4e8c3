# tessera_add_plugin(<target>
#     SOURCES <file>...
#     [MANIFEST <plugin.json>]           default: plugin.json next to the calling CMakeLists.txt
#     [OUTPUT_DIRECTORY <dir>]           default: TESSERA_PLUGIN_OUTPUT_DIR or <build>/plugins
#     [LINK_LIBRARIES <target>...]
#     [NO_INSTALL])
#
# Builds a plugin library named after the manifest's "library" key into <dir>/<id>/, next to a
# copy of its plugin.json and of its schema/, layouts/, templates/, static/ and i18n/ folders:
# that folder is what an admin drops into a directory on plugins.path. The plugin id from the
# manifest becomes TESSERA_PLUGIN_ID for TESSERA_PLUGIN().
function(tessera_add_plugin target)
  cmake_parse_arguments(ARG "NO_INSTALL" "MANIFEST;OUTPUT_DIRECTORY" "SOURCES;LINK_LIBRARIES"
                        ${ARGN})
  if(NOT ARG_MANIFEST)
    set(ARG_MANIFEST ${CMAKE_CURRENT_SOURCE_DIR}/plugin.json)
  endif()
  if(NOT ARG_OUTPUT_DIRECTORY)
    if(TESSERA_PLUGIN_OUTPUT_DIR)
      set(ARG_OUTPUT_DIRECTORY ${TESSERA_PLUGIN_OUTPUT_DIR})
    else()
      set(ARG_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/plugins)
    endif()
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${ARG_MANIFEST})
  file(READ ${ARG_MANIFEST} manifest)
  string(JSON plugin_id ERROR_VARIABLE id_error GET "${manifest}" id)
  string(JSON library ERROR_VARIABLE library_error GET "${manifest}" library)
  if(id_error OR library_error)
    message(FATAL_ERROR "${ARG_MANIFEST}: needs string keys \"id\" and \"library\"")
  endif()
  get_filename_component(source_dir ${ARG_MANIFEST} DIRECTORY)
  set(plugin_dir ${ARG_OUTPUT_DIRECTORY}/${plugin_id})

  add_library(${target} MODULE ${ARG_SOURCES})
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME ${library}
    PREFIX "lib"
    LIBRARY_OUTPUT_DIRECTORY ${plugin_dir}
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  target_compile_definitions(${target} PRIVATE TESSERA_PLUGIN_ID="${plugin_id}")
  target_link_libraries(${target} PRIVATE Tessera::sdk ${ARG_LINK_LIBRARIES})

  # Copy the manifest and resource folders next to the library, again whenever one changes.
  set(copy_commands COMMAND ${CMAKE_COMMAND} -E make_directory ${plugin_dir}
                    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${ARG_MANIFEST}
                            ${plugin_dir}/plugin.json)
  set(resource_dirs)
  set(resource_files ${ARG_MANIFEST})
  foreach(sub schema layouts templates static i18n)
    if(IS_DIRECTORY ${source_dir}/${sub})
      list(APPEND copy_commands COMMAND ${CMAKE_COMMAND} -E copy_directory
           ${source_dir}/${sub} ${plugin_dir}/${sub})
      list(APPEND resource_dirs ${source_dir}/${sub})
      file(GLOB_RECURSE files CONFIGURE_DEPENDS ${source_dir}/${sub}/*)
      list(APPEND resource_files ${files})
    endif()
  endforeach()
  set(stamp ${CMAKE_CURRENT_BINARY_DIR}/${target}_files.stamp)
  add_custom_command(OUTPUT ${stamp} ${copy_commands}
    COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
    DEPENDS ${resource_files}
    COMMENT "Copying the files of plugin ${plugin_id}" VERBATIM)
  add_custom_target(${target}_files ALL DEPENDS ${stamp})
  add_dependencies(${target} ${target}_files)

  if(NOT ARG_NO_INSTALL)
    set(install_dir lib/tessera/plugins)
    if(TESSERA_PLUGIN_INSTALL_DIR)
      set(install_dir ${TESSERA_PLUGIN_INSTALL_DIR})
    endif()
    install(TARGETS ${target} LIBRARY DESTINATION ${install_dir}/${plugin_id})
    install(FILES ${ARG_MANIFEST} DESTINATION ${install_dir}/${plugin_id})
    foreach(dir ${resource_dirs})
      install(DIRECTORY ${dir} DESTINATION ${install_dir}/${plugin_id})
    endforeach()
  endif()
endfunction()
