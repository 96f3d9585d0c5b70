/* test_fat.c: bios/fat.c against FAT12/16/32 volumes made by mtools (mkimages.sh), and
 * against broken copies of them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fat.h"
#include "memdisk.h"

struct image {
    const char *name;
    uint32_t type;
    uint8_t *data;
    size_t size;
    struct memdisk disk;
    struct fat_volume vol;
};

static struct image images[] = {
    {.name = "fat12.img", .type = 12},
    {.name = "fat16.img", .type = 16},
    {.name = "fat32.img", .type = 32},
};

static uint8_t *slurp(const char *name, size_t *size)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", TEST_IMG_DIR, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s (made by tests/bios/mkimages.sh)", path);
    fseek(f, 0, SEEK_END);
    *size = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *p = malloc(*size ? *size : 1);
    assert_non_null(p);
    assert_int_equal(fread(p, 1, *size, f), *size);
    fclose(f);
    return p;
}

static int setup(void **state)
{
    struct image *im = *state;
    struct eb_error err;
    im->data = slurp(im->name, &im->size);
    memdisk_init(&im->disk, im->data, im->size, 512);
    if (fat_mount(&im->vol, &im->disk.dev, 0, &err) != EB_OK)
        fail_msg("%s: %s", im->name, err.message);
    return 0;
}

static int teardown(void **state)
{
    struct image *im = *state;
    free(im->data);
    im->data = NULL;
    return 0;
}

/* Opens `path`, reads it and compares with files/<expect>; returns the read calls. */
static unsigned check_file(struct image *im, const char *path, const char *expect)
{
    struct fat_file f;
    struct eb_error err;
    size_t want_size;
    char name[128];
    snprintf(name, sizeof name, "files/%s", expect);
    uint8_t *want = slurp(name, &want_size);
    if (fat_open(&im->vol, path, &f, &err) != EB_OK)
        fail_msg("%s: open %s: %s", im->name, path, err.message);
    assert_int_equal(f.size, want_size);
    uint8_t *got = malloc(want_size + 64);
    assert_non_null(got);
    memset(got, 0xa5, want_size + 64);
    unsigned before = im->disk.reads;
    if (fat_read(&im->vol, &f, got, &err) != EB_OK)
        fail_msg("%s: read %s: %s", im->name, path, err.message);
    unsigned reads = im->disk.reads - before;
    assert_memory_equal(got, want, want_size);
    for (size_t i = 0; i < 64; i++) /* nothing written past the file's end */
        assert_int_equal(got[want_size + i], 0xa5);
    free(got);
    free(want);
    return reads;
}

static void test_type(void **state)
{
    struct image *im = *state;
    assert_int_equal(im->vol.type, im->type);
}

static void test_paths_any_case(void **state)
{
    struct image *im = *state;
    check_file(im, "/boot/elfboot.cfg", "config.txt");
    check_file(im, "/BOOT/ELFBOOT.CFG", "config.txt");
    check_file(im, "/Boot/ElfBoot.Cfg", "config.txt");
    check_file(im, "//boot///elfboot.cfg", "config.txt");
}

static void test_long_names(void **state)
{
    struct image *im = *state;
    check_file(im, "/boot/A Long File Name, With Spaces.txt", "long.txt");
    check_file(im, "/boot/a long file name, with spaces.TXT", "long.txt");
    check_file(im, "/boot/ALONGF~1.TXT", "long.txt"); /* its short alias */
}

static void test_deep_path(void **state)
{
    struct image *im = *state;
    check_file(im, "/d1/d2/d3/d4/d5/deep-file.bin", "deep.bin");
    check_file(im, "/d1/d2/../d2/d3/./d4/d5/deep-file.bin", "deep.bin");
}

static void test_empty_file(void **state)
{
    struct image *im = *state;
    assert_int_equal(check_file(im, "/empty.txt", "empty.txt"), 0);
}

/* A contiguous file is one read, with at most a couple of FAT window reads: never a
 * read per cluster, nor one more for the partial last sector. */
