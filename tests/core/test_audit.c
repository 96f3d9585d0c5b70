/* test_audit.c: the firmware-memory audit's pure part (bootloader/audit.c): which ranges
 * of a memory map it reads, in what pieces, their CRC-32 (bootloader/crc.c), and the
 * module's text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "audit.h"
#include "crc.h"

#define KiB 1024ull
#define MiB (1024ull * KiB)
#define CAP 1024

static struct eb_audit_range ranges[CAP];

static void crc32_known_values(void **state)
{
    (void)state;
    assert_int_equal(eb_crc32(0, "", 0), 0);
    assert_int_equal(eb_crc32(0, "123456789", 9), 0xcbf43926u); /* the standard check */
    assert_int_equal(eb_crc32(0, "The quick brown fox jumps over the lazy dog", 43),
                     0x414fa339u);
    /* continued over two calls, as crc.h promises */
    assert_int_equal(eb_crc32(eb_crc32(0, "12345", 5), "6789", 4), 0xcbf43926u);
}

/* A map as a BIOS and a UEFI machine report it, mixed: only firmware types are read,
 * RESERVED only below 1 MiB, each entry in pieces of at most EB_AUDIT_PIECE. */
static void picks_firmware_ranges(void **state)
{
    (void)state;
    static const struct elfboot_memmap_entry map[] = {
        {0x0, 0x9f000, ELFBOOT_MEM_USABLE, 0},
        {0x9f000, 0x1000, ELFBOOT_MEM_RESERVED, 0},             /* EBDA: read */
        {0xf0000, 0x10000, ELFBOOT_MEM_RESERVED, 0},            /* BIOS area: read */
        {0x100000, 0x7000000, ELFBOOT_MEM_USABLE, 0},
        {0x7100000, 0x2000, ELFBOOT_MEM_LOADER_RECLAIMABLE, 0},
        {0x7200000, 0x18000, ELFBOOT_MEM_ACPI_RECLAIMABLE, 0},   /* two pieces */
        {0x7300000, 0x3000, ELFBOOT_MEM_ACPI_NVS, 0},
        {0x7400000, 0x20000, ELFBOOT_MEM_FIRMWARE_RUNTIME, 0},   /* two whole pieces */
        {0x7500000, 0x1000, ELFBOOT_MEM_KERNEL, 0},
        {0x7600000, 0x1000, ELFBOOT_MEM_MODULES, 0},
        {0x80000000, 0x800000, ELFBOOT_MEM_FRAMEBUFFER, 0},
        {0xfec00000, 0x1000, ELFBOOT_MEM_RESERVED, 0},          /* MMIO: never read */
        {0xfd00000000, 0x300000000, ELFBOOT_MEM_RESERVED, 0},
        {0x7700000, 0x1000, ELFBOOT_MEM_BAD, 0},
    };
    size_t left = 0;
    size_t n = eb_audit_firmware_ranges(map, sizeof map / sizeof map[0], 0, ranges, 0, CAP,
                                        &left);
    static const struct { uint64_t base, length; } want[] = {
        {0x9f000, 0x1000},  {0xf0000, 0x10000}, {0x7200000, 0x10000}, {0x7210000, 0x8000},
        {0x7300000, 0x3000}, {0x7400000, 0x10000}, {0x7410000, 0x10000},
    };
    assert_int_equal(n, sizeof want / sizeof want[0]);
    assert_int_equal(left, 0);
    for (size_t i = 0; i < n; i++) {
        if (ranges[i].base != want[i].base || ranges[i].length != want[i].length ||
            ranges[i].kind != EB_AUDIT_FIRMWARE)
            fail_msg("range %zu: 0x%llx+0x%llx kind %u, expected 0x%llx+0x%llx", i,
                     (unsigned long long)ranges[i].base, (unsigned long long)ranges[i].length,
                     ranges[i].kind, (unsigned long long)want[i].base,
                     (unsigned long long)want[i].length);
    }
}

/* A RESERVED entry across 1 MiB is read up to 1 MiB; entries at or above `limit` are
 * left alone and one across it is cut (BIOS stage 2 reads below 4 GiB only); a huge
 * entry is read for its first EB_AUDIT_RANGE_MAX bytes. */
