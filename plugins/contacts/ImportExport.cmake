# The import and export sources of the contacts plugin, kept apart so the main list stays small.
set(CONTACTS_IMPORT_SOURCES
  src/Csv.cpp
  src/Export.cpp
  src/IdList.cpp
  src/ImportFields.cpp
  src/ImportJob.cpp
  src/ImportPages.cpp
  src/ImportRunner.cpp
  src/ImportSource.cpp
  src/Multipart.cpp
  src/VCardImport.cpp
  src/Xlsx.cpp)

find_package(PkgConfig REQUIRED)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)

# tools/bench contacts: the import target through the whole pipeline; tools/bench contact-pages:
# the duplicate check and the company page with a million contacts.
add_executable(bench_contacts_pages ${CMAKE_CURRENT_LIST_DIR}/bench/PagesBench.cpp)
target_link_libraries(bench_contacts_pages PRIVATE tessera_testkit)
target_compile_definitions(bench_contacts_pages PRIVATE
  PLUGIN_PATH="$<TARGET_FILE_DIR:tessera_contacts>/..")
add_executable(bench_contacts_import ${CMAKE_CURRENT_LIST_DIR}/bench/ImportBench.cpp)
target_link_libraries(bench_contacts_import PRIVATE tessera_testkit)
target_compile_definitions(bench_contacts_import PRIVATE
  PLUGIN_PATH="$<TARGET_FILE_DIR:tessera_contacts>/..")
