/* partition.h: finding the boot partition on an MBR or GPT disk.
 *
 * GPT (the MBR holds a type 0xEE entry): the first EFI system partition. MBR: the
 * active FAT partition, else the first FAT partition. Pure: reads through a blockdev.
 */
#ifndef BIOS_PARTITION_H
#define BIOS_PARTITION_H

#include <stdint.h>

#include "blockdev.h"
#include "status.h"

/* ---- On-disk structures ---- */

struct mbr_entry {
    uint8_t status;       /* 0x80: active */
    uint8_t chs_first[3];
    uint8_t type;
    uint8_t chs_last[3];
    uint32_t lba_first;
    uint32_t sectors;
} __attribute__((packed));
_Static_assert(sizeof(struct mbr_entry) == 16, "MBR partition entry is 16 bytes");

struct mbr {
    uint8_t code[440];
    uint32_t disk_signature;
    uint16_t reserved;
    struct mbr_entry entries[4];
    uint16_t boot_signature; /* 0xaa55 */
} __attribute__((packed));
_Static_assert(sizeof(struct mbr) == 512, "MBR is 512 bytes");
_Static_assert(__builtin_offsetof(struct mbr, entries) == 446, "MBR entries at 446");

/* UEFI 2.10, 5.3.2 */
struct gpt_header {
    char signature[8]; /* "EFI PART" */
    uint32_t revision;
    uint32_t header_size;
    uint32_t header_crc32;
    uint32_t reserved;
    uint64_t my_lba, alternate_lba, first_usable_lba, last_usable_lba;
    uint8_t disk_guid[16];
    uint64_t entries_lba;
    uint32_t entry_count;
    uint32_t entry_size;
    uint32_t entries_crc32;
} __attribute__((packed));
_Static_assert(sizeof(struct gpt_header) == 92, "GPT header is 92 bytes");

/* UEFI 2.10, 5.3.3 */
struct gpt_entry {
    uint8_t type_guid[16];
    uint8_t unique_guid[16];
    uint64_t first_lba, last_lba;
    uint64_t attributes;
    uint16_t name[36];
} __attribute__((packed));
_Static_assert(sizeof(struct gpt_entry) == 128, "GPT entry is 128 bytes");

/* ---- The search ---- */

struct boot_partition {
    uint64_t lba;     /* first sector, in device sectors */
    uint64_t sectors; /* length */
    int gpt;          /* found through the GPT */
    int index;        /* 1-based entry number */
};

/* Finds the boot partition. Errors (EB_ERR_PARTITION, or the device's) say why. */
int partition_find_boot(const struct blockdev *dev, struct boot_partition *out,
                        struct eb_error *err);

/* CRC-32 (IEEE 802.3, as the GPT uses it), continuing from `crc` (start with 0). */
uint32_t partition_crc32(uint32_t crc, const void *data, uint32_t len);

#endif /* BIOS_PARTITION_H */
