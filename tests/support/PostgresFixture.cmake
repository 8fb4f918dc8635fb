# The throwaway PostgreSQL cluster as a CTest fixture.
#
# tests/support/CMakeLists.txt registers postgres_fixture_start/stop with
# FIXTURES_SETUP/FIXTURES_CLEANUP "oversight_postgres", so one cluster serves
# a whole ctest run (also with -j). A test binary that uses FreshPostgresUrl()
# declares the fixture after oversight_add_test:
#
#   oversight_add_test(NAME my_tests SOURCES ... LIBS oversight_test_support ...)
#   oversight_requires_postgres(my_tests)
#
# gtest_discover_tests registers the tests only at ctest time, so the
# property cannot be set in CMake directly: this adds a CTest include file,
# read after the discovered tests, that sets FIXTURES_REQUIRED on every test
# of the target (gtest_discover_tests lists them in <target>_TESTS).
include_guard(GLOBAL)

function(oversight_requires_postgres target)
  set(script "${CMAKE_CURRENT_BINARY_DIR}/${target}_requires_postgres.cmake")
  file(WRITE "${script}"
    "if(${target}_TESTS)\n"
    "  set_tests_properties(\${${target}_TESTS} PROPERTIES FIXTURES_REQUIRED oversight_postgres)\n"
    "endif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${script}")
endfunction()
