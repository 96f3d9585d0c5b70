/* longmode.c: the identity map of all RAM, then long mode and the 64-bit part. */
#include <stdbool.h>

#include "core.h"
#include "layout.h"
#include "memmap.h"
#include "stage2.h"
#include "util.h"

#define PTE_PRESENT 0x1ull
#define PTE_WRITE 0x2ull
#define PTE_LARGE 0x80ull /* 2 MiB in a PD, 1 GiB in a PDPT */
#define GIB (1ull << 30)

/* jump64.S: CR3, PAE, EFER.LME (+NXE), paging, then jumps to `entry` in 64-bit mode
 * with RDI = arg. */
__attribute__((noreturn)) void long_mode_jump(uint32_t pml4, uint32_t entry, uint32_t arg,
                                              uint32_t nxe);

extern const uint8_t long64_image[], long64_image_end[]; /* long64.S: the 64-bit part */

static void cpuid(uint32_t leaf, uint32_t *a, uint32_t *d)
{
    uint32_t b, c;
    __asm__ volatile("cpuid" : "=a"(*a), "=b"(b), "=c"(c), "=d"(*d) : "a"(leaf), "c"(0));
}

/* CPUID 80000001h EDX: bit 20 NX, bit 26 1 GiB pages, bit 29 long mode (Intel SDM 2A). */
static uint32_t extended_features(void)
{
    uint32_t a, d;
    cpuid(0x80000000u, &a, &d);
    if (a < 0x80000001u)
        return 0;
    cpuid(0x80000001u, &a, &d);
    return d;
}

/* PML4, PDPTs and (without 1 GiB pages) PDs mapping [0, top) to itself, in one
 * LOADER_RECLAIMABLE allocation. Returns the PML4. */
static uint32_t build_identity_map(struct eb_physmem *pm, uint64_t top, bool gib_pages)
{
    uint32_t gibs = (uint32_t)(top >> 30);
    uint32_t pdpts = (gibs + 511) / 512;
    uint32_t pages = 1 + pdpts + (gib_pages ? 0 : gibs);
    uint64_t base = memory_alloc_high(pm, (uint64_t)pages * EB_PAGE_SIZE,
                                      ELFBOOT_MEM_LOADER_RECLAIMABLE);
    if (!base)
        die("no memory below 4 GiB for %u page-table pages", (unsigned)pages);
    uint64_t *pml4 = (uint64_t *)(uintptr_t)base;
    uint64_t *pdpt = pml4 + 512;
    uint64_t *pd = pdpt + 512 * pdpts;
    memset(pml4, 0, (size_t)pages * EB_PAGE_SIZE);
    for (uint32_t i = 0; i < pdpts; i++)
        pml4[i] = (base + (1 + i) * EB_PAGE_SIZE) | PTE_PRESENT | PTE_WRITE;
    for (uint32_t g = 0; g < gibs; g++) {
        if (gib_pages) {
            pdpt[g] = ((uint64_t)g * GIB) | PTE_PRESENT | PTE_WRITE | PTE_LARGE;
            continue;
        }
        pdpt[g] = ((uint64_t)(uintptr_t)(pd + 512 * g)) | PTE_PRESENT | PTE_WRITE;
        for (uint32_t m = 0; m < 512; m++)
            pd[512 * g + m] = ((uint64_t)g * GIB + ((uint64_t)m << 21)) | PTE_PRESENT |
                              PTE_WRITE | PTE_LARGE;
    }
    return (uint32_t)base;
}

void long_mode_enter(struct eb_physmem *pm, struct handoff *h)
{
    uint32_t features = extended_features();
    if (!(features & (1u << 29)))
        die("this CPU has no long mode (CPUID 80000001h EDX bit 29): it cannot run a "
            "64-bit kernel");
    /* All RAM, and at least the 4 GiB that hold the framebuffer and firmware tables. */
    uint64_t top = eb_memmap_ram_top(pm->map, pm->count);
    if (top < 4 * GIB)
        top = 4 * GIB;
    top = EB_ALIGN_UP(top, GIB);
    uint32_t pml4 = build_identity_map(pm, top, (features >> 26) & 1);

    size_t size = (size_t)(long64_image_end - long64_image);
    memmove((void *)LONG64_ADDR, long64_image, size);

    h->physmem_map = (uintptr_t)pm->map;
    h->physmem_count = pm->count;
    h->physmem_capacity = pm->capacity;
    h->physmem_floor = pm->floor;
    h->console = console;
    long_mode_jump(pml4, LONG64_ADDR, (uintptr_t)h, (features >> 20) & 1);
}
