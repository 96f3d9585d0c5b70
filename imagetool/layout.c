/* layout.c: disk geometry and the FAT32 fit (layout.h). */
#include "layout.h"

#include <stdio.h>

#include "disklabel.h"

#define GPT_TAIL_SECTORS (GPT_ENTRIES_SECTORS + 1)   /* backup entries + header */
#define HYBRID_STAGE2_LBA (2 + GPT_ENTRIES_SECTORS)  /* 34 */
#define BIOS_STAGE2_LBA 1ull
/* Clusters kept free beyond the count, so that no reader that counts a few clusters
 * differently (the FAT spec warns of off-by-some implementations) sees FAT16. */
#define FAT32_CLUSTER_MARGIN 16ull

/* Sectors the file system takes for `clusters` clusters: reserved, two FATs (4 bytes a
 * cluster plus two reserved entries), the data. */
static uint64_t fat32_sectors(uint64_t clusters, uint32_t cluster_sectors)
{
    uint64_t fat_sectors = ((clusters + 2) * 4 + SECTOR_SIZE - 1) / SECTOR_SIZE;
    return FAT_RESERVED_SECTORS + FAT_COUNT * fat_sectors + clusters * cluster_sectors;
}

uint64_t fat32_clusters(uint64_t part_sectors, uint32_t cluster_sectors)
{
    /* The largest count that fits: a binary search, the cost grows with the count. */
    uint64_t low = 0, high = part_sectors / cluster_sectors + 1;
    while (high - low > 1) {
        uint64_t mid = low + (high - low) / 2;
        if (fat32_sectors(mid, cluster_sectors) <= part_sectors)
            low = mid;
        else
            high = mid;
    }
    return fat32_sectors(low, cluster_sectors) <= part_sectors ? low : 0;
}

static uint64_t div_up(uint64_t a, uint64_t b)
{
    return (a + b - 1) / b;
}

/* Clusters the files and the folders take: /, /EFI, /EFI/BOOT, /boot, /boot/modules
 * (a name takes up to 4 entries of 32 bytes with its long-name parts). */
static uint64_t clusters_needed(const struct fat_content *c, uint32_t cluster_sectors)
{
    uint64_t bytes = (uint64_t)cluster_sectors * SECTOR_SIZE, n = 0;
    for (size_t i = 0; i < c->file_count; i++)
        n += div_up(c->file_sizes[i], bytes);
    n += 4;                                           /* /, /EFI, /EFI/BOOT, /boot */
    n += div_up((2 + 8 * c->module_count) * 32, bytes); /* /boot/modules: long names */
    return n;
}

/* The largest cluster (at most 4 KiB) that keeps the file system FAT32. */
static uint32_t pick_cluster(uint64_t part_sectors)
{
    for (uint32_t spc = 8; spc >= 1; spc /= 2)
        if (fat32_clusters(part_sectors, spc) >= FAT32_MIN_CLUSTERS + FAT32_CLUSTER_MARGIN)
            return spc;
    return 0;
}

/* Disk sectors for a partition of `part_sectors` (automatic sizes: whole MiB). */
static uint64_t disk_for(enum image_kind kind, uint64_t part_sectors)
{
    uint64_t tail = kind == IMAGE_BIOS ? 0 : MIB / SECTOR_SIZE; /* GPT backup: 1 MiB */
    return PART_FIRST_LBA + part_sectors + tail;
}

/* The partition a --size disk leaves: everything from 1 MiB to the GPT backup. */
static uint64_t part_for(enum image_kind kind, uint64_t disk_sectors)
{
    uint64_t tail = kind == IMAGE_BIOS ? 0 : GPT_TAIL_SECTORS;
    if (disk_sectors < PART_FIRST_LBA + tail)
        return 0;
    return disk_sectors - PART_FIRST_LBA - tail;
}

