/* memmap.c: the memory map's rules (docs/protocol.md, "Memory map rules"), the RAM it
 * reports against QEMU's -m, and the HHDM top it implies. */
#include "check.h"
#include "conformance.h"
#include "paging.h"

static const struct elfboot_memmap_entry *entries(void)
{
    return (const struct elfboot_memmap_entry *)conf.info->memmap;
}

static uint64_t entry_end(const struct elfboot_memmap_entry *e) { return e->base + e->length; }

bool memmap_type_is_ram(uint32_t type)
{
    return type != ELFBOOT_MEM_RESERVED && type != ELFBOOT_MEM_BAD &&
           type != ELFBOOT_MEM_FRAMEBUFFER;
}

const char *memmap_type_name(uint32_t type)
{
    static const char *const names[] = {
        "?", "usable", "reserved", "acpi-reclaimable", "acpi-nvs", "bad",
        "loader-reclaimable", "kernel", "modules", "framebuffer", "firmware-runtime",
    };
    return type < sizeof names / sizeof names[0] ? names[type] : "unknown";
}

/* top = max(4 GiB, end of the highest RAM entry), rounded up to 1 GiB. */
uint64_t memmap_compute_top(void)
{
    uint64_t top = 4 * GiB;
    for (uint64_t i = 0; i < conf.info->memmap_count; i++) {
        const struct elfboot_memmap_entry *e = &entries()[i];
        if (memmap_type_is_ram(e->type) && entry_end(e) > top)
            top = entry_end(e);
    }
    return (top + GiB - 1) & ~(GiB - 1);
}

uint32_t memmap_type_of(uint64_t phys, uint64_t size)
{
    for (uint64_t i = 0; i < conf.info->memmap_count; i++) {
        const struct elfboot_memmap_entry *e = &entries()[i];
        if (phys >= e->base && phys - e->base < e->length && size <= entry_end(e) - phys)
            return e->type;
    }
    return 0;
}

bool memmap_has_ram_in(uint64_t phys, uint64_t size)
{
    for (uint64_t i = 0; i < conf.info->memmap_count; i++) {
        const struct elfboot_memmap_entry *e = &entries()[i];
        if (memmap_type_is_ram(e->type) && e->base < phys + size && phys < entry_end(e))
            return true;
    }
    return false;
}

/* One pass over the entries, counting each kind of violation; the first few entries
 * are shown under the FAIL line. */
#define RULE_EXAMPLES 4
struct rule {
    const char *name, *what;
    unsigned count;
    uint64_t index[RULE_EXAMPLES];
};

static void violate(struct rule *r, uint64_t i, const struct elfboot_memmap_entry *e)
{
    (void)e;
    if (r->count < RULE_EXAMPLES)
        r->index[r->count] = i;
    r->count++;
}

static void report_rule(const struct rule *r)
{
    if (check(r->count == 0, r->name, "%u entries %s", r->count, r->what))
        return;
    for (unsigned k = 0; k < r->count && k < RULE_EXAMPLES; k++) {
        const struct elfboot_memmap_entry *e = &entries()[r->index[k]];
        check_note("entry %lu: [0x%lx, 0x%lx) %s (type %u, reserved %u)", r->index[k], e->base,
                   entry_end(e), memmap_type_name(e->type), e->type, e->reserved);
    }
}

static void check_rules(void)
{
    struct rule sorted = { .name = "memmap.sorted", .what = "not sorted by base" };
    struct rule overlap = { .name = "memmap.no-overlap", .what = "overlap the previous entry" };
    struct rule empty = { .name = "memmap.no-empty", .what = "empty" };
    struct rule merged = { .name = "memmap.merged",
                           .what = "of the same type as the adjacent previous entry" };
    struct rule aligned = { .name = "memmap.usable-aligned",
                            .what = "usable but not 4 KiB aligned" };
    struct rule types = { .name = "memmap.known-types", .what = "of an unknown type" };
    struct rule reserved = { .name = "memmap.reserved-zero", .what = "with reserved != 0" };
    struct rule overflow = { .name = "memmap.no-wrap", .what = "wrapping around" };
    const struct elfboot_memmap_entry *m = entries();
    for (uint64_t i = 0; i < conf.info->memmap_count; i++) {
        const struct elfboot_memmap_entry *e = &m[i], *prev = i ? &m[i - 1] : 0;
        if (e->length == 0)
            violate(&empty, i, e);
        if (entry_end(e) < e->base)
            violate(&overflow, i, e);
        if (e->type < ELFBOOT_MEM_USABLE || e->type > ELFBOOT_MEM_FIRMWARE_RUNTIME)
            violate(&types, i, e);
        if (e->reserved)
            violate(&reserved, i, e);
        if (e->type == ELFBOOT_MEM_USABLE && ((e->base | e->length) & 0xfff))
            violate(&aligned, i, e);
        if (!prev)
            continue;
        if (e->base < prev->base)
            violate(&sorted, i, e);
        else if (e->base < entry_end(prev))
            violate(&overlap, i, e);
        else if (e->base == entry_end(prev) && e->type == prev->type)
            violate(&merged, i, e);
    }
    struct rule *all[] = { &sorted, &overlap, &empty, &merged, &aligned, &types, &reserved,
                           &overflow };
    for (unsigned i = 0; i < sizeof all / sizeof all[0]; i++)
        report_rule(all[i]);
}

/* QEMU takes a few hundred KiB for the legacy VGA hole and the firmware's reserved
 * ranges; the slack allows that and catches any lost block larger than it (the RAM
 * above 4 GiB, a dropped firmware region). */
#define RAM_SLACK (8 * MiB)

static void check_ram_total(void)
{
    uint64_t total = 0, usable = 0;
    for (uint64_t i = 0; i < conf.info->memmap_count; i++) {
        const struct elfboot_memmap_entry *e = &entries()[i];
        if (memmap_type_is_ram(e->type))
            total += e->length;
        if (e->type == ELFBOOT_MEM_USABLE)
            usable += e->length;
    }
    uint64_t mem = conf.expect.mem;
    check(mem && total <= mem && total + RAM_SLACK >= mem, "memmap.ram-total",
          "%lu KiB of RAM types, expected between %lu and %lu KiB (mem=%lu KiB)", total / KiB,
          mem > RAM_SLACK ? (mem - RAM_SLACK) / KiB : 0, mem / KiB, mem / KiB);
    check_note("RAM in the map: %lu KiB (usable %lu KiB); QEMU -m %lu KiB", total / KiB,
               usable / KiB, mem / KiB);
}

static void print_map(void)
{
    const struct elfboot_memmap_entry *m = entries();
    check_note("memory map: %lu entries, HHDM top 0x%lx", conf.info->memmap_count, conf.top);
    for (uint64_t i = 0; i < conf.info->memmap_count && i < 128; i++)
        check_note("  %016lx-%016lx %s", m[i].base, entry_end(&m[i]),
                   memmap_type_name(m[i].type));
}

void check_memmap(void)
{
    print_map();
    check_rules();
    check_ram_total();
}
