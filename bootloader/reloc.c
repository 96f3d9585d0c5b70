/* reloc.c: the relocations of position-independent (ET_DYN) kernels: reading the
 * PT_DYNAMIC tables, checking every entry, and computing what each one stores. Only
 * what a static PIE needs: R_X86_64_RELATIVE, R_X86_64_64 and R_X86_64_GLOB_DAT (x86-64
 * psABI 1.0, 4.4), and DT_RELR packed relative relocations (gABI 2022). */
#include <stdbool.h>

#include "elf_internal.h"
#include "elf64.h"
#include "util.h"

static const char *type_name(uint32_t type)
{
    static const char *const names[] = {
        [2] = "R_X86_64_PC32", [3] = "R_X86_64_GOT32", [4] = "R_X86_64_PLT32",
        [5] = "R_X86_64_COPY", [7] = "R_X86_64_JUMP_SLOT", [9] = "R_X86_64_GOTPCREL",
        [10] = "R_X86_64_32", [11] = "R_X86_64_32S", [12] = "R_X86_64_16",
        [13] = "R_X86_64_PC16", [14] = "R_X86_64_8", [15] = "R_X86_64_PC8",
        [16] = "R_X86_64_DTPMOD64", [17] = "R_X86_64_DTPOFF64", [18] = "R_X86_64_TPOFF64",
        [19] = "R_X86_64_TLSGD", [20] = "R_X86_64_TLSLD", [21] = "R_X86_64_DTPOFF32",
        [22] = "R_X86_64_GOTTPOFF", [23] = "R_X86_64_TPOFF32", [24] = "R_X86_64_PC64",
        [25] = "R_X86_64_GOTOFF64", [26] = "R_X86_64_GOTPC32", [32] = "R_X86_64_SIZE32",
        [33] = "R_X86_64_SIZE64", [37] = "R_X86_64_IRELATIVE", [38] = "R_X86_64_RELATIVE64",
        [41] = "R_X86_64_GOTPCRELX", [42] = "R_X86_64_REX_GOTPCRELX",
    };
    if (type < EB_ARRAY_SIZE(names) && names[type])
        return names[type];
    return "unknown";
}

static int count_one(void *ctx, const struct eb_reloc *r)
{
    (void)r;
    ++*(uint64_t *)ctx;
    return 0;
}

