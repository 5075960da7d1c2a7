/* ini.h - a thin wrapper over iniparser that can say where a key was.
 *
 * iniparser keeps values but not line numbers, and its numeric getters use
 * atof/strtol with base 0 (so "010" is octal and "1,5" is 1).  This module
 * keeps the file text beside the dictionary to find the line of a section
 * or key for error messages, and parses numbers itself with strtod and an
 * end-pointer check.  Section and key names are lowercase (iniparser's
 * rule); values keep their case.
 */
#ifndef CAP_INI_H
#define CAP_INI_H

#include <stddef.h>

#include "error.h"

typedef struct cap_ini cap_ini;

/* Loads path.  A missing or unreadable file is CAP_ERR_IO; text that is
 * not UTF-8 (converted from encoding when that is not NULL, see
 * cap_text_read) or a syntax error is `code` (CAP_ERR_INPUT or
 * CAP_ERR_MODEL) with the line.  Caller owns the result: cap_ini_free(). */
cap_ini *cap_ini_load_encoded(const char *path, const char *encoding,
                              cap_status code, cap_error *err);
/* Same, refusing text that is not UTF-8 (encoding NULL). */
cap_ini *cap_ini_load(const char *path, cap_status code, cap_error *err);

/* Loads INI text held in memory; name is used in messages. */
cap_ini *cap_ini_load_text(const char *text, const char *name,
                           cap_status code, cap_error *err);

void cap_ini_free(cap_ini *ini);

const char *cap_ini_path(const cap_ini *ini);

/* Sections in file order. */
int cap_ini_section_count(const cap_ini *ini);
const char *cap_ini_section(const cap_ini *ini, int i);

/* Keys of a section in file order, without the "section:" prefix.
 * Returns the count; *keys is owned by the caller (free(), the strings are
 * borrowed from ini). */
int cap_ini_keys(const cap_ini *ini, const char *section, const char ***keys);

/* The value of section:key, or NULL when absent. */
const char *cap_ini_get(const cap_ini *ini, const char *section,
                        const char *key);

/* Line of "[section]" / of "key =" in section; 0 when not found. */
int cap_ini_section_line(const cap_ini *ini, const char *section);
int cap_ini_key_line(const cap_ini *ini, const char *section, const char *key);
/* Line holding token inside the (possibly continued) value of key; falls
 * back to the key's line. */
int cap_ini_token_line(const cap_ini *ini, const char *section,
                       const char *key, const char *token);

/* Sets err for section:key with its line: "FILE:LINE: section:key: ...". */
cap_status cap_ini_fail(const cap_ini *ini, cap_status code, cap_error *err,
                        const char *section, const char *key,
                        const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Reads a required number in [min, max]; the whole value must parse. */
cap_status cap_ini_number(const cap_ini *ini, const char *section,
                          const char *key, double min, double max,
                          double *out, cap_status code, cap_error *err);

/* Reads a comma-separated list of exactly n numbers in [min, max]. */
cap_status cap_ini_numbers(const cap_ini *ini, const char *section,
                           const char *key, double min, double max,
                           double *out, int n, cap_status code,
                           cap_error *err);

/* Reads a required string value. */
cap_status cap_ini_string(const cap_ini *ini, const char *section,
                          const char *key, const char **out, cap_status code,
                          cap_error *err);

/* Fails on the first key of section not in the NULL-terminated list
 * allowed, so a typo ("cms = 1") is reported instead of ignored. */
cap_status cap_ini_check_keys(const cap_ini *ini, const char *section,
                              const char *const *allowed, cap_status code,
                              cap_error *err);

/* Fails on a section header or a key (within one section) that appears
 * twice, which iniparser would merge silently: "FILE:LINE: [section]:
 * duplicate section (first at line N)" or "... section:key: duplicate key
 * (first at line N)". */
cap_status cap_ini_check_duplicates(const cap_ini *ini, cap_status code,
                                    cap_error *err);

/* Parses text as a whole number or decimal with strtod; nonzero on
 * success.  Used for values that are not INI keys (CSV fields, list items). */
int cap_parse_double(const char *text, double *out);
/* Parses "HH:MM" into minutes after midnight (00:00 .. 24:00). */
int cap_parse_clock(const char *text, int *minutes);

#endif
