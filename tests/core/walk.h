/* walk.h: reads page tables the core built (through the simulated memory) into runs of
 * mappings, the way the CPU would see them (SDM 4.5: rights combine across levels). */
#ifndef WALK_H
#define WALK_H

#include "sim.h"

struct run {
    uint64_t virt, phys, size;
    bool write, exec;
    unsigned largest_page_level; /* 1: 4 KiB, 2: 2 MiB, 3: 1 GiB */
};

struct walk {
    struct run *runs;
    size_t count, cap;
    int recursive_slot;          /* -1 when no PML4 entry points at the PML4 */
    bool recursive_nx;
    bool recursive_write;
    size_t table_pages;
    uint64_t table_phys[8192];   /* every table page, for type checks */
};

void walk_tables(struct sim *s, uint64_t pml4, struct walk *w);
void walk_free(struct walk *w);

/* The run mapping `virt`, or NULL. */
const struct run *walk_find(const struct walk *w, uint64_t virt);

/* Sign-extends a 48-bit address. */
uint64_t canonical(uint64_t v);

#endif
