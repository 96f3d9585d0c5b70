/* uefi.h: the UEFI frontend's files and what they offer each other.
 *
 * efi_main (main.c) calls these in order; each file is one concern. Every function that
 * can fail reports the failure itself (uefi_fatal: screen and COM1, then halt), so the
 * boot sequence in main.c reads as a list of steps without error plumbing.
 */
#ifndef EB_UEFI_H
#define EB_UEFI_H

#include <efi.h>

#include "config.h"
#include "core.h"
#include "util.h"

#define UEFI_LOADER_NAME "elfboot " ELFBOOT_VERSION " (uefi)"

/* The firmware handles every file uses, set once by efi_main. */
extern EFI_HANDLE uefi_image;
extern EFI_SYSTEM_TABLE *uefi_st;
extern EFI_BOOT_SERVICES *uefi_bs;

/* log.c: console (screen) and COM1. */
void uefi_log_init(void);
void uefi_log_set_serial(bool on);
/* After the first ExitBootServices call: no console any more, COM1 only (UEFI 2.10,
 * 7.4.6: only memory services may be called after it, even when it failed). */
void uefi_log_firmware_gone(void);
void uefi_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
__attribute__((noreturn, format(printf, 1, 2))) void uefi_fatal(const char *fmt, ...);
const char *uefi_status_text(EFI_STATUS status);

/* files.c: the boot partition (the volume BOOTX64.EFI was loaded from). */
struct uefi_file {
    uint64_t phys; /* 4 KiB aligned pages */
    uint64_t size; /* bytes */
};
void uefi_open_boot_volume(void);
/* Reads `path` (as in elfboot.cfg: "/boot/kernel.elf") into pages of `memory_type`;
 * errors name it as `what` ("config", "kernel", "module") and the path. */
struct uefi_file uefi_read_file(const char *what, const char *path,
                                EFI_MEMORY_TYPE memory_type);
void uefi_free_file(struct uefi_file f);
void uefi_read_config(struct eb_config *cfg);
void uefi_read_kernel(const struct eb_config *cfg, struct eb_kernel *kernel);
uint32_t uefi_read_modules(const struct eb_config *cfg, struct eb_module_input *modules);

/* audit.c: `audit = on` (bootloader/audit.h): the firmware ranges' CRC-32 and the
 * loader's image, as the text of the module it returns. Record before any file but the
 * config is read; memory.c calls the other two around ExitBootServices (no-ops without
 * a record), and the text is complete after the second. */
struct eb_module_input uefi_audit_record(void);
void uefi_audit_exit_begin(void);
void uefi_audit_exit_end(void);

/* video.c: GOP mode and framebuffer. */
void uefi_setup_video(const struct eb_config *cfg, const struct eb_kernel *kernel,
                      struct elfboot_framebuffer *fb);

/* tables.c: ACPI and SMBIOS from the configuration table. */
void uefi_find_tables(uint64_t *rsdp, uint64_t *smbios);

/* time.c: GetTime as Unix seconds; 0 when the clock cannot be read. */
uint64_t uefi_boot_time(void);

/* platform.c: struct eb_platform over boot services. */
void uefi_platform_init(struct eb_platform *p);

/* memory.c: memory maps and the exit from boot services. */
void uefi_memmap_before_load(struct eb_boot_input *in);
/* Leaves boot services and returns the final map in ELFBOOT_MEM_* entries. */
uint32_t uefi_exit_boot_services(struct elfboot_memmap_entry **map);

#endif /* EB_UEFI_H */
