/* paging.c: the kernel's 4-level page tables (Intel SDM vol. 3A, 4.5).
 *
 * One mapper, eb_map(), used for everything: it picks the largest page that alignment
 * and size allow (up to max_level: 1 = 4 KiB, 2 = 2 MiB, 3 = 1 GiB), and with
 * keep_existing only fills holes, so that mappings made first (the kernel's segments)
 * win over the identity map made after them. */
#include "elf64.h"
#include "loader.h"
#include "util.h"

static uint64_t page_size(unsigned level)
{
    return 1ull << (12 + 9 * (level - 1));
}

static unsigned index_at(uint64_t virt, unsigned level)
{
    return (virt >> (12 + 9 * (level - 1))) & 511;
}

uint64_t eb_alloc_table(const struct eb_platform *p)
{
    uint64_t phys = p->alloc(p->ctx, EB_PAGE_SIZE, EB_PAGE_SIZE, 0,
                             ELFBOOT_MEM_LOADER_RECLAIMABLE);
    if (phys)
        eb_phys_zero(p, phys, EB_PAGE_SIZE);
    return phys;
}

static uint64_t *table_at(const struct eb_platform *p, uint64_t phys)
{
    return p->phys_ptr(p->ctx, phys, EB_PAGE_SIZE);
}

enum slot_result { SLOT_OK, SLOT_COVERED, SLOT_NO_MEMORY };

/* The entry for `virt` at `level`, creating the tables above it. SLOT_COVERED: a large
 * page above already maps virt; *covered is how many bytes of it remain from virt. */
static enum slot_result find_slot(const struct eb_platform *p, uint64_t pml4, uint64_t virt,
                                  unsigned level, uint64_t **slot, uint64_t *covered)
{
    uint64_t table = pml4;
    for (unsigned l = 4; l > level; l--) {
        uint64_t *e = &table_at(p, table)[index_at(virt, l)];
        if (!(*e & EB_PTE_PRESENT)) {
            uint64_t t = eb_alloc_table(p);
            if (!t)
                return SLOT_NO_MEMORY;
            /* Upper levels allow everything; the leaf decides (SDM 4.6: rights combine). */
            *e = t | EB_PTE_PRESENT | EB_PTE_WRITE;
        } else if (*e & EB_PTE_LARGE) {
            *covered = page_size(l) - (virt & (page_size(l) - 1));
            return SLOT_COVERED;
        }
        table = *e & EB_PTE_ADDR;
    }
    *slot = &table_at(p, table)[index_at(virt, level)];
    return SLOT_OK;
}

int eb_map(const struct eb_platform *p, uint64_t pml4, uint64_t virt, uint64_t phys,
           uint64_t size, uint64_t flags, unsigned max_level, bool keep_existing,
           struct eb_error *err)
{
    while (size) {
        unsigned level = max_level;
        while (level > 1 && ((virt | phys) & (page_size(level) - 1) || size < page_size(level)))
            level--;
        uint64_t *slot, step = page_size(level);
        switch (find_slot(p, pml4, virt, level, &slot, &step)) {
        case SLOT_NO_MEMORY:
            return eb_fail(err, EB_ERR_NO_MEMORY, "out of memory for page tables");
        case SLOT_COVERED:
            if (!keep_existing)
                goto conflict;
            break;
        case SLOT_OK:
            if (!(*slot & EB_PTE_PRESENT)) {
                *slot = phys | flags | EB_PTE_PRESENT | (level > 1 ? EB_PTE_LARGE : 0);
            } else if (!keep_existing) {
                goto conflict;
            } else if (level > 1 && !(*slot & EB_PTE_LARGE)) {
                /* A table below: some pages are taken; fill the rest with smaller pages. */
                int rc = eb_map(p, pml4, virt, phys, step, flags, level - 1, true, err);
                if (rc)
                    return rc;
            }
            break;
        }
        if (step > size)
            step = size;
        virt += step, phys += step, size -= step;
    }
    return EB_OK;
conflict:
    return eb_fail(err, EB_ERR_BAD_ADDRESS,
                   "virtual address 0x%llx is mapped twice (internal error)",
                   (unsigned long long)virt);
}

