/* bootinfo.c: what elfboot told us, as tables on the console. Every pointer in the boot
 * info is an address in the higher-half direct map (HHDM), so it can be used as is. */
#include "hello.h"

static const char *memory_type_name(uint32_t type)
{
    switch (type) {
    case ELFBOOT_MEM_USABLE:             return "usable";
    case ELFBOOT_MEM_RESERVED:           return "reserved";
    case ELFBOOT_MEM_ACPI_RECLAIMABLE:   return "ACPI reclaimable";
    case ELFBOOT_MEM_ACPI_NVS:           return "ACPI NVS";
    case ELFBOOT_MEM_BAD:                return "bad";
    case ELFBOOT_MEM_LOADER_RECLAIMABLE: return "loader reclaimable";
    case ELFBOOT_MEM_KERNEL:             return "kernel";
    case ELFBOOT_MEM_MODULES:            return "modules";
    case ELFBOOT_MEM_FRAMEBUFFER:        return "framebuffer";
    case ELFBOOT_MEM_FIRMWARE_RUNTIME:   return "firmware runtime";
    default:                             return "unknown";
    }
}

/* "640 KiB", "213.9 MiB": the largest unit the size fills at least once, with a tenth
 * when it does not divide evenly. */
static void format_size(char *out, uint64_t bytes)
{
    static const char *const units[] = { "bytes", "KiB", "MiB", "GiB", "TiB" };
    unsigned u = 0;
    while (u + 1 < sizeof units / sizeof units[0] && bytes >> (10 * (u + 1)))
        u++;
    uint64_t unit = 1ull << (10 * u), whole = bytes / unit, rest = bytes % unit;
    char digits[24];
    int n = 0;
    if (rest) /* one decimal, rounded down */
        digits[n++] = (char)('0' + rest * 10 / unit), digits[n++] = '.';
    do {
        digits[n++] = (char)('0' + whole % 10);
        whole /= 10;
    } while (whole);
    while (n)
        *out++ = digits[--n];
    *out++ = ' ';
    for (const char *s = units[u]; *s;)
        *out++ = *s++;
    *out = '\0';
}

/* Seconds since 1970 as a calendar date (the "days from civil" algorithm, in reverse). */
static void print_date(uint64_t seconds)
{
    int64_t days = (int64_t)(seconds / 86400), s = (int64_t)(seconds % 86400);
    days += 719468;                                   /* from 1970-01-01 to 0000-03-01 */
    int64_t era = days / 146097, doe = days - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    int64_t day = doy - (153 * mp + 2) / 5 + 1, month = mp < 10 ? mp + 3 : mp - 9;
    int64_t year = yoe + era * 400 + (month <= 2);
    print("%ld-%02ld-%02ld %02ld:%02ld:%02ld UTC", year, month, day, s / 3600, s / 60 % 60,
          s % 60);
}

static void print_summary(const struct elfboot_info *info)
{
    char size[32];
    print("Boot info (protocol version %u)\n", info->version);
    print("  firmware      %s\n", info->firmware == ELFBOOT_FIRMWARE_UEFI ? "UEFI" : "BIOS");
    print("  boot time     ");
    if (info->boot_time)
        print_date(info->boot_time);
    else
        print("unknown");
    print("\n  command line  \"%s\"\n", (const char *)info->cmdline);
    format_size(size, info->kernel_size);
    print("  kernel        %p (physical 0x%lx), %s\n", (void *)info->kernel_virt,
          info->kernel_phys, size);
    format_size(size, info->stack_size);
    print("  stack         top %p, %s\n", (void *)info->stack_top, size);
    print("  HHDM          %p\n", (void *)info->hhdm_base);
    print("  ACPI RSDP     0x%lx\n", info->rsdp);
    print("  SMBIOS        0x%lx\n\n", info->smbios);
}

static void print_memory_map(const struct elfboot_info *info)
{
    const struct elfboot_memmap_entry *map = (const void *)info->memmap;
    uint64_t usable = 0;
    char size[32];
    print("Memory map (%lu entries)\n", info->memmap_count);
    print("  %-18s  %-18s  %10s  %s\n", "start", "end", "size", "type");
    for (uint64_t i = 0; i < info->memmap_count; i++) {
        format_size(size, map[i].length);
        print("  0x%016lx  0x%016lx  %10s  %s\n", map[i].base, map[i].base + map[i].length,
              size, memory_type_name(map[i].type));
        if (map[i].type == ELFBOOT_MEM_USABLE)
            usable += map[i].length;
    }
    format_size(size, usable);
    print("  usable in all: %s\n\n", size);
}

static void print_framebuffer(const struct elfboot_framebuffer *fb)
{
    print("Framebuffer\n");
    if (!fb->phys) {
        print("  none (text mode)\n\n");
        return;
    }
    print("  %ux%u, %u bits per pixel, %u bytes per line, at 0x%lx\n", fb->width, fb->height,
          fb->bpp, fb->pitch, fb->phys);
    print("  red %u bits at bit %u, green %u at %u, blue %u at %u\n\n", fb->red_size,
          fb->red_shift, fb->green_size, fb->green_shift, fb->blue_size, fb->blue_shift);
}

/* A module is just bytes in memory; if it starts with text, show its first line. */
static void print_first_line(const struct elfboot_module *m)
{
    const char *text = (const char *)m->virt;
    uint64_t n = 0;
    while (n < m->size && n < 60 && text[n] >= ' ' && text[n] < 127)
        n++;
    if (n == 0)
        return;
    print("     starts with \"");
    for (uint64_t i = 0; i < n; i++)
        print("%c", text[i]);
    print("%s\"\n", n == 60 ? "..." : "");
}

static void print_modules(const struct elfboot_info *info)
{
    const struct elfboot_module *modules = (const void *)info->modules;
    char size[32];
    print("Modules (%lu)\n", info->module_count);
    if (info->module_count)
        print("  %-2s %-16s %10s  %s\n", "#", "name", "size", "physical");
    for (uint64_t i = 0; i < info->module_count; i++) {
        format_size(size, modules[i].size);
        print("  %-2lu %-16s %10s  0x%lx\n", i, (const char *)modules[i].name, size,
              modules[i].phys);
        print_first_line(&modules[i]);
    }
    print("\n");
}

void print_boot_info(const struct elfboot_info *info)
{
    print_summary(info);
    print_memory_map(info);
    print_framebuffer(&info->framebuffer);
    print_modules(info);
}
