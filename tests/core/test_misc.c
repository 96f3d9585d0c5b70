/* test_misc.c: video mode choice, the formatter, status names, the handoff page. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "boot.h"
#include "util.h"
#include "video.h"

static void video_modes(void **state)
{
    (void)state;
    const struct eb_video_mode modes[] = {
        {640, 480, 32, 0x101}, {1024, 768, 16, 0x102}, {1024, 768, 32, 0x103},
        {1280, 720, 24, 0x104}, {2560, 1600, 32, 0x105}, {1920, 1080, 8, 0x106},
        {1920, 1080, 32, 0x107}, {800, 600, 15, 0x108},
    };
    size_t n = sizeof modes / sizeof modes[0];
    assert_int_equal(eb_pick_video_mode(modes, n, 0, 0), 6);       /* largest <= 1080p */
    assert_int_equal(eb_pick_video_mode(modes, n, 1024, 768), 2);  /* exact, deepest */
    assert_int_equal(eb_pick_video_mode(modes, n, 1280, 720), 3);
    assert_int_equal(eb_pick_video_mode(modes, n, 2560, 1600), 4); /* asked for: allowed */
    assert_int_equal(eb_pick_video_mode(modes, n, 800, 600), 6);   /* 15 bpp only: default */
    assert_int_equal(eb_pick_video_mode(modes, n, 333, 333), 6);
    assert_int_equal(eb_pick_video_mode(modes, 0, 0, 0), -1);
    const struct eb_video_mode only_big[] = {{2560, 1600, 32, 1}, {640, 480, 8, 2}};
    assert_int_equal(eb_pick_video_mode(only_big, 2, 0, 0), -1);
}

static void formatter(void **state)
{
    (void)state;
    char buf[128];
    eb_snprintf(buf, sizeof buf, "%s|%d|%u|%x|%X|%c|%%", "str", -42, 42u, 0xbeefu, 0xbeefu, 'z');
    assert_string_equal(buf, "str|-42|42|beef|BEEF|z|%");
    eb_snprintf(buf, sizeof buf, "%llx %llu %lld", 0xffffffff80000000ull,
                18446744073709551615ull, -9223372036854775807ll - 1);
    assert_string_equal(buf, "ffffffff80000000 18446744073709551615 -9223372036854775808");
    eb_snprintf(buf, sizeof buf, "[%5s][%-5s][%05u][%8x][%-4d][%zu]", "ab", "ab", 42u, 0x1234u, 7,
                (size_t)123456);
    assert_string_equal(buf, "[   ab][ab   ][00042][    1234][7   ][123456]");
    eb_snprintf(buf, sizeof buf, "[%.3s][%.*s][%.9s]", "abcdef", 2, "xyz", "ab");
    assert_string_equal(buf, "[abc][xy][ab]");
    eb_snprintf(buf, sizeof buf, "%p %s", (void *)0x1000, (char *)NULL);
    assert_string_equal(buf, "0x1000 (null)");
    char small[8];
    assert_int_equal(eb_snprintf(small, sizeof small, "%s", "truncated text"), 14);
    assert_string_equal(small, "truncat");
    assert_int_equal(eb_snprintf(NULL, 0, "%d", 12345), 5);
    assert_string_equal(eb_format_size(buf, sizeof buf, 3 << 20), "3 MiB");
    assert_string_equal(eb_format_size(buf, sizeof buf, 4097), "4097 bytes");
    assert_string_equal(eb_format_size(buf, sizeof buf, 65536), "64 KiB");
    eb_strlcpy(small, "0123456789", sizeof small);
    assert_string_equal(small, "0123456");
}

static void unix_time(void **state)
{
    (void)state;
    assert_int_equal(eb_unix_time(1970, 1, 1, 0, 0, 0), 0);
    assert_int_equal(eb_unix_time(2000, 3, 1, 0, 0, 0), 951868800);  /* after a leap day */
    assert_int_equal(eb_unix_time(2024, 2, 29, 12, 30, 15), 1709209815);
    assert_int_equal(eb_unix_time(2026, 11, 22, 2, 29, 28), 1795314568);
    assert_int_equal(eb_unix_time(2100, 3, 1, 0, 0, 0), 4107542400ull); /* 2100: no leap day */
    assert_int_equal(eb_unix_time(1969, 12, 31, 23, 59, 59), 0);
    assert_int_equal(eb_unix_time(2024, 13, 1, 0, 0, 0), 0);
    assert_int_equal(eb_unix_time(2024, 1, 1, 24, 0, 0), 0);
}

