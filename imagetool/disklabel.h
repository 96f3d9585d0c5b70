/* disklabel.h: the MBR and GPT as elfboot writes them (docs/image-layout.md), as packed
 * structs whose sizes and offsets the build checks. */
#ifndef TOOL_DISKLABEL_H
#define TOOL_DISKLABEL_H

#include <stddef.h>
#include <stdint.h>

#define SECTOR_SIZE 512u

struct mbr_partition {
    uint8_t status;       /* 0x80: active (bootable) */
    uint8_t chs_first[3];
    uint8_t type;         /* 0xEE protective GPT, 0x0C FAT32 LBA */
    uint8_t chs_last[3];
    uint32_t lba_first;
    uint32_t sectors;
} __attribute__((packed));

/* Sector 0: stage 1's code, the two fields elfboot patches into it, the table. */
struct mbr {
    uint8_t code[428];
    uint64_t stage2_lba;      /* read by stage 1 */
    uint16_t stage2_sectors;  /* read by stage 1 */
    uint16_t zero0;
    uint32_t disk_signature;
    uint16_t zero1;
    struct mbr_partition partitions[4];
    uint16_t boot_signature;  /* 0xAA55: bytes 55 AA */
} __attribute__((packed));

/* A GUID as stored on disk: the first three fields little-endian (UEFI 2.10, Appendix A). */
struct guid {
    uint32_t data1;
    uint16_t data2, data3;
    uint8_t data4[8];
} __attribute__((packed));

/* UEFI 2.10, 5.3.2, table 5.5. */
struct gpt_header {
    char signature[8];        /* "EFI PART" */
    uint32_t revision;        /* 0x00010000 */
    uint32_t header_size;     /* 92 */
    uint32_t header_crc32;    /* of header_size bytes, this field taken as 0 */
    uint32_t reserved;
    uint64_t my_lba, alternate_lba;
    uint64_t first_usable_lba, last_usable_lba;
    struct guid disk_guid;
    uint64_t entries_lba;
    uint32_t entry_count, entry_size, entries_crc32;
} __attribute__((packed));

/* UEFI 2.10, 5.3.3, table 5.6. */
struct gpt_entry {
    struct guid type, unique;
    uint64_t first_lba, last_lba; /* inclusive */
    uint64_t attributes;
    uint16_t name[36];            /* UTF-16LE */
} __attribute__((packed));

_Static_assert(sizeof(struct mbr_partition) == 16, "MBR partition entry is 16 bytes");
_Static_assert(sizeof(struct mbr) == SECTOR_SIZE, "MBR is one sector");
_Static_assert(offsetof(struct mbr, stage2_lba) == 428, "stage2_lba at 428 (image-layout.md)");
_Static_assert(offsetof(struct mbr, stage2_sectors) == 436, "stage2_sectors at 436");
_Static_assert(offsetof(struct mbr, disk_signature) == 440, "disk signature at 440");
_Static_assert(offsetof(struct mbr, partitions) == 446, "partition table at 446");
_Static_assert(offsetof(struct mbr, boot_signature) == 510, "55 AA at 510");
_Static_assert(sizeof(struct guid) == 16, "GUID is 16 bytes");
_Static_assert(sizeof(struct gpt_header) == 92, "GPT header is 92 bytes");
_Static_assert(offsetof(struct gpt_header, disk_guid) == 56, "GPT disk GUID at 56");
_Static_assert(offsetof(struct gpt_header, entries_crc32) == 88, "GPT entries CRC at 88");
_Static_assert(sizeof(struct gpt_entry) == 128, "GPT entry is 128 bytes");
_Static_assert(offsetof(struct gpt_entry, name) == 56, "GPT entry name at 56");

#define GPT_ENTRY_COUNT 128u
#define GPT_ENTRIES_SECTORS (GPT_ENTRY_COUNT * sizeof(struct gpt_entry) / SECTOR_SIZE) /* 32 */
#define MBR_TYPE_PROTECTIVE 0xEE
#define MBR_TYPE_FAT32_LBA 0x0C

/* The EFI system partition type, C12A7328-F81F-11D2-BA4B-00A0C93EC93B. */
extern const struct guid GUID_EFI_SYSTEM;

/* A version-4-style GUID from 16 bytes of a hash (RFC 4122 4.4 sets the same bits). */
struct guid guid_from_bytes(const uint8_t bytes[16]);

/* The CHS triple an MBR entry stores for `lba` (255 heads, 63 sectors a track), or
 * 0xFE/0xFF/0xFF past cylinder 1023, as every partitioning tool does. */
void mbr_chs(uint64_t lba, uint8_t chs[3]);

/* Sector 0 of a GPT disk of `disk_sectors`: one 0xEE entry from LBA 1 over the disk, or
 * 0xFFFFFFFF sectors when larger (UEFI 2.10, 5.2.3, table 5.4). `code` untouched. */
void mbr_make_protective(struct mbr *m, uint64_t disk_sectors, uint32_t signature);

/* Sector 0 of an MBR disk: one active FAT32 (LBA) partition. */
void mbr_make_bios(struct mbr *m, uint64_t first_lba, uint64_t sectors, uint32_t signature);

/* Everything a GPT disk needs beside sector 0. */
struct gpt {
    struct gpt_header primary, backup;
    struct gpt_entry entries[GPT_ENTRY_COUNT];
};

struct gpt_params {
    uint64_t disk_sectors;
    uint64_t first_usable_lba;
    uint64_t part_first, part_last; /* the ESP, inclusive */
    struct guid disk_guid, part_guid;
    const char *part_name;          /* ASCII */
};

/* Fills both headers and the entry array, CRCs included. The primary header goes to
 * LBA 1, the entries to LBA 2 and to disk_sectors - 33, the backup header to the last. */
void gpt_make(struct gpt *g, const struct gpt_params *p);

#endif /* TOOL_DISKLABEL_H */
