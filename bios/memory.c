/* memory.c: physical memory for stage 2, from the E820 map (physmem.h). */
#include "core.h"
#include "layout.h"
#include "memmap.h"
#include "stage2.h"
#include "util.h"

/* Firmware rarely reports more than about 100 entries; beyond this many we say so. */
#define RAW_MAX 256
#define MAP_CAPACITY 512 /* normalised entries, with room for every allocation */
#define FOUR_GIB 0x100000000ull

static struct elfboot_memmap_entry raw[RAW_MAX];
static struct elfboot_memmap_entry map[MAP_CAPACITY];

void memory_init(struct eb_physmem *pm)
{
    struct eb_error err;
    uint32_t dropped;
    uint32_t n = e820_read(raw, RAW_MAX, &dropped);
    if (n == 0)
        die("no memory map: the BIOS does not answer INT 15h AX=E820h");
    if (dropped)
        say("memory map: %u E820 entries beyond the first %u ignored", (unsigned)dropped,
            RAW_MAX);
    if (eb_physmem_init(pm, map, MAP_CAPACITY, raw, n, 0x100000, &err) != EB_OK)
        die("%s", err.message);
    /* Our code, stacks, the 64-bit part and the bounce buffer: the kernel may reuse
     * them once it no longer needs what we hand it. */
    if (eb_physmem_claim(pm, LOW_MEMORY_START, LOW_MEMORY_END - LOW_MEMORY_START,
                         ELFBOOT_MEM_LOADER_RECLAIMABLE) != EB_OK)
        die("the E820 map does not report 0x%x-0x%x as usable RAM, where stage 2 runs",
            LOW_MEMORY_START, LOW_MEMORY_END);
    uint64_t total = 0;
    for (uint32_t i = 0; i < pm->count; i++)
        if (eb_memtype_is_ram(pm->map[i].type))
            total += pm->map[i].length;
    char size[32];
    say("memory: %s of RAM in %u E820 entries", eb_format_size(size, sizeof size, total),
        (unsigned)n);
}

uint64_t memory_alloc_high(struct eb_physmem *pm, uint64_t size, uint32_t type)
{
    size = EB_ALIGN_UP(size, EB_PAGE_SIZE);
    for (uint32_t i = pm->count; i-- > 0;) {
        const struct elfboot_memmap_entry *e = &pm->map[i];
        uint64_t base = e->base > pm->floor ? e->base : pm->floor;
        uint64_t end = e->base + e->length;
        if (e->type != ELFBOOT_MEM_USABLE || base >= FOUR_GIB)
            continue;
        if (end > FOUR_GIB)
            end = FOUR_GIB;
        if (end < base + size)
            continue;
        uint64_t at = EB_ALIGN_DOWN(end - size, EB_PAGE_SIZE);
        if (at < base)
            continue;
        return eb_physmem_claim(pm, at, size, type) == EB_OK ? at : 0;
    }
    return 0;
}
