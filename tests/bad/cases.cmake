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
cap_bad_case(bad_start_quarter         3 bad_start_quarter.ini)
cap_bad_case(bad_quarters              3 bad_quarters.ini)
cap_bad_case(partner_without_customers 3 partner_without_customers.ini)
cap_bad_case(syntax_error              3 syntax_error.ini)
cap_bad_case(json_unknown_plan         3 --json unknown_plan.ini)

# ---- customers CSV beside a valid INI (exit 3) ----
cap_bad_case(csv_unknown_plan            3 csv_base.ini csv_unknown_plan.csv)
cap_bad_case(csv_unknown_timezone        3 csv_base.ini csv_unknown_timezone.csv)
cap_bad_case(csv_negative_count          3 csv_base.ini csv_negative_count.csv)
cap_bad_case(csv_fractional_count        3 csv_base.ini csv_fractional_count.csv)
cap_bad_case(csv_missing_column          3 csv_base.ini csv_missing_column.csv)
cap_bad_case(csv_unknown_column          3 csv_base.ini csv_unknown_column.csv)
cap_bad_case(csv_partner_without_channel 3 csv_base.ini csv_partner_without_channel.csv)
cap_bad_case(csv_channel_conflict        3 csv_base.ini csv_channel_conflict.csv)
cap_bad_case(csv_bad_quarter             3 csv_base.ini csv_bad_quarter.csv)
cap_bad_case(csv_bad_quarter_format      3 csv_base.ini csv_bad_quarter_format.csv)
cap_bad_case(csv_bad_quoting             3 csv_base.ini csv_bad_quoting.csv)
cap_bad_case(csv_stray_quote             3 csv_base.ini csv_stray_quote.csv)
cap_bad_case(csv_empty                   3 csv_base.ini csv_empty.csv)

# ---- model (-m, exit 3) ----
cap_bad_case(model_bad_number      3 -m model_bad_number.ini good.ini)
cap_bad_case(model_shares_not_one  3 -m model_shares_not_one.ini good.ini)

# ---- files (exit 4) ----
cap_bad_case(missing_portfolio  4 no_such_portfolio.ini)
cap_bad_case(missing_customers  4 csv_base.ini no_such_customers.csv)
cap_bad_case(missing_model      4 -m no_such_model.ini good.ini)
cap_bad_case(csv_is_folder      4 csv_base.ini .)

# ---- output folder (exit 4; these bring their own -o) ----
cap_bad_case(out_parent_is_file 4 -o not_a_folder.txt/out good.ini)
cap_bad_case(out_is_file        4 -o not_a_folder.txt good.ini)

# ---- command line (exit 2) ----
cap_bad_case(usage_unknown_option 2 --frobnicate good.ini)
cap_bad_case(usage_no_portfolio   2)
cap_bad_case(usage_too_many_args  2 good.ini extra.csv more.csv)
cap_bad_case(usage_bad_number     2 -r zero good.ini)
cap_bad_case(usage_missing_value  2 good.ini -o)
