# Bad-input cases (SPEC section 6, "Bad input"): one test per kind of bad
# input.  Each runs capplan through expect_failure.sh, which checks the exit
# status, the exact one-line message pinned in expected/NAME.txt, an empty
# stdout, and that nothing was written (an existing staffing.xlsx in the
# output folder stays byte-identical, the case folder stays unchanged).
# capplan runs inside this folder, so arguments are names relative to it.
#
#   cap_bad_case(NAME EXIT ARGS...)  ->  test bad_NAME

set(CAP_BAD_DIR ${CMAKE_CURRENT_LIST_DIR})

function(cap_bad_case name code)
  add_test(NAME bad_${name}
    COMMAND bash ${CAP_BAD_DIR}/expect_failure.sh $<TARGET_FILE:capplan>
            ${code} ${CAP_BAD_DIR}/expected/${name}.txt ${ARGN})
  set_tests_properties(bad_${name} PROPERTIES LABELS bad TIMEOUT 60)
endfunction()

# ---- portfolio INI (exit 3) ----
cap_bad_case(unknown_plan              3 unknown_plan.ini)
cap_bad_case(unknown_tam_tier          3 unknown_tam_tier.ini)
cap_bad_case(unknown_channel           3 unknown_channel.ini)
cap_bad_case(missing_channel           3 missing_channel.ini)
cap_bad_case(unknown_timezone          3 unknown_timezone.ini)
cap_bad_case(negative_count            3 negative_count.ini)
cap_bad_case(fractional_count          3 fractional_count.ini)
cap_bad_case(bad_segment               3 bad_segment.ini)
cap_bad_case(fte_not_half_step         3 fte_not_half_step.ini)
cap_bad_case(duplicate_partner         3 duplicate_partner.ini)
cap_bad_case(empty_portfolio           3 empty_portfolio.ini)
cap_bad_case(unknown_key               3 unknown_key.ini)
cap_bad_case(duplicate_key             3 duplicate_key.ini)
cap_bad_case(unknown_section           3 unknown_section.ini)
cap_bad_case(bad_growth                3 bad_growth.ini)
cap_bad_case(bad_localization          3 bad_localization.ini)
cap_bad_case(bad_start_date            3 bad_start_date.ini)
cap_bad_case(bad_start_day             3 bad_start_day.ini)
cap_bad_case(bad_quarters              3 bad_quarters.ini)
cap_bad_case(partner_without_customers 3 partner_without_customers.ini)
cap_bad_case(syntax_error              3 syntax_error.ini)
cap_bad_case(json_unknown_plan         3 --json unknown_plan.ini)
cap_bad_case(semicolon_in_list         3 semicolon_in_list.ini)
cap_bad_case(hash_in_value             3 hash_in_value.ini)
cap_bad_case(comment_before_continuation 3 comment_before_continuation.ini)
cap_bad_case(csv_empty_header_name     3 csv_empty_header_name.ini)

# ---- text that is not UTF-8 or holds control characters (exit 3) ----
cap_bad_case(ini_not_utf8              3 ini_not_utf8.ini)
cap_bad_case(ini_nul_byte              3 ini_nul_byte.ini)
cap_bad_case(ini_control_character     3 ini_control_character.ini)
cap_bad_case(csv_not_utf8              3 csv_base.ini csv_not_utf8.csv)
cap_bad_case(csv_nul_byte              3 csv_base.ini csv_nul_byte.csv)
cap_bad_case(csv_control_character     3 csv_base.ini csv_control_character.csv)

# ---- customers CSV beside a valid INI (exit 3) ----
cap_bad_case(csv_unknown_plan            3 csv_base.ini csv_unknown_plan.csv)
cap_bad_case(csv_unknown_timezone        3 csv_base.ini csv_unknown_timezone.csv)
cap_bad_case(csv_negative_count          3 csv_base.ini csv_negative_count.csv)
cap_bad_case(csv_fractional_count        3 csv_base.ini csv_fractional_count.csv)
cap_bad_case(csv_missing_column          3 csv_base.ini csv_missing_column.csv)
cap_bad_case(csv_mapped_missing_column   3 csv_mapped.ini csv_mapped_missing_column.csv)
cap_bad_case(csv_partner_without_channel 3 csv_base.ini csv_partner_without_channel.csv)
cap_bad_case(csv_channel_conflict        3 csv_base.ini csv_channel_conflict.csv)
cap_bad_case(csv_bad_quarter             3 csv_base.ini csv_bad_quarter.csv)
cap_bad_case(csv_bad_quarter_format      3 csv_base.ini csv_bad_quarter_format.csv)
cap_bad_case(csv_quarter_fiscal_label    3 csv_base.ini csv_quarter_fiscal_label.csv)
cap_bad_case(csv_quarter_calendar_label  3 csv_fiscal_base.ini csv_quarter_calendar_label.csv)
cap_bad_case(csv_quarter_date            3 csv_base.ini csv_quarter_date.csv)
cap_bad_case(csv_bad_quoting             3 csv_base.ini csv_bad_quoting.csv)
cap_bad_case(csv_stray_quote             3 csv_base.ini csv_stray_quote.csv)
cap_bad_case(csv_empty                   3 csv_base.ini csv_empty.csv)

