/* iso9660.c: a path lookup in an ISO 9660 image (iso9660.h). Every offset is checked
 * against the image's size. */
#include "iso9660.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

/* Whether the record's name is `want` (`len` bytes), ignoring a ";1" version. */
static bool name_is(const struct iso_dirent *d, const char *want, size_t len)
{
    const char *name = (const char *)(d + 1);
    size_t n = d->name_len;
    const char *semi = memchr(name, ';', n);
    if (semi)
        n = (size_t)(semi - name);
    if (n && name[n - 1] == '.') /* "NAME." for files without an extension */
        n--;
    return n == len && strncasecmp(name, want, len) == 0;
}

/* Looks for one name in the directory at `dir`; on success `*dir` becomes its record. */
static int find_in(const uint8_t *image, size_t size, const struct iso_dirent **dir,
                   const char *name, size_t len)
{
    uint64_t start = (uint64_t)(*dir)->extent * ISO_SECTOR, end = start + (*dir)->size;
    if (end > size)
        return -1;
    for (uint64_t pos = start; pos + sizeof(struct iso_dirent) <= end;) {
        const struct iso_dirent *d = (const void *)(image + pos);
        if (d->length == 0) { /* records do not cross sectors: go to the next one */
            pos = (pos / ISO_SECTOR + 1) * ISO_SECTOR;
            continue;
        }
        if (d->length < sizeof *d || pos + d->length > end || sizeof *d + d->name_len > d->length)
            return -1;
        if (name_is(d, name, len)) {
            *dir = d;
            return 0;
        }
        pos += d->length;
    }
    return -1;
}

int iso9660_find(const uint8_t *image, size_t size, const char *path, uint32_t *sector,
                 uint32_t *bytes)
{
    uint64_t pvd = (uint64_t)ISO_PVD_SECTOR * ISO_SECTOR;
    if (size < pvd + ISO_SECTOR || image[pvd] != 1 || memcmp(image + pvd + 1, "CD001", 5))
        return -1;
    const struct iso_dirent *d = (const void *)(image + pvd + ISO_PVD_ROOT_OFFSET);
    while (*path) {
        const char *slash = strchr(path, '/');
        size_t len = slash ? (size_t)(slash - path) : strlen(path);
        if (find_in(image, size, &d, path, len))
            return -1;
        path += len + (slash ? 1 : 0);
    }
    *sector = d->extent;
    *bytes = d->size;
    return 0;
}
