/* elf.c: reading and checking an ELF64 kernel (eb_kernel_inspect). Touches nothing
 * outside the file's bytes and allocates nothing: `elfboot check` runs it on the host. */
#include <stdbool.h>

#include "elf_internal.h"
#include "elf64.h"
#include "util.h"

#define CANONICAL_LOW_END 0x0000800000000000ull /* first address past the lower half */

static bool canonical(uint64_t a)
{
    return a < CANONICAL_LOW_END || a >= EB_HIGHER_HALF;
}

/* [start, start + len) lies in one canonical half, and start + len does not wrap.
 * len 0 is fine. */
static bool canonical_range(uint64_t start, uint64_t len)
{
    uint64_t end = start + len;
    if (end < start && end != 0)
        return false;
    if (!len)
        return canonical(start);
    return canonical(start) && canonical(end - 1) &&
           (start >= EB_HIGHER_HALF) == (end - 1 >= EB_HIGHER_HALF);
}

const char *eb_elf_flags_str(uint32_t flags)
{
    static const char *const names[8] = {"---", "--X", "-W-", "-WX",
                                         "R--", "R-X", "RW-", "RWX"};
    return names[flags & 7];
}

const struct eb_segment *eb_elf_segment_at(const struct eb_kernel *k, uint64_t vaddr,
                                           uint64_t len)
{
    for (uint32_t i = 0; i < k->segment_count; i++) {
        const struct eb_segment *s = &k->segments[i];
        if (vaddr >= s->vaddr && len <= s->memsz && vaddr - s->vaddr <= s->memsz - len)
            return s;
    }
    return NULL;
}

const uint8_t *eb_elf_file_bytes(const struct eb_kernel *k, uint64_t vaddr, uint64_t len)
{
    for (uint32_t i = 0; i < k->segment_count; i++) {
        const struct eb_segment *s = &k->segments[i];
        if (vaddr >= s->vaddr && len <= s->filesz && vaddr - s->vaddr <= s->filesz - len)
            return k->file + s->offset + (vaddr - s->vaddr);
    }
    return NULL;
}

static int check_header(const uint8_t *file, uint64_t size, struct eb_kernel *k,
                        const struct elf64_ehdr **out, struct eb_error *err)
{
    static const unsigned char magic[4] = {0x7f, 'E', 'L', 'F'};
    if (size < 4 || memcmp(file, magic, 4) != 0)
        return eb_fail(err, EB_ERR_NOT_ELF, "not an ELF file (no \\x7fELF magic)");
    if (size < EI_CLASS + 1 || file[EI_CLASS] != ELFCLASS64)
        return eb_fail(err, EB_ERR_NOT_64BIT, "not a 64-bit ELF file (ELF class %u): "
                       "elfboot boots ELF64 x86_64 kernels", size > EI_CLASS ? file[EI_CLASS] : 0);
    if (size < sizeof(struct elf64_ehdr))
        return eb_fail(err, EB_ERR_NOT_ELF, "truncated ELF header (%llu bytes, need 64)",
                       (unsigned long long)size);
    const struct elf64_ehdr *eh = (const struct elf64_ehdr *)file;
    if (file[EI_DATA] != ELFDATA2LSB)
        return eb_fail(err, EB_ERR_NOT_LITTLE_ENDIAN, "not a little-endian ELF file");
    if (eh->e_machine != EM_X86_64)
        return eb_fail(err, EB_ERR_NOT_X86_64,
                       "not an x86_64 ELF file (e_machine %u, x86_64 is 62)", eh->e_machine);
    if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
        return eb_fail(err, EB_ERR_BAD_TYPE,
                       "ELF type %u is neither ET_EXEC (2) nor ET_DYN (3): an object file or "
                       "core dump is not a kernel", eh->e_type);
    if (eh->e_phentsize < sizeof(struct elf64_phdr))
        return eb_fail(err, EB_ERR_BAD_HEADER, "program header entries are %u bytes, need 56",
                       eh->e_phentsize);
    uint64_t table = (uint64_t)eh->e_phnum * eh->e_phentsize;
    if (eh->e_phoff > size || table > size - eh->e_phoff)
        return eb_fail(err, EB_ERR_BAD_HEADER,
                       "program header table (%u entries at offset 0x%llx) runs past the end "
                       "of the file (%llu bytes)",
                       eh->e_phnum, (unsigned long long)eh->e_phoff, (unsigned long long)size);
    k->elf_type = eh->e_type;
    k->entry = eh->e_entry;
    *out = eh;
    return EB_OK;
}

