/* load.c: eb_load(), the core's table of contents, and eb_finish_memmap(). */
#include "elf64.h"
#include "loader.h"
#include "memmap.h"
#include "util.h"

void eb_log(const struct eb_platform *p, const char *fmt, ...)
{
    char line[200];
    va_list ap;
    va_start(ap, fmt);
    eb_vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (p->log)
        p->log(p->ctx, line);
}

static void log_kernel(const struct eb_platform *p, const struct eb_kernel *k,
                       const struct eb_layout *L)
{
    char size[32];
    eb_log(p, "kernel: %s, %u segments, %s at 0x%llx (physical 0x%llx)%s",
           k->elf_type == ET_DYN ? "position independent" : "ET_EXEC", k->segment_count,
           eb_format_size(size, sizeof size, k->virt_high - k->virt_low),
           (unsigned long long)(k->virt_low + L->slide), (unsigned long long)L->kernel_phys,
           L->kaslr ? ", KASLR" : "");
    if (k->reloc_count)
        eb_log(p, "kernel: %llu relocations applied, slide 0x%llx",
               (unsigned long long)k->reloc_count, (unsigned long long)L->slide);
}

int eb_load(const struct eb_platform *p, const struct eb_boot_input *in,
            const struct eb_kernel *k, struct eb_boot *boot, struct eb_error *err)
{
    struct eb_layout L = {0};
    int rc;
    memset(boot, 0, sizeof *boot);
    boot->platform = p;

    if ((rc = eb_place_kernel(p, k, &L, err)))               /* segments in memory */
        return rc;
    if ((rc = eb_relocate_kernel(p, k, &L, err)))            /* ET_DYN relocations */
        return rc;
    log_kernel(p, k, &L);
    if ((rc = eb_plan_address_space(p, k, in, &L, err)))     /* HHDM, slots, stack */
        return rc;
    if ((rc = eb_build_page_tables(p, k, &L, err)))          /* the kernel's CR3 */
        return rc;
    if ((rc = eb_build_boot_info(p, k, in, &L, boot, err)))  /* struct elfboot_info */
        return rc;
    if ((rc = eb_prepare_handoff(p, k, &L, boot, err)))      /* trampoline, GDT */
        return rc;

    boot->pml4_phys = L.pml4_phys;
    boot->hhdm_top = L.hhdm_top;
    boot->slide = L.slide;
    boot->entry = k->entry + L.slide;
    boot->stack_top = L.stack_top;
    eb_log(p, "handoff: entry 0x%llx, stack 0x%llx, HHDM 0x%llx (%llu GiB)",
           (unsigned long long)boot->entry, (unsigned long long)boot->stack_top,
           (unsigned long long)L.hhdm_base, (unsigned long long)(L.hhdm_top >> 30));
    return EB_OK;
}

int eb_finish_memmap(struct eb_boot *boot, const struct elfboot_memmap_entry *raw,
                     uint32_t raw_count, struct eb_error *err)
{
    const struct elfboot_framebuffer *fb = &boot->info->framebuffer;
    struct elfboot_memmap_entry extra = {
        .base = EB_ALIGN_DOWN(fb->phys, EB_PAGE_SIZE),
        .length = fb->phys ? EB_ALIGN_UP(fb->phys + (uint64_t)fb->pitch * fb->height, EB_PAGE_SIZE) -
                                 EB_ALIGN_DOWN(fb->phys, EB_PAGE_SIZE)
                           : 0,
        .type = ELFBOOT_MEM_FRAMEBUFFER,
    };
    size_t n;
    if (eb_memmap_normalise_with(raw, raw_count, &extra, 1, boot->memmap,
                                 boot->memmap_capacity, &n) != EB_OK)
        return eb_fail(err, EB_ERR_MEMMAP_FULL,
                       "the final memory map (%u firmware entries) does not fit in %u entries",
                       (unsigned)raw_count, (unsigned)boot->memmap_capacity);
    boot->info->memmap_count = n;
    return EB_OK;
}
