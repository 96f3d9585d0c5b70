/* layout.h: where everything goes on the disk (docs/image-layout.md) and whether the
 * files fit: pure arithmetic, unit-tested on its own. */
#ifndef TOOL_LAYOUT_H
#define TOOL_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum image_kind { IMAGE_HYBRID, IMAGE_BIOS, IMAGE_UEFI, IMAGE_ISO };

#define MIB (1024ull * 1024)
#define PART_FIRST_LBA 2048ull        /* the ESP starts at 1 MiB */
#define MIN_AUTO_PART_MIB 64ull
#define FAT32_MIN_CLUSTERS 65525ull   /* Microsoft FAT spec, "FAT Type Determination" */
#define FAT_RESERVED_SECTORS 32ull    /* what mformat writes for FAT32 */
#define FAT_COUNT 2ull
#define MAX_DISK_MIB (1024ull * 1024) /* 1 TiB: beyond any sensible boot image */

/* What goes in the FAT partition: file sizes, and how many entries each folder holds. */
struct fat_content {
    const uint64_t *file_sizes;
    size_t file_count;
    size_t module_count;   /* entries in /boot/modules */
};

struct layout {
    enum image_kind kind;
    uint64_t disk_sectors;
    uint64_t part_first, part_sectors; /* the FAT partition */
    uint32_t cluster_sectors;          /* 8, 4, 2 or 1 */
    uint64_t clusters;                 /* data clusters of the FAT32 file system */
    uint64_t clusters_needed;          /* by the files and folders */
    uint64_t stage2_lba;               /* 0: no stage 2 (UEFI) */
    uint32_t stage2_sectors;
    uint64_t first_usable_lba;         /* GPT */
    bool gpt;
};

/* Plans a disk of `kind` for `content`, `stage2_bytes` of stage 2 (ignored for UEFI),
 * `size_mib` for the whole disk (0: automatic). On failure returns -1 with a message
 * in `why` (naming the --size that would do when the files do not fit). */
int layout_plan(enum image_kind kind, const struct fat_content *content,
                uint64_t stage2_bytes, uint64_t size_mib, struct layout *out, char *why,
                size_t why_size);

/* FAT32 geometry of a partition: data clusters for `cluster_sectors`, as mformat lays it
 * out (32 reserved sectors, two FATs of 4 bytes per cluster). */
uint64_t fat32_clusters(uint64_t part_sectors, uint32_t cluster_sectors);

#endif /* TOOL_LAYOUT_H */
