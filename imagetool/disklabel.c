/* disklabel.c: filling the MBR and GPT structs (disklabel.h). CRC32 is zlib's, the
 * same polynomial and conditioning as UEFI 2.10, 5.3.2 asks for. */
#include "disklabel.h"

#include <string.h>
#include <zlib.h>

const struct guid GUID_EFI_SYSTEM = {
    0xC12A7328, 0xF81F, 0x11D2, {0xBA, 0x4B, 0x00, 0xA0, 0xC9, 0x3E, 0xC9, 0x3B}};

struct guid guid_from_bytes(const uint8_t b[16])
{
    struct guid g;
    memcpy(&g, b, sizeof g);
    g.data3 = (uint16_t)((g.data3 & 0x0FFF) | 0x4000); /* version 4 */
    g.data4[0] = (uint8_t)((g.data4[0] & 0x3F) | 0x80); /* RFC 4122 variant */
    return g;
}

void mbr_chs(uint64_t lba, uint8_t chs[3])
{
    uint64_t cylinder = lba / (255 * 63);
    if (cylinder > 1023) {
        chs[0] = 0xFE, chs[1] = 0xFF, chs[2] = 0xFF;
        return;
    }
    uint64_t head = (lba / 63) % 255, sector = lba % 63 + 1;
    chs[0] = (uint8_t)head;
    chs[1] = (uint8_t)(sector | ((cylinder >> 2) & 0xC0)); /* cylinder bits 8-9 on top */
    chs[2] = (uint8_t)cylinder;
}

static void clear_table(struct mbr *m, uint32_t signature)
{
    memset(&m->stage2_lba, 0, SECTOR_SIZE - offsetof(struct mbr, stage2_lba));
    m->disk_signature = signature;
    m->boot_signature = 0xAA55;
}

void mbr_make_protective(struct mbr *m, uint64_t disk_sectors, uint32_t signature)
{
    clear_table(m, signature);
    struct mbr_partition *p = &m->partitions[0];
    uint64_t sectors = disk_sectors - 1;
    p->status = 0;
    p->type = MBR_TYPE_PROTECTIVE;
    p->lba_first = 1;
    p->sectors = sectors > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)sectors;
    mbr_chs(1, p->chs_first);
    mbr_chs(disk_sectors - 1, p->chs_last);
}

void mbr_make_bios(struct mbr *m, uint64_t first_lba, uint64_t sectors, uint32_t signature)
{
    clear_table(m, signature);
    struct mbr_partition *p = &m->partitions[0];
    p->status = 0x80;
    p->type = MBR_TYPE_FAT32_LBA;
    p->lba_first = (uint32_t)first_lba;
    p->sectors = (uint32_t)sectors;
    mbr_chs(first_lba, p->chs_first);
    mbr_chs(first_lba + sectors - 1, p->chs_last);
}

static uint32_t crc32_of(const void *data, size_t len)
{
    return (uint32_t)crc32(crc32(0L, Z_NULL, 0), data, (uInt)len);
}

static void header_crc(struct gpt_header *h)
{
    h->header_crc32 = 0;
    h->header_crc32 = crc32_of(h, sizeof *h);
}

void gpt_make(struct gpt *g, const struct gpt_params *p)
{
    memset(g, 0, sizeof *g);
    struct gpt_entry *e = &g->entries[0];
    e->type = GUID_EFI_SYSTEM;
    e->unique = p->part_guid;
    e->first_lba = p->part_first;
    e->last_lba = p->part_last;
    for (size_t i = 0; p->part_name[i] && i < 36; i++)
        e->name[i] = (uint16_t)(unsigned char)p->part_name[i];

    struct gpt_header *h = &g->primary;
    memcpy(h->signature, "EFI PART", 8);
    h->revision = 0x00010000;
    h->header_size = sizeof *h;
    h->my_lba = 1;
    h->alternate_lba = p->disk_sectors - 1;
    h->first_usable_lba = p->first_usable_lba;
    h->last_usable_lba = p->disk_sectors - 1 - GPT_ENTRIES_SECTORS - 1;
    h->disk_guid = p->disk_guid;
    h->entries_lba = 2;
    h->entry_count = GPT_ENTRY_COUNT;
    h->entry_size = sizeof(struct gpt_entry);
    h->entries_crc32 = crc32_of(g->entries, sizeof g->entries);

    g->backup = *h;
    g->backup.my_lba = h->alternate_lba;
    g->backup.alternate_lba = h->my_lba;
    g->backup.entries_lba = p->disk_sectors - 1 - GPT_ENTRIES_SECTORS;
    header_crc(h);
    header_crc(&g->backup);
}
