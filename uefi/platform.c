/* platform.c: struct eb_platform over boot services, for the core.
 *
 * Every allocation is made with the memory type EB_UEFI_TYPE(elfboot type) (UEFI 2.10,
 * 7.2: 0x80000000 and above are for OS loaders), so that the firmware's final memory map
 * already says what each of our ranges is. Code that must run under the firmware's page
 * tables is EfiLoaderCode instead: OVMF maps data types, ours included, non-executable
 * (PcdDxeNxMemoryProtectionPolicy).
 */
#include "memmap.h"
#include "uefi.h"
#include "util.h"

static EFI_MEMORY_TYPE memory_type(uint32_t type)
{
    if (type & EB_ALLOC_EXECUTABLE)
        return EfiLoaderCode;
    return (EFI_MEMORY_TYPE)EB_UEFI_TYPE(type);
}

/* AllocatePages has no alignment parameter: take align - 4 KiB more than asked, then
 * give back what lies before the aligned start and after the end. */
static uint64_t alloc_pages(void *ctx, uint64_t size, uint64_t align, uint64_t limit,
                            uint32_t type)
{
    (void)ctx;
    if (align < EB_PAGE_SIZE)
        align = EB_PAGE_SIZE;
    UINTN pages = size / EB_PAGE_SIZE, extra = align / EB_PAGE_SIZE - 1;
    /* Address 0 means failure to the core; should the firmware hand out page 0, keep
     * it (it is one page) and ask again. */
    for (int attempt = 0; attempt < 2; attempt++) {
        /* AllocateMaxAddress: the last byte may be at most Memory (UEFI 2.10, 7.2.1). */
        EFI_PHYSICAL_ADDRESS base = limit ? limit - 1 : 0;
        EFI_STATUS status = uefi_bs->AllocatePages(limit ? AllocateMaxAddress
                                                         : AllocateAnyPages,
                                                   memory_type(type), pages + extra, &base);
        if (EFI_ERROR(status))
            return 0;
        uint64_t start = EB_ALIGN_UP(base, align);
        UINTN head = (start - base) / EB_PAGE_SIZE, tail = extra - head;
        if (head)
            uefi_bs->FreePages(base, head);
        if (tail)
            uefi_bs->FreePages(start + size, tail);
        if (start)
            return start;
    }
    return 0;
}

/* True when every byte of [phys, end) lies in entries of a RAM type that a loader may
 * take once the firmware is gone (free, or the firmware's or our own boot-time use). */
static bool is_boot_ram(const struct elfboot_memmap_entry *map, size_t n, uint64_t phys,
                        uint64_t end)
{
    while (phys < end) {
        size_t i;
        for (i = 0; i < n; i++) {
            uint32_t t = map[i].type;
            bool ram = t == ELFBOOT_MEM_USABLE || t == ELFBOOT_MEM_LOADER_RECLAIMABLE ||
                       t == ELFBOOT_MEM_KERNEL || t == ELFBOOT_MEM_MODULES;
            if (ram && map[i].base <= phys && phys < map[i].base + map[i].length)
                break;
        }
        if (i == n)
            return false;
        phys = map[i].base + map[i].length;
    }
    return true;
}

static int claim_pages(void *ctx, uint64_t phys, uint64_t size, uint32_t type)
{
    (void)ctx;
    EFI_PHYSICAL_ADDRESS base = phys;
    if (!EFI_ERROR(uefi_bs->AllocatePages(AllocateAddress, memory_type(type),
                                          size / EB_PAGE_SIZE, &base)))
        return EB_OK;
    /* The firmware does not say why; its memory map does. */
    struct eb_boot_input in;
    uefi_memmap_before_load(&in);
    bool ram = is_boot_ram(in.memmap, in.memmap_count, phys, phys + size);
    uefi_bs->FreePool((void *)in.memmap);
    return ram ? EB_ERR_IN_USE : EB_ERR_NOT_RAM;
}

static void *phys_ptr(void *ctx, uint64_t phys, uint64_t size)
{
    (void)ctx;
    (void)size;
    /* Boot services run identity mapped (UEFI 2.10, 2.3.4: "paging mode ... identity
     * mapping"), over all of memory. */
    return (void *)(uintptr_t)phys;
}

static void log_line(void *ctx, const char *line)
{
    (void)ctx;
    uefi_log("%s", line);
}

/* KASLR's entropy: the core's eb_cpu_entropy, its source said on the log (RDRAND where
 * CPUID 1 ECX bit 30 has it, else the TSC; the same line in bios/main64.c). */
static uint64_t kaslr_entropy(void *ctx)
{
    uint32_t a, b, c, d;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
    log_line(ctx, (c >> 30) & 1 ? "kaslr: entropy from RDRAND" : "kaslr: entropy from the TSC");
    return eb_cpu_entropy(ctx);
}

void uefi_platform_init(struct eb_platform *p)
{
    p->ctx = NULL;
    p->alloc = alloc_pages;
    p->claim = claim_pages;
    p->phys_ptr = phys_ptr;
    p->log = log_line;
    p->entropy = kaslr_entropy;
    p->has_1g_pages = eb_cpu_has_1g_pages();
}
