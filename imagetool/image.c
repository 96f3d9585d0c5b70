/* image.c: `elfboot build`'s disk writer (image.h). The layout is docs/image-layout.md. */
#include "image.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "disklabel.h"
#include "fatfs.h"
#include "loaders.h"
#include "output.h"

#define FIXED_EPOCH 1704067200ull /* 2024-01-01T00:00:00Z */
#define FAT_EPOCH_MIN 315532800ull /* 1980-01-01: FAT dates start there */
#define FAT_EPOCH_MAX 4354819199ull /* 2107-12-31T23:59:59Z: and end there */

int loaders_check(enum image_kind kind)
{
    const char *missing = NULL;
    if (kind != IMAGE_UEFI && !loader_stage1_size)
        missing = "the BIOS stage 1 (build/bios/stage1.bin)";
    else if (kind != IMAGE_UEFI && !loader_stage2_size)
        missing = "the BIOS stage 2 (build/bios/stage2.bin)";
    else if (kind != IMAGE_BIOS && !loader_uefi_size)
        missing = "the UEFI loader (build/uefi/BOOTX64.EFI)";
    if (missing)
        return fail("this elfboot was built without %s, which did not exist yet: run make "
                    "again once it builds%s", missing,
                    kind == IMAGE_HYBRID ? ", or choose --bios or --uefi" : "");
    if (kind != IMAGE_UEFI && loader_stage1_size > STAGE1_MAX_BYTES)
        return fail("the embedded stage 1 is %" PRIu64 " bytes; the MBR holds %u",
                    loader_stage1_size, STAGE1_MAX_BYTES);
    return 0;
}

int image_epoch(uint64_t *epoch)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (!s || !*s) {
        *epoch = FIXED_EPOCH;
        return 0;
    }
    uint64_t v;
    if (!parse_u64(s, &v) || (s[0] == '0' && s[1] == 'x'))
        return fail("SOURCE_DATE_EPOCH='%s' is not a number of seconds", s);
    if (v < FAT_EPOCH_MIN || v > FAT_EPOCH_MAX)
        return fail("SOURCE_DATE_EPOCH=%s is outside what FAT timestamps hold (1980 to 2107)",
                    s);
    *epoch = v;
    return 0;
}

static int plan(const struct image_spec *spec, const struct image_inputs *in,
                struct layout *l)
{
    uint64_t sizes[EB_CONFIG_MAX_MODULES + 3];
    size_t n = 0;
    sizes[n++] = in->kernel.size;
    sizes[n++] = in->config_len;
    if (spec->kind != IMAGE_BIOS)
        sizes[n++] = loader_uefi_size;
    for (size_t i = 0; i < in->module_count; i++)
        sizes[n++] = in->modules[i].size;
    struct fat_content c = {sizes, n, in->module_count};
    char why[256];
    if (layout_plan(spec->kind, &c, loader_stage2_size, spec->size_mib, l, why, sizeof why))
        return fail("the image cannot be laid out: %s", why);
    return 0;
}

