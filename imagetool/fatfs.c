/* fatfs.c: mtools driven for reproducible output: a fixed serial, every timestamp from
 * SOURCE_DATE_EPOCH (mtools honours it for the entries it creates; TZ=UTC keeps local
 * time out of them), no user configuration (MTOOLSRC), no geometry checks. */
#include "fatfs.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "disklabel.h"
#include "spawn.h"
#include "util.h"

static const char *const tools[] = {"mformat", "mmd", "mcopy"};

int fat_tools_check(void)
{
    for (size_t i = 0; i < sizeof tools / sizeof tools[0]; i++)
        if (!program_in_path(tools[i]))
            return fail("'%s' not found in PATH: elfboot writes the FAT partition with "
                        "mtools (Debian/Ubuntu: apt-get install mtools)", tools[i]);
    return 0;
}

/* Starts one mtools command with the environment that makes its output reproducible. */
static int mtools_begin(const struct fat_volume *v, struct strvec *argv, struct spawn_job *job)
{
    char epoch[64];
    snprintf(epoch, sizeof epoch, "SOURCE_DATE_EPOCH=%" PRIu64, v->epoch);
    const char *env[] = {"MTOOLSRC=/dev/null", "MTOOLS_SKIP_CHECK=1", "TZ=UTC", "LC_ALL=C",
                         epoch, NULL};
    return spawn_begin(argv->v, env, true, job);
}

/* Waits for it; its messages become ours when it fails. */
static int mtools_end(struct spawn_job *job, const char *tool)
{
    char *output = NULL;
    int rc = spawn_end(job, &output);
    if (rc > 0 || rc == -2) {
        size_t len = strlen(output);
        while (len && output[len - 1] == '\n')
            output[--len] = '\0';
        fail("%s failed (status %d)%s%s", tool, rc, *output ? ": " : "", output);
    }
    free(output);
    return rc ? -1 : 0;
}

static int run_mtools(const struct fat_volume *v, struct strvec *argv)
{
    struct spawn_job job;
    return mtools_begin(v, argv, &job) ? -1 : mtools_end(&job, argv->v[0]);
}

static void begin(struct strvec *argv, const char *tool, const struct fat_volume *v)
{
    strvec_push(argv, tool);
    strvec_push(argv, "-i");
    strvec_pushf(argv, "%s@@%" PRIu64, v->image, v->offset);
}

int fat_format(const struct fat_volume *v)
{
    if (strstr(v->image, "@@"))
        return fail("the image path '%s' holds '@@', which mtools reads as an offset",
                    v->image);
    struct strvec argv = {0};
    begin(&argv, "mformat", v);
    if (v->layout->cluster_sectors) { /* FAT32 as planned; else mformat's FAT12/16 */
        strvec_push(&argv, "-F");
        strvec_push(&argv, "-c");
        strvec_pushf(&argv, "%u", v->layout->cluster_sectors);
        strvec_push(&argv, "-R");
        strvec_pushf(&argv, "%llu", FAT_RESERVED_SECTORS);
    }
    strvec_push(&argv, "-T");
    strvec_pushf(&argv, "%" PRIu64, v->layout->part_sectors);
    strvec_push(&argv, "-H"); /* hidden sectors: where the partition starts */
    strvec_pushf(&argv, "%" PRIu64, v->layout->part_first);
    /* The BPB's geometry (no loader reads it: they address sectors by LBA); it sizes
     * mtools' buffers. mformat reads whole cylinders: 255 x 63 sectors made it read
     * 3 x 8 MB of the empty partition (20 to 28 ms). mcopy writes 8 tracks at a time:
     * 63 sectors a track write 504 KiB per call, 32 only 128 KiB (6 to 12 ms more for
     * 64 MiB). 16 x 63 is also what a BIOS reports for a small disk. */
    strvec_push(&argv, "-h");
    strvec_push(&argv, "16");
    strvec_push(&argv, "-s");
    strvec_push(&argv, "63");
    strvec_push(&argv, "-N");
    strvec_pushf(&argv, "%08x", v->serial);
    strvec_push(&argv, "-v");
    strvec_push(&argv, "ELFBOOT");
    strvec_push(&argv, "::");
    int rc = run_mtools(v, &argv);
    strvec_free(&argv);
    return rc;
}

/* The fields of the boot sector that place the metadata (Microsoft FAT specification,
 * "BPB"); the rest is skipped. */
