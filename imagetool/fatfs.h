/* fatfs.h: the FAT32 boot partition, written with mtools into the image file at the
 * partition's offset (`-i IMAGE@@OFFSET`): no loop device, no root. */
#ifndef TOOL_FATFS_H
#define TOOL_FATFS_H

#include <stdint.h>

#include "layout.h"
#include "spawn.h"

struct fat_volume {
    const char *image;        /* the image file */
    uint64_t offset;          /* of the partition, in bytes */
    const struct layout *layout;
    uint32_t serial;          /* volume serial number */
    uint64_t epoch;           /* every timestamp: SOURCE_DATE_EPOCH or a fixed time */
};

/* Fails with a clear message when mformat, mmd or mcopy is not in PATH. */
int fat_tools_check(void);

/* mformat: an empty file system filling the partition: FAT32 with the layout's cluster
 * size, or when that is 0 the FAT12/16 that mformat picks for the size (ISO images). */
int fat_format(const struct fat_volume *v);
/* mtools reads the rest of a track before it writes into it, to keep what is there
 * (its buffer.c), and reading the empty partition of a sparse image makes the kernel
 * allocate and zero a page for every page mcopy then writes: 40% of mcopy's time. A
 * read past the end of the file costs nothing, so between mformat and the last mcopy
 * the file ends where mformat's metadata does; fat_grow gives it its `size` back. The
 * bytes are the same: mtools takes what lies past the end as zeros, as a hole reads. */
int fat_shrink(const struct fat_volume *v, uint64_t *size);
int fat_grow(const struct fat_volume *v, uint64_t size);
/* mmd: the folders, in order (parents first). */
int fat_mkdirs(const struct fat_volume *v, const char *const *dirs, int count);
/* mcopy: host files into the folder `fat_dir`, in order (same order, same bytes). */
int fat_copy(const struct fat_volume *v, const char *const *files, int count,
             const char *fat_dir);
/* fat_copy in two halves: the caller can work while mcopy copies. */
int fat_copy_begin(const struct fat_volume *v, const char *const *files, int count,
                   const char *fat_dir, struct spawn_job *job);
int fat_copy_end(struct spawn_job *job);

#endif /* TOOL_FATFS_H */
