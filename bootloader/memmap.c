/* memmap.c: firmware memory maps -> the protocol's normalised map. */
#include "core.h"
#include "memmap.h"
#include "util.h"

/* Where entries overlap, the higher rank wins: firmware-owned and non-RAM types beat
 * the loader's allocations, which beat plain usable RAM. */
static const int type_rank[] = {
    [ELFBOOT_MEM_USABLE] = 0,
    [ELFBOOT_MEM_LOADER_RECLAIMABLE] = 1,
    [ELFBOOT_MEM_MODULES] = 2,
    [ELFBOOT_MEM_KERNEL] = 3,
    [ELFBOOT_MEM_ACPI_RECLAIMABLE] = 4,
    [ELFBOOT_MEM_ACPI_NVS] = 5,
    [ELFBOOT_MEM_FIRMWARE_RUNTIME] = 6,
    [ELFBOOT_MEM_RESERVED] = 7,
    [ELFBOOT_MEM_FRAMEBUFFER] = 8,
    [ELFBOOT_MEM_BAD] = 9,
};
static const uint32_t type_by_rank[] = {
    ELFBOOT_MEM_USABLE,          ELFBOOT_MEM_LOADER_RECLAIMABLE, ELFBOOT_MEM_MODULES,
    ELFBOOT_MEM_KERNEL,          ELFBOOT_MEM_ACPI_RECLAIMABLE,   ELFBOOT_MEM_ACPI_NVS,
    ELFBOOT_MEM_FIRMWARE_RUNTIME, ELFBOOT_MEM_RESERVED,          ELFBOOT_MEM_FRAMEBUFFER,
    ELFBOOT_MEM_BAD,
};

static uint32_t known_type(uint32_t type)
{
    return type >= ELFBOOT_MEM_USABLE && type <= ELFBOOT_MEM_FIRMWARE_RUNTIME
               ? type
               : ELFBOOT_MEM_RESERVED;
}

int eb_memtype_rank(uint32_t type)
{
    return type_rank[known_type(type)];
}

int eb_memtype_is_ram(uint32_t type)
{
    switch (type) {
    case ELFBOOT_MEM_USABLE:
    case ELFBOOT_MEM_ACPI_RECLAIMABLE:
    case ELFBOOT_MEM_ACPI_NVS:
    case ELFBOOT_MEM_LOADER_RECLAIMABLE:
    case ELFBOOT_MEM_KERNEL:
    case ELFBOOT_MEM_MODULES:
    case ELFBOOT_MEM_FIRMWARE_RUNTIME:
        return 1;
    default:
        return 0;
    }
}

uint32_t eb_memtype_from_e820(uint32_t e820_type)
{
    switch (e820_type) { /* ACPI 6.5, table 15.1 */
    case 1: return ELFBOOT_MEM_USABLE;
    case 3: return ELFBOOT_MEM_ACPI_RECLAIMABLE;
    case 4: return ELFBOOT_MEM_ACPI_NVS;
    case 5: return ELFBOOT_MEM_BAD;
    default: return ELFBOOT_MEM_RESERVED; /* 2, 6 (disabled), 7 (persistent), others */
    }
}

uint32_t eb_memtype_from_uefi(uint32_t uefi_type)
{
    if (uefi_type >= EB_UEFI_TYPE_BASE)
        return known_type(uefi_type - EB_UEFI_TYPE_BASE);
    switch (uefi_type) { /* UEFI 2.10, table 7.10 */
    case 1:  /* EfiLoaderCode */
    case 2:  /* EfiLoaderData */
        return ELFBOOT_MEM_LOADER_RECLAIMABLE;
    case 3:  /* EfiBootServicesCode: free once boot services have exited */
    case 4:  /* EfiBootServicesData */
    case 7:  /* EfiConventionalMemory */
        return ELFBOOT_MEM_USABLE;
    case 5:  /* EfiRuntimeServicesCode */
    case 6:  /* EfiRuntimeServicesData */
        return ELFBOOT_MEM_FIRMWARE_RUNTIME;
    case 8:  /* EfiUnusableMemory: errors were detected */
        return ELFBOOT_MEM_BAD;
    case 9:  return ELFBOOT_MEM_ACPI_RECLAIMABLE;
    case 10: return ELFBOOT_MEM_ACPI_NVS;
    default: /* reserved, MMIO, MMIO port space, PAL code, persistent, unaccepted */
        return ELFBOOT_MEM_RESERVED;
    }
}

size_t eb_memmap_from_uefi(void *buffer, size_t map_size, size_t desc_size)
{
    /* EFI_MEMORY_DESCRIPTOR: Type (u32), padding, PhysicalStart, VirtualStart,
     * NumberOfPages, Attribute (u64 each); desc_size may exceed its 40 bytes. */
    if (desc_size < 40)
        return 0;
    unsigned char *bytes = buffer;
    size_t count = map_size / desc_size;
    for (size_t i = 0; i < count; i++) {
        uint32_t type;
        uint64_t start, pages;
        memcpy(&type, bytes + i * desc_size, 4);
        memcpy(&start, bytes + i * desc_size + 8, 8);
        memcpy(&pages, bytes + i * desc_size + 24, 8);
        /* Entry i is written at or before descriptor i's bytes, after reading them. */
        struct elfboot_memmap_entry e = {
            .base = start,
            .length = pages > (UINT64_MAX >> 12) ? UINT64_MAX : pages << 12,
            .type = eb_memtype_from_uefi(type),
        };
        memcpy(bytes + i * sizeof e, &e, sizeof e);
    }
    return count;
}

