/* test_memmap.c: normalising firmware memory maps, the type conversions, and the
 * physical allocator that lives on a normalised map. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core.h"
#include "memmap.h"
#include "physmem.h"

#define E(b, l, t) {(b), (l), ELFBOOT_MEM_##t, 0}
#define MIB (1ull << 20)
#define GIB (1ull << 30)

static size_t norm(const struct elfboot_memmap_entry *in, size_t n,
                   struct elfboot_memmap_entry *out, size_t cap)
{
    size_t count = 0;
    assert_int_equal(eb_memmap_normalise(in, n, out, cap, &count), EB_OK);
    return count;
}

static void expect_map(const struct elfboot_memmap_entry *got, size_t n,
                       const struct elfboot_memmap_entry *want, size_t m)
{
    if (n != m) {
        for (size_t i = 0; i < n; i++)
            fprintf(stderr, "  got %zu: 0x%llx +0x%llx type %u\n", i,
                    (unsigned long long)got[i].base, (unsigned long long)got[i].length, got[i].type);
        fail_msg("%zu entries, expected %zu", n, m);
    }
    for (size_t i = 0; i < n; i++)
        if (got[i].base != want[i].base || got[i].length != want[i].length || got[i].type != want[i].type)
            fail_msg("entry %zu: 0x%llx +0x%llx type %u, expected 0x%llx +0x%llx type %u", i,
                     (unsigned long long)got[i].base, (unsigned long long)got[i].length, got[i].type,
                     (unsigned long long)want[i].base, (unsigned long long)want[i].length, want[i].type);
}

#define EXPECT(in, ...)                                                                  \
    do {                                                                                 \
        const struct elfboot_memmap_entry want_[] = {__VA_ARGS__};                       \
        struct elfboot_memmap_entry out_[64];                                            \
        size_t n_ = norm(in, sizeof in / sizeof in[0], out_, 64);                        \
        expect_map(out_, n_, want_, sizeof want_ / sizeof want_[0]);                     \
    } while (0)

static void unsorted_and_overlapping(void **state)
{
    (void)state;
    const struct elfboot_memmap_entry in[] = {
        E(8 * MIB, 8 * MIB, USABLE), E(4 * MIB, 2 * MIB, RESERVED), E(0, 8 * MIB, USABLE),
    };
    EXPECT(in, E(0, 4 * MIB, USABLE), E(4 * MIB, 2 * MIB, RESERVED), E(6 * MIB, 10 * MIB, USABLE));
}

static void stronger_type_wins_whatever_the_order(void **state)
{
    (void)state;
    const struct elfboot_memmap_entry a[] = {E(0, 16 * MIB, ACPI_NVS), E(4 * MIB, 4 * MIB, USABLE)};
    EXPECT(a, E(0, 16 * MIB, ACPI_NVS));
    const struct elfboot_memmap_entry b[] = {E(4 * MIB, 4 * MIB, KERNEL), E(0, 16 * MIB, USABLE),
                                             E(5 * MIB, 1 * MIB, BAD)};
    EXPECT(b, E(0, 4 * MIB, USABLE), E(4 * MIB, MIB, KERNEL), E(5 * MIB, MIB, BAD),
           E(6 * MIB, 2 * MIB, KERNEL), E(8 * MIB, 8 * MIB, USABLE));
    const struct elfboot_memmap_entry fb[] = {E(0xfd000000, 16 * MIB, RESERVED),
                                              E(0xfd000000, 4 * MIB, FRAMEBUFFER)};
    EXPECT(fb, E(0xfd000000, 4 * MIB, FRAMEBUFFER), E(0xfd400000, 12 * MIB, RESERVED));
}

static void empty_and_unknown_entries(void **state)
{
    (void)state;
    const struct elfboot_memmap_entry in[] = {
        E(0x1000, 0, USABLE), E(0x100000, 0x100000, USABLE), {0x300000, 0x1000, 99, 0},
        E(0x200000, 0, RESERVED),
    };
    EXPECT(in, E(0x100000, 0x100000, USABLE), E(0x300000, 0x1000, RESERVED));
}

static void unaligned_usable_edges_become_reserved(void **state)
{
    (void)state;
    const struct elfboot_memmap_entry in[] = {E(0x1100, 0x4e00, USABLE)};
    EXPECT(in, E(0x1100, 0xf00, RESERVED), E(0x2000, 0x3000, USABLE), E(0x5000, 0xf00, RESERVED));
    const struct elfboot_memmap_entry tiny[] = {E(0x1100, 0x800, USABLE)};
    EXPECT(tiny, E(0x1100, 0x800, RESERVED));
    /* SeaBIOS-like low memory: usable up to 0x9fc00, then the EBDA */
    const struct elfboot_memmap_entry low[] = {E(0, 0x9fc00, USABLE), E(0x9fc00, 0x400, RESERVED)};
    EXPECT(low, E(0, 0x9f000, USABLE), E(0x9f000, 0x1000, RESERVED));
}

