# Every dependency comes from a Debian 12 package (see deploy/install-deps.sh).
# Nothing is downloaded, vendored or fetched at configure time.

find_package(Threads REQUIRED)
find_package(absl CONFIG REQUIRED)
find_package(Protobuf REQUIRED)
find_package(gRPC CONFIG REQUIRED)
find_package(GTest REQUIRED)
find_package(benchmark CONFIG)
find_package(SQLite3 REQUIRED)
find_package(PostgreSQL REQUIRED)
find_package(nlohmann_json 3.11 CONFIG REQUIRED)  # the CLI's JSON input and output

# Debian's QuantLib 1.29 ships neither a CMake config nor a pkg-config file,
# so wrap the library in an imported target of our own.
find_library(QUANTLIB_LIBRARY QuantLib REQUIRED)
find_path(QUANTLIB_INCLUDE_DIR ql/version.hpp REQUIRED)
if(NOT TARGET QuantLib::QuantLib)
  add_library(QuantLib::QuantLib SHARED IMPORTED)
  set_target_properties(QuantLib::QuantLib PROPERTIES
    IMPORTED_LOCATION "${QUANTLIB_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${QUANTLIB_INCLUDE_DIR}"
    INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${QUANTLIB_INCLUDE_DIR}")
endif()
