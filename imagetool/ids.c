/* ids.c: the disk's IDs (image.h), from a hash of what the image holds, so that the
 * same inputs give the same bytes. nettle's SHA-256 over the kernel and the
 * configuration whole, lengths and terminators included ("ab","c" and "a","bc"
 * differ); each module counts by its name, size and XXH3-128 digest (inputs.h), which
 * is taken while mcopy copies it: SHA-256 over 64 MiB cost twice a cp of it. */
#include "image.h"

#include <string.h>

#include <nettle/sha2.h>

static void hash_u64(struct sha256_ctx *h, uint64_t v)
{
    uint8_t le[8];
    for (int i = 0; i < 8; i++)
        le[i] = (uint8_t)(v >> (8 * i));
    sha256_update(h, sizeof le, le);
}

static void hash_str(struct sha256_ctx *h, const char *s)
{
    sha256_update(h, strlen(s) + 1, (const uint8_t *)s);
}

void image_ids_begin(const struct image_spec *spec, const struct image_inputs *in,
                     uint64_t disk_sectors, uint64_t epoch, struct image_ids *d)
{
    struct sha256_ctx h;
    sha256_init(&h);
    hash_str(&h, "elfboot image 2");
    hash_u64(&h, (uint64_t)spec->kind);
    hash_u64(&h, disk_sectors);
    hash_u64(&h, epoch);
    hash_u64(&h, in->kernel.size);
    sha256_update(&h, in->kernel.size, in->kernel.data);
    hash_u64(&h, in->config_len);
    sha256_update(&h, in->config_len, (const uint8_t *)in->config_text);
    for (size_t i = 0; i < in->module_count; i++) {
        hash_str(&h, in->modules[i].fat_path);
        hash_u64(&h, in->modules[i].size);
    }
    sha256_digest(&h, sizeof d->base, d->base);

    uint8_t serial[SHA256_DIGEST_SIZE];
    sha256_init(&h);
    sha256_update(&h, sizeof d->base, d->base);
    hash_str(&h, "volume serial");
    sha256_digest(&h, sizeof serial, serial);
    memcpy(&d->volume_serial, serial, 4);
    d->epoch = epoch;
}

void image_ids_finish(const struct image_inputs *in, struct image_ids *d)
{
    struct sha256_ctx h;
    uint8_t digest[SHA256_DIGEST_SIZE], more[SHA256_DIGEST_SIZE];
    sha256_init(&h);
    sha256_update(&h, sizeof d->base, d->base);
    for (size_t i = 0; i < in->module_count; i++)
        sha256_update(&h, sizeof in->modules[i].digest, in->modules[i].digest);
    sha256_digest(&h, sizeof digest, digest);
    d->disk_guid = guid_from_bytes(digest);
    d->part_guid = guid_from_bytes(digest + 16);
    sha256_init(&h);
    sha256_update(&h, sizeof digest, digest);
    hash_str(&h, "disk signature");
    sha256_digest(&h, sizeof more, more);
    memcpy(&d->disk_signature, more, 4);
}