static const struct elf64_phdr *phdr(const uint8_t *file, const struct elf64_ehdr *eh,
                                     unsigned i, struct elf64_phdr *copy)
{
    /* Copied out: e_phoff need not be 8-byte aligned in a hostile file. */
    memcpy(copy, file + eh->e_phoff + (uint64_t)i * eh->e_phentsize, sizeof *copy);
    return copy;
}

static int add_load_segment(struct eb_kernel *k, unsigned i, const struct elf64_phdr *ph,
                            uint64_t size, struct eb_error *err)
{
    if (ph->p_filesz > ph->p_memsz)
        return eb_fail(err, EB_ERR_FILESZ,
                       "segment %u: p_filesz 0x%llx is larger than p_memsz 0x%llx", i,
                       (unsigned long long)ph->p_filesz, (unsigned long long)ph->p_memsz);
    if (ph->p_offset > size || ph->p_filesz > size - ph->p_offset)
        return eb_fail(err, EB_ERR_TRUNCATED,
                       "segment %u: bytes 0x%llx..0x%llx lie past the end of the file "
                       "(%llu bytes): truncated kernel?",
                       i, (unsigned long long)ph->p_offset,
                       (unsigned long long)(ph->p_offset + ph->p_filesz), (unsigned long long)size);
    if (!canonical_range(ph->p_vaddr, ph->p_memsz) ||
        !canonical_range(EB_ALIGN_DOWN(ph->p_vaddr, EB_PAGE_SIZE),
                         EB_ALIGN_UP(ph->p_memsz + (ph->p_vaddr & (EB_PAGE_SIZE - 1)), EB_PAGE_SIZE)))
        return eb_fail(err, EB_ERR_BAD_ADDRESS,
                       "segment %u: 0x%llx + 0x%llx is not a canonical x86_64 address range", i,
                       (unsigned long long)ph->p_vaddr, (unsigned long long)ph->p_memsz);
    if (ph->p_paddr + ph->p_memsz < ph->p_paddr)
        return eb_fail(err, EB_ERR_BAD_ADDRESS, "segment %u: p_paddr 0x%llx + p_memsz wraps", i,
                       (unsigned long long)ph->p_paddr);
    if (ph->p_align & (ph->p_align - 1))
        return eb_fail(err, EB_ERR_BAD_HEADER, "segment %u: p_align 0x%llx is not a power of two",
                       i, (unsigned long long)ph->p_align);
    if (ph->p_memsz == 0)
        return EB_OK; /* nothing to load */
    if (k->segment_count == EB_MAX_SEGMENTS)
        return eb_fail(err, EB_ERR_TOO_MANY_SEGMENTS, "more than %u PT_LOAD segments",
                       EB_MAX_SEGMENTS);
    k->segments[k->segment_count++] = (struct eb_segment){
        .vaddr = ph->p_vaddr, .paddr = ph->p_paddr, .offset = ph->p_offset,
        .filesz = ph->p_filesz, .memsz = ph->p_memsz, .align = ph->p_align,
        .flags = ph->p_flags & (PF_R | PF_W | PF_X),
    };
    return EB_OK;
}

static void sort_segments(struct eb_kernel *k)
{
    for (uint32_t i = 1; i < k->segment_count; i++) {
        struct eb_segment s = k->segments[i];
        uint32_t j = i;
        for (; j && k->segments[j - 1].vaddr > s.vaddr; j--)
            k->segments[j] = k->segments[j - 1];
        k->segments[j] = s;
    }
}

