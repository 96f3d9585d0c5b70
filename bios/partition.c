/* partition.c: the boot partition of an MBR or GPT disk (partition.h). Pure C. */
#include <stdbool.h>

#include "crc.h"
#include "partition.h"
#include "util.h"

/* The MBR, the GPT header, then up to 16 KiB of entries per read (128 entries of 128
 * bytes, the usual array, in one BIOS call). */
#define BUF_BYTES 16384
static uint8_t buf[BUF_BYTES] __attribute__((aligned(16)));

/* EFI system partition: C12A7328-F81F-11D2-BA4B-00A0C93EC93B, as stored on disk (the
 * first three fields little-endian; UEFI 2.10, appendix A). */
static const uint8_t esp_guid[16] = {0x28, 0x73, 0x2a, 0xc1, 0x1f, 0xf8, 0xd2, 0x11,
                                     0xba, 0x4b, 0x00, 0xa0, 0xc9, 0x3e, 0xc9, 0x3b};

/* GPT's CRC-32 is zlib's (UEFI 2.10, 5.3.2): the core's. */
uint32_t partition_crc32(uint32_t crc, const void *data, uint32_t len)
{
    return eb_crc32(crc, data, len);
}

static int is_fat_type(uint8_t type)
{
    switch (type) {
    case 0x01: /* FAT12 */
    case 0x04: /* FAT16 < 32 MiB */
    case 0x06: /* FAT16 */
    case 0x0b: /* FAT32, CHS */
    case 0x0c: /* FAT32, LBA */
    case 0x0e: /* FAT16, LBA */
    case 0xef: /* EFI system partition on an MBR disk */
        return 1;
    default:
        return 0;
    }
}

static int read_sector(const struct blockdev *dev, uint64_t lba, struct eb_error *err)
{
    return dev->read(dev->ctx, lba, dev->sector_size, buf, err);
}

static int find_on_gpt(const struct blockdev *dev, struct boot_partition *out,
                       struct eb_error *err)
{
    struct gpt_header h;
    int rc = read_sector(dev, 1, err);
    if (rc != EB_OK)
        return rc;
    memcpy(&h, buf, sizeof h);
    if (memcmp(h.signature, "EFI PART", 8) != 0)
        return eb_fail(err, EB_ERR_PARTITION, "GPT: no 'EFI PART' header at LBA 1");
    if (h.header_size < sizeof h || h.header_size > dev->sector_size)
        return eb_fail(err, EB_ERR_PARTITION, "GPT: header size %u is invalid",
                       (unsigned)h.header_size);
    uint32_t stored = h.header_crc32;
    memset(buf + offsetof(struct gpt_header, header_crc32), 0, 4);
    if (partition_crc32(0, buf, h.header_size) != stored)
        return eb_fail(err, EB_ERR_PARTITION, "GPT: header checksum mismatch");
    if (h.entry_size < sizeof(struct gpt_entry) || (h.entry_size & (h.entry_size - 1)) ||
        h.entry_size > dev->sector_size || h.entry_count == 0 || h.entry_count > 4096)
        return eb_fail(err, EB_ERR_PARTITION, "GPT: %u entries of %u bytes is invalid",
                       (unsigned)h.entry_count, (unsigned)h.entry_size);

    uint32_t per_read = BUF_BYTES / h.entry_size; /* entry_size divides the sector */
    uint32_t crc = 0, index = 0;
    bool found = false;
    while (index < h.entry_count) {
        uint32_t n = h.entry_count - index < per_read ? h.entry_count - index : per_read;
        uint64_t lba = h.entries_lba + index * h.entry_size / dev->sector_size; /* < 16 MiB */
        rc = dev->read(dev->ctx, lba, (uint64_t)n * h.entry_size, buf, err);
        if (rc != EB_OK)
            return rc;
        for (uint32_t i = 0; i < n; i++, index++) {
            const uint8_t *raw = buf + i * h.entry_size;
            struct gpt_entry e;
            crc = partition_crc32(crc, raw, h.entry_size);
            memcpy(&e, raw, sizeof e);
            if (found || memcmp(e.type_guid, esp_guid, 16) != 0)
                continue;
            if (e.first_lba == 0 || e.last_lba < e.first_lba ||
                (dev->sector_count && e.last_lba >= dev->sector_count))
                return eb_fail(err, EB_ERR_PARTITION,
                               "GPT: EFI system partition %u has bad bounds (LBA %llu-%llu)",
                               (unsigned)index + 1, (unsigned long long)e.first_lba,
                               (unsigned long long)e.last_lba);
            out->lba = e.first_lba;
            out->sectors = e.last_lba - e.first_lba + 1;
            out->gpt = 1;
            out->index = (int)index + 1;
            found = true;
        }
    }
    if (crc != h.entries_crc32)
        return eb_fail(err, EB_ERR_PARTITION, "GPT: partition entries checksum mismatch");
    if (!found)
        return eb_fail(err, EB_ERR_PARTITION, "GPT: no EFI system partition on the disk");
    return EB_OK;
}

int partition_find_boot(const struct blockdev *dev, struct boot_partition *out,
                        struct eb_error *err)
{
    struct mbr mbr;
    if (dev->sector_size < sizeof mbr || dev->sector_size > BLOCKDEV_MAX_SECTOR)
        return eb_fail(err, EB_ERR_PARTITION, "disk: sector size %u is not supported",
                       (unsigned)dev->sector_size);
    int rc = read_sector(dev, 0, err);
    if (rc != EB_OK)
        return rc;
    memcpy(&mbr, buf, sizeof mbr);
    if (mbr.boot_signature != 0xaa55)
        return eb_fail(err, EB_ERR_PARTITION, "MBR: no 55 AA signature in sector 0");

    for (int i = 0; i < 4; i++)
        if (mbr.entries[i].type == 0xee)
            return find_on_gpt(dev, out, err);

    int pick = -1;
    for (int i = 0; i < 4 && pick < 0; i++) /* the active FAT partition first */
        if (is_fat_type(mbr.entries[i].type) && (mbr.entries[i].status & 0x80))
            pick = i;
    for (int i = 0; i < 4 && pick < 0; i++) /* else the first FAT partition */
        if (is_fat_type(mbr.entries[i].type))
            pick = i;
    if (pick < 0)
        return eb_fail(err, EB_ERR_PARTITION,
                       "MBR: no FAT partition (types 01 04 06 0B 0C 0E EF) on the disk");
    const struct mbr_entry *e = &mbr.entries[pick];
    if (e->lba_first == 0 || e->sectors == 0 ||
        (dev->sector_count && (uint64_t)e->lba_first + e->sectors > dev->sector_count))
        return eb_fail(err, EB_ERR_PARTITION,
                       "MBR: partition %d has bad bounds (LBA %u, %u sectors)", pick + 1,
                       (unsigned)e->lba_first, (unsigned)e->sectors);
    out->lba = e->lba_first;
    out->sectors = e->sectors;
    out->gpt = 0;
    out->index = pick + 1;
    return EB_OK;
}
