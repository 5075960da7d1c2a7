/* idset.h - a set of small integers (0 .. n-1) that finds its smallest
 * member at or after a given one in O(log64 n): a bitmap with a summary
 * bitmap over it, level by level up to one word.
 *
 * The queue keeps the people it may interrupt in one set per class and
 * takes the lowest-numbered one, which for a team of tens of thousands
 * must not cost a scan of the team per ticket.
 */
#ifndef CAP_IDSET_H
#define CAP_IDSET_H

#include <stddef.h>
#include <stdint.h>

typedef struct cap_idset cap_idset;

#define CAP_IDSET_NONE SIZE_MAX

/* An empty set for members 0 .. n-1, or NULL when out of memory.  The
 * caller owns it and frees it with cap_idset_free (which accepts NULL). */
cap_idset *cap_idset_new(size_t n);
void cap_idset_free(cap_idset *s);

/* i < n; adding a member or removing a non-member does nothing. */
void cap_idset_add(cap_idset *s, size_t i);
void cap_idset_remove(cap_idset *s, size_t i);

/* The smallest member >= i, or CAP_IDSET_NONE. */
size_t cap_idset_next(const cap_idset *s, size_t i);

#endif
