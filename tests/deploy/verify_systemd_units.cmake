# Runs `systemd-analyze verify` on copies of deploy/systemd/* whose
# ExecStart names this build's binaries (the installed paths do not exist
# here). Fails on any message systemd prints about the units.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
file(GLOB units ${SOURCE_DIR}/*.service ${SOURCE_DIR}/*.timer)
set(copies)
foreach(unit ${units})
  get_filename_component(name ${unit} NAME)
  file(READ ${unit} text)
  string(REPLACE "/usr/local/bin/oversightd" "${OVERSIGHTD}" text "${text}")
  string(REPLACE "/usr/local/bin/oversight " "${OVERSIGHT} " text "${text}")
  file(WRITE ${WORK_DIR}/${name} "${text}")
  list(APPEND copies ${WORK_DIR}/${name})
endforeach()
execute_process(COMMAND ${SYSTEMD_ANALYZE} verify --man=no ${copies}
  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
# Messages about the host (no /etc/oversight, not booted with systemd) are
# not about the units.
string(REGEX REPLACE "[^\n]*(Failed to load credentials|EnvironmentFile|System has not been booted|Failed to connect to bus)[^\n]*\n?" "" filtered "${out}${err}")
string(STRIP "${filtered}" filtered)
if(NOT result EQUAL 0 OR NOT filtered STREQUAL "")
  message(FATAL_ERROR "systemd-analyze verify (exit ${result}):\n${out}${err}")
endif()
message(STATUS "systemd-analyze verify: ${copies} OK")
