/* info.c: the boot info itself: header, flags, every pointer, the kernel's placement,
 * the stack, TLS. */
#include "check.h"
#include "conformance.h"
#include "cpu.h"
#include "entry_state.h"
#include "idt.h"
#include "paging.h"
#include "kstring.h"

#define INFO_V1_SIZE 240u

bool is_hhdm(uint64_t virt, uint64_t size)
{
    return virt >= conf.hhdm && size <= conf.top && virt - conf.hhdm <= conf.top - size;
}

bool is_hhdm_string(uint64_t virt, size_t max)
{
    if (!is_hhdm(virt, 1))
        return false;
    uint64_t room = conf.top - (virt - conf.hhdm);
    return strnlen((const char *)virt, room < max ? room : max) < max;
}

static void read_magic(void *arg)
{
    *(volatile uint64_t *)arg = ((volatile struct elfboot_info *)conf.info)->magic;
}

void check_info_header(void)
{
    struct elfboot_info *info = conf.info;
    uint64_t magic = 0;
    struct fault f;
    if (!info)
        check_abort("info.pointer", "RDI is 0 at entry");
    if (fault_catch(read_magic, &magic, &f))
        check_abort("info.pointer", "RDI 0x%lx is not readable (%s, CR2 0x%lx)",
                    (uint64_t)info, exception_name(f.vector), f.cr2);
    check_pass("info.pointer");
    if (!check(magic == ELFBOOT_INFO_MAGIC, "info.magic", "0x%lx, expected 0x%llx", magic,
               ELFBOOT_INFO_MAGIC))
        check_abort("info.magic", "not an elfboot boot info");
    check(info->version == 1, "info.version", "%u, expected 1", info->version);
    check(info->size >= INFO_V1_SIZE, "info.size", "%u, expected at least %u", info->size,
          INFO_V1_SIZE);

    /* The request, with the protocol's defaults for its zero fields. */
    conf.req_flags = request.flags;
    conf.req_stack_size = request.stack_size ? page_up(request.stack_size) : 64 * KiB;
    conf.req_hhdm_base = request.hhdm_base ? request.hhdm_base : 0xffff800000000000ull;

    conf.hhdm = info->hhdm_base;
    hhdm_set(conf.hhdm);
    conf.pml4 = read_cr3() & PTE_ADDR;
    conf.top = memmap_compute_top();
}

static void check_flags(const struct elfboot_info *info)
{
    uint32_t expected = 0;
    if (!(conf.req_flags & ELFBOOT_REQ_NO_IDENTITY_MAP))
        expected |= ELFBOOT_INFO_IDENTITY_MAP;
    if (conf.req_flags & ELFBOOT_REQ_RECURSIVE_MAP)
        expected |= ELFBOOT_INFO_RECURSIVE;
    if (variant.relocatable)
        expected |= ELFBOOT_INFO_RELOCATED;
    if (variant.relocatable && (conf.req_flags & ELFBOOT_REQ_KASLR))
        expected |= ELFBOOT_INFO_KASLR;
    check(info->flags == expected, "info.flags", "0x%x, expected 0x%x", info->flags, expected);
}

static void check_hhdm_base(const struct elfboot_info *info)
{
    check(info->hhdm_base == conf.req_hhdm_base, "info.hhdm-base", "0x%lx, expected 0x%lx",
          info->hhdm_base, conf.req_hhdm_base);
    check((uint64_t)info >= info->hhdm_base && is_hhdm((uint64_t)info, INFO_V1_SIZE),
          "info.pointer-in-hhdm", "RDI 0x%lx is not in the HHDM [0x%lx, +0x%lx)",
          (uint64_t)info, conf.hhdm, conf.top);
}

/* Every pointer the info holds is an HHDM address; every string is NUL-terminated. */
static void check_pointers(const struct elfboot_info *info)
{
    uint64_t memmap_bytes = info->memmap_count * sizeof(struct elfboot_memmap_entry);
    check(info->memmap_count > 0 && is_hhdm(info->memmap, memmap_bytes), "info.memmap-pointer",
          "memmap 0x%lx (%lu entries) is not in the HHDM", info->memmap, info->memmap_count);
    check(is_hhdm_string(info->cmdline, 4096), "info.cmdline-pointer",
          "cmdline 0x%lx is not a NUL-terminated string in the HHDM", info->cmdline);
    check(is_hhdm_string(info->loader_name, 256), "info.loader-name-pointer",
          "loader_name 0x%lx is not a NUL-terminated string in the HHDM", info->loader_name);
    if (is_hhdm_string(info->loader_name, 256)) {
        const char *name = (const char *)info->loader_name;
        check(!strncmp(name, "elfboot ", 8), "info.loader-name", "\"%s\" does not start with "
              "\"elfboot \"", name);
        check_note("loader: %s", name);
    }
    bool modules_ok = info->module_count == 0
        ? info->modules == 0 || is_hhdm(info->modules, 1)
        : is_hhdm(info->modules, info->module_count * sizeof(struct elfboot_module));
    check(modules_ok, "info.modules-pointer", "modules 0x%lx (%lu of them) is not in the HHDM",
          info->modules, info->module_count);
    if (modules_ok && info->module_count) {
        const struct elfboot_module *m = (const struct elfboot_module *)info->modules;
        uint64_t bad = info->module_count;
        for (uint64_t i = info->module_count; i-- > 0;)
            if (!is_hhdm_string(m[i].name, 4096) || m[i].virt != conf.hhdm + m[i].phys)
                bad = i; /* the first bad one */
        const struct elfboot_module *b = &m[bad < info->module_count ? bad : 0];
        check(bad == info->module_count, "info.module-pointers", "module %lu: name 0x%lx or "
              "virt 0x%lx (phys 0x%lx) is not an HHDM address", bad, b->name, b->virt, b->phys);
    }
    const struct elfboot_framebuffer *fb = &info->framebuffer;
    if (fb->phys)
        check(fb->virt == conf.hhdm + fb->phys, "info.framebuffer-pointer",
              "virt 0x%lx, expected hhdm_base + phys = 0x%lx", fb->virt, conf.hhdm + fb->phys);
}

