/* paging.h: reading the live 4-level page tables through the higher-half direct map. */
#ifndef K_PAGING_H
#define K_PAGING_H

#include <stdbool.h>
#include <stdint.h>

/* Page-table entry bits (SDM 3A, 4.5). */
#define PTE_PRESENT (1ull << 0)
#define PTE_WRITE (1ull << 1)
#define PTE_USER (1ull << 2)
#define PTE_LARGE (1ull << 7)         /* PS: a 1 GiB (PDPT) or 2 MiB (PD) leaf */
#define PTE_GLOBAL (1ull << 8)
#define PTE_NX (1ull << 63)
#define PTE_ADDR 0x000ffffffffff000ull /* the next table, or a 4 KiB page */

#define KiB ((uint64_t)1024)
#define MiB (1024 * KiB)
#define GiB (1024 * MiB)

/* The HHDM base the kernel was given; every physical read goes through it. */
void hhdm_set(uint64_t base);
uint64_t hhdm_base(void);
static inline void *phys_to_virt(uint64_t phys) { return (void *)(hhdm_base() + phys); }

/* One present leaf mapping, with the permissions the whole walk gives it: writable and
 * user only when every level says so, NX when any level says so. */
struct pt_leaf {
    uint64_t virt;      /* canonical (pt_translate: the address asked for) */
    uint64_t phys;      /* (pt_translate: the physical address of virt itself) */
    uint64_t size;      /* 4 KiB, 2 MiB or 1 GiB */
    bool write, user, nx;
    bool global;        /* the leaf's G bit */
    bool upper_open;    /* every upper-level entry on the way is writable and not NX */
};

struct pt_visitor {
    void *ctx;
    void (*leaf)(void *ctx, const struct pt_leaf *leaf);
    /* Each table page (level 4 = the PML4, 3 = PDPT, 2 = PD, 1 = PT), may be NULL. */
    void (*table)(void *ctx, uint64_t phys, int level);
};

/* Visits every table and every present leaf under the PML4 at `pml4_phys`, in address
 * order. `skip_pml4_index` (or -1) names a PML4 entry not to descend into: the recursive
 * entry, which would otherwise present the tables themselves as leaves. */
void pt_walk(uint64_t pml4_phys, int skip_pml4_index, const struct pt_visitor *v);

/* Translates `virt` with the live tables (CR3). False when it is not mapped. */
bool pt_translate(uint64_t virt, struct pt_leaf *out);

/* The canonical form of a 48-bit address. */
static inline uint64_t canonical(uint64_t virt)
{
    return (virt & (1ull << 47)) ? virt | 0xffff000000000000ull : virt & 0x0000ffffffffffffull;
}

#endif /* K_PAGING_H */
