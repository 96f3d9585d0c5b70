/* audit.c: the loaders never write firmware memory (`audit = on` in elfboot.cfg, and
 * `audit=on` on the command line to tell us). The loader then hands over one more
 * module, last, named "elfboot-audit" (bootloader/audit.h): the firmware ranges it read
 * before it read the kernel, each with its CRC-32 (for the ranges UEFI's
 * ExitBootServices changed, `firmware-exit`, the one after that), and its own memory.
 * Here:
 *   - each firmware range, read again through the HHDM, has the same CRC-32, and no
 *     entry of the final map gives any of it another type;
 *   - the audit covers every firmware range of the final map (it skipped none);
 *   - each loader range is LOADER_RECLAIMABLE in the final map;
 * and firmware.c checks, as in every boot, that the ACPI tables pass their checksums. */
#include "check.h"
#include "cmdline.h"
#include "conformance.h"
#include "crc32.h"
#include "kstring.h"
#include "paging.h"

#define AUDIT_MODULE "elfboot-audit"
/* The loaders' rules for what they read (bootloader/audit.h), for the coverage check. */
#define LOW_LIMIT (1 * MiB)
#define RANGE_MAX (16 * MiB)
#define MAX_RANGES 1024
#define EXAMPLES 4

struct range {
    uint64_t base, length;
    uint32_t crc;
    bool firmware;
    bool at_exit;  /* `firmware-exit`: changed by UEFI's ExitBootServices */
};

static struct range ranges[MAX_RANGES];
static unsigned range_count;

static const struct elfboot_memmap_entry *map_entry(uint64_t i)
{
    return &((const struct elfboot_memmap_entry *)conf.info->memmap)[i];
}

static bool is_firmware_type(uint32_t type)
{
    return type == ELFBOOT_MEM_ACPI_RECLAIMABLE || type == ELFBOOT_MEM_ACPI_NVS ||
           type == ELFBOOT_MEM_FIRMWARE_RUNTIME || type == ELFBOOT_MEM_RESERVED;
}

/* The module: the last one, by its name. NULL (and a FAIL) when it is not there. */
static const struct elfboot_module *find_module(void)
{
    const struct elfboot_info *info = conf.info;
    const struct elfboot_module *m = (const struct elfboot_module *)info->modules;
    if (!info->module_count || !is_hhdm(info->modules, info->module_count * sizeof *m)) {
        check_fail("audit.module", "no modules at all");
        return 0;
    }
    const struct elfboot_module *last = &m[info->module_count - 1];
    const char *name = is_hhdm_string(last->name, 64) ? (const char *)last->name : "?";
    if (!check(!strcmp(name, AUDIT_MODULE) && is_hhdm(last->virt, last->size) && last->size,
               "audit.module", "the last module is \"%s\" (%lu bytes), expected \"%s\"", name,
               last->size, AUDIT_MODULE))
        return 0;
    return last;
}

/* One line: `firmware 0xBASE 0xLENGTH CRC32`, the same with `firmware-exit`,
 * `loader 0xBASE 0xLENGTH`, or `incomplete N ...` (the loader ran out of room: a
 * failure). */
static bool parse_line(const char *line, const char *end, unsigned *incomplete)
{
    char text[96];
    size_t len = (size_t)(end - line);
    if (len >= sizeof text)
        return false;
    memcpy(text, line, len);
    text[len] = '\0';
    const char *p = text;
    struct range r = { 0 };
    if (!strncmp(p, "incomplete ", 11)) {
        ++*incomplete;
        check_note("audit: \"%s\"", text);
        return true;
    }
    if (!strncmp(p, "firmware ", 9))
        r.firmware = true, p += 9;
    else if (!strncmp(p, "firmware-exit ", 14))
        r.firmware = r.at_exit = true, p += 14;
    else if (!strncmp(p, "loader ", 7))
        p += 7;
    else
        return false;
    if (!parse_u64(&p, &r.base) || *p++ != ' ' || !parse_u64(&p, &r.length) || !r.length)
        return false;
    if (r.firmware && (*p++ != ' ' || !parse_hex32(p, &r.crc)))
        return false;
    if (!r.firmware && *p)
        return false;
    if (range_count == MAX_RANGES)
        return false;
    ranges[range_count++] = r;
    return true;
}

/* The text ends at the module's end or at a NUL (UEFI sizes the module before the exit,
 * for its longest text). */
static bool parse_module(const struct elfboot_module *m)
{
    const char *text = (const char *)m->virt, *end = text + strnlen(text, m->size);
    unsigned bad = 0, incomplete = 0, firmware = 0, at_exit = 0;
    for (const char *line = text; line < end;) {
        const char *eol = line;
        while (eol < end && *eol != '\n')
            eol++;
        if (!parse_line(line, eol, &incomplete) && bad++ == 0)
            check_note("unreadable line at offset %lu", (uint64_t)(line - text));
        line = eol + 1;
    }
    for (unsigned i = 0; i < range_count; i++)
        firmware += ranges[i].firmware, at_exit += ranges[i].at_exit;
    check_note("audit: %u firmware ranges (ExitBootServices changed %u), %u loader ranges",
               firmware, at_exit, range_count - firmware);
    check(incomplete == 0, "audit.complete-record", "the loader had no room for every range");
    check(at_exit == 0 || conf.info->firmware == ELFBOOT_FIRMWARE_UEFI, "audit.exit-on-uefi",
          "%u `firmware-exit` ranges on a BIOS boot, which has no ExitBootServices", at_exit);
    return check(bad == 0 && firmware > 0 && firmware < range_count, "audit.format",
                 "%u unreadable lines, %u firmware and %u loader ranges (expected some of "
                 "each)", bad, firmware, range_count - firmware);
}

