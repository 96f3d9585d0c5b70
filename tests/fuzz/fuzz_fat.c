/* fuzz_fat.c: libFuzzer target for bios/fat.c. The input is a FAT volume image of
 * 512-byte sectors; the target mounts it and opens and reads a few paths, the way
 * stage 2 does at boot. Any crash, overflow or hang is a bug. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fat.h"
#include "../bios/memdisk.h"

#define MAX_FILE (1u << 20) /* larger files are opened, not read */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct fat_volume v;
    static const char *paths[] = {"/boot/elfboot.cfg", "/boot/kernel.elf",
                                  "/a/b/c/d", "/BOOT/MODULES/Initrd.img", "/x"};
    struct memdisk d;
    struct eb_error err;
    uint8_t *copy = malloc(size ? size : 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    memdisk_init(&d, copy, size, 512);
    if (fat_mount(&v, &d.dev, 0, &err) == EB_OK) {
        for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
            struct fat_file f;
            if (fat_open(&v, paths[i], &f, &err) != EB_OK || f.size > MAX_FILE)
                continue;
            uint8_t *buf = malloc(f.size ? f.size : 1);
            if (buf) {
                fat_read(&v, &f, buf, &err);
                free(buf);
            }
        }
    }
    free(copy);
    return 0;
}
