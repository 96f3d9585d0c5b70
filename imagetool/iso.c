/* iso.c: `elfboot build --iso`: a hybrid ISO 9660 image, written by xorriso.
 *
 *   CD, UEFI     El Torito EFI entry: /elfboot/efi.img, a FAT image holding everything
 *                the hybrid disk's ESP holds (BOOTX64.EFI, elfboot.cfg, kernel, modules).
 *   disk, UEFI   the same FAT image is also a GPT partition of type ESP
 *                (xorriso -efi-boot-part --efi-boot-image).
 *   disk, BIOS   the system area's MBR carries stage 1, patched with where stage 2
 *                (/elfboot/stage2.bin) lies; stage 2 finds the ESP in the GPT.
 *   CD, BIOS     El Torito BIOS entry: /elfboot/cdboot.bin, the BIOS loader's CD boot
 *                image ($(BIOS_CDBOOT)), which the BIOS loads whole at 0x7C00 (xorriso
 *                cannot ask for another load segment). Without one, no BIOS CD entry.
 */
#include "iso.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "image.h"
#include "iso9660.h"
#include "loaders.h"
#include "output.h"
#include "spawn.h"

#define ESP_PATH "elfboot/efi.img"
#define STAGE2_PATH "elfboot/stage2.bin"
#define CDBOOT_PATH "elfboot/cdboot.bin"
#define CATALOG_PATH "/elfboot/boot.cat"

/* The FAT image: what the files need plus room, whole MiB; mformat picks FAT12/16. */
static void esp_layout(const struct image_inputs *in, struct layout *l)
{
    uint64_t bytes = in->kernel.size + in->config_len + loader_uefi_size;
    for (size_t i = 0; i < in->module_count; i++)
        bytes += in->modules[i].size;
    uint64_t mib = (bytes + bytes / 8 + MIB + MIB - 1) / MIB;
    *l = (struct layout){.kind = IMAGE_ISO, .part_first = 0, .part_sectors = mib * MIB / 512};
}

/* Every file xorriso reads gets the same time: xorriso dates files by their mtime when
 * SOURCE_DATE_EPOCH is set (xorriso(1), "all_file_dates"). */
static int set_time(const char *path, uint64_t epoch)
{
    struct timespec t[2] = {{(time_t)epoch, 0}, {(time_t)epoch, 0}};
    if (utimensat(AT_FDCWD, path, t, 0) < 0)
        return fail("cannot set the time of '%s': %s", path, strerror(errno));
    return 0;
}

static char *empty_file(struct staging *s, const char *rel, uint64_t size)
{
    char *path = staging_file(s, rel, "", 0);
    if (path && truncate(path, (off_t)size) < 0) {
        fail("cannot size '%s': %s", path, strerror(errno));
        free(path);
        return NULL;
    }
    return path;
}

/* root/elfboot/{efi.img,stage2.bin} and the MBR with stage 1, in the staging folder. */
static int stage_tree(struct staging *s, const struct image_spec *spec,
                      struct image_inputs *in, struct image_ids *ids, char **root,
                      char **mbr)
{
    struct layout l;
    esp_layout(in, &l);
    image_ids_begin(spec, in, l.part_sectors, ids->epoch, ids);
    uint64_t epoch = ids->epoch;
    struct mbr sector0;
    memset(&sector0, 0, sizeof sector0);
    memcpy(sector0.code, loader_stage1_data, loader_stage1_size);
    if (staging_subdir(s, "root") || staging_subdir(s, "root/elfboot"))
        return -1;
    char *esp = empty_file(s, "root/" ESP_PATH, l.part_sectors * 512);
    char *stage2 = staging_file(s, "root/" STAGE2_PATH, loader_stage2_data, loader_stage2_size);
    char *cdboot = loader_cdboot_size ? staging_file(s, "root/" CDBOOT_PATH, loader_cdboot_data,
                                                     loader_cdboot_size) : NULL;
    *mbr = staging_file(s, "mbr.bin", &sector0, sizeof sector0);
    *root = xasprintf("%s/root", s->dir);
    char *sub = xasprintf("%s/root/elfboot", s->dir);
    int rc = !esp || !stage2 || !*mbr || (loader_cdboot_size && !cdboot) ||
                     image_fill_fat(esp, spec, in, &l, ids) || set_time(esp, epoch) ||
                     set_time(stage2, epoch) || (cdboot && set_time(cdboot, epoch)) ||
                     set_time(sub, epoch) || set_time(*root, epoch)
                 ? -1 : 0;
    free(esp), free(stage2), free(cdboot), free(sub);
    if (!rc)
        image_ids_finish(in, ids); /* image_fill_fat hashed the modules */
    return rc;
}

