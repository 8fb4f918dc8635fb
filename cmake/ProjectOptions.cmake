# Compiler options applied to the project's own targets only (never to
# generated protobuf/gRPC code, which is not -Wextra clean).

option(OVERSIGHT_WERROR "Treat warnings as errors" OFF)
option(OVERSIGHT_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)

add_library(oversight_warnings INTERFACE)
target_compile_options(oversight_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wno-missing-field-initializers
  $<$<BOOL:${OVERSIGHT_WERROR}>:-Werror>)

if(OVERSIGHT_SANITIZE)
  # Applied globally so that every object, including generated code and
  # test binaries, agrees on the instrumentation.
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# Adds a GoogleTest binary and registers each of its tests with CTest.
# Usage: oversight_add_test(NAME name SOURCES a.cc b.cc LIBS lib1 lib2 [LABELS l])
include(GoogleTest)
function(oversight_add_test)
  cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_LIBS} GTest::gmock GTest::gtest_main oversight_warnings)
  set_target_properties(${T_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  gtest_discover_tests(${T_NAME}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    PROPERTIES LABELS "${T_LABELS}" TIMEOUT ${T_TIMEOUT}
    DISCOVERY_TIMEOUT 60)
endfunction()

# Adds every immediate subdirectory of the current source directory that has
# a CMakeLists.txt, so a module folder joins the build by existing.
function(oversight_add_subdirectories)
  file(GLOB children LIST_DIRECTORIES true CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*)
  foreach(dir ${children})
    if(IS_DIRECTORY ${dir} AND EXISTS ${dir}/CMakeLists.txt)
      add_subdirectory(${dir})
    endif()
  endforeach()
endfunction()
