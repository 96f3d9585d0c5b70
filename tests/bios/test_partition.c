/* test_partition.c: bios/partition.c on crafted MBR and GPT disks, and on an MBR disk
 * around a FAT32 volume made by mtools (the whole way to a file). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fat.h"
#include "memdisk.h"
#include "partition.h"

#define DISK_SECTORS 4096

static uint8_t *disk;
static uint32_t ss = 512;
static struct memdisk md;

static int setup(void **state)
{
    (void)state;
    ss = 512;
    disk = calloc(DISK_SECTORS, 4096);
    return disk ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    free(disk);
    return 0;
}

static void mbr_entry(int i, uint8_t status, uint8_t type, uint32_t lba, uint32_t sectors)
{
    struct mbr_entry e = {.status = status, .type = type, .lba_first = lba, .sectors = sectors};
    memcpy(disk + 446 + 16 * i, &e, sizeof e);
    disk[510] = 0x55, disk[511] = 0xaa;
}

static int find(struct boot_partition *p, struct eb_error *err)
{
    memdisk_init(&md, disk, (uint64_t)DISK_SECTORS * ss, ss);
    return partition_find_boot(&md.dev, p, err);
}

static void expect_error(const char *what)
{
    struct boot_partition p;
    struct eb_error err;
    assert_int_not_equal(find(&p, &err), EB_OK);
    if (!strstr(err.message, what))
        fail_msg("expected '%s' in '%s'", what, err.message);
}

static void test_crc32_vector(void **state)
{
    (void)state;
    assert_int_equal(partition_crc32(0, "123456789", 9), 0xcbf43926); /* the check value */
    assert_int_equal(partition_crc32(partition_crc32(0, "1234", 4), "56789", 5), 0xcbf43926);
}

static void test_mbr_active_first(void **state)
{
    (void)state;
    struct boot_partition p;
    struct eb_error err;
    mbr_entry(0, 0x00, 0x0c, 100, 50);
    mbr_entry(1, 0x00, 0x83, 200, 50); /* Linux: not FAT */
    mbr_entry(2, 0x80, 0x0b, 300, 50);
    assert_int_equal(find(&p, &err), EB_OK);
    assert_int_equal(p.lba, 300);
    assert_int_equal(p.sectors, 50);
    assert_int_equal(p.index, 3);
    assert_false(p.gpt);
}

static void test_mbr_first_fat(void **state)
{
    (void)state;
    struct boot_partition p;
    struct eb_error err;
    mbr_entry(0, 0x80, 0x83, 100, 50); /* active, but not FAT */
    mbr_entry(1, 0x00, 0x06, 200, 50);
    mbr_entry(2, 0x00, 0x0c, 300, 50);
    assert_int_equal(find(&p, &err), EB_OK);
    assert_int_equal(p.lba, 200);
    assert_int_equal(p.index, 2);
}

static void test_mbr_errors(void **state)
{
    (void)state;
    expect_error("55 AA"); /* blank disk */
    mbr_entry(0, 0x80, 0x83, 100, 50);
    expect_error("no FAT partition");
    mbr_entry(0, 0x80, 0x0c, 0, 50);
    expect_error("bad bounds");
}

/* A GPT with `count` entries of 128 bytes; the ESP at index esp (-1: none). */
static void make_gpt(int esp, uint32_t count)
{
    static const uint8_t esp_guid[16] = {0x28, 0x73, 0x2a, 0xc1, 0x1f, 0xf8, 0xd2, 0x11,
                                         0xba, 0x4b, 0x00, 0xa0, 0xc9, 0x3e, 0xc9, 0x3b};
    static const uint8_t linux_guid[16] = {0xaf, 0x3d, 0xc6, 0x0f, 0x83, 0x84, 0x72, 0x47,
                                           0x8e, 0x79, 0x3d, 0x69, 0xd8, 0x47, 0x7d, 0xe4};
    mbr_entry(0, 0x00, 0xee, 1, DISK_SECTORS - 1);
    uint8_t *entries = disk + 2 * ss;
    for (uint32_t i = 0; i < 3 && i < count; i++) {
        struct gpt_entry e = {.first_lba = 40 + 100 * i, .last_lba = 139 + 100 * i};
        memcpy(e.type_guid, (int)i == esp ? esp_guid : linux_guid, 16);
        e.unique_guid[0] = (uint8_t)(i + 1);
        memcpy(entries + 128 * i, &e, sizeof e);
    }
    struct gpt_header h = {.revision = 0x10000, .header_size = 92, .my_lba = 1,
                           .alternate_lba = DISK_SECTORS - 1, .first_usable_lba = 34,
                           .last_usable_lba = DISK_SECTORS - 34, .entries_lba = 2,
                           .entry_count = count, .entry_size = 128};
    memcpy(h.signature, "EFI PART", 8);
    h.entries_crc32 = partition_crc32(0, entries, count * 128);
    h.header_crc32 = partition_crc32(0, &h, sizeof h);
    memcpy(disk + ss, &h, sizeof h);
}