static void clips_and_caps(void **state)
{
    (void)state;
    static const struct elfboot_memmap_entry map[] = {
        {0xe0000, 0x40000, ELFBOOT_MEM_RESERVED, 0},
        {0x10000000, 64 * MiB, ELFBOOT_MEM_ACPI_NVS, 0},
        {0xfffe0000, 0x40000, ELFBOOT_MEM_FIRMWARE_RUNTIME, 0},
        {0x100000000, 0x1000, ELFBOOT_MEM_ACPI_RECLAIMABLE, 0},
    };
    size_t left = 0;
    size_t n = eb_audit_firmware_ranges(map, 4, 0x100000000ull, ranges, 0, CAP, &left);
    uint64_t reserved = 0, nvs = 0, runtime = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t b = ranges[i].base, e = b + ranges[i].length;
        assert_true(ranges[i].length > 0 && ranges[i].length <= EB_AUDIT_PIECE);
        assert_true(e <= 0x100000000ull);
        if (b >= 0xe0000 && e <= 0x100000)
            reserved += ranges[i].length;
        else if (b >= 0x10000000 && e <= 0x10000000 + 64 * MiB)
            nvs += ranges[i].length;
        else if (b >= 0xfffe0000)
            runtime += ranges[i].length;
        else
            fail_msg("unexpected range 0x%llx", (unsigned long long)b);
    }
    assert_int_equal(reserved, 0x20000);
    assert_int_equal(nvs, EB_AUDIT_RANGE_MAX);
    assert_int_equal(runtime, 0x20000);
    assert_int_equal(left, 0);
}

/* No room: what does not fit is counted, and the text says the audit is incomplete. */
static void full_table_is_reported(void **state)
{
    (void)state;
    static const struct elfboot_memmap_entry map[] = {
        {0x1000000, 10 * EB_AUDIT_PIECE, ELFBOOT_MEM_ACPI_NVS, 0},
    };
    size_t left = 0;
    ranges[0] = (struct eb_audit_range){0x1000, 0x7f000, EB_AUDIT_LOADER, 0};
    size_t n = eb_audit_firmware_ranges(map, 1, 0, ranges, 1, 4, &left);
    assert_int_equal(n, 4);
    assert_int_equal(left, 7);
    assert_int_equal(ranges[0].kind, EB_AUDIT_LOADER); /* what was there stays */
    char text[512];
    eb_audit_text(ranges, n, left, text, sizeof text);
    assert_non_null(strstr(text, "\nincomplete 7 ranges not recorded\n"));
}

static uint8_t fake_memory[3 * EB_AUDIT_PIECE];
#define FAKE_BASE 0x7fe0000ull

static const void *read_fake(void *ctx, uint64_t phys, uint64_t size)
{
    assert_ptr_equal(ctx, fake_memory);
    assert_true(phys >= FAKE_BASE && phys + size <= FAKE_BASE + sizeof fake_memory);
    return fake_memory + (phys - FAKE_BASE);
}

/* Each firmware piece gets the CRC-32 of its own bytes; loader ranges are not read. */
static void checksums_and_text(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof fake_memory; i++)
        fake_memory[i] = (uint8_t)(i * 7 + (i >> 9));
    static const struct elfboot_memmap_entry map[] = {
        {FAKE_BASE, EB_AUDIT_PIECE + 0x1000, ELFBOOT_MEM_ACPI_RECLAIMABLE, 0},
    };
    size_t left = 0, n;
    ranges[0] = (struct eb_audit_range){0x1000, 0x7f000, EB_AUDIT_LOADER, 0};
    n = eb_audit_firmware_ranges(map, 1, 0, ranges, 1, CAP, &left);
    assert_int_equal(n, 3);
    eb_audit_checksum(ranges, n, read_fake, fake_memory);
    assert_int_equal(ranges[0].crc, 0);
    assert_int_equal(ranges[1].crc, eb_crc32(0, fake_memory, EB_AUDIT_PIECE));
    assert_int_equal(ranges[2].crc, eb_crc32(0, fake_memory + EB_AUDIT_PIECE, 0x1000));
    assert_int_not_equal(ranges[1].crc, ranges[2].crc);

    char want[256], text[256];
    snprintf(want, sizeof want,
             "loader 0x1000 0x7f000\n"
             "firmware 0x7fe0000 0x10000 %08x\n"
             "firmware 0x7ff0000 0x1000 %08x\n", ranges[1].crc, ranges[2].crc);
    size_t len = eb_audit_text(ranges, n, 0, NULL, 0); /* sizing */
    assert_int_equal(len, strlen(want));
    assert_int_equal(eb_audit_text(ranges, n, 0, text, sizeof text), len);
    assert_string_equal(text, want);
    /* Too small a buffer: cut, terminated, and the full length still returned. */
    memset(text, 'x', sizeof text);
    assert_int_equal(eb_audit_text(ranges, n, 0, text, 30), len);
    assert_int_equal(strlen(text), 29);
    assert_memory_equal(text, want, 29);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(crc32_known_values),
        cmocka_unit_test(picks_firmware_ranges),
        cmocka_unit_test(clips_and_caps),
        cmocka_unit_test(full_table_is_reported),
        cmocka_unit_test(checksums_and_text),
    };
    return cmocka_run_group_tests_name("core: firmware-memory audit", tests, NULL, NULL);
}