static void status_names(void **state)
{
    (void)state;
    assert_string_equal(eb_status_name(EB_OK), "EB_OK");
    assert_string_equal(eb_status_name(EB_ERR_OVERLAP), "EB_ERR_OVERLAP");
    assert_string_equal(eb_status_name(-3), "EB_ERR_UNKNOWN");
    for (int i = 0; i < EB_STATUS_COUNT; i++)
        assert_string_not_equal(eb_status_name(i), "EB_ERR_UNKNOWN");
}

/* The handoff page holds the trampoline code and parameters that point at the kernel's
 * tables, entry, stack, boot info and a GDT of null, 64-bit code and data. */
static void handoff_page(void **state)
{
    (void)state;
    struct booted b;
    boot_kernel(&(struct boot_case){.elf = "higher.elf", .ram = 64ull << 20, .has_1g = true}, &b);
    assert_int_equal(b.rc, EB_OK);
    struct sim_block *blk = sim_find(b.sim, b.boot.trampoline_phys, 4096);
    assert_non_null(blk);
    assert_true(blk->executable); /* runs on the firmware's tables: must be executable there */
    extern const char eb_trampoline_start[], eb_trampoline_params[];
    size_t at = (size_t)(eb_trampoline_params - eb_trampoline_start);
    const uint8_t *page = blk->mem + (b.boot.trampoline_phys - blk->phys);
    assert_memory_equal(page, eb_trampoline_start, at); /* the code, copied */
    uint64_t p[9];
    memcpy(p, page + at, sizeof p);
    assert_int_not_equal(p[0], b.boot.pml4_phys);          /* intermediate tables ... */
    assert_int_equal(p[1], b.boot.pml4_phys);              /* ... then the kernel's */
    assert_int_equal(p[2] & ~4095ull, b.boot.trampoline_virt);
    assert_int_equal(p[3], b.boot.info->stack_top - 8);
    assert_int_equal(p[4], b.boot.entry);
    assert_int_equal(p[5], b.boot.info->hhdm_base + b.boot.info_phys);
    assert_int_equal(p[6], 0);                              /* null descriptor */
    assert_int_equal((p[7] >> 53) & 1, 1);                  /* 0x08: long mode code */
    assert_int_equal((p[7] >> 45) & 3, 0);                  /* DPL 0 */
    assert_int_equal((p[7] >> 47) & 1, 1);                  /* present */
    assert_int_equal((p[8] >> 43) & 1, 0);                  /* 0x10: data */
    uint16_t limit;
    uint64_t base;
    memcpy(&limit, page + at + 72, 2);
    memcpy(&base, page + at + 74, 8);
    assert_int_equal(limit, 23);
    assert_int_equal(base, b.boot.info->hhdm_base + b.boot.trampoline_phys + at + 48);
    /* The intermediate tables map the page at its own address, executable, and share
     * the kernel's upper half. */
    struct walk w;
    walk_tables(b.sim, p[0], &w);
    const struct run *low = walk_find(&w, b.boot.trampoline_phys);
    assert_non_null(low);
    assert_true(low->exec);
    assert_int_equal(low->phys, b.boot.trampoline_phys);
    const struct run *high = walk_find(&w, b.boot.trampoline_virt);
    assert_non_null(high);
    assert_true(high->exec);
    assert_false(high->write);
    walk_free(&w);
    boot_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(video_modes),
        cmocka_unit_test(formatter),
        cmocka_unit_test(unix_time),
        cmocka_unit_test(status_names),
        cmocka_unit_test(handoff_page),
    };
    return cmocka_run_group_tests_name("core: misc", tests, NULL, NULL);
}
