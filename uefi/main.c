/* main.c: efi_main, the UEFI loader's boot sequence, one step a line.
 *
 * Each step lives in the file named beside it; each reports its own failure on the
 * screen and COM1 and halts (uefi_fatal), so nothing below ever returns to the firmware:
 * that would boot the next device and hide the message.
 */
#include "uefi.h"

EFI_HANDLE uefi_image;
EFI_SYSTEM_TABLE *uefi_st;
EFI_BOOT_SERVICES *uefi_bs;

/* Large (the config alone is 14 KiB): static rather than on the firmware's stack. */
static struct eb_config config;
static struct eb_kernel kernel;
static struct eb_module_input modules[EB_CONFIG_MAX_MODULES + 1]; /* + the audit's */
static struct eb_module_input audit_module;
static struct eb_boot_input input;
static struct eb_platform platform;
static struct eb_boot boot;

/* Called by gnu-efi's crt0 (System V ABI) after it applied our relocations. */
EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *st)
{
    struct eb_error err;
    struct elfboot_memmap_entry *final_map;
    uint32_t final_count;

    uefi_image = image;
    uefi_st = st;
    uefi_bs = st->BootServices;

    /* 1. No watchdog: it would reset a machine halted on an error after 5 minutes
     *    (UEFI 2.10, 7.5.1). Then the screen and COM1.                     (log.c) */
    uefi_bs->SetWatchdogTimer(0, 0, 0, NULL);
    uefi_log_init();
    uefi_log("%s", UEFI_LOADER_NAME);

    /* 2. /boot/elfboot.cfg, then the kernel, checked by the core.        (files.c) */
    uefi_open_boot_volume();
    uefi_read_config(&config);
    /*    The clock first: OVMF's first GetTime changes a page of its runtime data,
     *    which must happen before the audit's snapshot.                   (time.c) */
    input.boot_time = uefi_boot_time();
    if (config.audit) /* before any other file: the firmware's memory as it is */
        audit_module = uefi_audit_record();                            /* (audit.c) */
    uefi_read_kernel(&config, &kernel);

    /* 3. Modules, into memory the kernel will own; the audit's last.     (files.c) */
    input.module_count = uefi_read_modules(&config, modules);
    if (config.audit)
        modules[input.module_count++] = audit_module;
    input.modules = modules;

    /* 4. The framebuffer.                                                (video.c) */
    uefi_setup_video(&config, &kernel, &input.framebuffer);

    /* 5. Firmware tables.                                               (tables.c) */
    uefi_find_tables(&input.rsdp, &input.smbios);
    input.efi_system_table = (uint64_t)(uintptr_t)st;
    input.firmware = ELFBOOT_FIRMWARE_UEFI;
    input.loader_name = UEFI_LOADER_NAME;
    input.cmdline = config.cmdline;

    /* 6. The core's view of the machine.                              (platform.c) */
    uefi_platform_init(&platform);

    /* 7. The memory map, then the core places the kernel, its stack, page tables
     *    and boot info.                                        (memory.c, the core) */
    uefi_memmap_before_load(&input);
    if (eb_load(&platform, &input, &kernel, &boot, &err) != EB_OK)
        uefi_fatal("kernel %s: %s", config.kernel, err.message);
    /* Both copied from, never read again: their pages go back to the free pool, and
     * to the kernel as USABLE memory. */
    uefi_free_file((struct uefi_file){ (uintptr_t)kernel.file, kernel.file_size });
    uefi_bs->FreePool((void *)input.memmap);

    /* 8. Leave the firmware, finish the memory map, jump.   (memory.c, the core) */
    final_count = uefi_exit_boot_services(&final_map);
    if (eb_finish_memmap(&boot, final_map, final_count, &err) != EB_OK)
        uefi_fatal("%s", err.message);
    uefi_log("entering the kernel at 0x%llx", (unsigned long long)boot.entry);
    eb_handoff(&boot);
}