/* No overlap; pages shared by neighbours must agree on where they go and not become
 * writable and executable when neither segment asked for both. */
static int check_layout(struct eb_kernel *k, struct eb_error *err)
{
    bool high = k->segments[0].vaddr >= EB_HIGHER_HALF;
    for (uint32_t i = 0; i < k->segment_count; i++) {
        const struct eb_segment *s = &k->segments[i];
        if ((s->vaddr >= EB_HIGHER_HALF) != high)
            return eb_fail(err, EB_ERR_MIXED_HALVES,
                           "segments at 0x%llx and 0x%llx: a kernel lies wholly in the lower "
                           "or wholly in the higher half (from 0xffff800000000000)",
                           (unsigned long long)k->segments[0].vaddr, (unsigned long long)s->vaddr);
        if (!i)
            continue;
        const struct eb_segment *p = &k->segments[i - 1];
        if (s->vaddr < p->vaddr + p->memsz)
            return eb_fail(err, EB_ERR_OVERLAP,
                           "segments overlap: 0x%llx..0x%llx and 0x%llx..0x%llx",
                           (unsigned long long)p->vaddr, (unsigned long long)(p->vaddr + p->memsz),
                           (unsigned long long)s->vaddr, (unsigned long long)(s->vaddr + s->memsz));
        uint64_t last_page = EB_ALIGN_DOWN(p->vaddr + p->memsz - 1, EB_PAGE_SIZE);
        if (EB_ALIGN_DOWN(s->vaddr, EB_PAGE_SIZE) != last_page)
            continue;
        uint32_t both = p->flags | s->flags;
        bool asked = (p->flags & (PF_W | PF_X)) == (PF_W | PF_X) ||
                     (s->flags & (PF_W | PF_X)) == (PF_W | PF_X);
        if ((both & (PF_W | PF_X)) == (PF_W | PF_X) && !asked)
            return eb_fail(err, EB_ERR_WX_PAGE,
                           "segments %s at 0x%llx and %s at 0x%llx share the page 0x%llx, which "
                           "would be writable and executable: align segments to 4 KiB (ld -z "
                           "separate-code, or ALIGN(4096) in the linker script)",
                           eb_elf_flags_str(p->flags), (unsigned long long)p->vaddr,
                           eb_elf_flags_str(s->flags), (unsigned long long)s->vaddr,
                           (unsigned long long)last_page);
        if (!high && s->vaddr - s->paddr != p->vaddr - p->paddr)
            return eb_fail(err, EB_ERR_OVERLAP,
                           "segments at 0x%llx and 0x%llx share a virtual page but not the "
                           "same physical page (their p_paddr - p_vaddr differ)",
                           (unsigned long long)p->vaddr, (unsigned long long)s->vaddr);
    }
    if (!high) { /* lower-half segments land at p_paddr: those bytes must not collide */
        for (uint32_t i = 0; i < k->segment_count; i++)
            for (uint32_t j = i + 1; j < k->segment_count; j++) {
                const struct eb_segment *a = &k->segments[i], *b = &k->segments[j];
                if (a->paddr < b->paddr + b->memsz && b->paddr < a->paddr + a->memsz)
                    return eb_fail(err, EB_ERR_OVERLAP,
                                   "segments at 0x%llx and 0x%llx overlap in physical memory "
                                   "(p_paddr 0x%llx and 0x%llx)",
                                   (unsigned long long)a->vaddr, (unsigned long long)b->vaddr,
                                   (unsigned long long)a->paddr, (unsigned long long)b->paddr);
            }
    }
    return EB_OK;
}

static int check_entry(const struct eb_kernel *k, struct eb_error *err)
{
    for (uint32_t i = 0; i < k->segment_count; i++) {
        const struct eb_segment *s = &k->segments[i];
        if ((s->flags & PF_X) && k->entry >= s->vaddr && k->entry - s->vaddr < s->memsz)
            return EB_OK;
    }
    return eb_fail(err, EB_ERR_ENTRY,
                   "entry point 0x%llx is outside every executable (PF_X) segment",
                   (unsigned long long)k->entry);
}