static void test_gpt_esp(void **state)
{
    (void)state;
    struct boot_partition p;
    struct eb_error err;
    make_gpt(2, 128);
    assert_int_equal(find(&p, &err), EB_OK);
    assert_int_equal(md.reads, 3); /* MBR, header, all 128 entries at once */
    assert_true(p.gpt);
    assert_int_equal(p.lba, 240);
    assert_int_equal(p.sectors, 100);
    assert_int_equal(p.index, 3);
}

static void test_gpt_4k_sectors(void **state)
{
    (void)state;
    struct boot_partition p;
    struct eb_error err;
    ss = 4096;
    make_gpt(0, 128);
    assert_int_equal(find(&p, &err), EB_OK);
    assert_int_equal(p.lba, 40);
}

static void test_gpt_errors(void **state)
{
    (void)state;
    make_gpt(-1, 128);
    expect_error("no EFI system partition");
    make_gpt(1, 128);
    disk[ss + 20] ^= 1; /* a header byte the CRC covers */
    expect_error("header checksum");
    make_gpt(1, 128);
    disk[2 * ss + 128 + 40] ^= 1; /* an entry byte */
    expect_error("entries checksum");
    make_gpt(1, 128);
    memcpy(disk + ss, "EFI PARX", 8);
    expect_error("EFI PART");
    make_gpt(1, 0);
    expect_error("0 entries");
}

static void test_read_error_propagates(void **state)
{
    (void)state;
    struct boot_partition p;
    struct eb_error err;
    make_gpt(1, 128);
    memdisk_init(&md, disk, ss, ss); /* only the MBR is readable */
    assert_int_equal(partition_find_boot(&md.dev, &p, &err), EB_ERR_IO);
    assert_non_null(strstr(err.message, "disk read error"));
}

/* An MBR disk around the mtools FAT32 volume: partition, mount, read. */
static void test_mbr_disk_to_file(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/fat32.img", TEST_IMG_DIR);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long vol_size = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint64_t start = 2048;
    uint8_t *img = calloc(1, start * 512 + (size_t)vol_size);
    assert_non_null(img);
    assert_int_equal(fread(img + start * 512, 1, (size_t)vol_size, f), (size_t)vol_size);
    fclose(f);
    free(disk);
    disk = img;
    mbr_entry(0, 0x80, 0x0c, (uint32_t)start, (uint32_t)(vol_size / 512));
    memdisk_init(&md, img, start * 512 + (uint64_t)vol_size, 512);

    struct boot_partition p;
    struct eb_error err;
    static struct fat_volume v;
    struct fat_file file;
    assert_int_equal(partition_find_boot(&md.dev, &p, &err), EB_OK);
    assert_int_equal(p.lba, start);
    if (fat_mount(&v, &md.dev, p.lba, &err) != EB_OK ||
        fat_open(&v, "/boot/elfboot.cfg", &file, &err) != EB_OK)
        fail_msg("%s", err.message);
    char buf[128];
    assert_int_equal(file.size, 100);
    assert_int_equal(fat_read(&v, &file, buf, &err), EB_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_crc32_vector, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mbr_active_first, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mbr_first_fat, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mbr_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gpt_esp, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gpt_4k_sectors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gpt_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_error_propagates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mbr_disk_to_file, setup, teardown),
    };
    return cmocka_run_group_tests_name("bios_partition", tests, NULL, NULL);
}
