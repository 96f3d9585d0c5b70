/* paging.c: walking the page tables through the HHDM. */
#include "paging.h"

#include "cpu.h"

static uint64_t hhdm;

void hhdm_set(uint64_t base) { hhdm = base; }
uint64_t hhdm_base(void) { return hhdm; }

/* Bits of the virtual address each level translates: PML4 39, PDPT 30, PD 21, PT 12. */
static unsigned level_shift(int level) { return 12 + 9 * (unsigned)(level - 1); }

struct walk_state {
    const struct pt_visitor *v;
    int skip;
};

static void walk_table(struct walk_state *w, uint64_t table_phys, int level, uint64_t virt_base,
                       bool write, bool user, bool nx, bool open)
{
    const volatile uint64_t *table = phys_to_virt(table_phys);
    if (w->v->table)
        w->v->table(w->v->ctx, table_phys, level);
    for (unsigned i = 0; i < 512; i++) {
        uint64_t e = table[i];
        if (!(e & PTE_PRESENT))
            continue;
        if (level == 4 && (int)i == w->skip)
            continue;
        uint64_t virt = canonical(virt_base | ((uint64_t)i << level_shift(level)));
        bool w2 = write && (e & PTE_WRITE), u2 = user && (e & PTE_USER), nx2 = nx || (e & PTE_NX);
        bool leaf = level == 1 || ((level == 2 || level == 3) && (e & PTE_LARGE));
        if (leaf) {
            uint64_t size = 1ull << level_shift(level);
            /* In large leaves bit 12 is PAT, not an address bit (SDM 3A, table 4-15). */
            struct pt_leaf l = { virt, e & PTE_ADDR & ~(size - 1), size, w2, u2, nx2,
                                 (e & PTE_GLOBAL) != 0, open };
            w->v->leaf(w->v->ctx, &l);
        } else {
            bool open2 = open && (e & PTE_WRITE) && !(e & PTE_NX);
            walk_table(w, e & PTE_ADDR, level - 1, virt, w2, u2, nx2, open2);
        }
    }
}

void pt_walk(uint64_t pml4_phys, int skip_pml4_index, const struct pt_visitor *v)
{
    struct walk_state w = { v, skip_pml4_index };
    walk_table(&w, pml4_phys & PTE_ADDR, 4, 0, true, true, false, true);
}

bool pt_translate(uint64_t virt, struct pt_leaf *out)
{
    uint64_t table = read_cr3() & PTE_ADDR;
    bool write = true, user = true, nx = false, open = true;
    for (int level = 4; level >= 1; level--) {
        unsigned shift = level_shift(level);
        uint64_t e = ((const volatile uint64_t *)phys_to_virt(table))[(virt >> shift) & 511];
        if (!(e & PTE_PRESENT))
            return false;
        write = write && (e & PTE_WRITE);
        user = user && (e & PTE_USER);
        nx = nx || (e & PTE_NX);
        if (level == 1 || ((level == 2 || level == 3) && (e & PTE_LARGE))) {
            uint64_t size = 1ull << shift;
            uint64_t base = e & PTE_ADDR & ~(size - 1);
            *out = (struct pt_leaf){ virt, base + (virt & (size - 1)), size, write, user, nx,
                                     (e & PTE_GLOBAL) != 0, open };
            return true;
        }
        open = open && (e & PTE_WRITE) && !(e & PTE_NX);
        table = e & PTE_ADDR;
    }
    return false;
}
