/* physmem.c: a physical page allocator whose only state is the memory map (physmem.h). */
#include "core.h"
#include "memmap.h"
#include "physmem.h"
#include "util.h"

int eb_physmem_init(struct eb_physmem *pm, struct elfboot_memmap_entry *storage,
                    uint32_t capacity, const struct elfboot_memmap_entry *raw,
                    uint32_t raw_count, uint64_t floor, struct eb_error *err)
{
    size_t n;
    if (eb_memmap_normalise(raw, raw_count, storage, capacity, &n) != EB_OK)
        return eb_fail(err, EB_ERR_MEMMAP_FULL,
                       "memory map: %u firmware entries need more than %u slots",
                       (unsigned)raw_count, (unsigned)capacity);
    pm->map = storage;
    pm->count = (uint32_t)n;
    pm->capacity = capacity;
    pm->floor = floor;
    return EB_OK;
}

static uint64_t end_of(const struct elfboot_memmap_entry *e)
{
    return e->base + e->length;
}

/* Merges neighbours of one type that touch. */
static void merge_all(struct eb_physmem *pm)
{
    uint32_t w = 0;
    for (uint32_t i = 0; i < pm->count; i++) {
        if (w && pm->map[w - 1].type == pm->map[i].type &&
            end_of(&pm->map[w - 1]) == pm->map[i].base)
            pm->map[w - 1].length += pm->map[i].length;
        else
            pm->map[w++] = pm->map[i];
    }
    pm->count = w;
}

/* Gives [base, end), which lies inside entry i, the type `type`. */
static int retype(struct eb_physmem *pm, uint32_t i, uint64_t base, uint64_t end,
                  uint32_t type)
{
    struct elfboot_memmap_entry old = pm->map[i], piece[3];
    uint32_t k = 0;
    if (old.base < base)
        piece[k++] = (struct elfboot_memmap_entry){old.base, base - old.base, old.type, 0};
    piece[k++] = (struct elfboot_memmap_entry){base, end - base, type, 0};
    if (end < end_of(&old))
        piece[k++] = (struct elfboot_memmap_entry){end, end_of(&old) - end, old.type, 0};
    if (pm->count + k - 1 > pm->capacity)
        return EB_ERR_MEMMAP_FULL;
    memmove(&pm->map[i + k], &pm->map[i + 1], (pm->count - i - 1) * sizeof pm->map[0]);
    memcpy(&pm->map[i], piece, k * sizeof piece[0]);
    pm->count += k - 1;
    merge_all(pm);
    return EB_OK;
}

uint64_t eb_physmem_alloc(struct eb_physmem *pm, uint64_t size, uint64_t align,
                          uint64_t limit, uint32_t type)
{
    if (!size || (size & (EB_PAGE_SIZE - 1)) || align < EB_PAGE_SIZE || (align & (align - 1)))
        return 0;
    for (uint32_t i = 0; i < pm->count; i++) {
        const struct elfboot_memmap_entry *e = &pm->map[i];
        if (e->type != ELFBOOT_MEM_USABLE)
            continue;
        uint64_t start = e->base > pm->floor ? e->base : pm->floor;
        uint64_t at = EB_ALIGN_UP(start, align);
        if (at < start || at + size < at) /* wrapped */
            continue;
        if (at + size > end_of(e) || (limit && at + size > limit))
            continue;
        return retype(pm, i, at, at + size, type) == EB_OK ? at : 0;
    }
    return 0;
}

int eb_physmem_claim(struct eb_physmem *pm, uint64_t phys, uint64_t size, uint32_t type)
{
    uint64_t end = phys + size;
    if (end < phys)
        return EB_ERR_NOT_RAM;
    for (uint32_t i = 0; i < pm->count; i++) {
        const struct elfboot_memmap_entry *e = &pm->map[i];
        if (end_of(e) <= phys || e->base >= end)
            continue;
        if (e->type == ELFBOOT_MEM_USABLE && e->base <= phys && end <= end_of(e))
            return retype(pm, i, phys, end, type);
        /* The range is not inside one usable entry: say whose memory is in the way. */
        if (e->type == ELFBOOT_MEM_LOADER_RECLAIMABLE || e->type == ELFBOOT_MEM_KERNEL ||
            e->type == ELFBOOT_MEM_MODULES)
            return EB_ERR_IN_USE;
        if (e->type != ELFBOOT_MEM_USABLE)
            return EB_ERR_NOT_RAM;
    }
    return EB_ERR_NOT_RAM; /* a hole, or partly outside every entry */
}