/* The kernel's span, placement rule and (for ET_DYN) the room the slide needs. */
static int check_span(struct eb_kernel *k, struct eb_error *err)
{
    const struct eb_segment *last = &k->segments[k->segment_count - 1];
    k->virt_low = EB_ALIGN_DOWN(k->segments[0].vaddr, EB_PAGE_SIZE);
    k->virt_high = EB_ALIGN_UP(last->vaddr + last->memsz, EB_PAGE_SIZE);
    k->max_align = EB_PAGE_SIZE;
    for (uint32_t i = 0; i < k->segment_count; i++)
        if (k->segments[i].align > k->max_align)
            k->max_align = k->segments[i].align;
    if (k->elf_type == ET_DYN) {
        /* Relocated to the top 2 GiB (-mcmodel=kernel reach) whatever its link address. */
        if (k->virt_high - k->virt_low > 0x80000000ull - EB_PAGE_SIZE)
            return eb_fail(err, EB_ERR_BAD_ADDRESS,
                           "position-independent kernel spans 0x%llx bytes: more than the 2 GiB "
                           "it is relocated into", (unsigned long long)(k->virt_high - k->virt_low));
        k->higher_half = true;
    } else {
        k->higher_half = k->segments[0].vaddr >= EB_HIGHER_HALF;
    }
    return EB_OK;
}

int eb_kernel_inspect(const void *file, uint64_t size, struct eb_kernel *k,
                      struct eb_error *err)
{
    const uint8_t *bytes = file;
    const struct elf64_ehdr *eh = NULL;
    memset(k, 0, sizeof *k);
    k->file = bytes;
    k->file_size = size;
    int rc = check_header(bytes, size, k, &eh, err);
    if (rc)
        return rc;

    uint64_t dyn_offset = 0, dyn_size = 0;
    bool has_dynamic = false;
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        struct elf64_phdr copy;
        const struct elf64_phdr *ph = phdr(bytes, eh, i, &copy);
        if (ph->p_type == PT_LOAD && (rc = add_load_segment(k, i, ph, size, err)))
            return rc;
        if (ph->p_type == PT_TLS)
            k->tls = (struct elfboot_tls){ph->p_vaddr, ph->p_filesz, ph->p_memsz, ph->p_align};
        if (ph->p_type == PT_GNU_RELRO)
            k->relro_vaddr = ph->p_vaddr, k->relro_size = ph->p_memsz;
        if (ph->p_type == PT_DYNAMIC) {
            if (ph->p_offset > size || ph->p_filesz > size - ph->p_offset)
                return eb_fail(err, EB_ERR_BAD_DYNAMIC, "PT_DYNAMIC lies past the end of the file");
            dyn_offset = ph->p_offset, dyn_size = ph->p_filesz, has_dynamic = true;
        }
    }
    if (!k->segment_count)
        return eb_fail(err, EB_ERR_NO_LOAD, "no PT_LOAD segment: nothing to load");
    sort_segments(k);
    if ((rc = check_layout(k, err)) || (rc = check_entry(k, err)) || (rc = check_span(k, err)))
        return rc;
    if (k->tls.mem_size && !eb_elf_segment_at(k, k->tls.start, k->tls.file_size))
        return eb_fail(err, EB_ERR_BAD_HEADER, "PT_TLS template at 0x%llx is not in a PT_LOAD segment",
                       (unsigned long long)k->tls.start);
    if (k->relro_size && !eb_elf_segment_at(k, k->relro_vaddr, k->relro_size))
        return eb_fail(err, EB_ERR_BAD_HEADER, "PT_GNU_RELRO at 0x%llx is not in a PT_LOAD segment",
                       (unsigned long long)k->relro_vaddr);
    if (k->elf_type == ET_DYN && has_dynamic &&
        (rc = eb_elf_read_dynamic(k, dyn_offset, dyn_size, err)))
        return rc;
    return eb_request_find(k, err);
}