int eb_elf_read_dynamic(struct eb_kernel *k, uint64_t dyn_offset, uint64_t dyn_size,
                        struct eb_error *err)
{
    uint64_t relasz = 0, relaent = sizeof(struct elf64_rela), pltrelsz = 0, pltrel = DT_RELA;
    uint64_t relrent = 8, syment = sizeof(struct elf64_sym);
    bool has_rel = false;
    for (uint64_t off = 0; off + sizeof(struct elf64_dyn) <= dyn_size; off += sizeof(struct elf64_dyn)) {
        struct elf64_dyn d;
        memcpy(&d, k->file + dyn_offset + off, sizeof d);
        if (d.d_tag == DT_NULL)
            break;
        switch (d.d_tag) {
        case DT_RELA: k->rela_vaddr = d.d_val; break;
        case DT_RELASZ: relasz = d.d_val; break;
        case DT_RELAENT: relaent = d.d_val; break;
        case DT_JMPREL: k->jmprel_vaddr = d.d_val; break;
        case DT_PLTRELSZ: pltrelsz = d.d_val; break;
        case DT_PLTREL: pltrel = d.d_val; break;
        case DT_RELR: k->relr_vaddr = d.d_val; break;
        case DT_RELRSZ: k->relr_size = d.d_val; break;
        case DT_RELRENT: relrent = d.d_val; break;
        case DT_SYMTAB: k->symtab_vaddr = d.d_val; break;
        case DT_SYMENT: syment = d.d_val; break;
        case DT_STRTAB: k->strtab_vaddr = d.d_val; break;
        case DT_STRSZ: k->strtab_size = d.d_val; break;
        case DT_REL: has_rel = true; break;
        default: break;
        }
    }
    if (has_rel)
        return eb_fail(err, EB_ERR_BAD_DYNAMIC,
                       "DT_REL relocations are not supported: x86_64 kernels use RELA");
    if (relaent != sizeof(struct elf64_rela) || syment != sizeof(struct elf64_sym) || relrent != 8)
        return eb_fail(err, EB_ERR_BAD_DYNAMIC,
                       "PT_DYNAMIC: unexpected entry sizes (DT_RELAENT %llu, DT_SYMENT %llu, "
                       "DT_RELRENT %llu)",
                       (unsigned long long)relaent, (unsigned long long)syment,
                       (unsigned long long)relrent);
    if (k->jmprel_vaddr && pltrel != DT_RELA)
        return eb_fail(err, EB_ERR_BAD_DYNAMIC, "DT_JMPREL holds REL entries; RELA expected");
    if ((relasz % sizeof(struct elf64_rela)) || (pltrelsz % sizeof(struct elf64_rela)) ||
        (k->relr_size % 8))
        return eb_fail(err, EB_ERR_BAD_DYNAMIC,
                       "PT_DYNAMIC: a relocation table size is not a multiple of its entries");
    if (k->rela_vaddr && !eb_elf_file_bytes(k, k->rela_vaddr, relasz))
        return eb_fail(err, EB_ERR_BAD_DYNAMIC, "DT_RELA table at 0x%llx (0x%llx bytes) is not "
                       "in the file's loaded bytes", (unsigned long long)k->rela_vaddr,
                       (unsigned long long)relasz);
    if (k->jmprel_vaddr && !eb_elf_file_bytes(k, k->jmprel_vaddr, pltrelsz))
        return eb_fail(err, EB_ERR_BAD_DYNAMIC, "DT_JMPREL table at 0x%llx is not in the file's "
                       "loaded bytes", (unsigned long long)k->jmprel_vaddr);
    if (k->relr_vaddr && !eb_elf_file_bytes(k, k->relr_vaddr, k->relr_size))
        return eb_fail(err, EB_ERR_BAD_DYNAMIC, "DT_RELR table at 0x%llx is not in the file's "
                       "loaded bytes", (unsigned long long)k->relr_vaddr);
    k->rela_count = k->rela_vaddr ? relasz / sizeof(struct elf64_rela) : 0;
    k->jmprel_count = k->jmprel_vaddr ? pltrelsz / sizeof(struct elf64_rela) : 0;
    if (!k->relr_vaddr)
        k->relr_size = 0;
    /* Check every entry now, so that `elfboot check` and the loader refuse the same
     * kernels, before anything is loaded. */
    k->reloc_count = 0;
    return eb_relocs_visit(k, count_one, &k->reloc_count, err);
}

/* A symbol's name from DT_STRTAB, for messages ("?" when out of bounds). */
static void symbol_name(const struct eb_kernel *k, uint32_t offset, char *out, size_t cap)
{
    size_t i = 0;
    for (; i + 1 < cap && offset + i < k->strtab_size; i++) {
        const uint8_t *c = eb_elf_file_bytes(k, k->strtab_vaddr + offset + i, 1);
        if (!c || !*c)
            break;
        out[i] = (char)*c;
    }
    out[i] = '\0';
    if (!i)
        eb_strlcpy(out, "?", cap);
}

/* The symbol a RELA entry names: its value, and whether it moves with the slide. */
static int resolve_symbol(const struct eb_kernel *k, struct eb_reloc *r, uint32_t sym,
                          struct eb_error *err)
{
    if (sym == 0) /* no symbol: S = 0 */
        return EB_OK;
    struct elf64_sym s;
    const uint8_t *p = k->symtab_vaddr
        ? eb_elf_file_bytes(k, k->symtab_vaddr + (uint64_t)sym * sizeof s, sizeof s) : NULL;
    if (!p)
        return eb_fail(err, EB_ERR_BAD_DYNAMIC,
                       "relocation %llu: symbol %u is outside the symbol table",
                       (unsigned long long)r->index, sym);
    memcpy(&s, p, sizeof s);
    if (s.st_shndx == SHN_UNDEF) {
        if ((s.st_info >> 4) == STB_WEAK)
            return EB_OK; /* an undefined weak symbol is 0 */
        char name[64];
        symbol_name(k, s.st_name, name, sizeof name);
        return eb_fail(err, EB_ERR_RELOC_SYMBOL,
                       "relocation %llu: symbol '%s' is undefined (a kernel is linked "
                       "statically: nothing can define it at boot)",
                       (unsigned long long)r->index, name);
    }
    r->sym_value = s.st_value;
    r->sym_slides = s.st_shndx != SHN_ABS;
    return EB_OK;
}

