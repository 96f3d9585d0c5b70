/* main64.c: stage 2's 64-bit part. The 32-bit part collected everything from the BIOS
 * (handoff.h); here the shared core loads the kernel and hands over to it, as the UEFI
 * loader does. Runs on the identity map that longmode.c built. */
#include "console.h"
#include "core.h"
#include "handoff.h"
#include "physmem.h"
#include "util.h"

#define LOADER_NAME "elfboot " ELFBOOT_VERSION " (bios)"

static struct console console;
static struct eb_physmem physmem;
static struct eb_kernel kernel;
static struct eb_boot boot;
static struct eb_module_input modules[HANDOFF_MAX_MODULES];
/* The map as it stood before loading: the core reads it while its own allocations
 * grow physmem's map, so it gets a copy. */
static struct elfboot_memmap_entry memmap_before[512];

static uint64_t alloc(void *ctx, uint64_t size, uint64_t align, uint64_t limit, uint32_t type)
{
    (void)ctx; /* everything is executable under our identity map */
    return eb_physmem_alloc(&physmem, size, align, limit, type & ~EB_ALLOC_EXECUTABLE);
}

static int claim(void *ctx, uint64_t phys, uint64_t size, uint32_t type)
{
    (void)ctx;
    return eb_physmem_claim(&physmem, phys, size, type);
}

static void *phys_ptr(void *ctx, uint64_t phys, uint64_t size)
{
    (void)ctx, (void)size;
    return (void *)(uintptr_t)phys;
}

static void log_line(void *ctx, const char *line)
{
    (void)ctx;
    console_line(&console, line);
}

/* KASLR's entropy: the core's eb_cpu_entropy, its source said on the log (RDRAND where
 * CPUID 1 ECX bit 30 has it, else the TSC; the same line in uefi/platform.c). */
static uint64_t kaslr_entropy(void *ctx)
{
    uint32_t a, b, c, d;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
    log_line(ctx, (c >> 30) & 1 ? "kaslr: entropy from RDRAND" : "kaslr: entropy from the TSC");
    return eb_cpu_entropy(ctx);
}

static const char *str(uint64_t phys)
{
    return (const char *)(uintptr_t)phys;
}

__attribute__((noreturn)) void long_main(const struct handoff *h);

void long_main(const struct handoff *h)
{
    struct eb_error err;
    console = h->console;
    physmem = (struct eb_physmem){(struct elfboot_memmap_entry *)(uintptr_t)h->physmem_map,
                                  h->physmem_count, h->physmem_capacity, h->physmem_floor};
    const struct eb_platform platform = {
        .alloc = alloc,
        .claim = claim,
        .phys_ptr = phys_ptr,
        .log = log_line,
        .entropy = kaslr_entropy,
        .has_1g_pages = eb_cpu_has_1g_pages(),
    };

    if (eb_kernel_inspect((const void *)(uintptr_t)h->kernel_file, h->kernel_size, &kernel,
                          &err) != EB_OK)
        console_die(&console, "kernel %s: %s", str(h->kernel_path), err.message);

    const struct handoff_module *hm = (const struct handoff_module *)(uintptr_t)h->modules;
    if (h->module_count > EB_ARRAY_SIZE(modules))
        console_die(&console, "%u modules, room for %u", (unsigned)h->module_count,
                    (unsigned)EB_ARRAY_SIZE(modules));
    for (uint32_t i = 0; i < h->module_count; i++)
        modules[i] = (struct eb_module_input){hm[i].phys, hm[i].size, str(hm[i].name)};
    if (physmem.count > EB_ARRAY_SIZE(memmap_before))
        console_die(&console, "memory map: %u entries, room for %u", (unsigned)physmem.count,
                    (unsigned)EB_ARRAY_SIZE(memmap_before));
    memcpy(memmap_before, physmem.map, physmem.count * sizeof physmem.map[0]);
    const struct eb_boot_input input = {
        .firmware = ELFBOOT_FIRMWARE_BIOS,
        .loader_name = LOADER_NAME,
        .cmdline = str(h->cmdline),
        .modules = modules,
        .module_count = h->module_count,
        .framebuffer = h->framebuffer,
        .rsdp = h->rsdp,
        .smbios = h->smbios,
        .boot_time = h->boot_time,
        .memmap = memmap_before,
        .memmap_count = physmem.count,
    };

    if (eb_load(&platform, &input, &kernel, &boot, &err) != EB_OK ||
        eb_finish_memmap(&boot, physmem.map, physmem.count, &err) != EB_OK)
        console_die(&console, "kernel %s: %s", str(h->kernel_path), err.message);
    console_printf(&console, "entering the kernel at 0x%llx",
                   (unsigned long long)boot.entry);
    eb_handoff(&boot);
}