static void test_contiguous_merged(void **state)
{
    struct image *im = *state;
    unsigned reads = check_file(im, "/big.bin", "big.bin");
    assert_in_range(reads, 1, 3);
}

static void test_fragmented(void **state)
{
    struct image *im = *state;
    unsigned reads = check_file(im, "/boot/frag.bin", "frag.bin");
    assert_true(reads >= 2); /* at least two runs */
}

static void test_not_found(void **state)
{
    struct image *im = *state;
    struct fat_file f;
    struct eb_error err;
    assert_int_equal(fat_open(&im->vol, "/boot/nothere.elf", &f, &err), EB_ERR_FAT);
    assert_string_equal(err.message, "file not found: /boot/nothere.elf");
    assert_int_equal(fat_open(&im->vol, "/nodir/kernel.elf", &f, &err), EB_ERR_FAT);
    assert_string_equal(err.message, "file not found: /nodir/kernel.elf");
    assert_int_equal(fat_open(&im->vol, "/boot/elfboot.cfg/x", &f, &err), EB_ERR_FAT);
    assert_non_null(strstr(err.message, "file not found: /boot/elfboot.cfg/x"));
    assert_int_equal(fat_open(&im->vol, "/boot", &f, &err), EB_ERR_FAT);
    assert_non_null(strstr(err.message, "is a directory"));
    assert_int_equal(fat_open(&im->vol, "/boot/elfboot.cf", &f, &err), EB_ERR_FAT);
    assert_int_equal(fat_open(&im->vol, "/boot/elfboot.cfgx", &f, &err), EB_ERR_FAT);
}

/* ---- Broken volumes: copies of the FAT32 image with one thing wrong ---- */

static struct image broken;

static void load_broken(void)
{
    broken.name = "fat32.img";
    broken.data = slurp(broken.name, &broken.size);
    memdisk_init(&broken.disk, broken.data, broken.size, 512);
}

static int mount_broken(struct eb_error *err)
{
    return fat_mount(&broken.vol, &broken.disk.dev, 0, err);
}

static void expect_mount_error(const char *what)
{
    struct eb_error err;
    assert_int_equal(mount_broken(&err), EB_ERR_FAT);
    if (!strstr(err.message, what))
        fail_msg("expected '%s' in '%s'", what, err.message);
    free(broken.data);
}

static void test_bad_signature(void **state)
{
    (void)state;
    load_broken();
    broken.data[510] = 0;
    expect_mount_error("signature");
}

static void test_sector_size_mismatch(void **state)
{
    (void)state;
    load_broken();
    broken.data[11] = 0x00, broken.data[12] = 0x04; /* 1024 bytes a sector */
    expect_mount_error("1024-byte sectors");
}

static void test_bad_cluster_size(void **state)
{
    (void)state;
    load_broken();
    broken.data[13] = 3;
    expect_mount_error("geometry");
}

static void test_no_fat(void **state)
{
    (void)state;
    load_broken();
    broken.data[16] = 0; /* zero FATs */
    expect_mount_error("no FAT");
}

static void test_fat_too_small(void **state)
{
    (void)state;
    load_broken();
    broken.data[36] = 1, broken.data[37] = broken.data[38] = broken.data[39] = 0;
    struct eb_error err;
    assert_int_not_equal(mount_broken(&err), EB_OK);
    free(broken.data);
}

/* Finds the FAT entry of a file's first cluster in the broken image. */
static uint8_t *fat_entry(uint32_t cluster)
{
    return broken.data + ((uint64_t)broken.vol.fat_start << 9) + cluster * 4;
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v, p[1] = (uint8_t)(v >> 8), p[2] = (uint8_t)(v >> 16),
    p[3] = (uint8_t)(v >> 24);
}

