/* elf64.h: the ELF64 structures the core reads (System V gABI, "ELF-64 Object File
 * Format" 1.5, and the x86-64 psABI 1.0 for relocation types). Our own definitions:
 * the loaders have no <elf.h>. */
#ifndef EB_ELF64_H
#define EB_ELF64_H

#include <stdint.h>

struct elf64_ehdr {
    unsigned char e_ident[16];
    uint16_t e_type, e_machine;
    uint32_t e_version;
    uint64_t e_entry, e_phoff, e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_phdr {
    uint32_t p_type, p_flags;
    uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

struct elf64_dyn {
    int64_t d_tag;
    uint64_t d_val;
};

struct elf64_rela {
    uint64_t r_offset, r_info;
    int64_t r_addend;
};

struct elf64_sym {
    uint32_t st_name;
    unsigned char st_info, st_other;
    uint16_t st_shndx;
    uint64_t st_value, st_size;
};

_Static_assert(sizeof(struct elf64_ehdr) == 64, "ELF64 header is 64 bytes");
_Static_assert(sizeof(struct elf64_phdr) == 56, "ELF64 program header is 56 bytes");
_Static_assert(sizeof(struct elf64_dyn) == 16, "ELF64 dynamic entry is 16 bytes");
_Static_assert(sizeof(struct elf64_rela) == 24, "ELF64 RELA entry is 24 bytes");
_Static_assert(sizeof(struct elf64_sym) == 24, "ELF64 symbol is 24 bytes");

#define EI_CLASS 4
#define EI_DATA 5
#define EI_VERSION 6
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define EV_CURRENT 1
#define ET_EXEC 2
#define ET_DYN 3
#define EM_X86_64 62

#define PT_LOAD 1
#define PT_DYNAMIC 2
#define PT_TLS 7
#define PT_GNU_RELRO 0x6474e552u
#define PF_X 1u
#define PF_W 2u
#define PF_R 4u

#define DT_NULL 0
#define DT_PLTRELSZ 2
#define DT_STRTAB 5
#define DT_SYMTAB 6
#define DT_RELA 7
#define DT_RELASZ 8
#define DT_RELAENT 9
#define DT_STRSZ 10
#define DT_SYMENT 11
#define DT_REL 17
#define DT_PLTREL 20
#define DT_JMPREL 23
#define DT_RELRSZ 35
#define DT_RELR 36
#define DT_RELRENT 37

#define SHN_UNDEF 0
#define SHN_ABS 0xfff1
#define STB_WEAK 2

#define R_X86_64_NONE 0
#define R_X86_64_64 1
#define R_X86_64_GLOB_DAT 6
#define R_X86_64_RELATIVE 8

#define ELF64_R_SYM(info) ((uint32_t)((info) >> 32))
#define ELF64_R_TYPE(info) ((uint32_t)(info))

#endif /* EB_ELF64_H */
