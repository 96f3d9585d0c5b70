/* test_disklabel.c: the MBR and GPT structs as imagetool/disklabel.c fills them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <cmocka.h>
#undef fail /* cmocka's macro; the tool has a function of that name */

#include "disklabel.h"

static void chs_small_and_saturated(void **state)
{
    (void)state;
    uint8_t chs[3];
    mbr_chs(0, chs);
    assert_memory_equal(chs, ((uint8_t[]){0, 1, 0}), 3);
    mbr_chs(1, chs); /* the protective entry's start: head 0, sector 2, cylinder 0 */
    assert_memory_equal(chs, ((uint8_t[]){0, 2, 0}), 3);
    mbr_chs(2048, chs); /* 2048 = 0*16065 + 32*63 + 32: head 32, sector 33 */
    assert_memory_equal(chs, ((uint8_t[]){32, 33, 0}), 3);
    mbr_chs(300 * 16065ull, chs); /* cylinder 300 = 0x12C: bits 8-9 go to the sector byte */
    assert_memory_equal(chs, ((uint8_t[]){0, 0x41, 0x2C}), 3);
    mbr_chs(1024 * 16065ull, chs); /* past 1023 cylinders: the conventional maximum */
    assert_memory_equal(chs, ((uint8_t[]){0xFE, 0xFF, 0xFF}), 3);
}

static void protective_mbr_covers_disk(void **state)
{
    (void)state;
    struct mbr m;
    memset(&m, 0xCC, sizeof m); /* stage 1's code must survive */
    mbr_make_protective(&m, 135168, 0x12345678);
    assert_int_equal(m.code[0], 0xCC);
    assert_int_equal(m.code[427], 0xCC);
    assert_int_equal(m.stage2_lba, 0);
    assert_int_equal(m.partitions[0].type, 0xEE);
    assert_int_equal(m.partitions[0].status, 0);
    assert_int_equal(m.partitions[0].lba_first, 1);
    assert_int_equal(m.partitions[0].sectors, 135167);
    assert_int_equal(m.partitions[1].type, 0);
    assert_int_equal(m.disk_signature, 0x12345678);
    const uint8_t *raw = (const uint8_t *)&m;
    assert_int_equal(raw[510], 0x55);
    assert_int_equal(raw[511], 0xAA);
    /* Larger than 2 TiB: the count saturates (UEFI 2.10, table 5.4). */
    mbr_make_protective(&m, 1ull << 33, 0);
    assert_int_equal(m.partitions[0].sectors, 0xFFFFFFFFu);
}

static void bios_mbr_active_fat32(void **state)
{
    (void)state;
    struct mbr m = {0};
    mbr_make_bios(&m, 2048, 131072, 1);
    assert_int_equal(m.partitions[0].status, 0x80);
    assert_int_equal(m.partitions[0].type, 0x0C);
    assert_int_equal(m.partitions[0].lba_first, 2048);
    assert_int_equal(m.partitions[0].sectors, 131072);
}

static void guid_has_version_4_bits(void **state)
{
    (void)state;
    uint8_t bytes[16];
    memset(bytes, 0xFF, sizeof bytes);
    struct guid g = guid_from_bytes(bytes);
    assert_int_equal(g.data3 >> 12, 4);
    assert_int_equal(g.data4[0] >> 6, 2);
    /* The ESP type GUID as stored on disk (mixed endian). */
    static const uint8_t esp[16] = {0x28, 0x73, 0x2A, 0xC1, 0x1F, 0xF8, 0xD2, 0x11,
                                    0xBA, 0x4B, 0x00, 0xA0, 0xC9, 0x3E, 0xC9, 0x3B};
    assert_memory_equal(&GUID_EFI_SYSTEM, esp, 16);
}

static void gpt_headers_and_crcs(void **state)
{
    (void)state;
    struct gpt *g = malloc(sizeof *g);
    struct gpt_params p = {.disk_sectors = 200000, .first_usable_lba = 2048,
                           .part_first = 2048, .part_last = 190000, .part_name = "elfboot"};
    gpt_make(g, &p);
    assert_memory_equal(g->primary.signature, "EFI PART", 8);
    assert_int_equal(g->primary.my_lba, 1);
    assert_int_equal(g->primary.alternate_lba, 199999);
    assert_int_equal(g->backup.my_lba, 199999);
    assert_int_equal(g->backup.alternate_lba, 1);
    assert_int_equal(g->primary.last_usable_lba, 200000 - 34);
    assert_int_equal(g->primary.entries_lba, 2);
    assert_int_equal(g->backup.entries_lba, 200000 - 33);
    assert_int_equal(g->entries[0].name[0], 'e');
    assert_int_equal(g->entries[0].name[6], 't');
    assert_int_equal(g->entries[0].name[7], 0);
    uint32_t entries_crc = (uint32_t)crc32(0, (const Bytef *)g->entries, sizeof g->entries);
    assert_int_equal(g->primary.entries_crc32, entries_crc);
    assert_int_equal(g->backup.entries_crc32, entries_crc);
    struct gpt_header h = g->backup;
    uint32_t want = h.header_crc32;
    h.header_crc32 = 0;
    assert_int_equal(crc32(0, (const Bytef *)&h, sizeof h), want);
    free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(chs_small_and_saturated),
        cmocka_unit_test(protective_mbr_covers_disk),
        cmocka_unit_test(bios_mbr_active_fat32),
        cmocka_unit_test(guid_has_version_4_bits),
        cmocka_unit_test(gpt_headers_and_crcs),
    };
    cmocka_set_message_output(CM_OUTPUT_TAP);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