int write_at(int fd, const void *data, uint64_t size, uint64_t offset, const char *what)
{
    const uint8_t *p = data;
    while (size) {
        ssize_t n = pwrite(fd, p, size, (off_t)offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return fail("cannot write %s to the image: %s", what,
                        n < 0 ? strerror(errno) : "no space");
        p += n, size -= (uint64_t)n, offset += (uint64_t)n;
    }
    return 0;
}

/* Sector 0, the GPT (both copies) and stage 2: everything outside the partition. */
static int write_labels(int fd, const struct layout *l, const struct image_ids *d)
{
    struct mbr mbr;
    memset(&mbr, 0, sizeof mbr);
    if (l->kind != IMAGE_UEFI)
        memcpy(mbr.code, loader_stage1_data, loader_stage1_size);
    if (l->gpt)
        mbr_make_protective(&mbr, l->disk_sectors, d->disk_signature);
    else
        mbr_make_bios(&mbr, l->part_first, l->part_sectors, d->disk_signature);
    if (l->kind != IMAGE_UEFI) {
        mbr.stage2_lba = l->stage2_lba;
        mbr.stage2_sectors = (uint16_t)l->stage2_sectors;
    }
    if (write_at(fd, &mbr, sizeof mbr, 0, "the MBR"))
        return -1;
    if (l->kind != IMAGE_UEFI &&
        write_at(fd, loader_stage2_data, loader_stage2_size, l->stage2_lba * SECTOR_SIZE,
                   "stage 2"))
        return -1;
    if (!l->gpt)
        return 0;

    struct gpt *g = xmalloc(sizeof *g);
    struct gpt_params p = {
        .disk_sectors = l->disk_sectors,
        .first_usable_lba = l->first_usable_lba,
        .part_first = l->part_first,
        .part_last = l->part_first + l->part_sectors - 1,
        .disk_guid = d->disk_guid,
        .part_guid = d->part_guid,
        .part_name = "elfboot",
    };
    gpt_make(g, &p);
    uint8_t sector[SECTOR_SIZE] = {0};
    int rc = 0;
    memcpy(sector, &g->primary, sizeof g->primary);
    rc |= write_at(fd, sector, SECTOR_SIZE, SECTOR_SIZE, "the GPT header");
    rc |= write_at(fd, g->entries, sizeof g->entries, g->primary.entries_lba * SECTOR_SIZE,
                     "the GPT entries");
    rc |= write_at(fd, g->entries, sizeof g->entries, g->backup.entries_lba * SECTOR_SIZE,
                     "the backup GPT entries");
    memcpy(sector, &g->backup, sizeof g->backup);
    rc |= write_at(fd, sector, SECTOR_SIZE, g->backup.my_lba * SECTOR_SIZE,
                     "the backup GPT header");
    free(g);
    return rc ? -1 : 0;
}

/* What mcopy reads, under the names it gets on the image. What exists only in memory is
 * written to the staging folder; the kernel and the modules are linked there, so that
 * mcopy reads the user's files (read-only) and nothing copies them twice. */
struct fat_files {
    char *efi, *cfg, *kernel;
    char *modules[EB_CONFIG_MAX_MODULES];
};

static int stage_files(struct staging *s, const struct image_spec *spec,
                       const struct image_inputs *in, struct fat_files *f)
{
    memset(f, 0, sizeof *f);
    f->kernel = staging_link(s, "kernel.elf", spec->kernel);
    f->cfg = staging_file(s, "elfboot.cfg", in->config_text, in->config_len);
    if (spec->kind != IMAGE_BIOS)
        f->efi = staging_file(s, "BOOTX64.EFI", loader_uefi_data, loader_uefi_size);
    if (!f->kernel || !f->cfg || (spec->kind != IMAGE_BIOS && !f->efi))
        return -1;
    if (in->module_count && staging_subdir(s, "modules"))
        return -1;
    for (size_t i = 0; i < in->module_count; i++) {
        char *rel = xasprintf("modules/%s", path_base(in->modules[i].fat_path));
        f->modules[i] = staging_link(s, rel, in->modules[i].spec->file);
        free(rel);
        if (!f->modules[i])
            return -1;
    }
    return 0;
}

static void free_files(struct fat_files *f)
{
    free(f->efi), free(f->cfg), free(f->kernel);
    for (size_t i = 0; i < EB_CONFIG_MAX_MODULES; i++)
        free(f->modules[i]);
}

/* mcopy copies the modules while this process hashes them: both read the same bytes
 * from the page cache, and the digests are needed only by the IDs written after. */
static int copy_modules(const struct fat_volume *v, struct fat_files *f,
                        struct image_inputs *in)
{
    struct spawn_job job;
    if (fat_copy_begin(v, (const char *const *)f->modules, (int)in->module_count,
                       MODULES_FAT_DIR, &job))
        return -1;
    int rc = 0;
    for (size_t i = 0; i < in->module_count && rc == 0; i++)
        rc = module_hash(&in->modules[i]);
    return fat_copy_end(&job) || rc ? -1 : 0;
}

/* The staged files, then mformat, mmd, mcopy: the partition's contents, in a fixed order. */
int image_fill_fat(const char *image, const struct image_spec *spec, struct image_inputs *in,
                   const struct layout *l, const struct image_ids *d)
{
    struct staging s;
    struct fat_files f;
    if (staging_create(&s))
        return -1;
    int rc = stage_files(&s, spec, in, &f);
    struct fat_volume v = {image, l->part_first * SECTOR_SIZE, l, d->volume_serial, d->epoch};
    const char *dirs[4];
    int ndirs = 0;
    if (spec->kind != IMAGE_BIOS)
        dirs[ndirs++] = "/EFI", dirs[ndirs++] = "/EFI/BOOT";
    dirs[ndirs++] = "/boot";
    if (in->module_count)
        dirs[ndirs++] = MODULES_FAT_DIR;
    const char *boot_files[] = {f.cfg, f.kernel};
    uint64_t size;
    rc = rc || fat_format(&v) || fat_shrink(&v, &size) || fat_mkdirs(&v, dirs, ndirs) ||
         (f.efi && fat_copy(&v, (const char *const *)&f.efi, 1, "/EFI/BOOT")) ||
         fat_copy(&v, boot_files, 2, "/boot") ||
         (in->module_count && copy_modules(&v, &f, in)) || fat_grow(&v, size) ||
         inputs_unchanged(spec, in)
             ? -1 : 0;
    free_files(&f);
    staging_remove(&s);
    return rc;
}

static int output_safe(const struct image_spec *spec, const char *output)
{
    if (output_not_input(output, spec->kernel, "kernel") ||
        output_not_input(output, spec->config, "config"))
        return -1;
    for (size_t i = 0; i < spec->module_count; i++)
        if (output_not_input(output, spec->modules[i].file, "module"))
            return -1;
    return 0;
}

int image_prepare(const struct image_spec *spec, const char *output, struct image_inputs *in,
                  uint64_t *epoch)
{
    memset(in, 0, sizeof *in);
    if (loaders_check(spec->kind) || image_epoch(epoch) || output_safe(spec, output))
        return -1;
    return inputs_load(spec, in) || fat_tools_check() ? -1 : 0;
}

int image_write(const struct image_spec *spec, const char *output)
{
    struct image_inputs in;
    struct layout layout;
    struct image_ids derived;
    struct output out;
    uint64_t epoch;

    int rc = -1;
    if (image_prepare(spec, output, &in, &epoch) || plan(spec, &in, &layout))
        goto done;
    image_ids_begin(spec, &in, layout.disk_sectors, epoch, &derived);

    if (output_begin(&out, output))
        goto done;
    if (ftruncate(out.fd, (off_t)(layout.disk_sectors * SECTOR_SIZE)) < 0) {
        fail("cannot write '%s': %s", output, strerror(errno));
        output_abort(&out);
        goto done;
    }
    if (image_fill_fat(out.temp, spec, &in, &layout, &derived)) {
        output_abort(&out);
        goto done;
    }
    image_ids_finish(&in, &derived); /* the modules are hashed now */
    if (write_labels(out.fd, &layout, &derived)) {
        output_abort(&out);
        goto done;
    }
    rc = output_commit(&out);
done:
    inputs_free(&in);
    return rc;
}
