/* place.c: the kernel's physical memory. Higher-half and position-independent kernels
 * go anywhere in usable RAM as one block (2 MiB aligned when their layout allows it);
 * lower-half kernels go exactly at their p_paddr. Then the bytes: copy, zero, relocate. */
#include "elf_internal.h"
#include "elf64.h"
#include "loader.h"
#include "memmap.h"
#include "util.h"

void eb_phys_zero(const struct eb_platform *p, uint64_t phys, uint64_t size)
{
    if (size)
        memset(p->phys_ptr(p->ctx, phys, size), 0, size);
}

void eb_phys_copy(const struct eb_platform *p, uint64_t phys, const void *src, uint64_t size)
{
    if (size)
        memcpy(p->phys_ptr(p->ctx, phys, size), src, size);
}

uint64_t eb_kernel_phys_of(const struct eb_kernel *k, const struct eb_layout *L, uint64_t virt)
{
    if (k->higher_half)
        return L->phys_base + (virt - L->slide - k->virt_low);
    for (uint32_t i = 0; i < k->segment_count; i++) {
        const struct eb_segment *s = &k->segments[i];
        uint64_t first = EB_ALIGN_DOWN(s->vaddr, EB_PAGE_SIZE);
        if (virt >= first && virt < s->vaddr + s->memsz)
            return s->paddr + (virt - s->vaddr);
    }
    return 0;
}

/* ET_DYN: the lowest segment at 0xffffffff80000000, or with KASLR at a random 2 MiB
 * step above it, still inside the top 2 GiB that -mcmodel=kernel code can reach. */
static void choose_slide(const struct eb_platform *p, const struct eb_kernel *k,
                         struct eb_layout *L)
{
    if (k->elf_type != ET_DYN)
        return;
    L->slide = EB_PIE_BASE - k->virt_low;
    if (!(k->req_flags & ELFBOOT_REQ_KASLR))
        return;
    uint64_t first = EB_ALIGN_UP(EB_PIE_BASE - k->virt_low, EB_SIZE_2M); /* 2 MiB aligned */
    uint64_t used = (k->virt_low + first - EB_PIE_BASE) + (k->virt_high - k->virt_low);
    const uint64_t window = 0x80000000ull - EB_SIZE_2M; /* the top 2 GiB, last 2 MiB kept free */
    if (used > window)
        return; /* too big to move: stays at the base, not randomised */
    uint64_t steps = (window - used) / EB_SIZE_2M;
    uint64_t r = p->entropy ? p->entropy(p->ctx) : 0;
    L->slide = first + (r % (steps + 1)) * EB_SIZE_2M;
    L->kaslr = true;
}

static int place_higher_half(const struct eb_platform *p, const struct eb_kernel *k,
                             struct eb_layout *L, struct eb_error *err)
{
    uint64_t span = k->virt_high - k->virt_low;
    uint64_t virt = k->virt_low + L->slide;
    uint64_t phys = 0;
    /* 2 MiB pages need virtual and physical addresses equal modulo 2 MiB. */
    if (!(virt & (EB_SIZE_2M - 1)))
        phys = p->alloc(p->ctx, span, EB_SIZE_2M, 0, ELFBOOT_MEM_KERNEL);
    if (!phys)
        phys = p->alloc(p->ctx, span, EB_PAGE_SIZE, 0, ELFBOOT_MEM_KERNEL);
    if (!phys) {
        char size[32];
        return eb_fail(err, EB_ERR_NO_MEMORY,
                       "kernel needs %s of contiguous memory and there is no such free block",
                       eb_format_size(size, sizeof size, span));
    }
    L->phys_base = L->kernel_phys = phys;
    return EB_OK;
}