static int run_xorriso(const char *out, const char *root, const char *mbr,
                       const struct image_ids *ids)
{
    char date[64], guid[33];
    snprintf(date, sizeof date, "SOURCE_DATE_EPOCH=%" PRIu64, ids->epoch);
    const uint8_t *g = (const uint8_t *)&ids->disk_guid; /* as stored: 32 hex digits */
    for (int i = 0; i < 16; i++)
        snprintf(guid + 2 * i, 3, "%02x", g[i]);
    const char *env[] = {date, "TZ=UTC", "LC_ALL=C", NULL};
    struct strvec argv = {0};
    const char *args[] = {
        "xorriso", "-no_rc", "-as", "mkisofs", "-quiet", "-V", "ELFBOOT",
        "-G", mbr,                           /* the system area: our MBR with stage 1 */
        "-c", CATALOG_PATH,
    };
    for (size_t i = 0; i < sizeof args / sizeof args[0]; i++)
        strvec_push(&argv, args[i]);
    if (loader_cdboot_size) { /* El Torito BIOS entry, loaded whole */
        strvec_push(&argv, "-b");
        strvec_push(&argv, "/" CDBOOT_PATH);
        strvec_push(&argv, "-no-emul-boot");
        strvec_push(&argv, "-boot-load-size");
        strvec_pushf(&argv, "%" PRIu64, (loader_cdboot_size + SECTOR_SIZE - 1) / SECTOR_SIZE);
        strvec_push(&argv, "-eltorito-alt-boot");
    }
    const char *efi_args[] = {
        "-e", "/" ESP_PATH, "-no-emul-boot", /* El Torito EFI entry */
        "-efi-boot-part", "--efi-boot-image", /* ... also the GPT's ESP */
        "--gpt_disk_guid", guid,              /* from the inputs, as disk images do */
        "-o", out, root,
    };
    for (size_t i = 0; i < sizeof efi_args / sizeof efi_args[0]; i++)
        strvec_push(&argv, efi_args[i]);
    char *log = NULL;
    int rc = spawn_run(argv.v, env, &log, true);
    if (rc > 0 || rc == -2)
        fail("xorriso failed (status %d): %s", rc, log);
    strvec_free(&argv);
    free(log);
    return rc ? -1 : 0;
}

/* Tells stage 1 where xorriso put stage 2 (in 512-byte sectors, as on a disk). */
static int patch_stage1(int fd, const char *path, const struct image_ids *ids)
{
    struct stat st;
    if (fstat(fd, &st) < 0)
        return fail("cannot read back '%s': %s", path, strerror(errno));
    uint8_t *image = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
    if (image == MAP_FAILED)
        return fail("cannot read back '%s': %s", path, strerror(errno));
    uint32_t sector = 0, bytes = 0;
    int found = iso9660_find(image, (size_t)st.st_size, STAGE2_PATH, &sector, &bytes);
    struct mbr m;
    memcpy(&m, image, sizeof m);
    munmap(image, (size_t)st.st_size);
    if (found || bytes != loader_stage2_size)
        return fail("cannot find /" STAGE2_PATH " in the ISO xorriso wrote");
    if (m.stage2_lba || m.stage2_sectors || memcmp(m.code, loader_stage1_data, loader_stage1_size))
        return fail("xorriso changed stage 1 in the ISO's MBR");
    m.stage2_lba = (uint64_t)sector * (ISO_SECTOR / SECTOR_SIZE);
    m.stage2_sectors = (uint16_t)((bytes + SECTOR_SIZE - 1) / SECTOR_SIZE);
    m.disk_signature = ids->disk_signature;
    return write_at(fd, &m, sizeof m, 0, "stage 1's fields");
}

int iso_write(const struct image_spec *spec, const char *output)
{
    struct image_inputs in;
    struct staging s = {0};
    struct output out = {.fd = -1};
    char *root = NULL, *mbr = NULL;
    struct image_ids ids;
    int rc = -1;

    if (image_prepare(spec, output, &in, &ids.epoch))
        goto done;
    if (!program_in_path("xorriso")) {
        fail("'xorriso' not found in PATH: --iso images are written with it "
             "(Debian/Ubuntu: apt-get install xorriso)");
        goto done;
    }
    if (staging_create(&s) || stage_tree(&s, spec, &in, &ids, &root, &mbr) ||
        output_begin(&out, output))
        goto done;
    if (run_xorriso(out.temp, root, mbr, &ids) || patch_stage1(out.fd, out.temp, &ids)) {
        output_abort(&out);
        goto done;
    }
    rc = output_commit(&out);
    if (!rc && !loader_cdboot_size)
        note("note: no BIOS CD boot image in this elfboot (build/bios/cdboot.bin): '%s' boots "
             "on BIOS as a disk, on UEFI as a CD or a disk", output);
done:
    free(root), free(mbr);
    if (s.dir)
        staging_remove(&s);
    inputs_free(&in);
    return rc;
}
