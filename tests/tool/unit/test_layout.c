/* test_layout.c: disk geometry and the FAT32 fit (imagetool/layout.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#undef fail /* cmocka's macro; the tool has a function of that name */

#include "layout.h"

static const uint64_t small_files[] = {13000, 100, 60000}; /* kernel, config, loader */
static const struct fat_content small = {small_files, 3, 0};

static void automatic_size_is_64_mib_with_fat32(void **state)
{
    (void)state;
    struct layout l;
    char why[256];
    assert_int_equal(layout_plan(IMAGE_HYBRID, &small, 59000, 0, &l, why, sizeof why), 0);
    assert_int_equal(l.part_first, 2048);
    assert_int_equal(l.part_sectors, 64 * 2048);
    assert_int_equal(l.disk_sectors, 66 * 2048); /* 1 MiB before, 1 MiB after */
    assert_true(l.clusters >= FAT32_MIN_CLUSTERS);
    assert_int_equal(l.cluster_sectors, 1); /* 64 MiB is too small for larger clusters */
    assert_int_equal(l.stage2_lba, 34);
    assert_int_equal(l.stage2_sectors, (59000 + 511) / 512);
    assert_int_equal(l.first_usable_lba, 2048); /* stage 2 outside any usable range */
}

static void large_partitions_get_4k_clusters(void **state)
{
    (void)state;
    static const uint64_t big[] = {400ull << 20};
    struct fat_content c = {big, 1, 0};
    struct layout l;
    char why[256];
    assert_int_equal(layout_plan(IMAGE_UEFI, &c, 0, 0, &l, why, sizeof why), 0);
    assert_int_equal(l.cluster_sectors, 8);
    assert_true(l.part_sectors * 512 >= (400ull << 20));
    assert_int_equal(l.part_sectors % 2048, 0);
    assert_int_equal(l.stage2_lba, 0);
    assert_int_equal(l.first_usable_lba, 34);
}

static void bios_disk_has_no_gpt_tail(void **state)
{
    (void)state;
    struct layout l;
    char why[256];
    assert_int_equal(layout_plan(IMAGE_BIOS, &small, 59000, 100, &l, why, sizeof why), 0);
    assert_false(l.gpt);
    assert_int_equal(l.stage2_lba, 1);
    assert_int_equal(l.disk_sectors, 100 * 2048);
    assert_int_equal(l.part_sectors, 100 * 2048 - 2048);
}

static void size_too_small_for_fat32_names_minimum(void **state)
{
    (void)state;
    struct layout l;
    char why[256];
    assert_int_equal(layout_plan(IMAGE_HYBRID, &small, 59000, 20, &l, why, sizeof why), -1);
    assert_non_null(strstr(why, "too small a partition for FAT32"));
    unsigned need = 0;
    assert_non_null(strstr(why, "use --size "));
    assert_int_equal(sscanf(strstr(why, "use --size ") + 11, "%u", &need), 1);
    /* The size it suggests works, and one MiB less does not. */
    assert_int_equal(layout_plan(IMAGE_HYBRID, &small, 59000, need, &l, why, sizeof why), 0);
    assert_int_equal(layout_plan(IMAGE_HYBRID, &small, 59000, need - 1, &l, why, sizeof why), -1);
}

static void full_size_names_what_fits(void **state)
{
    (void)state;
    static const uint64_t files[] = {13000, 100, 60000, 50ull << 20};
    struct fat_content c = {files, 4, 1};
    struct layout l;
    char why[256];
    assert_int_equal(layout_plan(IMAGE_HYBRID, &c, 59000, 40, &l, why, sizeof why), -1);
    assert_non_null(strstr(why, "the files need"));
    unsigned need = 0;
    assert_int_equal(sscanf(strstr(why, "use --size ") + 11, "%u", &need), 1);
    assert_true(need > 50);
    assert_int_equal(layout_plan(IMAGE_HYBRID, &c, 59000, need, &l, why, sizeof why), 0);
    assert_int_equal(layout_plan(IMAGE_HYBRID, &c, 59000, need - 1, &l, why, sizeof why), -1);
}

static void stage2_too_big(void **state)
{
    (void)state;
    struct layout l;
    char why[256];
    assert_int_equal(layout_plan(IMAGE_HYBRID, &small, 2015 * 512, 0, &l, why, sizeof why), -1);
    assert_non_null(strstr(why, "stage 2"));
    assert_int_equal(layout_plan(IMAGE_HYBRID, &small, 2014 * 512, 0, &l, why, sizeof why), 0);
    assert_int_equal(layout_plan(IMAGE_BIOS, &small, 2047 * 512, 0, &l, why, sizeof why), 0);
}

static void fat32_cluster_count(void **state)
{
    (void)state;
    /* 131072 sectors, 1-sector clusters: 32 reserved, two FATs of 1016 sectors would hold
     * 130024 clusters + 2 entries = 1016 sectors exactly; check FATs + data fit. */
    uint64_t c = fat32_clusters(131072, 1);
    uint64_t fat = ((c + 2) * 4 + 511) / 512;
    assert_true(32 + 2 * fat + c <= 131072);
    uint64_t more = c + 1, fat_more = ((more + 2) * 4 + 511) / 512;
    assert_true(32 + 2 * fat_more + more > 131072); /* and it is the largest such count */
    assert_int_equal(fat32_clusters(10, 1), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(automatic_size_is_64_mib_with_fat32),
        cmocka_unit_test(large_partitions_get_4k_clusters),
        cmocka_unit_test(bios_disk_has_no_gpt_tail),
        cmocka_unit_test(size_too_small_for_fat32_names_minimum),
        cmocka_unit_test(full_size_names_what_fits),
        cmocka_unit_test(stage2_too_big),
        cmocka_unit_test(fat32_cluster_count),
    };
    cmocka_set_message_output(CM_OUTPUT_TAP);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