# ---- model (-m, exit 3) ----
cap_bad_case(model_bad_number      3 -m model_bad_number.ini good.ini)
cap_bad_case(model_shares_not_one  3 -m model_shares_not_one.ini good.ini)
cap_bad_case(model_semicolon       3 -m model_semicolon.ini good.ini)

# ---- files (exit 4) ----
cap_bad_case(missing_portfolio  4 no_such_portfolio.ini)
cap_bad_case(missing_customers  4 csv_base.ini no_such_customers.csv)
cap_bad_case(missing_model      4 -m no_such_model.ini good.ini)
cap_bad_case(csv_is_folder      4 csv_base.ini .)

# ---- output folder (exit 4; these bring their own -o) ----
cap_bad_case(out_parent_is_file 4 -o not_a_folder.txt/out good.ini)
cap_bad_case(out_is_file        4 -o not_a_folder.txt good.ini)
# occupied/ holds a previous staffing.xlsx and cost.xlsx and a folder named
# quarterly.xlsx: the run must fail before it replaces any of them.
cap_bad_case(out_book_is_folder 4 -o occupied --no-sim good.ini)

# ---- command line (exit 2) ----
cap_bad_case(usage_unknown_option 2 --frobnicate good.ini)
cap_bad_case(usage_no_portfolio   2)
cap_bad_case(usage_too_many_args  2 good.ini extra.csv more.csv)
cap_bad_case(usage_bad_number     2 -r zero good.ini)
cap_bad_case(usage_missing_value  2 good.ini -o)
cap_bad_case(usage_two_stdin      2 - -)
cap_bad_case(usage_unknown_encoding 2 --encoding klingon good.ini)

# ---- capplan queue (exit 2) ----
# "queue" must be capplan's first argument, but expect_failure.sh puts
# "-o OUT" first unless the arguments hold a -o of their own.  capplan queue
# writes no file and takes no -o, so these cases run through a wrapper that
# drops that leading "-o OUT" pair and runs $CAPPLAN with the rest; the case
# checks stay the same (exit status, exact stderr, empty stdout, nothing
# written in this folder).
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/queue_case/capplan_queue_case.sh
  "#!/bin/sh\n"
  "# Drops the \"-o OUT\" expect_failure.sh adds, then runs capplan.\n"
  "if [ \"$1\" = -o ]; then shift 2; fi\n"
  "exec \"$CAPPLAN\" \"$@\"\n")
