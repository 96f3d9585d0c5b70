/* fat.h: reading files from a FAT12/16/32 volume, long names included.
 *
 * Paths are absolute ("/boot/kernel.elf"), matched case-insensitively against long and
 * short names at any depth. Whole files are read at once, with runs of contiguous
 * clusters merged into one device read. Pure: reads through a blockdev.
 */
#ifndef BIOS_FAT_H
#define BIOS_FAT_H

#include <stdbool.h>
#include <stdint.h>

#include "blockdev.h"
#include "status.h"

/* ---- On-disk structures (Microsoft FAT specification, "BPB" and "Directory") ---- */

struct fat_bpb {
    uint8_t jump[3];
    char oem[8];
    uint16_t bytes_per_sector;
    uint8_t sectors_per_cluster;
    uint16_t reserved_sectors;
    uint8_t fat_count;
    uint16_t root_entries;  /* 0 on FAT32 */
    uint16_t total_sectors16;
    uint8_t media;
    uint16_t fat_size16;    /* 0 on FAT32 */
    uint16_t sectors_per_track;
    uint16_t heads;
    uint32_t hidden_sectors;
    uint32_t total_sectors32;
    /* FAT32 only from here */
    uint32_t fat_size32;
    uint16_t ext_flags;
    uint16_t fs_version;
    uint32_t root_cluster;
} __attribute__((packed));
_Static_assert(sizeof(struct fat_bpb) == 48, "BPB through BPB_RootClus is 48 bytes");

struct fat_dirent {
    char name[11];          /* 8.3, space padded */
    uint8_t attr;
    uint8_t nt_reserved;
    uint8_t create_tenths;
    uint16_t create_time, create_date, access_date;
    uint16_t cluster_high;
    uint16_t write_time, write_date;
    uint16_t cluster_low;
    uint32_t size;
} __attribute__((packed));
_Static_assert(sizeof(struct fat_dirent) == 32, "directory entry is 32 bytes");

struct fat_lfn {
    uint8_t order;          /* sequence number; 0x40: the last (first stored) */
    uint16_t name1[5];
    uint8_t attr;           /* 0x0f */
    uint8_t type;
    uint8_t checksum;       /* of the short name it belongs to */
    uint16_t name2[6];
    uint16_t cluster;       /* 0 */
    uint16_t name3[2];
} __attribute__((packed));
_Static_assert(sizeof(struct fat_lfn) == 32, "long-name entry is 32 bytes");

#define FAT_ATTR_VOLUME 0x08
#define FAT_ATTR_DIRECTORY 0x10
#define FAT_ATTR_LFN 0x0f

/* ---- The reader ---- */

#define FAT_CACHE_BYTES (16 * 1024) /* FAT sectors kept in memory while following chains */
#define FAT_DIR_BYTES (8 * 1024)    /* directory sectors read at once */

struct fat_volume {
    const struct blockdev *dev;
    uint64_t lba;              /* the partition's first sector */
    uint32_t sector_size, sector_shift;
    uint32_t cluster_sectors, cluster_shift; /* sectors per cluster, and its log2 */
    uint32_t fat_start, fat_sectors;         /* relative to lba */
    uint32_t root_start, root_sectors;       /* FAT12/16 fixed root directory */
    uint32_t data_start;
    uint32_t cluster_count;    /* data clusters: numbers 2 .. cluster_count + 1 */
    uint32_t root_cluster;     /* FAT32 root directory; 0 on FAT12/16 */
    uint32_t type;             /* 12, 16 or 32 */
    uint32_t cache_first, cache_count; /* FAT sectors in cache[] */
    uint8_t cache[FAT_CACHE_BYTES] __attribute__((aligned(16)));
    uint8_t dir[FAT_DIR_BYTES] __attribute__((aligned(16))); /* boot sector, directories */
};

struct fat_file {
    uint32_t cluster; /* first cluster; 0 for an empty file (or the FAT12/16 root) */
    uint32_t size;    /* bytes */
    bool directory;
};

/* Checks the boot sector of the volume at `lba` and fills `v`. */
int fat_mount(struct fat_volume *v, const struct blockdev *dev, uint64_t lba,
              struct eb_error *err);

/* Finds `path`. EB_ERR_FAT "file not found: PATH" when it is not there. */
int fat_open(struct fat_volume *v, const char *path, struct fat_file *f,
             struct eb_error *err);

/* Reads the whole file into dst (f->size bytes; nothing is written past them), one
 * device read per run of consecutive clusters. */
int fat_read(struct fat_volume *v, const struct fat_file *f, void *dst,
             struct eb_error *err);

#endif /* BIOS_FAT_H */
