/* image.h: `elfboot build`'s writer: a bootable disk image (docs/image-layout.md) from an
 * image_spec, reproducible and atomic. */
#ifndef TOOL_IMAGE_H
#define TOOL_IMAGE_H

#include <stdint.h>

#include "inputs.h"

/* Writes the image `spec` describes to `output`. Checks everything first; on any error
 * (or a signal) `output` is untouched and no temporary file is left. */
int image_write(const struct image_spec *spec, const char *output);

/* The time every timestamp in an image gets: SOURCE_DATE_EPOCH when set (and a time FAT
 * can hold: 1980 to 2107), else a fixed 2024-01-01T00:00:00Z. */
int image_epoch(uint64_t *epoch);

/* A temporary folder for files the image is made from, registered with cleanup.c. */
struct staging {
    char *dir;
    struct strvec paths; /* files and folders created, removed by staging_remove */
};
int staging_create(struct staging *s);
/* Writes `data` as staging/<rel>; returns the malloc'd path or NULL (message printed). */
char *staging_file(struct staging *s, const char *rel, const void *data, uint64_t size);
int staging_subdir(struct staging *s, const char *rel);
/* A path staging/<rel> for a file someone else creates, removed with the rest. */
char *staging_reserve(struct staging *s, const char *rel);
void staging_remove(struct staging *s);

#endif /* TOOL_IMAGE_H */