/* Page-table flags for the kernel page at `page` (link-time + slide): every segment that
 * touches the page contributes. A page whose loaded bytes all lie in PT_GNU_RELRO loses
 * write access: linkers start RELRO mid-page but end it on a page boundary, and the
 * bytes before it in its first page belong to no segment. */
static uint64_t kernel_page_flags(const struct eb_kernel *k, const struct eb_layout *L,
                                  uint64_t page)
{
    uint32_t pf = 0;
    bool all_relro = k->relro_size != 0;
    uint64_t r0 = k->relro_vaddr + L->slide, r1 = r0 + k->relro_size;
    for (uint32_t i = 0; i < k->segment_count; i++) {
        const struct eb_segment *s = &k->segments[i];
        uint64_t start = s->vaddr + L->slide, end = start + s->memsz;
        uint64_t lo = start > page ? start : page;
        uint64_t hi = end < page + EB_PAGE_SIZE ? end : page + EB_PAGE_SIZE;
        if (lo >= hi)
            continue;
        pf |= s->flags;
        if (lo < r0 || hi > r1)
            all_relro = false;
    }
    if (all_relro)
        pf &= ~PF_W;
    return (pf & PF_W ? EB_PTE_WRITE : 0) | (pf & PF_X ? 0 : EB_PTE_NX);
}

/* Maps the segments in runs of pages with equal flags and contiguous physical memory. */
static int map_kernel(const struct eb_platform *p, const struct eb_kernel *k,
                      const struct eb_layout *L, struct eb_error *err)
{
    for (uint32_t i = 0; i < k->segment_count; i++) {
        const struct eb_segment *s = &k->segments[i];
        uint64_t page = EB_ALIGN_DOWN(s->vaddr + L->slide, EB_PAGE_SIZE);
        uint64_t end = EB_ALIGN_UP(s->vaddr + L->slide + s->memsz, EB_PAGE_SIZE);
        if (i && page < EB_ALIGN_UP(k->segments[i - 1].vaddr + L->slide + k->segments[i - 1].memsz,
                                    EB_PAGE_SIZE))
            page += EB_PAGE_SIZE; /* shared with the previous segment: already mapped */
        while (page < end) {
            uint64_t flags = kernel_page_flags(k, L, page), run = page + EB_PAGE_SIZE;
            while (run < end && kernel_page_flags(k, L, run) == flags)
                run += EB_PAGE_SIZE;
            int rc = eb_map(p, L->pml4_phys, page, eb_kernel_phys_of(k, L, page), run - page,
                            flags, 2, false, err);
            if (rc)
                return rc;
            page = run;
        }
    }
    return EB_OK;
}

int eb_build_page_tables(const struct eb_platform *p, const struct eb_kernel *k,
                         struct eb_layout *L, struct eb_error *err)
{
    const uint64_t data = EB_PTE_WRITE | EB_PTE_NX;
    unsigned big = p->has_1g_pages ? 3 : 2;
    int rc;
    if (!(L->pml4_phys = eb_alloc_table(p)))
        return eb_fail(err, EB_ERR_NO_MEMORY, "out of memory for page tables");
    if ((rc = map_kernel(p, k, L, err)))
        return rc;
    if ((rc = eb_map(p, L->pml4_phys, L->hhdm_base, 0, L->hhdm_top, data, big, false, err)))
        return rc;
    if (!(k->req_flags & ELFBOOT_REQ_NO_IDENTITY_MAP) &&
        (rc = eb_map(p, L->pml4_phys, EB_PAGE_SIZE, EB_PAGE_SIZE, L->hhdm_top - EB_PAGE_SIZE,
                     data, big, true, err)))
        return rc;
    if (L->fb_size && L->fb_phys + L->fb_size > L->hhdm_top &&
        (rc = eb_map(p, L->pml4_phys, L->hhdm_base + L->fb_phys, L->fb_phys, L->fb_size, data,
                     2, true, err)))
        return rc;
    if ((rc = eb_map(p, L->pml4_phys, L->stack_bottom, L->stack_phys, L->stack_size, data, 1,
                     false, err)))
        return rc;
    if (L->recursive_slot >= 0)
        table_at(p, L->pml4_phys)[L->recursive_slot] =
            L->pml4_phys | EB_PTE_PRESENT | EB_PTE_WRITE | EB_PTE_NX;
    return EB_OK;
}