/* Where the kernel is, as the linker symbols say (after relocation). */
static void check_kernel_placement(const struct elfboot_info *info)
{
    uint64_t start = (uint64_t)__kernel_start, size = (uint64_t)(__kernel_end - __kernel_start);
    check(info->kernel_virt == start, "info.kernel-virt", "0x%lx, expected 0x%lx (the lowest "
          "segment after relocation)", info->kernel_virt, start);
    check(info->kernel_size == size, "info.kernel-size", "0x%lx, expected 0x%lx",
          info->kernel_size, size);
    uint64_t slide = start - variant.link_base;
    check(info->kernel_slide == slide, "info.kernel-slide", "0x%lx, expected 0x%lx",
          info->kernel_slide, slide);
    struct pt_leaf l;
    bool mapped = pt_translate(start, &l);
    check(mapped && l.phys == info->kernel_phys && (info->kernel_phys & 0xfff) == 0,
          "info.kernel-phys", "0x%lx; the page tables map 0x%lx at 0x%lx", info->kernel_phys,
          start, mapped ? l.phys : 0);
    if (variant.relocatable) {
        bool kaslr = conf.req_flags & ELFBOOT_REQ_KASLR;
        if (kaslr) {
            check(slide % (2 * MiB) == 0 && start >= 0xffff800000000000ull, "info.kaslr-slide",
                  "slide 0x%lx is not 2 MiB aligned in the higher half", slide);
            /* elfboot's choice: within -mcmodel=kernel's reach, the last 2 MiB excluded */
            uint64_t end = start + size;
            check(start >= 0xffffffff80000000ull && end > start && end <= 0xffffffffffe00000ull,
                  "elfboot.kaslr-range", "kernel at [0x%lx, 0x%lx): expected inside "
                  "[0xffffffff80000000, 0xffffffffffe00000)", start, end);
            check_note("KASLR: kernel at 0x%lx (slide 0x%lx)", start, slide);
        }
        else
            check(start == 0xffffffff80000000ull, "info.pie-base",
                  "the kernel runs at 0x%lx, expected 0xffffffff80000000", start);
    }
    if (variant.link_base < 0xffff800000000000ull && !variant.relocatable)
        check(info->kernel_phys == variant.link_base, "info.low-kernel-phys",
              "a lower-half kernel must load at its p_paddr 0x%lx, not 0x%lx",
              variant.link_base, info->kernel_phys);
}

static void check_stack(const struct elfboot_info *info)
{
    check(info->stack_top % 16 == 0, "stack.top-aligned", "stack_top 0x%lx is not 16-byte "
          "aligned", info->stack_top);
    check(entry_state.rsp == info->stack_top - 8, "stack.rsp", "RSP 0x%lx at entry, "
          "expected stack_top - 8 = 0x%lx", entry_state.rsp, info->stack_top - 8);
    check(entry_state.rsp_word == 0, "stack.null-return", "[RSP] = 0x%lx, expected 0",
          entry_state.rsp_word);
    check(info->stack_size == conf.req_stack_size, "stack.size", "0x%lx, expected 0x%lx",
          info->stack_size, conf.req_stack_size);
}

/* The TLS template is reported as the PT_TLS segment says (after relocation). */
extern const uint64_t tls_expected_align;

static void check_tls(const struct elfboot_info *info)
{
    const struct elfboot_tls *t = &info->tls;
    uint64_t start = (uint64_t)__tdata_start;
    uint64_t file_size = (uint64_t)(__tdata_end - __tdata_start);
    uint64_t mem_size = (uint64_t)(__tbss_end - __tdata_start);
    check(t->start == start && t->file_size == file_size && t->mem_size == mem_size &&
              t->align == tls_expected_align,
          "info.tls", "start 0x%lx file 0x%lx mem 0x%lx align 0x%lx; expected 0x%lx 0x%lx "
          "0x%lx 0x%lx", t->start, t->file_size, t->mem_size, t->align, start, file_size,
          mem_size, tls_expected_align);
}

void check_info_fields(void)
{
    struct elfboot_info *info = conf.info;
    check_flags(info);
    check_hhdm_base(info);
    check_pointers(info);
    check_kernel_placement(info);
    check_stack(info);
    check_tls(info);
    if (info->flags & ELFBOOT_INFO_RECURSIVE)
        check(info->recursive_index >= 256 && info->recursive_index <= 511,
              "info.recursive-index", "%lu, expected 256..511", info->recursive_index);
    const uint8_t *fb_reserved = info->framebuffer.reserved;
    check(!(fb_reserved[0] | fb_reserved[1] | fb_reserved[2] | fb_reserved[3]),
          "info.framebuffer-reserved", "reserved bytes are not zero");
}