/* Claims each maximal run of pages the segments cover (neighbours may share pages). */
static int place_lower_half(const struct eb_platform *p, const struct eb_kernel *k,
                            struct eb_layout *L, struct eb_error *err)
{
    L->kernel_phys = EB_ALIGN_DOWN(k->segments[0].paddr, EB_PAGE_SIZE);
    uint32_t i = 0;
    while (i < k->segment_count) {
        const struct eb_segment *s = &k->segments[i];
        uint64_t start = EB_ALIGN_DOWN(s->paddr, EB_PAGE_SIZE);
        uint64_t end = EB_ALIGN_UP(s->paddr + s->memsz, EB_PAGE_SIZE);
        for (i++; i < k->segment_count; i++) { /* merge segments whose pages touch */
            const struct eb_segment *n = &k->segments[i];
            if (EB_ALIGN_DOWN(n->paddr, EB_PAGE_SIZE) > end || n->paddr < start)
                break;
            uint64_t n_end = EB_ALIGN_UP(n->paddr + n->memsz, EB_PAGE_SIZE);
            end = n_end > end ? n_end : end;
        }
        if (start < L->kernel_phys)
            L->kernel_phys = start;
        int rc = p->claim(p->ctx, start, end - start, ELFBOOT_MEM_KERNEL);
        if (rc == EB_ERR_IN_USE)
            return eb_fail(err, rc,
                           "kernel segment at physical 0x%llx..0x%llx: that memory is in use by "
                           "the loader or firmware", (unsigned long long)start,
                           (unsigned long long)end);
        if (rc)
            return eb_fail(err, EB_ERR_NOT_RAM,
                           "kernel segment at physical 0x%llx..0x%llx (p_paddr) is not usable RAM "
                           "on this machine", (unsigned long long)start, (unsigned long long)end);
    }
    return EB_OK;
}

/* Copies file bytes, zeroes .bss and the slack in partly used pages. */
static void copy_segments(const struct eb_platform *p, const struct eb_kernel *k,
                          const struct eb_layout *L)
{
    for (uint32_t i = 0; i < k->segment_count; i++) {
        const struct eb_segment *s = &k->segments[i];
        uint64_t phys = eb_kernel_phys_of(k, L, s->vaddr + L->slide);
        uint64_t page = EB_ALIGN_DOWN(phys, EB_PAGE_SIZE);
        uint64_t end = phys + s->memsz, page_end = EB_ALIGN_UP(end, EB_PAGE_SIZE);
        /* Slack before the segment in its first page, unless the previous one owns it. */
        bool shared_first = i && EB_ALIGN_DOWN(k->segments[i - 1].vaddr + k->segments[i - 1].memsz - 1,
                                               EB_PAGE_SIZE) == EB_ALIGN_DOWN(s->vaddr, EB_PAGE_SIZE);
        if (!shared_first)
            eb_phys_zero(p, page, phys - page);
        eb_phys_copy(p, phys, k->file + s->offset, s->filesz);
        eb_phys_zero(p, phys + s->filesz, page_end - (phys + s->filesz));
        /* Pages between this segment and the next (higher-half blocks have gaps). */
        if (k->higher_half && i + 1 < k->segment_count) {
            uint64_t next = EB_ALIGN_DOWN(eb_kernel_phys_of(k, L, k->segments[i + 1].vaddr + L->slide),
                                          EB_PAGE_SIZE);
            if (next > page_end)
                eb_phys_zero(p, page_end, next - page_end);
        }
    }
}

int eb_place_kernel(const struct eb_platform *p, const struct eb_kernel *k,
                    struct eb_layout *L, struct eb_error *err)
{
    choose_slide(p, k, L);
    int rc = k->higher_half ? place_higher_half(p, k, L, err) : place_lower_half(p, k, L, err);
    if (rc)
        return rc;
    copy_segments(p, k, L);
    return EB_OK;
}

struct reloc_ctx {
    const struct eb_platform *p;
    const struct eb_kernel *k;
    const struct eb_layout *L;
};

static int apply_one(void *ctx, const struct eb_reloc *r)
{
    struct reloc_ctx *c = ctx;
    uint8_t *where = c->p->phys_ptr(c->p->ctx, eb_kernel_phys_of(c->k, c->L, r->offset + c->L->slide), 8);
    uint64_t old;
    __builtin_memcpy(&old, where, 8);
    uint64_t value = eb_reloc_value(r, c->L->slide, old);
    __builtin_memcpy(where, &value, 8);
    return 0;
}

int eb_relocate_kernel(const struct eb_platform *p, const struct eb_kernel *k,
                       const struct eb_layout *L, struct eb_error *err)
{
    if (k->elf_type != ET_DYN || !k->reloc_count)
        return EB_OK;
    struct reloc_ctx c = {p, k, L};
    return eb_relocs_visit(k, apply_one, &c, err);
}