static void merging(void **state)
{
    (void)state;
    const struct elfboot_memmap_entry in[] = {
        E(0, 0x1000, USABLE), E(0x1000, 0x1000, USABLE), E(0x3000, 0x1000, USABLE),
        E(0x2000, 0x800, ACPI_RECLAIMABLE), E(0x2800, 0x800, ACPI_RECLAIMABLE),
    };
    EXPECT(in, E(0, 0x2000, USABLE), E(0x2000, 0x1000, ACPI_RECLAIMABLE), E(0x3000, 0x1000, USABLE));
}

static void above_4g_and_wrapping(void **state)
{
    (void)state;
    const struct elfboot_memmap_entry in[] = {
        E(4 * GIB, 2 * GIB, USABLE), E(0xfd00000000ull, 0x300000000ull, RESERVED),
        E(0xfffffffffffff000ull, 0x10000, RESERVED), /* wraps: clamped */
    };
    struct elfboot_memmap_entry out[8];
    size_t n = norm(in, 3, out, 8);
    assert_int_equal(n, 3);
    assert_int_equal(out[0].base, 4 * GIB);
    assert_int_equal(out[2].base, 0xfffffffffffff000ull);
    assert_true(out[2].base + out[2].length > out[2].base || out[2].base + out[2].length == 0);
    assert_int_equal(eb_memmap_ram_top(out, n), 6 * GIB);
}

static void too_small_output(void **state)
{
    (void)state;
    const struct elfboot_memmap_entry in[] = {E(0, 0x1000, USABLE), E(0x2000, 0x1000, RESERVED),
                                              E(0x4000, 0x1000, USABLE)};
    struct elfboot_memmap_entry out[2];
    size_t n;
    assert_int_equal(eb_memmap_normalise(in, 3, out, 2, &n), EB_ERR_MEMMAP_FULL);
    const struct elfboot_memmap_entry edges[] = {E(0x1100, 0x4e00, USABLE)};
    assert_int_equal(eb_memmap_normalise(edges, 1, out, 2, &n), EB_ERR_MEMMAP_FULL);
}

