/* audit.c: the firmware ranges of a memory map, their CRC-32, the audit module's text
 * (audit.h). Pure: the frontends read memory for it and place the text. */
#include <stdbool.h>

#include "audit.h"
#include "crc.h"
#include "util.h"

/* The firmware's own memory: what the loader must never write. */
static bool is_firmware_type(uint32_t type)
{
    return type == ELFBOOT_MEM_ACPI_RECLAIMABLE || type == ELFBOOT_MEM_ACPI_NVS ||
           type == ELFBOOT_MEM_FIRMWARE_RUNTIME || type == ELFBOOT_MEM_RESERVED;
}

size_t eb_audit_firmware_ranges(const struct elfboot_memmap_entry *map, size_t n,
                                uint64_t limit, struct eb_audit_range *out, size_t count,
                                size_t cap, size_t *left_out)
{
    for (size_t i = 0; i < n; i++) {
        uint64_t base = map[i].base, end = map[i].base + map[i].length;
        if (!is_firmware_type(map[i].type) || end <= base)
            continue;
        if (map[i].type == ELFBOOT_MEM_RESERVED && end > EB_AUDIT_LOW_LIMIT)
            end = EB_AUDIT_LOW_LIMIT; /* device memory above: reads may have effects */
        if (limit && end > limit)
            end = limit;
        if (end <= base)
            continue;
        if (end - base > EB_AUDIT_RANGE_MAX)
            end = base + EB_AUDIT_RANGE_MAX;
        for (; base < end; base += EB_AUDIT_PIECE) {
            uint64_t length = end - base < EB_AUDIT_PIECE ? end - base : EB_AUDIT_PIECE;
            if (count == cap) {
                ++*left_out;
                continue;
            }
            out[count++] = (struct eb_audit_range){base, length, EB_AUDIT_FIRMWARE, 0, 0};
        }
    }
    return count;
}

static uint32_t crc_of(const struct eb_audit_range *r, eb_audit_read_fn read, void *ctx)
{
    return eb_crc32(0, read(ctx, r->base, r->length), (size_t)r->length);
}

void eb_audit_checksum(struct eb_audit_range *r, size_t n, eb_audit_read_fn read, void *ctx)
{
    for (size_t i = 0; i < n; i++)
        if (r[i].kind == EB_AUDIT_FIRMWARE)
            r[i].crc = crc_of(&r[i], read, ctx);
}

size_t eb_audit_exit_begin(struct eb_audit_range *r, size_t n, eb_audit_read_fn read,
                           void *ctx)
{
    size_t changed = 0;
    for (size_t i = 0; i < n; i++) {
        if (r[i].kind != EB_AUDIT_FIRMWARE)
            continue;
        r[i].crc_exit = crc_of(&r[i], read, ctx);
        changed += r[i].crc_exit != r[i].crc;
    }
    return changed;
}

size_t eb_audit_exit_end(struct eb_audit_range *r, size_t n, eb_audit_read_fn read,
                         void *ctx)
{
    size_t changed = 0;
    for (size_t i = 0; i < n; i++) {
        if (r[i].kind != EB_AUDIT_FIRMWARE || r[i].crc_exit != r[i].crc)
            continue; /* a change while loading stays visible to the kernel */
        uint32_t after = crc_of(&r[i], read, ctx);
        if (after != r[i].crc_exit) {
            r[i].kind = EB_AUDIT_FIRMWARE_EXIT;
            r[i].crc = after;
            changed++;
        }
    }
    return changed;
}

static size_t format(const struct eb_audit_range *r, size_t n, size_t left_out, char *buf,
                     size_t cap, bool all_exit)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        char *at = len < cap ? buf + len : NULL;
        size_t room = len < cap ? cap - len : 0;
        unsigned long long base = r[i].base, length = r[i].length;
        if (r[i].kind == EB_AUDIT_LOADER)
            len += eb_snprintf(at, room, "loader 0x%llx 0x%llx\n", base, length);
        else
            len += eb_snprintf(at, room, "%s 0x%llx 0x%llx %08x\n",
                               r[i].kind == EB_AUDIT_FIRMWARE_EXIT || all_exit
                                   ? "firmware-exit" : "firmware",
                               base, length, (unsigned)r[i].crc);
    }
    /* A partial audit must not pass for a whole one: the kernel fails on this line. */
    if (left_out)
        len += eb_snprintf(len < cap ? buf + len : NULL, len < cap ? cap - len : 0,
                           "incomplete %llu ranges not recorded\n",
                           (unsigned long long)left_out);
    return len;
}

size_t eb_audit_text(const struct eb_audit_range *r, size_t n, size_t left_out, char *buf,
                     size_t cap)
{
    return format(r, n, left_out, buf, cap, false);
}

size_t eb_audit_text_room(const struct eb_audit_range *r, size_t n, size_t left_out)
{
    return format(r, n, left_out, NULL, 0, true) + 1;
}