static int check_target(const struct eb_kernel *k, const struct eb_reloc *r,
                        struct eb_error *err)
{
    if (!eb_elf_segment_at(k, r->offset, 8))
        return eb_fail(err, EB_ERR_BAD_DYNAMIC,
                       "relocation %llu patches 0x%llx, outside every PT_LOAD segment",
                       (unsigned long long)r->index, (unsigned long long)r->offset);
    return EB_OK;
}

static int visit_rela(const struct eb_kernel *k, uint64_t table, uint64_t count,
                      int (*visit)(void *, const struct eb_reloc *), void *ctx,
                      struct eb_error *err)
{
    const uint8_t *bytes = eb_elf_file_bytes(k, table, count * sizeof(struct elf64_rela));
    for (uint64_t i = 0; i < count; i++) {
        struct elf64_rela e;
        memcpy(&e, bytes + i * sizeof e, sizeof e);
        struct eb_reloc r = {.index = i, .offset = e.r_offset,
                             .type = ELF64_R_TYPE(e.r_info), .addend = e.r_addend};
        int rc;
        switch (r.type) {
        case R_X86_64_NONE:
            continue;
        case R_X86_64_RELATIVE:
            break;
        case R_X86_64_64:
        case R_X86_64_GLOB_DAT:
            if ((rc = resolve_symbol(k, &r, ELF64_R_SYM(e.r_info), err)))
                return rc;
            break;
        default:
            return eb_fail(err, EB_ERR_RELOC_TYPE,
                           "relocation %llu at 0x%llx: unsupported type %s (%u); elfboot applies "
                           "R_X86_64_RELATIVE, R_X86_64_64 and R_X86_64_GLOB_DAT",
                           (unsigned long long)i, (unsigned long long)e.r_offset,
                           type_name(r.type), r.type);
        }
        if ((rc = check_target(k, &r, err)) || (rc = visit(ctx, &r)))
            return rc;
    }
    return EB_OK;
}

/* DT_RELR: an even word is an address to relocate; an odd word is a bitmap of the 63
 * words that follow the last address (gABI, "Relative relocation packing"). */
static int visit_relr(const struct eb_kernel *k,
                      int (*visit)(void *, const struct eb_reloc *), void *ctx,
                      struct eb_error *err)
{
    const uint8_t *bytes = eb_elf_file_bytes(k, k->relr_vaddr, k->relr_size);
    uint64_t where = 0, n = k->relr_size / 8, index = 0;
    bool have_base = false;
    for (uint64_t i = 0; i < n; i++) {
        uint64_t word;
        memcpy(&word, bytes + i * 8, 8);
        struct eb_reloc r = {.type = R_X86_64_RELATIVE, .in_place = 1};
        int rc;
        if (!(word & 1)) {
            r.index = index++, r.offset = word;
            if ((rc = check_target(k, &r, err)) || (rc = visit(ctx, &r)))
                return rc;
            where = word + 8, have_base = true;
            continue;
        }
        if (!have_base)
            return eb_fail(err, EB_ERR_BAD_DYNAMIC, "DT_RELR starts with a bitmap, not an address");
        for (unsigned bit = 1; bit < 64; bit++) {
            if (!((word >> bit) & 1))
                continue;
            r.index = index++, r.offset = where + (uint64_t)(bit - 1) * 8;
            if ((rc = check_target(k, &r, err)) || (rc = visit(ctx, &r)))
                return rc;
        }
        where += 63 * 8;
    }
    return EB_OK;
}

int eb_relocs_visit(const struct eb_kernel *k,
                    int (*visit)(void *ctx, const struct eb_reloc *r), void *ctx,
                    struct eb_error *err)
{
    int rc = EB_OK;
    if (k->rela_count)
        rc = visit_rela(k, k->rela_vaddr, k->rela_count, visit, ctx, err);
    if (!rc && k->jmprel_count)
        rc = visit_rela(k, k->jmprel_vaddr, k->jmprel_count, visit, ctx, err);
    if (!rc && k->relr_size)
        rc = visit_relr(k, visit, ctx, err);
    return rc;
}

uint64_t eb_reloc_value(const struct eb_reloc *r, uint64_t slide, uint64_t old)
{
    uint64_t s = r->sym_value + (r->sym_slides ? slide : 0);
    switch (r->type) {
    case R_X86_64_RELATIVE:
        return r->in_place ? old + slide : slide + (uint64_t)r->addend;
    case R_X86_64_64:
        return s + (uint64_t)r->addend;
    default: /* R_X86_64_GLOB_DAT */
        return s;
    }
}
