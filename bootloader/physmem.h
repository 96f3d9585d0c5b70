/* physmem.h: a physical page allocator over a normalised memory map.
 *
 * The map is the allocator's only state: an allocation turns part of a USABLE entry into
 * an entry of the allocation's type, so the map is always the final memory map. The BIOS
 * frontend and the host tests use it; UEFI frontends allocate from the firmware instead.
 * The struct holds only fixed-size fields, so 32-bit and 64-bit code can share one.
 */
#ifndef EB_PHYSMEM_H
#define EB_PHYSMEM_H

#include <stdint.h>

#include "elfboot.h"
#include "status.h"

struct eb_physmem {
    struct elfboot_memmap_entry *map; /* normalised, sorted */
    uint32_t count;
    uint32_t capacity;
    uint64_t floor;                   /* allocations start at or above this address */
};

/* Normalises `raw` into `storage` and starts allocating above `floor` (BIOS: 1 MiB, to
 * keep conventional memory for the firmware and the loader). */
int eb_physmem_init(struct eb_physmem *pm, struct elfboot_memmap_entry *storage,
                    uint32_t capacity, const struct elfboot_memmap_entry *raw,
                    uint32_t raw_count, uint64_t floor, struct eb_error *err);

/* Lowest fitting address: see struct eb_platform's alloc. Returns 0 on failure. */
uint64_t eb_physmem_alloc(struct eb_physmem *pm, uint64_t size, uint64_t align,
                          uint64_t limit, uint32_t type);

/* See struct eb_platform's claim. */
int eb_physmem_claim(struct eb_physmem *pm, uint64_t phys, uint64_t size, uint32_t type);

#endif /* EB_PHYSMEM_H */
