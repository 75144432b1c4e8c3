# Third-party libraries, all from Debian packages (tools/setup installs them).
find_package(Boost 1.74 REQUIRED COMPONENTS program_options filesystem)

# Debian's PocoDataPostgreSQLTargets.cmake links PostgreSQL::client, which nothing defines.
find_package(PostgreSQL REQUIRED)
if(NOT TARGET PostgreSQL::client)
  add_library(PostgreSQL::client INTERFACE IMPORTED)
  target_link_libraries(PostgreSQL::client INTERFACE PostgreSQL::PostgreSQL)
endif()
find_package(Poco 1.11 REQUIRED COMPONENTS Foundation Util Net NetSSL Crypto Data DataSQLite DataPostgreSQL)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(spdlog 1.10 REQUIRED)
find_package(GTest REQUIRED)
find_package(Threads REQUIRED)
# Page templates: ctemplate's thread-safe library, auto-escaping by context.
find_package(PkgConfig REQUIRED)
pkg_check_modules(CTEMPLATE REQUIRED IMPORTED_TARGET libctemplate)