/* Exclusive end, clamped to the last address when base + length wraps around (such an
 * entry loses its last byte, which no machine has as memory). */
static uint64_t entry_end(const struct elfboot_memmap_entry *e)
{
    uint64_t end = e->base + e->length;
    return end < e->base ? UINT64_MAX : end;
}

/* Appends [base, end) of `type`, merged into the last entry when they touch. */
static int append(struct elfboot_memmap_entry *out, size_t cap, size_t *n, uint64_t base,
                  uint64_t end, uint32_t type)
{
    if (end <= base)
        return EB_OK;
    if (*n && out[*n - 1].type == type && out[*n - 1].base + out[*n - 1].length == base) {
        out[*n - 1].length += end - base;
        return EB_OK;
    }
    if (*n >= cap)
        return EB_ERR_MEMMAP_FULL;
    out[(*n)++] = (struct elfboot_memmap_entry){base, end - base, type, 0};
    return EB_OK;
}

/* Sweeps the address space from boundary to boundary; each stretch takes the strongest
 * type covering it. O(n^2), which is nothing for the few hundred entries firmware gives,
 * and needs no memory beyond `out`. */
struct input {
    const struct elfboot_memmap_entry *in, *extra;
    size_t n, n_extra;
};

static const struct elfboot_memmap_entry *input_at(const struct input *x, size_t i)
{
    return i < x->n ? &x->in[i] : &x->extra[i - x->n];
}

static int resolve_overlaps(const struct input *x, struct elfboot_memmap_entry *out,
                            size_t cap, size_t *out_n)
{
    uint64_t cur = 0;
    *out_n = 0;
    for (;;) {
        uint64_t next = 0;
        int found_next = 0, best = -1;
        for (size_t i = 0; i < x->n + x->n_extra; i++) {
            const struct elfboot_memmap_entry *e = input_at(x, i);
            uint64_t base = e->base, end = entry_end(e);
            if (end <= base)
                continue;
            if (base <= cur && cur < end) {
                int rank = eb_memtype_rank(e->type);
                if (rank > best)
                    best = rank;
                if (!found_next || end < next)
                    next = end, found_next = 1;
            } else if (base > cur && (!found_next || base < next)) {
                next = base, found_next = 1;
            }
        }
        if (!found_next)
            return EB_OK;
        if (best >= 0) {
            int rc = append(out, cap, out_n, cur, next, type_by_rank[best]);
            if (rc)
                return rc;
        }
        cur = next;
    }
}

/* How many entries `e` becomes once USABLE is page aligned: its cut edges turn RESERVED. */
static size_t split_usable(const struct elfboot_memmap_entry *e,
                           struct elfboot_memmap_entry piece[3])
{
    uint64_t base = e->base, end = e->base + e->length;
    if (e->type != ELFBOOT_MEM_USABLE) {
        piece[0] = *e;
        return 1;
    }
    uint64_t abase = EB_ALIGN_UP(base, EB_PAGE_SIZE), aend = EB_ALIGN_DOWN(end, EB_PAGE_SIZE);
    if (abase < base || abase >= aend) { /* less than one whole page */
        piece[0] = (struct elfboot_memmap_entry){base, end - base, ELFBOOT_MEM_RESERVED, 0};
        return 1;
    }
    size_t k = 0;
    if (base < abase)
        piece[k++] = (struct elfboot_memmap_entry){base, abase - base, ELFBOOT_MEM_RESERVED, 0};
    piece[k++] = (struct elfboot_memmap_entry){abase, aend - abase, ELFBOOT_MEM_USABLE, 0};
    if (aend < end)
        piece[k++] = (struct elfboot_memmap_entry){aend, end - aend, ELFBOOT_MEM_RESERVED, 0};
    return k;
}

int eb_memmap_normalise(const struct elfboot_memmap_entry *in, size_t n,
                        struct elfboot_memmap_entry *out, size_t cap, size_t *out_n)
{
    return eb_memmap_normalise_with(in, n, NULL, 0, out, cap, out_n);
}

int eb_memmap_normalise_with(const struct elfboot_memmap_entry *in, size_t n,
                             const struct elfboot_memmap_entry *extra, size_t n_extra,
                             struct elfboot_memmap_entry *out, size_t cap, size_t *out_n)
{
    const struct input x = {in, extra, n, n_extra};
    size_t count;
    int rc = resolve_overlaps(&x, out, cap, &count);
    if (rc)
        return rc;

    /* Align USABLE entries: expand from the back into the room at the end of `out`
     * (entry i's pieces land at or after index i), then merge forward. */
    struct elfboot_memmap_entry piece[3];
    size_t pieces = 0;
    for (size_t i = 0; i < count; i++)
        pieces += split_usable(&out[i], piece);
    if (pieces > cap)
        return EB_ERR_MEMMAP_FULL;
    size_t w = pieces;
    for (size_t i = count; i-- > 0;) {
        size_t k = split_usable(&out[i], piece);
        while (k)
            out[--w] = piece[--k];
    }
    size_t merged = 0;
    for (size_t i = 0; i < pieces; i++) {
        struct elfboot_memmap_entry e = out[i];
        rc = append(out, cap, &merged, e.base, e.base + e.length, e.type);
        if (rc)
            return rc;
    }
    *out_n = merged;
    return EB_OK;
}

uint64_t eb_memmap_ram_top(const struct elfboot_memmap_entry *map, size_t n)
{
    uint64_t top = 0;
    for (size_t i = 0; i < n; i++)
        if (eb_memtype_is_ram(map[i].type) && map[i].length && entry_end(&map[i]) > top)
            top = entry_end(&map[i]);
    return top;
}
