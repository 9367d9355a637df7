# SPDX-License-Identifier: MIT
# Run after each build of a unit-test program: ask it how many tests its suite holds and
# write the CTest registration "unit.<family> (<N> tests)".
# Inputs: EXE, EMULATOR (may be empty), FAMILY, ENV, OUT.
execute_process(COMMAND ${EMULATOR} ${EXE} --count
  RESULT_VARIABLE rc OUTPUT_VARIABLE count ERROR_VARIABLE err
  OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT rc EQUAL 0 OR NOT count MATCHES "^[0-9]+$")
  message(FATAL_ERROR "${EXE} --count failed (${rc}): ${count} ${err}")
endif()
set(name "unit.${FAMILY} (${count} tests)")
set(cmd "")
foreach(word IN LISTS EMULATOR)
  string(APPEND cmd " [==[${word}]==]")
endforeach()
string(APPEND cmd " [==[${EXE}]==]")
file(WRITE "${OUT}"
  "add_test([==[${name}]==]${cmd})\n"
  "set_tests_properties([==[${name}]==] PROPERTIES LABELS unit ENVIRONMENT [==[${ENV}]==])\n")
