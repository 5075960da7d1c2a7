/* strmap.c - hsearch_r tables rebuilt twice as big when half full.
 *
 * glibc's hsearch_r hashes a key as sum(key[i] << 4i) in 32 bits, so only
 * its first 8 bytes count: "partner.p0000001" and "partner.p0000002"
 * collide, and a table of such names is searched linearly.  Every key is
 * therefore stored behind a prefix of 8 characters '@' + nibble i of its
 * FNV-1a hash: glibc's sum of that prefix is a constant plus the FNV hash
 * itself, and the rest of the key is shifted out. */
#define _GNU_SOURCE /* hsearch_r */
#include "strmap.h"

#include <search.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Keys live in blocks that never move, so table entries can point at
 * them across rebuilds. */
typedef struct block {
    struct block *next;
    size_t used, cap;
    char text[];
} block;

typedef struct {
    const char *key;
    size_t value;
} entry;

struct cap_strmap {
    struct hsearch_data table;
    size_t size;       /* slots of table */
    entry *entries;    /* in insertion order, for rebuilds */
    size_t count, cap;
    block *blocks;
};

enum { BLOCK_TEXT = 64 * 1024, PREFIX = 8 };

/* "PPPPPPPP" + key in buf (cap bytes) or in a new allocation when longer;
 * the caller frees the result when it is not buf. */
static char *prefixed(const char *key, char *buf, size_t cap)
{
    size_t n = strlen(key);
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)key[i]) * 16777619u;
    char *out = n + PREFIX + 1 <= cap ? buf : malloc(n + PREFIX + 1);
    if (!out)
        abort();
    for (int i = 0; i < PREFIX; i++)
        out[i] = (char)('@' + ((h >> (4 * i)) & 15u));
    memcpy(out + PREFIX, key, n + 1);
    return out;
}

static const char *keep(cap_strmap *m, const char *key)
{
    size_t n = strlen(key) + 1;
    block *b = m->blocks;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > BLOCK_TEXT ? n : BLOCK_TEXT;
        if (!(b = malloc(sizeof *b + cap)))
            abort();
        b->used = 0;
        b->cap = cap;
        b->next = m->blocks;
        m->blocks = b;
    }
    char *copy = memcpy(b->text + b->used, key, n);
    b->used += n;
    return copy;
}

/* A fresh table of size slots holding every entry. */
static void build(cap_strmap *m, size_t size)
{
    memset(&m->table, 0, sizeof m->table);
    if (!hcreate_r(size, &m->table))
        abort(); /* only out of memory */
    m->size = size;
    for (size_t i = 0; i < m->count; i++) {
        ENTRY e = {(char *)m->entries[i].key, (void *)(uintptr_t)i}, *found;
        if (!hsearch_r(e, ENTER, &found, &m->table))
            abort();
    }
}

cap_strmap *cap_strmap_new(size_t expected)
{
    cap_strmap *m = calloc(1, sizeof *m);
    if (!m)
        abort();
    build(m, expected * 2 + 16);
    return m;
}

void cap_strmap_free(cap_strmap *m)
{
    if (!m)
        return;
    hdestroy_r(&m->table);
    for (block *b = m->blocks, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(m->entries);
    free(m);
}

/* The entry of a prefixed key, or NULL. */
static ENTRY *lookup(const cap_strmap *m, char *full)
{
    ENTRY e = {full, NULL}, *found;
    /* hsearch_r does not write the table on FIND */
    if (!hsearch_r(e, FIND, &found, (struct hsearch_data *)&m->table))
        return NULL;
    return found;
}

int cap_strmap_find(const cap_strmap *m, const char *key, size_t *value)
{
    char buf[256], *full = prefixed(key, buf, sizeof buf);
    ENTRY *found = lookup(m, full);
    if (full != buf)
        free(full);
    if (found)
        *value = m->entries[(uintptr_t)found->data].value;
    return found != NULL;
}

int cap_strmap_add(cap_strmap *m, const char *key, size_t value,
                   size_t *stored)
{
    char buf[256], *full = prefixed(key, buf, sizeof buf);
    ENTRY *old = lookup(m, full);
    if (old) {
        if (stored)
            *stored = m->entries[(uintptr_t)old->data].value;
        if (full != buf)
            free(full);
        return 0;
    }
    if ((m->count + 1) * 2 > m->size) {
        hdestroy_r(&m->table);
        build(m, m->size * 2);
    }
    if (m->count == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 64;
        if (!(m->entries = realloc(m->entries, m->cap * sizeof *m->entries)))
            abort();
    }
    m->entries[m->count] = (entry){keep(m, full), value};
    if (full != buf)
        free(full);
    ENTRY e = {(char *)m->entries[m->count].key,
               (void *)(uintptr_t)m->count}, *found;
    if (!hsearch_r(e, ENTER, &found, &m->table))
        abort();
    m->count++;
    if (stored)
        *stored = value;
    return 1;
}

size_t cap_strmap_count(const cap_strmap *m) { return m->count; }
