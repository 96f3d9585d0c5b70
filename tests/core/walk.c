/* walk.c: page-table walker for the tests (walk.h). Independent of the core's mapper. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "walk.h"

#define P 1ull
#define W 2ull
#define PS 0x80ull
#define NX (1ull << 63)
#define ADDR 0x000ffffffffff000ull

uint64_t canonical(uint64_t v)
{
    return (v & (1ull << 47)) ? (v | 0xffff000000000000ull) : (v & 0x0000ffffffffffffull);
}

static uint64_t *table(struct sim *s, uint64_t phys)
{
    struct sim_block *b = sim_find(s, phys, 4096);
    if (!b) {
        fprintf(stderr, "walk: table at 0x%llx is not allocated memory\n", (unsigned long long)phys);
        abort();
    }
    return (uint64_t *)(b->mem + (phys - b->phys));
}

static void add(struct walk *w, uint64_t virt, uint64_t phys, uint64_t size, bool write,
                bool exec, unsigned level)
{
    if (w->count) {
        struct run *r = &w->runs[w->count - 1];
        if (r->virt + r->size == virt && r->phys + r->size == phys && r->write == write &&
            r->exec == exec) {
            r->size += size;
            if (level > r->largest_page_level)
                r->largest_page_level = level;
            return;
        }
    }
    if (w->count == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 256;
        w->runs = realloc(w->runs, w->cap * sizeof *w->runs);
    }
    w->runs[w->count++] = (struct run){virt, phys, size, write, exec, level};
}

static void walk_level(struct sim *s, struct walk *w, uint64_t phys, unsigned level,
                       uint64_t base, bool write, bool exec)
{
    uint64_t *t = table(s, phys);
    if (w->table_pages < sizeof w->table_phys / sizeof w->table_phys[0])
        w->table_phys[w->table_pages] = phys;
    w->table_pages++;
    uint64_t span = 1ull << (12 + 9 * (level - 1));
    for (unsigned i = 0; i < 512; i++) {
        uint64_t e = t[i];
        if (!(e & P))
            continue;
        uint64_t virt = canonical(base + i * span);
        bool wr = write && (e & W), ex = exec && !(e & NX);
        if (level == 1 || (e & PS)) {
            add(w, virt, e & ADDR & ~(span - 1), span, wr, ex, level);
            continue;
        }
        walk_level(s, w, e & ADDR, level - 1, virt, wr, ex);
    }
}

void walk_tables(struct sim *s, uint64_t pml4, struct walk *w)
{
    memset(w, 0, sizeof *w);
    w->recursive_slot = -1;
    uint64_t *t = table(s, pml4);
    w->table_phys[w->table_pages++] = pml4;
    for (unsigned i = 0; i < 512; i++) {
        uint64_t e = t[i];
        if (!(e & P))
            continue;
        if ((e & ADDR) == pml4) { /* recursive: do not descend into ourselves */
            w->recursive_slot = (int)i;
            w->recursive_nx = (e & NX) != 0;
            w->recursive_write = (e & W) != 0;
            continue;
        }
        walk_level(s, w, e & ADDR, 3, canonical((uint64_t)i << 39), (e & W) != 0, !(e & NX));
    }
}

void walk_free(struct walk *w)
{
    free(w->runs);
    w->runs = NULL;
}

const struct run *walk_find(const struct walk *w, uint64_t virt)
{
    for (size_t i = 0; i < w->count; i++)
        if (virt >= w->runs[i].virt && virt - w->runs[i].virt < w->runs[i].size)
            return &w->runs[i];
    return NULL;
}
