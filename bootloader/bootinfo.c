/* bootinfo.c: the boot info block: struct elfboot_info, then its strings, the module
 * array and room for the final memory map, in one LOADER_RECLAIMABLE allocation. Every
 * pointer in it is an HHDM address. */
#include "elf64.h"
#include "loader.h"
#include "memmap.h"
#include "util.h"

struct block {
    uint64_t phys, size, used;
    uint8_t *bytes;
    uint64_t hhdm_base;
};

/* Reserves n bytes (8-byte aligned); returns the offset. */
static uint64_t reserve(struct block *b, uint64_t n)
{
    uint64_t at = EB_ALIGN_UP(b->used, 8);
    b->used = at + n;
    return at;
}

static uint64_t virt_of(const struct block *b, uint64_t offset)
{
    return b->hhdm_base + b->phys + offset;
}

static uint64_t put_string(struct block *b, const char *s)
{
    uint64_t n = strlen(s) + 1, at = reserve(b, n);
    memcpy(b->bytes + at, s, n);
    return virt_of(b, at);
}

static uint64_t strings_size(const struct eb_boot_input *in)
{
    uint64_t n = strlen(in->loader_name ? in->loader_name : "elfboot") + 8 +
                 strlen(in->cmdline ? in->cmdline : "") + 8;
    for (uint32_t i = 0; i < in->module_count; i++)
        n += strlen(in->modules[i].name ? in->modules[i].name : "") + 8;
    return n;
}

static uint32_t info_flags(const struct eb_kernel *k, const struct eb_layout *L)
{
    uint32_t f = 0;
    if (!(k->req_flags & ELFBOOT_REQ_NO_IDENTITY_MAP))
        f |= ELFBOOT_INFO_IDENTITY_MAP;
    if (L->recursive_slot >= 0)
        f |= ELFBOOT_INFO_RECURSIVE;
    if (k->elf_type == ET_DYN)
        f |= ELFBOOT_INFO_RELOCATED;
    if (L->kaslr)
        f |= ELFBOOT_INFO_KASLR;
    return f;
}

static void fill_kernel_fields(struct elfboot_info *info, const struct eb_kernel *k,
                               const struct eb_layout *L)
{
    info->kernel_phys = L->kernel_phys;
    info->kernel_virt = k->virt_low + L->slide;
    info->kernel_size = k->virt_high - k->virt_low;
    info->kernel_slide = L->slide;
    info->stack_top = L->stack_top;
    info->stack_size = L->stack_size;
    info->tls = k->tls;
    if (k->tls.mem_size)
        info->tls.start += L->slide;
    else
        info->tls = (struct elfboot_tls){0, 0, 0, 0};
    info->recursive_index = L->recursive_slot >= 0 ? (uint64_t)L->recursive_slot : 0;
}

int eb_build_boot_info(const struct eb_platform *p, const struct eb_kernel *k,
                       const struct eb_boot_input *in, const struct eb_layout *L,
                       struct eb_boot *boot, struct eb_error *err)
{
    /* Room for the final map: the firmware's entries now, plus what allocations made
     * from here to the exit may add, in the worst case normalisation can produce. */
    uint32_t capacity = EB_MEMMAP_WORST_CASE(in->memmap_count + 128);
    uint64_t size = sizeof(struct elfboot_info) + strings_size(in) + 16 +
                    (uint64_t)in->module_count * sizeof(struct elfboot_module) + 8 +
                    (uint64_t)capacity * sizeof(struct elfboot_memmap_entry);
    size = EB_ALIGN_UP(size, EB_PAGE_SIZE);
    struct block b = {.size = size, .hhdm_base = L->hhdm_base};
    b.phys = p->alloc(p->ctx, size, EB_PAGE_SIZE, 0, ELFBOOT_MEM_LOADER_RECLAIMABLE);
    if (!b.phys)
        return eb_fail(err, EB_ERR_NO_MEMORY, "no memory for the boot information");
    b.bytes = p->phys_ptr(p->ctx, b.phys, size);
    memset(b.bytes, 0, size);

    struct elfboot_info *info = (struct elfboot_info *)(b.bytes + reserve(&b, sizeof *info));
    *info = (struct elfboot_info){
        .magic = ELFBOOT_INFO_MAGIC,
        .version = ELFBOOT_PROTOCOL_VERSION,
        .size = sizeof(struct elfboot_info),
        .firmware = in->firmware,
        .flags = info_flags(k, L),
        .hhdm_base = L->hhdm_base,
        .framebuffer = in->framebuffer,
        .rsdp = in->rsdp,
        .smbios = in->smbios,
        .efi_system_table = in->efi_system_table,
        .boot_time = in->boot_time,
    };
    if (info->framebuffer.phys)
        info->framebuffer.virt = L->hhdm_base + info->framebuffer.phys;
    fill_kernel_fields(info, k, L);
    info->loader_name = put_string(&b, in->loader_name ? in->loader_name : "elfboot");
    info->cmdline = put_string(&b, in->cmdline ? in->cmdline : "");

    uint64_t mods = reserve(&b, (uint64_t)in->module_count * sizeof(struct elfboot_module));
    info->modules = virt_of(&b, mods);
    info->module_count = in->module_count;
    for (uint32_t i = 0; i < in->module_count; i++) {
        struct elfboot_module *m = (struct elfboot_module *)(b.bytes + mods) + i;
        m->phys = in->modules[i].phys;
        m->virt = L->hhdm_base + in->modules[i].phys;
        m->size = in->modules[i].size;
        m->name = put_string(&b, in->modules[i].name ? in->modules[i].name : "");
    }

    uint64_t map = reserve(&b, (uint64_t)capacity * sizeof(struct elfboot_memmap_entry));
    info->memmap = virt_of(&b, map);
    boot->info = info;
    boot->info_phys = b.phys;
    boot->memmap = (struct elfboot_memmap_entry *)(b.bytes + map);
    boot->memmap_phys = b.phys + map;
    boot->memmap_capacity = capacity;
    return EB_OK;
}
