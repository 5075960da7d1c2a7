/* idset.c - a set of small integers with an O(log64 n) "next member". */
#include "idset.h"

#include <stdlib.h>

/* Level 0 has a bit per member; bit j of level L + 1 is set when word j
 * of level L has any bit set.  The top level is one word. */
enum { LEVELS_MAX = 12 }; /* 64^11 words pass any size_t */

struct cap_idset {
    int levels;
    size_t words[LEVELS_MAX];
    uint64_t *bits[LEVELS_MAX];
};

/* Index of the lowest set bit of a non-zero word. */
static unsigned lowest(uint64_t w)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctzll(w);
#else
    unsigned k = 0;
    while (!(w & 1)) {
        w >>= 1;
        k++;
    }
    return k;
#endif
}

cap_idset *cap_idset_new(size_t n)
{
    cap_idset *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    size_t members = n > 0 ? n : 1;
    do {
        size_t w = (members + 63) / 64;
        s->words[s->levels] = w;
        s->bits[s->levels] = calloc(w, sizeof(uint64_t));
        if (!s->bits[s->levels++]) {
            cap_idset_free(s);
            return NULL;
        }
        members = w;
    } while (members > 1);
    return s;
}

void cap_idset_free(cap_idset *s)
{
    if (!s)
        return;
    for (int l = 0; l < s->levels; l++)
        free(s->bits[l]);
    free(s);
}

void cap_idset_add(cap_idset *s, size_t i)
{
    for (int l = 0; l < s->levels; l++, i /= 64) {
        uint64_t *w = &s->bits[l][i / 64];
        int was_empty = *w == 0;
        *w |= (uint64_t)1 << (i % 64);
        if (!was_empty)
            return; /* the levels above know this word already */
    }
}

void cap_idset_remove(cap_idset *s, size_t i)
{
    for (int l = 0; l < s->levels; l++, i /= 64) {
        uint64_t *w = &s->bits[l][i / 64];
        *w &= ~((uint64_t)1 << (i % 64));
        if (*w != 0)
            return; /* the word still has members */
    }
}

/* The smallest set bit >= i of level l, or CAP_IDSET_NONE. */
static size_t next_at(const cap_idset *s, int l, size_t i)
{
    size_t w = i / 64;
    if (w >= s->words[l])
        return CAP_IDSET_NONE;
    uint64_t here = s->bits[l][w] & (~(uint64_t)0 << (i % 64));
    if (here)
        return w * 64 + lowest(here);
    if (l + 1 == s->levels)
        return CAP_IDSET_NONE;
    size_t after = next_at(s, l + 1, w + 1); /* next non-empty word */
    if (after == CAP_IDSET_NONE)
        return CAP_IDSET_NONE;
    return after * 64 + lowest(s->bits[l][after]);
}

size_t cap_idset_next(const cap_idset *s, size_t i)
{
    return next_at(s, 0, i);
}
