/* strmap.h - a growing string -> index map over glibc's hsearch_r.
 *
 * The loaders look up names by the hundred thousand (sections and keys of
 * a portfolio INI with their lines, CSV partners and segments), so every
 * lookup must be O(1): iniparser's dictionary and a scan of the text are
 * linear, which made loading a big book quadratic.  hsearch_r tables
 * cannot grow, so the map keeps its own copy of every key and rebuilds a
 * table twice the size when one fills to half.  Keys are NUL-terminated;
 * callers join the parts of a compound key with CAP_STRMAP_SEP (U+001F,
 * which checked input text never holds).
 */
#ifndef CAP_STRMAP_H
#define CAP_STRMAP_H

#include <stddef.h>

#define CAP_STRMAP_SEP "\x1f"

typedef struct cap_strmap cap_strmap;

/* An empty map sized for about `expected` keys (it grows past that).
 * Caller owns it: cap_strmap_free(). */
cap_strmap *cap_strmap_new(size_t expected);
void cap_strmap_free(cap_strmap *m);

/* Adds key with value unless key is there.  Returns 1 when added, 0 when
 * key was already there; *value (when not NULL) is then the stored value. */
int cap_strmap_add(cap_strmap *m, const char *key, size_t value,
                   size_t *stored);

/* The value of key in *value; 0 when key is absent. */
int cap_strmap_find(const cap_strmap *m, const char *key, size_t *value);

/* Number of keys. */
size_t cap_strmap_count(const cap_strmap *m);

#endif
