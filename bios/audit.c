/* audit.c: `audit = on` (bootloader/audit.h). Before the kernel and the modules are
 * read, the CRC-32 of every firmware range of the E820 map below 4 GiB (all that 32-bit
 * code can read) and of the option ROMs, and stage 2's own memory, as the text of one
 * more module. */
#include <stdbool.h>

#include "audit.h"
#include "layout.h"
#include "stage2.h"
#include "util.h"

#define MAX_RANGES 512
#define FOUR_GIB 0x100000000ull

static struct eb_audit_range ranges[MAX_RANGES];

/* The option ROMs (the VGA BIOS first), which SeaBIOS's E820 map leaves out: a hole, not
 * RESERVED. Not 0xE0000-0xEFFFF: SeaBIOS keeps working data there and writes it in the
 * boot's BIOS calls (seen with audit = on). */
static const struct elfboot_memmap_entry option_roms = {0xc0000, 0x20000,
                                                        ELFBOOT_MEM_RESERVED, 0};

static bool in_map(const struct eb_physmem *pm, const struct elfboot_memmap_entry *e)
{
    for (uint32_t i = 0; i < pm->count; i++) {
        const struct elfboot_memmap_entry *m = &pm->map[i];
        if (m->base < e->base + e->length && e->base < m->base + m->length)
            return true;
    }
    return false;
}

static const void *read_phys(void *ctx, uint64_t phys, uint64_t size)
{
    (void)ctx, (void)size;
    return (const void *)(uintptr_t)phys; /* flat 32-bit addressing, below 4 GiB */
}

void audit_record(struct eb_physmem *pm, struct handoff_module *module)
{
    size_t n = 0, left_out = 0;
    /* Code, data, stacks, the 64-bit part and the bounce buffer (layout.h). */
    ranges[n++] = (struct eb_audit_range){LOW_MEMORY_START, LOW_MEMORY_END - LOW_MEMORY_START,
                                          EB_AUDIT_LOADER, 0, 0};
    n = eb_audit_firmware_ranges(pm->map, pm->count, FOUR_GIB, ranges, n, MAX_RANGES,
                                 &left_out);
    if (!in_map(pm, &option_roms)) /* else the map's entries there are read */
        n = eb_audit_firmware_ranges(&option_roms, 1, FOUR_GIB, ranges, n, MAX_RANGES,
                                     &left_out);
    /* Allocated before the snapshot: nothing of ours moves after it. */
    size_t size = eb_audit_text(ranges, n, left_out, NULL, 0) + 1; /* no exit on BIOS */
    uint64_t phys = memory_alloc_high(pm, size, ELFBOOT_MEM_MODULES);
    if (!phys)
        die("audit: no memory below 4 GiB for its %u-byte module", (unsigned)size);
    eb_audit_checksum(ranges, n, read_phys, NULL);
    eb_audit_text(ranges, n, left_out, (char *)(uintptr_t)phys, size);
    *module = (struct handoff_module){phys, size - 1, (uintptr_t)EB_AUDIT_MODULE_NAME};
    say("audit: %u ranges recorded (module %s at 0x%llx)", (unsigned)n, EB_AUDIT_MODULE_NAME,
        (unsigned long long)phys);
}
