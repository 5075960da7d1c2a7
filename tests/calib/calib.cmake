# capplan calibrate (issue 13): the export generator and the tests that
# calibrate its exports back to the model it was drawn from.
add_executable(gen_export ${CMAKE_CURRENT_LIST_DIR}/gen_export.c)
target_compile_options(gen_export PRIVATE ${CAP_WARNINGS})
target_link_libraries(gen_export PRIVATE capcore)

add_executable(test_calibrate ${CMAKE_CURRENT_LIST_DIR}/test_calibrate.c)
target_compile_options(test_calibrate PRIVATE ${CAP_WARNINGS})
target_include_directories(test_calibrate PRIVATE ${CMAKE_CURRENT_LIST_DIR}/..
                           ${CMAKE_CURRENT_LIST_DIR}/../e2e)
target_compile_definitions(test_calibrate PRIVATE
  CAPPLAN_EXE="$<TARGET_FILE:capplan>" CAP_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
  GEN_EXPORT_EXE="$<TARGET_FILE:gen_export>")
target_link_libraries(test_calibrate PRIVATE capcore)
add_dependencies(test_calibrate capplan gen_export)
add_test(NAME test_calibrate COMMAND test_calibrate)
set_tests_properties(test_calibrate PROPERTIES TIMEOUT 300)

# The backtest (capplan calibrate --team): hand-checked intervals and
# observed attainment, and a generated export answered by a known team.
add_executable(test_backtest ${CMAKE_CURRENT_LIST_DIR}/test_backtest.c)
target_compile_options(test_backtest PRIVATE ${CAP_WARNINGS})
target_include_directories(test_backtest PRIVATE ${CMAKE_CURRENT_LIST_DIR}/..
                           ${CMAKE_CURRENT_LIST_DIR}/../e2e)
target_compile_definitions(test_backtest PRIVATE
  CAPPLAN_EXE="$<TARGET_FILE:capplan>" CAP_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
  GEN_EXPORT_EXE="$<TARGET_FILE:gen_export>")
target_link_libraries(test_backtest PRIVATE capcore)
add_dependencies(test_backtest capplan gen_export)
add_test(NAME test_backtest COMMAND test_backtest)
set_tests_properties(test_backtest PROPERTIES TIMEOUT 300)
# The volume trend, handle time and [calibrate] column mapping.
add_executable(test_calib_trend ${CMAKE_CURRENT_LIST_DIR}/test_calib_trend.c)
target_compile_options(test_calib_trend PRIVATE ${CAP_WARNINGS})
target_include_directories(test_calib_trend PRIVATE ${CMAKE_CURRENT_LIST_DIR}/..
                           ${CMAKE_CURRENT_LIST_DIR}/../e2e)
target_compile_definitions(test_calib_trend PRIVATE
  CAPPLAN_EXE="$<TARGET_FILE:capplan>" CAP_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
  GEN_EXPORT_EXE="$<TARGET_FILE:gen_export>")
target_link_libraries(test_calib_trend PRIVATE capcore)
add_dependencies(test_calib_trend capplan gen_export)
add_test(NAME test_calib_trend COMMAND test_calib_trend)
set_tests_properties(test_calib_trend PROPERTIES TIMEOUT 300)
