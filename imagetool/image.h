/* image.h: `elfboot build`'s writer: a bootable disk image (docs/image-layout.md) from an
 * image_spec, reproducible and atomic. */
#ifndef TOOL_IMAGE_H
#define TOOL_IMAGE_H

#include <stdint.h>

#include "disklabel.h"
#include "inputs.h"

/* Values derived from the inputs: the same inputs always give the same image. */
struct image_ids {
    struct guid disk_guid, part_guid;
    uint32_t disk_signature, volume_serial;
    uint64_t epoch;
    uint8_t base[32]; /* the hash of everything but the modules' contents */
};

/* Writes the image `spec` describes to `output`. Checks everything first; on any error
 * (or a signal) `output` is untouched and no temporary file is left. */
int image_write(const struct image_spec *spec, const char *output);

/* The checks every image starts with: the loaders it needs are built in, the time, the
 * output does not overwrite an input, the inputs (inputs_load), mtools. `in` is always
 * safe to inputs_free() afterwards. */
int image_prepare(const struct image_spec *spec, const char *output, struct image_inputs *in,
                  uint64_t *epoch);
/* The IDs (ids.c), in two steps. First the volume serial, which mformat needs before
 * the modules are hashed: from everything the image holds but the modules' contents. */
void image_ids_begin(const struct image_spec *spec, const struct image_inputs *in,
                     uint64_t disk_sectors, uint64_t epoch, struct image_ids *ids);
/* Then, once image_fill_fat has hashed the modules, the disk GUID, the partition GUID
 * and the MBR's disk signature, from everything. */
void image_ids_finish(const struct image_inputs *in, struct image_ids *ids);
/* The boot partition's file system and files (EFI/BOOT/BOOTX64.EFI unless --bios), in
 * `image` at l->part_first; hashes the modules (their digests in `in`) while mcopy
 * copies them. */
int image_fill_fat(const char *image, const struct image_spec *spec,
                   struct image_inputs *in, const struct layout *l,
                   const struct image_ids *ids);
int write_at(int fd, const void *data, uint64_t size, uint64_t offset, const char *what);

/* The time every timestamp in an image gets: SOURCE_DATE_EPOCH when set (and a time FAT
 * can hold: 1980 to 2107), else a fixed 2024-01-01T00:00:00Z. */
int image_epoch(uint64_t *epoch);

/* A temporary folder for the files the image is made from, registered with cleanup.c. */
struct staging {
    char *dir;
    struct strvec paths; /* files and folders created, removed by staging_remove */
};
int staging_create(struct staging *s);
/* Writes `data` as staging/<rel>; returns the malloc'd path or NULL (message printed). */
char *staging_file(struct staging *s, const char *rel, const void *data, uint64_t size);
int staging_subdir(struct staging *s, const char *rel);
/* staging/<rel> as a symbolic link to `target` (made absolute); returns the malloc'd
 * path or NULL. Removing it removes the link only. */
char *staging_link(struct staging *s, const char *rel, const char *target);
/* A path staging/<rel> for a file someone else creates, removed with the rest. */
char *staging_reserve(struct staging *s, const char *rel);
void staging_remove(struct staging *s);

#endif /* TOOL_IMAGE_H */
