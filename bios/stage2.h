/* stage2.h: the pieces of stage 2's 32-bit part, one file each, in boot order. */
#ifndef BIOS_STAGE2_H
#define BIOS_STAGE2_H

#include <stdint.h>

#include "config.h"
#include "console.h"
#include "fat.h"
#include "handoff.h"
#include "physmem.h"

#define LOADER_NAME "elfboot " ELFBOOT_VERSION " (bios)"

/* main.c: the console every step writes to */
extern struct console console;
#define say(...) console_printf(&console, __VA_ARGS__)
#define die(...) console_die(&console, __VA_ARGS__)

/* e820.c: the firmware's memory map in ELFBOOT_MEM_* types; returns the entry count
 * (at most cap), and in *dropped how many entries beyond cap it left out */
uint32_t e820_read(struct elfboot_memmap_entry *out, uint32_t cap, uint32_t *dropped);

/* memory.c: the physical allocator from E820, with stage 2's own memory claimed */
void memory_init(struct eb_physmem *pm);
/* Highest fitting 4 KiB-aligned range below 4 GiB (clear of low lower-half kernels);
 * 0 when none. */
uint64_t memory_alloc_high(struct eb_physmem *pm, uint64_t size, uint32_t type);

/* files.c: whole files from the boot partition */
void read_config(struct fat_volume *v, struct eb_config *cfg);
/* Reads `path` into memory of `type` below 4 GiB; says what it loaded where. */
uint64_t load_file(struct fat_volume *v, struct eb_physmem *pm, const char *what,
                   const char *path, uint32_t type, uint64_t *size);

/* audit.c: `audit = on`: the firmware ranges' CRC-32 and the loader's memory, as the
 * text of the module `module` (bootloader/audit.h); call before any file but the config */
void audit_record(struct eb_physmem *pm, struct handoff_module *module);

/* vbe.c: the framebuffer in the mode the config, else the kernel's request, asks for;
 * falls back to text mode with a message */
void video_setup(const struct eb_config *cfg, const struct elfboot_request *req,
                 struct elfboot_framebuffer *fb);

/* acpi.c: firmware tables by the specifications' searches; 0 when absent */
uint64_t acpi_find_rsdp(void);
uint64_t smbios_find(void);

/* cmos.c: the real-time clock as Unix seconds (read as UTC); 0 when unreadable */
uint64_t cmos_read_time(void);

/* pic.c: mask every line of both 8259 PICs */
void pic_mask_all(void);

/* longmode.c: identity map, long mode, and the 64-bit part; never returns */
__attribute__((noreturn)) void long_mode_enter(struct eb_physmem *pm, struct handoff *h);

#endif /* BIOS_STAGE2_H */
