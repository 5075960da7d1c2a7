# capplan calibrate (issue 13): the export generator and the tests that
# calibrate its exports back to the model it was drawn from.
add_executable(gen_export ${CMAKE_CURRENT_LIST_DIR}/gen_export.c)
target_compile_options(gen_export PRIVATE ${CAP_WARNINGS})
target_link_libraries(gen_export PRIVATE capcore)

# A test that runs capplan and gen_export from its scratch folder.
function(cap_calib_test name)
  add_executable(${name} ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/${name}.c)
  target_compile_options(${name} PRIVATE ${CAP_WARNINGS})
  target_include_directories(${name} PRIVATE ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/..
                             ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../e2e)
  target_compile_definitions(${name} PRIVATE
    CAPPLAN_EXE="$<TARGET_FILE:capplan>" CAP_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
    GEN_EXPORT_EXE="$<TARGET_FILE:gen_export>")
  target_link_libraries(${name} PRIVATE capcore)
  add_dependencies(${name} capplan gen_export)
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES TIMEOUT 300)
endfunction()

cap_calib_test(test_calibrate)
# The backtest (capplan calibrate --team): hand-checked intervals and
# observed attainment, and a generated export answered by a known team.
cap_calib_test(test_backtest)
# The volume trend, handle time and [calibrate] column mapping.
cap_calib_test(test_calib_trend)