static void test_chain_ends_early(void **state)
{
    (void)state;
    struct fat_file f;
    struct eb_error err;
    load_broken();
    assert_int_equal(mount_broken(&err), EB_OK);
    assert_int_equal(fat_open(&broken.vol, "/big.bin", &f, &err), EB_OK);
    put32(fat_entry(f.cluster), 0x0fffffff); /* end of chain after one cluster */
    uint8_t *buf = malloc(f.size);
    assert_int_equal(fat_read(&broken.vol, &f, buf, &err), EB_ERR_FAT);
    assert_non_null(strstr(err.message, "chain ends"));
    free(buf);
    free(broken.data);
}

static void test_chain_to_free_cluster(void **state)
{
    (void)state;
    struct fat_file f;
    struct eb_error err;
    load_broken();
    assert_int_equal(mount_broken(&err), EB_OK);
    assert_int_equal(fat_open(&broken.vol, "/big.bin", &f, &err), EB_OK);
    put32(fat_entry(f.cluster), 0); /* "free" inside a chain */
    uint8_t *buf = malloc(f.size);
    assert_int_equal(fat_read(&broken.vol, &f, buf, &err), EB_ERR_FAT);
    assert_non_null(strstr(err.message, "out of range"));
    free(buf);
    free(broken.data);
}

static void test_directory_loop(void **state)
{
    (void)state;
    struct eb_error err;
    struct fat_file f;
    load_broken();
    assert_int_equal(mount_broken(&err), EB_OK);
    /* Fill the root cluster with entries so the search must follow the chain, and make
     * the chain point back to itself. */
    uint8_t *root = broken.data + ((broken.vol.data_start +
                                    ((uint64_t)(broken.vol.root_cluster - 2)
                                     << broken.vol.cluster_shift)) << 9);
    for (int i = 0; i < 16; i++) {
        memcpy(root + 32 * i, "JUNK    BIN", 11);
        root[32 * i + 11] = 0x20;
    }
    put32(fat_entry(broken.vol.root_cluster), broken.vol.root_cluster);
    assert_int_equal(fat_open(&broken.vol, "/missing", &f, &err), EB_ERR_FAT);
    assert_non_null(strstr(err.message, "broken directory cluster chain"));
    free(broken.data);
}

static void test_truncated_image(void **state)
{
    (void)state;
    struct fat_file f;
    struct eb_error err;
    load_broken();
    assert_int_equal(mount_broken(&err), EB_OK);
    assert_int_equal(fat_open(&broken.vol, "/boot/frag.bin", &f, &err), EB_OK);
    broken.disk.size = (uint64_t)broken.vol.data_start << 9; /* the data area is gone */
    uint8_t *buf = malloc(f.size);
    assert_int_equal(fat_read(&broken.vol, &f, buf, &err), EB_ERR_IO);
    assert_non_null(strstr(err.message, "disk read error"));
    free(buf);
    free(broken.data);
}

#define PER_IMAGE(fn)                                                                   \
    {#fn " fat12", fn, setup, teardown, &images[0]},                                    \
        {#fn " fat16", fn, setup, teardown, &images[1]},                                \
        {#fn " fat32", fn, setup, teardown, &images[2]}

int main(void)
{
    const struct CMUnitTest tests[] = {
        PER_IMAGE(test_type),
        PER_IMAGE(test_paths_any_case),
        PER_IMAGE(test_long_names),
        PER_IMAGE(test_deep_path),
        PER_IMAGE(test_empty_file),
        PER_IMAGE(test_contiguous_merged),
        PER_IMAGE(test_fragmented),
        PER_IMAGE(test_not_found),
        cmocka_unit_test(test_bad_signature),
        cmocka_unit_test(test_sector_size_mismatch),
        cmocka_unit_test(test_bad_cluster_size),
        cmocka_unit_test(test_no_fat),
        cmocka_unit_test(test_fat_too_small),
        cmocka_unit_test(test_chain_ends_early),
        cmocka_unit_test(test_chain_to_free_cluster),
        cmocka_unit_test(test_directory_loop),
        cmocka_unit_test(test_truncated_image),
    };
    return cmocka_run_group_tests_name("bios_fat", tests, NULL, NULL);
}
