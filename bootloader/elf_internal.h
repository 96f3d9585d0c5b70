/* elf_internal.h: helpers shared by the ELF reader (elf.c), relocation (reloc.c) and loading. */
#ifndef EB_ELF_INTERNAL_H
#define EB_ELF_INTERNAL_H

#include "core.h"

/* The file bytes holding [vaddr, vaddr + len) of a PT_LOAD segment, or NULL when that
 * range is not entirely in one segment's file contents. */
const uint8_t *eb_elf_file_bytes(const struct eb_kernel *k, uint64_t vaddr, uint64_t len);

/* The PT_LOAD segment whose memory image holds [vaddr, vaddr + len), or NULL. */
const struct eb_segment *eb_elf_segment_at(const struct eb_kernel *k, uint64_t vaddr,
                                           uint64_t len);

/* "R-X", "RW-", ... for segment flags. */
const char *eb_elf_flags_str(uint32_t flags);

/* One relocation, decoded from RELA or RELR tables. */
struct eb_reloc {
    uint64_t index;       /* position in its table, for messages */
    uint64_t offset;      /* link-time virtual address to patch (8 bytes) */
    uint32_t type;        /* R_X86_64_* */
    uint64_t sym_value;   /* for R_X86_64_64 / GLOB_DAT */
    int sym_slides;       /* the symbol's value moves with the slide (not SHN_ABS/undef) */
    int64_t addend;
    int in_place;         /* RELR: the addend is the value already in place */
};

/* Calls `visit` for each relocation of `k` (RELA, JMPREL, then RELR), checking types,
 * bounds and symbols first; stops at the first non-zero return and returns it. */
int eb_relocs_visit(const struct eb_kernel *k,
                    int (*visit)(void *ctx, const struct eb_reloc *r), void *ctx,
                    struct eb_error *err);

/* The 8-byte value relocation `r` stores when the kernel moves by `slide`. For RELR and
 * RELATIVE, `old` is the value in place (RELR adds to it). */
uint64_t eb_reloc_value(const struct eb_reloc *r, uint64_t slide, uint64_t old);

/* Reads the PT_DYNAMIC tables of an ET_DYN kernel into `k` and checks every relocation. */
int eb_elf_read_dynamic(struct eb_kernel *k, uint64_t dyn_offset, uint64_t dyn_size,
                        struct eb_error *err);

/* Finds the kernel's struct elfboot_request by its magic words, checks it and applies
 * the defaults to k->req_flags, k->stack_size, k->hhdm_base (request.c). */
int eb_request_find(struct eb_kernel *k, struct eb_error *err);

#endif /* EB_ELF_INTERNAL_H */