/* The protocol's rules, and the strongest input type at sample points. */
static void check_rules(const struct elfboot_memmap_entry *in, size_t n,
                        const struct elfboot_memmap_entry *out, size_t m)
{
    for (size_t i = 0; i < m; i++) {
        assert_true(out[i].length > 0);
        if (out[i].type == ELFBOOT_MEM_USABLE)
            assert_true(!(out[i].base & 4095) && !(out[i].length & 4095));
        if (i) {
            assert_true(out[i].base >= out[i - 1].base + out[i - 1].length);
            assert_false(out[i].base == out[i - 1].base + out[i - 1].length &&
                         out[i].type == out[i - 1].type);
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (!in[i].length)
            continue;
        uint64_t probes[] = {in[i].base, in[i].base + in[i].length / 2, in[i].base + in[i].length - 1};
        for (int p = 0; p < 3; p++) {
            uint64_t a = probes[p];
            int best = -1;
            for (size_t j = 0; j < n; j++)
                if (in[j].length && a >= in[j].base && a - in[j].base < in[j].length &&
                    eb_memtype_rank(in[j].type) > best)
                    best = eb_memtype_rank(in[j].type);
            size_t hits = 0;
            uint32_t type = 0;
            for (size_t j = 0; j < m; j++)
                if (a >= out[j].base && a - out[j].base < out[j].length)
                    hits++, type = out[j].type;
            assert_int_equal(hits, 1); /* every byte in exactly one entry */
            /* usable bytes cut off at unaligned edges are the only type change */
            if (type != ELFBOOT_MEM_RESERVED || eb_memtype_rank(ELFBOOT_MEM_RESERVED) == best)
                assert_int_equal(eb_memtype_rank(type), best);
        }
    }
}

static void random_maps_obey_the_rules(void **state)
{
    (void)state;
    uint64_t seed = 12345;
    static struct elfboot_memmap_entry in[300], out[EB_MEMMAP_WORST_CASE(300)];
    for (int round = 0; round < 300; round++) {
        size_t n = 1 + round % 300;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            uint64_t base = (seed >> 20) % (8 * GIB);
            if (round & 1)
                base &= ~0xfffull; /* half the maps page aligned */
            uint64_t len = (seed >> 7) % (256 * MIB);
            uint32_t type = 1 + (uint32_t)((seed >> 50) % 11); /* 11: unknown */
            in[i] = (struct elfboot_memmap_entry){base, len, type, 0};
        }
        size_t m;
        assert_int_equal(eb_memmap_normalise(in, n, out, EB_MEMMAP_WORST_CASE(n), &m), EB_OK);
        check_rules(in, n, out, m);
    }
}

static void conversions(void **state)
{
    (void)state;
    assert_int_equal(eb_memtype_from_e820(1), ELFBOOT_MEM_USABLE);
    assert_int_equal(eb_memtype_from_e820(2), ELFBOOT_MEM_RESERVED);
    assert_int_equal(eb_memtype_from_e820(3), ELFBOOT_MEM_ACPI_RECLAIMABLE);
    assert_int_equal(eb_memtype_from_e820(4), ELFBOOT_MEM_ACPI_NVS);
    assert_int_equal(eb_memtype_from_e820(5), ELFBOOT_MEM_BAD);
    assert_int_equal(eb_memtype_from_e820(12), ELFBOOT_MEM_RESERVED);
    assert_int_equal(eb_memtype_from_uefi(7), ELFBOOT_MEM_USABLE);
    assert_int_equal(eb_memtype_from_uefi(3), ELFBOOT_MEM_USABLE);
    assert_int_equal(eb_memtype_from_uefi(2), ELFBOOT_MEM_LOADER_RECLAIMABLE);
    assert_int_equal(eb_memtype_from_uefi(5), ELFBOOT_MEM_FIRMWARE_RUNTIME);
    assert_int_equal(eb_memtype_from_uefi(11), ELFBOOT_MEM_RESERVED);
    assert_int_equal(eb_memtype_from_uefi(EB_UEFI_TYPE(ELFBOOT_MEM_KERNEL)), ELFBOOT_MEM_KERNEL);
    assert_int_equal(eb_memtype_from_uefi(EB_UEFI_TYPE(77)), ELFBOOT_MEM_RESERVED);

    /* In place, with the 48-byte descriptors real firmware uses. */
    uint8_t buf[3 * 48] = {0};
    uint32_t types[3] = {7, 9, EB_UEFI_TYPE(ELFBOOT_MEM_MODULES)};
    uint64_t starts[3] = {0x100000, 0x7f00000, 0x200000}, pages[3] = {16, 4, 2};
    for (int i = 0; i < 3; i++) {
        memcpy(buf + 48 * i, &types[i], 4);
        memcpy(buf + 48 * i + 8, &starts[i], 8);
        memcpy(buf + 48 * i + 24, &pages[i], 8);
    }
    assert_int_equal(eb_memmap_from_uefi(buf, sizeof buf, 48), 3);
    struct elfboot_memmap_entry e[3];
    memcpy(e, buf, sizeof e);
    assert_int_equal(e[0].base, 0x100000);
    assert_int_equal(e[0].length, 16 * 4096);
    assert_int_equal(e[0].type, ELFBOOT_MEM_USABLE);
    assert_int_equal(e[1].type, ELFBOOT_MEM_ACPI_RECLAIMABLE);
    assert_int_equal(e[2].type, ELFBOOT_MEM_MODULES);
    assert_int_equal(e[2].length, 8192);
    assert_int_equal(eb_memmap_from_uefi(buf, sizeof buf, 24), 0); /* too small a stride */
}

