/* audit.h: `audit = on` (docs/protocol.md, decisions): evidence for the kernel that the
 * loader never wrote firmware memory.
 *
 * Before it reads the kernel and the modules, a frontend lists the firmware-owned ranges
 * of its memory map (eb_audit_firmware_ranges), takes their CRC-32 (eb_audit_checksum),
 * adds its own memory (kind LOADER), and hands the text (eb_audit_text) to the kernel as
 * one more module, named EB_AUDIT_MODULE_NAME. The kernel reads each range again through
 * the HHDM and compares; it also finds every loader range LOADER_RECLAIMABLE in the final
 * map. One line a range:
 *
 *     firmware 0xBASE 0xLENGTH CRC32      (eb_crc32, crc.h: zlib's; 8 hex digits)
 *     firmware-exit 0xBASE 0xLENGTH CRC32 (changed by ExitBootServices: CRC-32 after it)
 *     loader 0xBASE 0xLENGTH
 *
 * UEFI firmware writes its own runtime data inside ExitBootServices (the system table,
 * UEFI 2.10 7.4.6; EDK2's runtime drivers mark themselves "at runtime"), when no loader
 * code runs. A UEFI frontend therefore takes the CRC-32 once more just before that call
 * (eb_audit_exit_begin) and just after it (eb_audit_exit_end): a range the exit alone
 * changed becomes `firmware-exit` with its CRC-32 from after the exit; a range that
 * changed while the loader loaded keeps its first CRC-32, so the kernel finds it changed.
 */
#ifndef EB_AUDIT_H
#define EB_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "elfboot.h"

#define EB_AUDIT_MODULE_NAME "elfboot-audit"

/* Which firmware ranges are read, and how much of each:
 *  - every ACPI_RECLAIMABLE, ACPI_NVS and FIRMWARE_RUNTIME entry;
 *  - RESERVED entries only below 1 MiB (EBDA, option ROMs, BIOS area): above it they
 *    are mostly device memory, where a read can have side effects;
 *  - at most EB_AUDIT_RANGE_MAX bytes of an entry (its start), in pieces of at most
 *    EB_AUDIT_PIECE bytes, so that a mismatch says which piece changed. */
#define EB_AUDIT_LOW_LIMIT 0x100000ull
#define EB_AUDIT_RANGE_MAX (16ull << 20)
#define EB_AUDIT_PIECE (64ull << 10)

enum eb_audit_kind { EB_AUDIT_FIRMWARE = 1, EB_AUDIT_FIRMWARE_EXIT, EB_AUDIT_LOADER };

struct eb_audit_range {
    uint64_t base, length;
    uint32_t kind;      /* EB_AUDIT_* */
    uint32_t crc;       /* firmware ranges, once eb_audit_checksum has run */
    uint32_t crc_exit;  /* just before ExitBootServices (eb_audit_exit_begin) */
};

/* Reads physical [phys, phys + size) for the audit: a pointer, never NULL. */
typedef const void *(*eb_audit_read_fn)(void *ctx, uint64_t phys, uint64_t size);

/* Appends the firmware ranges of `map[0..n)` (ELFBOOT_MEM_* types, sorted or not) that
 * lie below `limit` (0: no limit; BIOS stage 2 reads only below 4 GiB) to `out`, which
 * holds `count` ranges and has room for `cap`. Returns the new count; ranges beyond
 * `cap` are left out (eb_audit_text says how many). */
size_t eb_audit_firmware_ranges(const struct elfboot_memmap_entry *map, size_t n,
                                uint64_t limit, struct eb_audit_range *out, size_t count,
                                size_t cap, size_t *left_out);

/* Takes the CRC-32 of every firmware range. */
void eb_audit_checksum(struct eb_audit_range *r, size_t n, eb_audit_read_fn read, void *ctx);

/* Around ExitBootServices (see above). exit_begin returns how many ranges changed while
 * the loader loaded; exit_end how many the exit changed. */
size_t eb_audit_exit_begin(struct eb_audit_range *r, size_t n, eb_audit_read_fn read,
                           void *ctx);
size_t eb_audit_exit_end(struct eb_audit_range *r, size_t n, eb_audit_read_fn read,
                         void *ctx);

/* Writes the module's text into buf (NUL-terminated when cap > 0). Returns the length of
 * the whole text, which may exceed cap - 1 (as snprintf): call with cap 0 to size it. */
size_t eb_audit_text(const struct eb_audit_range *r, size_t n, size_t left_out, char *buf,
                     size_t cap);

/* Bytes to allocate for the text before the exit (its NUL included): enough whichever
 * ranges the exit turns into `firmware-exit` lines. */
size_t eb_audit_text_room(const struct eb_audit_range *r, size_t n, size_t left_out);

#endif /* EB_AUDIT_H */