static bool fits(const struct fat_content *c, uint64_t part_sectors, struct layout *l)
{
    l->cluster_sectors = pick_cluster(part_sectors);
    if (!l->cluster_sectors)
        return false;
    l->clusters = fat32_clusters(part_sectors, l->cluster_sectors);
    l->clusters_needed = clusters_needed(c, l->cluster_sectors);
    return l->clusters_needed <= l->clusters;
}

/* The smallest whole-MiB disk the content fits in, for the error message. */
static uint64_t smallest_disk_mib(enum image_kind kind, const struct fat_content *c)
{
    struct layout l;
    for (uint64_t mib = 2; mib <= MAX_DISK_MIB; mib += mib < 1024 ? 1 : mib / 64)
        if (fits(c, part_for(kind, mib * MIB / SECTOR_SIZE), &l))
            return mib;
    return 0;
}

int layout_plan(enum image_kind kind, const struct fat_content *c, uint64_t stage2_bytes,
                uint64_t size_mib, struct layout *l, char *why, size_t why_size)
{
    *l = (struct layout){.kind = kind, .gpt = kind != IMAGE_BIOS};
    if (kind != IMAGE_UEFI) {
        l->stage2_lba = kind == IMAGE_BIOS ? BIOS_STAGE2_LBA : HYBRID_STAGE2_LBA;
        l->stage2_sectors = (uint32_t)div_up(stage2_bytes, SECTOR_SIZE);
        uint64_t room = PART_FIRST_LBA - l->stage2_lba;
        if (l->stage2_sectors > room) {
            snprintf(why, why_size, "stage 2 is %llu sectors; its area holds %llu",
                     (unsigned long long)l->stage2_sectors, (unsigned long long)room);
            return -1;
        }
    }
    l->first_usable_lba = kind == IMAGE_HYBRID ? PART_FIRST_LBA : HYBRID_STAGE2_LBA;
    l->part_first = PART_FIRST_LBA;

    if (size_mib) {
        if (size_mib > MAX_DISK_MIB) {
            snprintf(why, why_size, "--size %llu MiB is larger than the %llu MiB limit",
                     (unsigned long long)size_mib, (unsigned long long)MAX_DISK_MIB);
            return -1;
        }
        l->disk_sectors = size_mib * MIB / SECTOR_SIZE;
        l->part_sectors = part_for(kind, l->disk_sectors);
    } else {
        uint64_t bytes = 0;
        for (size_t i = 0; i < c->file_count; i++)
            bytes += c->file_sizes[i];
        /* Room to add files later (mcopy), then whole MiB. */
        uint64_t mib = div_up(bytes + bytes / 8 + 4 * MIB, MIB);
        if (mib < MIN_AUTO_PART_MIB)
            mib = MIN_AUTO_PART_MIB;
        l->part_sectors = mib * MIB / SECTOR_SIZE;
        l->disk_sectors = disk_for(kind, l->part_sectors);
    }
    if (kind == IMAGE_BIOS && l->part_first + l->part_sectors > 0xFFFFFFFFull) {
        snprintf(why, why_size, "an MBR disk holds at most 2 TiB");
        return -1;
    }
    if (fits(c, l->part_sectors, l))
        return 0;

    uint64_t need = smallest_disk_mib(kind, c);
    if (!l->cluster_sectors)
        snprintf(why, why_size,
                 "--size %llu MiB leaves too small a partition for FAT32 (%llu clusters at "
                 "least); use --size %llu or more",
                 (unsigned long long)size_mib, FAT32_MIN_CLUSTERS, (unsigned long long)need);
    else
        snprintf(why, why_size,
                 "the files need %llu KiB but a %llu MiB disk holds %llu KiB; use --size %llu "
                 "or more",
                 (unsigned long long)(l->clusters_needed * l->cluster_sectors / 2),
                 (unsigned long long)(l->disk_sectors * SECTOR_SIZE / MIB),
                 (unsigned long long)(l->clusters * l->cluster_sectors / 2),
                 (unsigned long long)need);
    return -1;
}