static void physmem_allocates_and_claims(void **state)
{
    (void)state;
    const struct elfboot_memmap_entry raw[] = {
        E(0, 0x9fc00, USABLE), E(0x9fc00, 0x400, RESERVED), E(0x100000, 31 * MIB, USABLE),
        E(0x2000000, 0x10000, ACPI_RECLAIMABLE), E(4 * GIB, 64 * MIB, USABLE),
    };
    struct elfboot_memmap_entry storage[64];
    struct eb_physmem pm;
    assert_int_equal(eb_physmem_init(&pm, storage, 64, raw, 5, MIB, NULL), EB_OK);
    uint64_t a = eb_physmem_alloc(&pm, 0x3000, 4096, 0, ELFBOOT_MEM_LOADER_RECLAIMABLE);
    assert_int_equal(a, MIB); /* lowest, above the floor */
    uint64_t b = eb_physmem_alloc(&pm, 2 * MIB, 2 * MIB, 0, ELFBOOT_MEM_KERNEL);
    assert_int_equal(b, 2 * MIB);
    uint64_t c = eb_physmem_alloc(&pm, 0x1000, 4096, 0, ELFBOOT_MEM_LOADER_RECLAIMABLE);
    assert_int_equal(c, MIB + 0x3000); /* merges with a */
    uint64_t big = eb_physmem_alloc(&pm, 40 * MIB, 4096, 0, ELFBOOT_MEM_MODULES);
    assert_int_equal(big, 4 * GIB); /* only above 4 GiB is there room */
    assert_int_equal(eb_physmem_alloc(&pm, 40 * MIB, 4096, 4 * GIB, ELFBOOT_MEM_MODULES), 0);
    assert_int_equal(eb_physmem_alloc(&pm, 100, 4096, 0, ELFBOOT_MEM_KERNEL), 0); /* not pages */
    assert_int_equal(eb_physmem_claim(&pm, 0x10000, 0x2000, ELFBOOT_MEM_KERNEL), EB_OK);
    assert_int_equal(eb_physmem_claim(&pm, 0x10000, 0x1000, ELFBOOT_MEM_KERNEL), EB_ERR_IN_USE);
    assert_int_equal(eb_physmem_claim(&pm, 0x9f000, 0x2000, ELFBOOT_MEM_KERNEL), EB_ERR_NOT_RAM);
    assert_int_equal(eb_physmem_claim(&pm, 0xa0000, 0x1000, ELFBOOT_MEM_KERNEL), EB_ERR_NOT_RAM);
    assert_int_equal(eb_physmem_claim(&pm, 0x2000000, 0x1000, ELFBOOT_MEM_KERNEL), EB_ERR_NOT_RAM);
    /* The map stays a valid normalised map with the allocations typed. */
    check_rules(pm.map, pm.count, pm.map, pm.count);
    int kernel = 0;
    for (uint32_t i = 0; i < pm.count; i++)
        if (pm.map[i].type == ELFBOOT_MEM_LOADER_RECLAIMABLE)
            assert_int_equal(pm.map[i].length, 0x4000);
        else if (pm.map[i].type == ELFBOOT_MEM_KERNEL)
            kernel++;
    assert_int_equal(kernel, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(unsorted_and_overlapping),
        cmocka_unit_test(stronger_type_wins_whatever_the_order),
        cmocka_unit_test(empty_and_unknown_entries),
        cmocka_unit_test(unaligned_usable_edges_become_reserved),
        cmocka_unit_test(merging),
        cmocka_unit_test(above_4g_and_wrapping),
        cmocka_unit_test(too_small_output),
        cmocka_unit_test(random_maps_obey_the_rules),
        cmocka_unit_test(conversions),
        cmocka_unit_test(physmem_allocates_and_claims),
    };
    return cmocka_run_group_tests_name("core: memory maps", tests, NULL, NULL);
}