file(COPY ${CMAKE_CURRENT_BINARY_DIR}/queue_case/capplan_queue_case.sh
  DESTINATION ${CMAKE_CURRENT_BINARY_DIR}
  FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
                   GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

function(cap_bad_queue_case name code)
  add_test(NAME bad_${name}
    COMMAND bash ${CAP_BAD_DIR}/expect_failure.sh
            ${CMAKE_CURRENT_BINARY_DIR}/capplan_queue_case.sh
            ${code} ${CAP_BAD_DIR}/expected/${name}.txt queue ${ARGN})
  set_tests_properties(bad_${name} PROPERTIES LABELS bad TIMEOUT 60
    ENVIRONMENT "CAPPLAN=$<TARGET_FILE:capplan>")
endfunction()

cap_bad_queue_case(queue_missing_servers 2 --arrivals-per-hour 3
                   --handle-minutes 30 --target-minutes 10)
cap_bad_queue_case(queue_servers_zero    2 --arrivals-per-hour 3
                   --handle-minutes 30 --servers 0 --target-minutes 10)
cap_bad_queue_case(queue_bad_handle      2 --arrivals-per-hour 3
                   --handle-minutes abc --servers 2 --target-minutes 10)
cap_bad_queue_case(queue_unknown_option  2 --arrivals-per-hour 3
                   --frobnicate --servers 2)
# its own -o: capplan queue has no output folder
cap_bad_queue_case(queue_output_option   2 --servers 2 -o out)

# Writes capplan_CMD_case.sh, which runs "capplan CMD" with the "-o OUT"
# expect_failure.sh adds moved behind CMD (a subcommand must be capplan's
# first argument), and records the environment its cases run with
# (CAPPLAN, plus extra_env); cap_bad_command_case declares one case.
function(cap_bad_command cmd extra_env)
  file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/${cmd}_case/capplan_${cmd}_case.sh
    "#!/bin/sh\n"
    "# Runs capplan ${cmd} with the \"-o OUT\" expect_failure.sh adds.\n"
    "if [ \"$1\" = -o ]; then out=$2; shift 2; exec \"$CAPPLAN\" ${cmd} -o \"$out\" \"$@\"; fi\n"
    "exec \"$CAPPLAN\" ${cmd} \"$@\"\n")
  file(COPY ${CMAKE_CURRENT_BINARY_DIR}/${cmd}_case/capplan_${cmd}_case.sh
    DESTINATION ${CMAKE_CURRENT_BINARY_DIR}
    FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
                     GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
  set(env "CAPPLAN=$<TARGET_FILE:capplan>")
  if(extra_env)
    string(APPEND env ";${extra_env}")
  endif()
  set_property(GLOBAL PROPERTY cap_bad_${cmd}_env "${env}")
endfunction()

# A message naming this capplan's version is pinned as expected/NAME.txt.in
# with @PROJECT_VERSION@, made into the build's expected/NAME.txt here (a
# version bump then needs nothing redone).
function(cap_bad_command_case cmd name code)
  get_property(env GLOBAL PROPERTY cap_bad_${cmd}_env)
  set(expected ${CAP_BAD_DIR}/expected/${name}.txt)
  if(EXISTS ${expected}.in)
    set(expected ${CMAKE_CURRENT_BINARY_DIR}/bad_expected/${name}.txt)
    configure_file(${CAP_BAD_DIR}/expected/${name}.txt.in ${expected} @ONLY)
  endif()
  add_test(NAME bad_${name}
    COMMAND bash ${CAP_BAD_DIR}/expect_failure.sh
            ${CMAKE_CURRENT_BINARY_DIR}/capplan_${cmd}_case.sh
            ${code} ${expected} ${ARGN})
  set_tests_properties(bad_${name} PROPERTIES LABELS bad TIMEOUT 60
    ENVIRONMENT "${env}")
endfunction()

# ---- capplan size (exit 3 for a bad value, 2 for usage) ----
# "size" must be capplan's first argument: the wrapper moves the "-o OUT"
# expect_failure.sh puts first behind it, so a failed size run is also
# checked to leave the output folder alone.
cap_bad_command(size "")
function(cap_bad_size_case name code)
  cap_bad_command_case(size ${name} ${code} ${ARGN})
endfunction()

# a message about the deal as a whole names --customers with its value
# (or the --compare that changed the customers), and nothing more; one
# about growth past the limit names --growth with its value (or the
# --compare that changed the growth)
cap_bad_size_case(size_sim_work_past_limit 3 --channel reseller --customers
                  "mission_critical Europe/Berlin 1000000" --quarters 1)
cap_bad_size_case(size_customers_past_limit 3 --channel oem --customers
                  "basic UTC 6000000, premium Europe/Paris 6000000" --no-sim)
cap_bad_size_case(size_growth_past_limit   3 --channel oem --customers
                  "basic UTC 5000000" --growth 1 --quarters 4 --start 2027-01-01
                  --no-sim)
cap_bad_size_case(size_compare_growth_past_limit 3 --channel oem --customers
                  "basic UTC 5000000" --growth 0.1 --quarters 4
                  --start 2027-01-01 --compare "growth=1" --no-sim)
cap_bad_size_case(size_compare_no_customers 3 --channel oem --customers
                  "basic UTC 5" --compare "customers=basic UTC 0" --no-sim)

# each malformed --customers form names its segment
cap_bad_size_case(size_missing_count   3 --channel oem --customers
                  "basic America/New_York 5, premium Europe/Berlin")
cap_bad_size_case(size_unknown_plan    3 --channel oem --customers
                  "basic America/New_York 5, gold Europe/Berlin 3")
cap_bad_size_case(size_unknown_zone    3 --channel oem --customers
                  "basic America/New_York 5, premium Europe/Berln 3")
cap_bad_size_case(size_negative_count  3 --channel oem --customers
                  "basic America/New_York 5, premium Europe/Berlin -3")
# a whole count too big says the limit, not "not a whole number"
cap_bad_size_case(size_count_past_limit 3 --channel oem --customers
                  "basic UTC 99999999999")
cap_bad_size_case(size_junk_in_count   3 --channel oem --customers
                  "basic America/New_York 5, premium Europe/Berlin 3x")
cap_bad_size_case(size_junk_after_count 3 --channel oem --customers
                  "basic America/New_York 5, premium Europe/Berlin 3 seats")
cap_bad_size_case(size_no_customers    3 --channel oem --customers
                  "basic America/New_York 0")
# ";" is no separator (in the INI " ; " starts a comment): refused, with
# or without a space before it, also in a --compare variant ($<SEMICOLON>:
# a bare ";" would split the argument, CMake lists being ";"-separated)
cap_bad_size_case(size_customers_semicolon       3 --channel oem --customers
                  "basic America/New_York 30 $<SEMICOLON> basic Europe/Berlin 5")
cap_bad_size_case(size_customers_semicolon_tight 3 --channel oem --customers
                  "basic America/New_York 30$<SEMICOLON>basic Europe/Berlin 5")
cap_bad_size_case(size_compare_semicolon         3 --channel oem --customers
                  "basic America/New_York 5" --compare
                  "customers=basic America/New_York 30 $<SEMICOLON> basic Europe/Berlin 5")
# other flags go through the portfolio keys' checks
cap_bad_size_case(size_bad_csm         3 --channel oem --customers
                  "basic America/New_York 5" --csm 1.3)
cap_bad_size_case(size_bad_tam_tier    3 --channel oem --customers
                  "basic America/New_York 5" --tam-tier gold)
cap_bad_size_case(size_bad_channel     3 --channel var --customers
                  "basic America/New_York 5")
# usage
cap_bad_size_case(size_missing_channel   2 --customers "basic America/New_York 5")
cap_bad_size_case(size_missing_customers 2 --channel oem)
cap_bad_size_case(size_unknown_option    2 --channel oem --customers
                  "basic America/New_York 5" --frobnicate)
cap_bad_size_case(size_flag_twice        2 --channel oem --channel msp
                  --customers "basic America/New_York 5")
# the quote's output folder (its own -o)
cap_bad_size_case(size_out_is_file       4 -o not_a_folder.txt --channel oem
                  --customers "basic America/New_York 5" --no-sim)

# ---- limits (issue 12; the model's [limits] and README "Limits", exit 3) ----
cap_bad_case(fte_above_limit           3 fte_above_limit.ini)
cap_bad_case(service_hours_above_limit 3 service_hours_above_limit.ini)
cap_bad_case(growth_overflow           3 --no-sim growth_overflow.ini)
cap_bad_case(year_past_9999            3 year_past_9999.ini)
cap_bad_case(sim_work_past_limit       3 sim_work_past_limit.ini)
cap_bad_case(sim_work_past_limit_r    3 -r 4 sim_work_past_limit.ini)
cap_bad_case(id_too_long               3 id_too_long.ini)
cap_bad_case(count_past_limit          3 count_past_limit.ini)
cap_bad_case(csv_count_past_limit      3 csv_base.ini csv_count_past_limit.csv)
cap_bad_case(csv_counts_past_limit     3 csv_base.ini csv_counts_past_limit.csv)
cap_bad_case(csv_book_past_limit       3 csv_base.ini csv_book_past_limit.csv)
cap_bad_case(csv_extra_fields          3 csv_base.ini csv_extra_fields.csv)
cap_bad_case(csv_spaces_after_count    3 csv_base.ini csv_spaces_after_count.csv)
cap_bad_case(csv_id_too_long           3 csv_base.ini csv_id_too_long.csv)
cap_bad_case(model_ticket_rate         3 -m model_ticket_rate.ini good.ini)
cap_bad_case(model_stream_partners     3 -m model_stream_partners.ini good.ini)

# ---- capplan calibrate (exit 3): an export of no known layout ----
cap_bad_case(calibrate_unknown_layout  3 calibrate -o out --tickets calibrate_unknown_layout.csv --customers calibrate_orgs.csv)
# ---- capplan calibrate (exit 3): a bad ORGS.csv beside a valid export ----
cap_bad_case(calibrate_orgs_unknown_plan    3 calibrate -o out --tickets calibrate_tickets.csv --customers calibrate_orgs_unknown_plan.csv)
cap_bad_case(calibrate_orgs_unknown_zone    3 calibrate -o out --tickets calibrate_tickets.csv --customers calibrate_orgs_unknown_zone.csv)
cap_bad_case(calibrate_orgs_missing_column  3 calibrate -o out --tickets calibrate_tickets.csv --customers calibrate_orgs_missing_column.csv)
cap_bad_case(calibrate_orgs_duplicate       3 calibrate -o out --tickets calibrate_tickets.csv --customers calibrate_orgs_duplicate.csv)
cap_bad_case(calibrate_orgs_empty           3 calibrate -o out --tickets calibrate_tickets.csv --customers calibrate_orgs_empty.csv)
cap_bad_case(calibrate_orgs_no_rows         3 calibrate -o out --tickets calibrate_tickets.csv --customers calibrate_orgs_no_rows.csv)
# ---- capplan calibrate: the [calibrate] column mapping ----
cap_bad_case(calibrate_custom_without_mapping 2 calibrate -o out --format custom --tickets calibrate_tickets.csv --customers calibrate_orgs.csv)
cap_bad_case(calibrate_mapped_missing_column  3 calibrate -o out -m calibrate_mapped.ini --tickets calibrate_mapped_missing_column.csv --customers calibrate_orgs.csv)
cap_bad_case(model_calibrate_mapping          3 calibrate -o out -m model_calibrate_mapping.ini --tickets calibrate_tickets.csv --customers calibrate_orgs.csv)
# ---- capplan calibrate: its output folder (exit 4), refused before the fit ----
cap_bad_case(calibrate_out_is_file        4 calibrate -o not_a_folder.txt --tickets backtest_export.csv --customers backtest_orgs.csv)
cap_bad_case(calibrate_out_parent_is_file 4 calibrate -o not_a_folder.txt/out --tickets backtest_export.csv --customers backtest_orgs.csv)
# --compare variants go through the same checks, naming the --compare
cap_bad_size_case(size_compare_unknown_key 2 --channel oem --customers
                  "basic America/New_York 5" --compare "cms=1")
cap_bad_size_case(size_compare_bad_value   3 --channel oem --customers
                  "basic America/New_York 5" --compare "tam=1.3")
cap_bad_size_case(size_compare_bad_segment 3 --channel oem --customers
                  "basic America/New_York 5" --compare
                  "customers=basic Asia/Tokyo 3, gold Europe/Paris 2")

# ---- capplan compare ----
cap_bad_command(compare "")
function(cap_bad_compare_case name code)
  cap_bad_command_case(compare ${name} ${code} ${ARGN})
endfunction()

cap_bad_compare_case(compare_one_portfolio 2 good.ini)
cap_bad_compare_case(compare_other_start   3 --no-sim good.ini compare_other_start.ini)
cap_bad_compare_case(compare_bad_variant   3 --no-sim good.ini unknown_plan.ini)

# ---- --shard K/N (exit 2; expect_failure.sh adds no -o to these) ----
cap_bad_case(shard_zero                2 --shard 0/4 good.ini)
cap_bad_case(shard_past_n              2 --shard 5/4 good.ini)
cap_bad_case(shard_not_numbers         2 --shard x/y good.ini)
cap_bad_case(shard_stdin               2 --shard 1/2 -)
cap_bad_case(shard_with_json           2 --shard 1/2 --json good.ini)
# expect_failure.sh gives --shard cases no -o of its own: this one has its
cap_bad_case(shard_with_o              2 --shard 1/2 -o out good.ini)

# ---- capplan merge SHARD.json... (exit 3; usage exit 2) ----
# merge_*.json are shards of shard_book.ini (capplan --no-sim --today
# 2026-11-30 --shard K/2, seed 1 unless named); merge_changed_* carry a
# CRC-32 the file does not have.  make_merge_shards.sh writes them in the
# case's folder with the capplan under test, so they always carry its
# version.  "merge" must be capplan's first argument,
# so a wrapper moves the "-o OUT" expect_failure.sh adds behind it (OUT's
# sentinel workbooks must stay as they are).
cap_bad_command(merge "CAP_BAD_PREPARE=${CAP_BAD_DIR}/make_merge_shards.sh")
function(cap_bad_merge_case name code)
  cap_bad_command_case(merge ${name} ${code} ${ARGN})
endfunction()

cap_bad_merge_case(merge_other_seed     3 merge_1of2.json merge_seed2_2of2.json)
cap_bad_merge_case(merge_missing_shard  3 merge_1of2.json)
cap_bad_merge_case(merge_shard_twice    3 merge_1of2.json merge_2of2.json
                   merge_1of2.json)
cap_bad_merge_case(merge_not_a_shard    3 merge_1of2.json shard_book.ini)
cap_bad_merge_case(merge_input_changed  3 merge_changed_1of2.json
                   merge_changed_2of2.json)
# a shard of another capplan version (the case's .txt.in names this one)
cap_bad_merge_case(merge_other_version  3 merge_1of2.json merge_old_2of2.json)
cap_bad_merge_case(merge_no_files       2)
cap_bad_merge_case(merge_run_option     2 --seed 3 merge_1of2.json
                   merge_2of2.json)

# ---- capplan calibrate --team (exit 3): the backtest's team file ----
# backtest_orgs.csv: p1 (reseller) and p2 (oem); backtest_good.ini is valid.
cap_bad_case(backtest_unknown_partner 3 calibrate -o out --tickets backtest_export.csv --customers backtest_orgs.csv --team backtest_unknown_partner.ini)
cap_bad_case(backtest_tam_auto        3 calibrate -o out --tickets backtest_export.csv --customers backtest_orgs.csv --team backtest_tam_auto.ini)
cap_bad_case(backtest_no_fte          3 calibrate -o out --tickets backtest_export.csv --customers backtest_orgs.csv --team backtest_no_fte.ini)
cap_bad_case(backtest_channel         3 calibrate -o out --tickets backtest_export.csv --customers backtest_orgs.csv --team backtest_channel.ini)
cap_bad_case(backtest_partner_missing 3 calibrate -o out --tickets backtest_export.csv --customers backtest_orgs.csv --team backtest_partner_missing.ini)
cap_bad_case(backtest_csm             3 calibrate -o out --tickets backtest_export.csv --customers backtest_orgs.csv --team backtest_csm.ini)
cap_bad_case(backtest_model_no_difference 3 calibrate -m model_no_backtest_difference.ini -o out --tickets backtest_export.csv --customers backtest_orgs.csv --team backtest_good.ini)

# ---- big books (issue 12): the INI index and the streamed CSV ----
# a section name past 255 bytes given twice names its first line (it said 0)
cap_bad_case(duplicate_long_section    3 duplicate_long_section.ini)
# iniparser's own line limit, with the line number and no /proc path
cap_bad_case(ini_line_too_long         3 ini_line_too_long.ini)
# a NUL in the model is refused as text, not "input line too long"
cap_bad_case(model_nul_byte            3 -m model_nul_byte.ini good.ini)
# the CSV's partner key columns: the INI keys' checks and limits, and one
# value per partner (the message names the row or line that gave it first)
cap_bad_case(csv_key_conflict              3 csv_base.ini csv_key_conflict.csv)
cap_bad_case(csv_ini_key_conflict          3 csv_base.ini csv_ini_key_conflict.csv)
cap_bad_case(csv_bad_csm                   3 csv_base.ini csv_bad_csm.csv)
cap_bad_case(csv_tam_above_limit           3 csv_base.ini csv_tam_above_limit.csv)
cap_bad_case(csv_bad_tam_tier              3 csv_base.ini csv_bad_tam_tier.csv)
cap_bad_case(csv_service_hours_above_limit 3 csv_base.ini csv_service_hours_above_limit.csv)
cap_bad_case(csv_bad_localization          3 csv_base.ini csv_bad_localization.csv)
cap_bad_case(csv_bad_growth                3 csv_base.ini csv_bad_growth.csv)
# rows add up as they come: the row that takes a quarter past the limit
cap_bad_case(csv_quarter_past_limit        3 csv_base.ini csv_quarter_past_limit.csv)
# the CSV streams in 64 KiB blocks: a 100 KB run of spaces after a count
# (one line across blocks) and a bad byte past the first block
cap_bad_case(csv_spaces_100k           3 csv_base.ini csv_spaces_100k.csv)
cap_bad_case(csv_not_utf8_late         3 csv_base.ini csv_not_utf8_late.csv)
