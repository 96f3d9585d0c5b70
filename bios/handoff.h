/* handoff.h: what stage 2's 32-bit part hands its 64-bit part.
 *
 * Only fixed-size fields and physical addresses (the 64-bit part runs on an identity
 * map), so that -m32 and -m64 see one layout: the size check below runs in both builds.
 */
#ifndef BIOS_HANDOFF_H
#define BIOS_HANDOFF_H

#include <stdint.h>

#include "config.h"
#include "console.h"
#include "elfboot.h"

/* The config's modules, and the audit's (bios/audit.c) behind them. */
#define HANDOFF_MAX_MODULES (EB_CONFIG_MAX_MODULES + 1)

struct handoff_module {
    uint64_t phys, size;
    uint64_t name; /* physical address of a NUL-terminated string */
};
_Static_assert(sizeof(struct handoff_module) == 24, "handoff_module layout");

struct handoff {
    /* struct eb_physmem, pointer as a physical address */
    uint64_t physmem_map;
    uint32_t physmem_count, physmem_capacity;
    uint64_t physmem_floor;
    /* the kernel file as read from the disk */
    uint64_t kernel_file, kernel_size;
    uint64_t kernel_path; /* physical address of the string, for messages */
    uint64_t cmdline;     /* physical address of the string */
    uint64_t modules;     /* physical address of struct handoff_module[] */
    uint32_t module_count;
    uint32_t reserved;
    struct elfboot_framebuffer framebuffer;
    uint64_t rsdp, smbios, boot_time;
    struct console console;
};
_Static_assert(sizeof(struct handoff) == 208, "struct handoff: one layout in -m32 and -m64");

#endif /* BIOS_HANDOFF_H */