/* No byte of [base, base + length) in an entry of another type than the firmware's
 * (a hole in the map, such as the BIOS's option ROMs, is no one's to use either). */
static bool still_firmware(uint64_t base, uint64_t length)
{
    for (uint64_t i = 0; i < conf.info->memmap_count; i++) {
        const struct elfboot_memmap_entry *e = map_entry(i);
        if (e->base < base + length && base < e->base + e->length &&
            !is_firmware_type(e->type))
            return false;
    }
    return true;
}

static void check_firmware_ranges(void)
{
    unsigned changed = 0, unreadable = 0, moved = 0;
    for (unsigned i = 0; i < range_count; i++) {
        const struct range *r = &ranges[i];
        if (!r->firmware)
            continue;
        if (r->base >= conf.top || r->length > conf.top - r->base) {
            unreadable++;
            continue;
        }
        uint32_t crc = crc32(0, phys_to_virt(r->base), r->length);
        if (crc != r->crc && changed++ < EXAMPLES)
            check_note("changed: [0x%lx, 0x%lx) %s: CRC-32 %08x, the loader saw %08x", r->base,
                       r->base + r->length, memmap_type_name(memmap_type_of(r->base, 1)), crc,
                       r->crc);
        if (!still_firmware(r->base, r->length) && moved++ < EXAMPLES)
            check_note("no longer firmware memory: [0x%lx, 0x%lx) is %s", r->base,
                       r->base + r->length, memmap_type_name(memmap_type_of(r->base, 1)));
    }
    check(changed == 0 && unreadable == 0, "audit.firmware-unchanged", "%u ranges changed "
          "since the loader started, %u are outside the HHDM", changed, unreadable);
    check(moved == 0, "audit.firmware-kept", "%u ranges are no longer firmware memory in the "
          "final map", moved);
}

/* [base, end) is inside the audit's firmware ranges. */
static bool recorded(uint64_t base, uint64_t end)
{
    while (base < end) {
        unsigned i;
        for (i = 0; i < range_count; i++)
            if (ranges[i].firmware && ranges[i].base <= base &&
                base < ranges[i].base + ranges[i].length)
                break;
        if (i == range_count)
            return false;
        base = ranges[i].base + ranges[i].length;
    }
    return true;
}

/* The loader read every firmware range of the final map it should have (audit.h's
 * rules: RESERVED below 1 MiB only, 16 MiB of an entry at most; BIOS stage 2 reads
 * below 4 GiB only). */
static void check_coverage(void)
{
    uint64_t limit = conf.info->firmware == ELFBOOT_FIRMWARE_BIOS ? 4 * GiB : ~0ull;
    unsigned missed = 0;
    for (uint64_t i = 0; i < conf.info->memmap_count; i++) {
        const struct elfboot_memmap_entry *e = map_entry(i);
        uint64_t end = e->base + e->length;
        if (!is_firmware_type(e->type))
            continue;
        if (e->type == ELFBOOT_MEM_RESERVED && end > LOW_LIMIT)
            end = LOW_LIMIT;
        if (end > limit)
            end = limit;
        if (end > e->base && end - e->base > RANGE_MAX)
            end = e->base + RANGE_MAX;
        if (end > e->base && !recorded(e->base, end) && missed++ < EXAMPLES)
            check_note("not recorded: [0x%lx, 0x%lx) %s", e->base, end,
                       memmap_type_name(e->type));
    }
    check(missed == 0, "audit.covers-firmware", "%u firmware ranges of the final map are not "
          "in the audit", missed);
}

static void check_loader_ranges(void)
{
    unsigned wrong = 0;
    for (unsigned i = 0; i < range_count; i++) {
        const struct range *r = &ranges[i];
        uint32_t type = memmap_type_of(page_down(r->base), page_up(r->base + r->length) -
                                                               page_down(r->base));
        if (r->firmware || type == ELFBOOT_MEM_LOADER_RECLAIMABLE)
            continue;
        if (wrong++ < EXAMPLES)
            check_note("loader memory [0x%lx, 0x%lx) is %s", r->base, r->base + r->length,
                       type ? memmap_type_name(type) : "in no single entry");
    }
    check(wrong == 0, "audit.loader-reclaimable", "%u of the loader's ranges are not "
          "loader-reclaimable in the final map", wrong);
}

void check_audit(void)
{
    if (!conf.expect.audit)
        return;
    const struct elfboot_module *m = find_module();
    if (!m || !parse_module(m))
        return;
    check_firmware_ranges();
    check_coverage();
    check_loader_ranges();
}