struct bpb_extent {
    uint8_t skip0[11];
    uint16_t bytes_per_sector;
    uint8_t sectors_per_cluster;
    uint16_t reserved_sectors;
    uint8_t fat_count;
    uint16_t root_entries;  /* FAT12/16: the root directory's fixed region */
    uint8_t skip1[3];
    uint16_t fat_size16;    /* 0 on FAT32 */
    uint8_t skip2[12];
    uint32_t fat_size32;
    uint8_t skip3[4];
    uint32_t root_cluster;  /* FAT32 */
} __attribute__((packed));
_Static_assert(offsetof(struct bpb_extent, bytes_per_sector) == 11, "BPB_BytsPerSec at 11");
_Static_assert(offsetof(struct bpb_extent, reserved_sectors) == 14, "BPB_RsvdSecCnt at 14");
_Static_assert(offsetof(struct bpb_extent, root_entries) == 17, "BPB_RootEntCnt at 17");
_Static_assert(offsetof(struct bpb_extent, fat_size16) == 22, "BPB_FATSz16 at 22");
_Static_assert(offsetof(struct bpb_extent, fat_size32) == 36, "BPB_FATSz32 at 36");
_Static_assert(offsetof(struct bpb_extent, root_cluster) == 44, "BPB_RootClus at 44");

/* Where what mformat wrote ends, from the partition's start: the reserved sectors, the
 * FATs, and the root directory (FAT12/16's region; FAT32's first cluster, where mformat
 * puts it). 0 when the boot sector is not what mformat writes. */
static uint64_t metadata_end(int fd, uint64_t offset)
{
    struct bpb_extent b;
    if (pread(fd, &b, sizeof b, (off_t)offset) != (ssize_t)sizeof b ||
        b.bytes_per_sector != SECTOR_SIZE || !b.sectors_per_cluster || !b.fat_count)
        return 0;
    uint64_t fat = b.fat_size16 ? b.fat_size16 : b.fat_size32;
    uint64_t sectors = b.reserved_sectors + b.fat_count * fat;
    if (b.fat_size16)
        sectors += (b.root_entries * 32u + SECTOR_SIZE - 1) / SECTOR_SIZE;
    else if (b.root_cluster == 2)
        sectors += b.sectors_per_cluster;
    else
        return 0;
    return sectors * SECTOR_SIZE;
}

int fat_shrink(const struct fat_volume *v, uint64_t *size)
{
    *size = 0;
    int fd = open(v->image, O_RDWR | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        return fail("cannot open '%s' again: %s", v->image, strerror(e));
    }
    uint64_t end = metadata_end(fd, v->offset);
    int rc = 0;
    if (end && v->offset + end < (uint64_t)st.st_size) {
        *size = (uint64_t)st.st_size;
        if (ftruncate(fd, (off_t)(v->offset + end)) < 0)
            rc = fail("cannot write '%s': %s", v->image, strerror(errno));
    }
    close(fd);
    return rc;
}

int fat_grow(const struct fat_volume *v, uint64_t size)
{
    if (size && truncate(v->image, (off_t)size) < 0)
        return fail("cannot write '%s': %s", v->image, strerror(errno));
    return 0;
}

int fat_mkdirs(const struct fat_volume *v, const char *const *dirs, int count)
{
    struct strvec argv = {0};
    begin(&argv, "mmd", v);
    for (int i = 0; i < count; i++)
        strvec_pushf(&argv, "::%s", dirs[i]);
    int rc = run_mtools(v, &argv);
    strvec_free(&argv);
    return rc;
}

int fat_copy_begin(const struct fat_volume *v, const char *const *files, int count,
                   const char *fat_dir, struct spawn_job *job)
{
    struct strvec argv = {0};
    begin(&argv, "mcopy", v);
    strvec_push(&argv, "-Q"); /* stop at the first error */
    for (int i = 0; i < count; i++)
        strvec_push(&argv, files[i]);
    strvec_pushf(&argv, "::%s/", fat_dir);
    int rc = mtools_begin(v, &argv, job);
    strvec_free(&argv);
    return rc;
}

int fat_copy_end(struct spawn_job *job)
{
    return mtools_end(job, "mcopy");
}

int fat_copy(const struct fat_volume *v, const char *const *files, int count,
             const char *fat_dir)
{
    struct spawn_job job;
    return fat_copy_begin(v, files, count, fat_dir, &job) ? -1 : fat_copy_end(&job);
}
