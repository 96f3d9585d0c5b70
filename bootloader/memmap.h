/* memmap.h: physical memory maps in the protocol's form.
 *
 * Firmware maps arrive unsorted, overlapping, unaligned and with empty entries. The
 * frontends convert them to ELFBOOT_MEM_* entries (the eb_memtype_from_* helpers) and
 * eb_memmap_normalise() turns any such list into one that obeys the protocol's rules.
 */
#ifndef EB_MEMMAP_H
#define EB_MEMMAP_H

#include <stddef.h>
#include <stdint.h>

#include "elfboot.h"

/* UEFI frontends allocate with these memory types, so that the firmware's own final map
 * carries the elfboot type of every loader allocation (UEFI 2.10, 7.2: types from
 * 0x80000000 are for OS loaders). */
#define EB_UEFI_TYPE_BASE 0x80000000u
#define EB_UEFI_TYPE(elfboot_type) (EB_UEFI_TYPE_BASE | (elfboot_type))

/* Raw E820 entry as INT 15h AX=E820h returns it (ACPI 6.5, 15.1). */
struct eb_e820_entry {
    uint64_t base;
    uint64_t length;
    uint32_t type;
    uint32_t ext_attributes; /* ACPI 3.0: bit 0 clear means "ignore this entry" */
};
_Static_assert(sizeof(struct eb_e820_entry) == 24, "E820 entries are 24 bytes");

uint32_t eb_memtype_from_e820(uint32_t e820_type);
uint32_t eb_memtype_from_uefi(uint32_t uefi_type);

/* Converts a UEFI memory map (GetMemoryMap's buffer: `map_size` bytes of descriptors
 * `desc_size` bytes apart) in place into ELFBOOT_MEM_* entries at the buffer's start.
 * Returns the number of entries. */
size_t eb_memmap_from_uefi(void *buffer, size_t map_size, size_t desc_size);

/* Strength of a type where entries overlap: the stronger one wins. */
int eb_memtype_rank(uint32_t type);

/* True for types that hold RAM (they raise the HHDM's top). */
int eb_memtype_is_ram(uint32_t type);

/* Normalises `in[0..n)` into `out` (room for `cap` entries; may not alias `in`):
 * sorted, non-overlapping (the stronger type wins), no empty entries, adjacent entries
 * of one type merged, USABLE entries 4 KiB aligned (the cut-off edges become RESERVED).
 * Unknown types count as RESERVED. Returns EB_OK, or EB_ERR_MEMMAP_FULL. */
int eb_memmap_normalise(const struct elfboot_memmap_entry *in, size_t n,
                        struct elfboot_memmap_entry *out, size_t cap, size_t *out_n);

/* The same, over the entries of `in` and then those of `extra`. */
int eb_memmap_normalise_with(const struct elfboot_memmap_entry *in, size_t n,
                             const struct elfboot_memmap_entry *extra, size_t n_extra,
                             struct elfboot_memmap_entry *out, size_t cap, size_t *out_n);

/* End of the highest entry that holds RAM (0 when none). */
uint64_t eb_memmap_ram_top(const struct elfboot_memmap_entry *map, size_t n);

/* Entries `normalise` may need for `n` inputs in the worst case. */
#define EB_MEMMAP_WORST_CASE(n) (4 * (n) + 4)

#endif /* EB_MEMMAP_H */
