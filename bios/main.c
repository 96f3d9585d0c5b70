/* main.c: stage 2's 32-bit part. entry16.S calls stage2_main() in protected mode with
 * the BIOS boot drive; each step below is one file (stage2.h). */
#include "core.h"
#include "disk.h"
#include "layout.h"
#include "messages.h"
#include "partition.h"
#include "stage2.h"
#include "util.h"

struct console console;

static struct eb_physmem physmem;
static struct disk disk;
static struct fat_volume volume;
static struct eb_config config;
static struct handoff handoff;
static struct handoff_module modules[HANDOFF_MAX_MODULES];
static uint32_t audit_modules; /* 1 with `audit = on` */

static void open_boot_partition(uint8_t drive)
{
    struct eb_error err;
    struct boot_partition part;
    if (disk_init(&disk, drive, &err) != EB_OK ||
        partition_find_boot(&disk.dev, &part, &err) != EB_OK ||
        fat_mount(&volume, &disk.dev, part.lba, &err) != EB_OK)
        die("%s", err.message);
    say("boot partition: %s entry %d at LBA %llu, FAT%u", part.gpt ? "GPT" : "MBR",
        part.index, (unsigned long long)part.lba, (unsigned)volume.type);
}

/* The framebuffer: the mode the config or the kernel's request asks for (the kernel's
 * request read by the core's ELF reader), or text mode when the kernel wants none. */
static void setup_video(void)
{
    static struct eb_kernel k;
    struct eb_error err;
    if (eb_kernel_inspect((const void *)(uintptr_t)handoff.kernel_file, handoff.kernel_size,
                          &k, &err) != EB_OK)
        die("kernel %s: %s", config.kernel, err.message);
    if (k.req_flags & ELFBOOT_REQ_NO_FRAMEBUFFER)
        say(EB_MSG_NO_FRAMEBUFFER "the kernel asks for none; text mode stays");
    else
        video_setup(&config, &k.request, &handoff.framebuffer);
}

static void load_modules(void)
{
    for (uint32_t i = 0; i < config.module_count; i++) {
        const struct eb_config_module *m = &config.modules[i];
        modules[i].phys = load_file(&volume, &physmem, "module", m->path,
                                    ELFBOOT_MEM_MODULES, &modules[i].size);
        modules[i].name = (uintptr_t)m->name;
    }
    handoff.modules = (uintptr_t)modules;
    handoff.module_count = config.module_count + audit_modules;
}

/* `audit = on`: the audit's module goes behind the config's (audit.c). */
static void record_audit(void)
{
    audit_record(&physmem, &modules[config.module_count]);
    audit_modules = 1;
}

static void find_firmware_tables(void)
{
    handoff.rsdp = acpi_find_rsdp();
    handoff.smbios = smbios_find();
    say("firmware: RSDP at 0x%llx, SMBIOS at 0x%llx", (unsigned long long)handoff.rsdp,
        (unsigned long long)handoff.smbios);
    handoff.boot_time = cmos_read_time();
}

__attribute__((noreturn)) void stage2_main(uint32_t drive)
{
    console_init_text(&console);
    say("%s: stage 2 from BIOS drive 0x%x", LOADER_NAME, (unsigned)drive);
    memory_init(&physmem);
    open_boot_partition((uint8_t)drive);
    read_config(&volume, &config);
    console_set_serial(&console, config.serial);
    if (config.audit)
        record_audit(); /* before any other file is read */

    handoff.kernel_file = load_file(&volume, &physmem, "kernel", config.kernel,
                                    ELFBOOT_MEM_LOADER_RECLAIMABLE, &handoff.kernel_size);
    handoff.kernel_path = (uintptr_t)config.kernel;
    handoff.cmdline = (uintptr_t)config.cmdline;
    load_modules();
    find_firmware_tables();
    setup_video();
    pic_mask_all();
    long_mode_enter(&physmem, &handoff);
}
