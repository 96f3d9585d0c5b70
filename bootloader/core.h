/* core.h: what the loader core offers its frontends (bios/, uefi/) and the host tool.
 *
 * A frontend's boot sequence, in the order of these calls:
 *
 *   eb_config_parse()        read /boot/elfboot.cfg                      (config.h)
 *   eb_kernel_inspect()      validate the kernel file it read into memory
 *   eb_pick_video_mode()     choose a mode from the firmware's list     (video.h)
 *   eb_load()                place, copy and relocate the kernel, build page tables,
 *                            the stack, the boot info and the handoff trampoline
 *   (leave the firmware: UEFI ExitBootServices)
 *   eb_finish_memmap()       the final memory map into the boot info
 *   eb_handoff()             switch page tables and jump to the kernel; never returns
 *
 * All allocations go through struct eb_platform (platform.h).
 */
#ifndef EB_CORE_H
#define EB_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "elfboot.h"
#include "platform.h"
#include "status.h"

#define EB_PAGE_SIZE 4096ull
#define EB_MAX_SEGMENTS 32
#define EB_DEFAULT_STACK_SIZE (64ull * 1024)
#define EB_DEFAULT_HHDM_BASE 0xffff800000000000ull
#define EB_HIGHER_HALF 0xffff800000000000ull
#define EB_PIE_BASE 0xffffffff80000000ull /* where ET_DYN kernels go without KASLR */

/* ---- The kernel, as eb_kernel_inspect() finds it ---- */

struct eb_segment {
    uint64_t vaddr, paddr, offset, filesz, memsz, align;
    uint32_t flags; /* PF_R | PF_W | PF_X */
};

struct eb_kernel {
    const uint8_t *file;
    uint64_t file_size;
    uint16_t elf_type;         /* ET_EXEC or ET_DYN */
    bool higher_half;          /* every PT_LOAD at or above EB_HIGHER_HALF (after slide) */
    uint64_t entry;            /* link-time entry point */
    struct eb_segment segments[EB_MAX_SEGMENTS]; /* PT_LOAD, sorted by vaddr */
    uint32_t segment_count;
    uint64_t virt_low;         /* lowest segment vaddr, rounded down to 4 KiB */
    uint64_t virt_high;        /* end of the highest segment, rounded up to 4 KiB */
    uint64_t max_align;        /* largest p_align of the PT_LOAD segments */

    /* ET_DYN relocations (from PT_DYNAMIC), already checked for type and bounds */
    uint64_t rela_vaddr, rela_count;   /* DT_RELA, DT_RELASZ / DT_RELAENT */
    uint64_t jmprel_vaddr, jmprel_count; /* DT_JMPREL, DT_PLTRELSZ (also RELA) */
    uint64_t relr_vaddr, relr_size;    /* DT_RELR, DT_RELRSZ (packed relative) */
    uint64_t symtab_vaddr, strtab_vaddr, strtab_size;
    uint64_t reloc_count;              /* relocations the loader will apply */
    uint64_t relro_vaddr, relro_size;  /* PT_GNU_RELRO, 0 size: none */

    struct elfboot_tls tls;            /* link-time addresses; start 0: no PT_TLS */

    bool has_request;
    uint64_t request_offset;           /* file offset of the request */
    struct elfboot_request request;    /* as found (zeroes when absent) */

    /* The request with defaults applied */
    uint32_t req_flags;
    uint64_t stack_size;               /* rounded up to 4 KiB */
    uint64_t hhdm_base;
};

/* Validates the ELF image in `file[0..size)` against every rule of the protocol without
 * touching memory outside it or allocating anything; fills `k`. `elfboot check` runs
 * this same code. Returns EB_OK or the first error found. */
int eb_kernel_inspect(const void *file, uint64_t size, struct eb_kernel *k,
                      struct eb_error *err);

/* ---- What the frontend collected ---- */

struct eb_module_input {
    uint64_t phys;      /* 4 KiB aligned, allocated by the frontend as ELFBOOT_MEM_MODULES */
    uint64_t size;
    const char *name;
};

struct eb_boot_input {
    uint32_t firmware;                   /* ELFBOOT_FIRMWARE_BIOS / _UEFI */
    const char *loader_name;             /* "elfboot 1.0.0 (uefi)" */
    const char *cmdline;                 /* NULL: "" */
    const struct eb_module_input *modules;
    uint32_t module_count;
    struct elfboot_framebuffer framebuffer; /* phys 0: none; virt is filled by the core */
    uint64_t rsdp, smbios, efi_system_table, boot_time;
    /* The firmware's memory map as known before loading, in ELFBOOT_MEM_* types: the
     * core sizes the HHDM from it and reserves room for the final map. */
    const struct elfboot_memmap_entry *memmap;
    uint32_t memmap_count;
};

/* ---- What eb_load() produced ---- */

struct eb_boot {
    const struct eb_platform *platform;
    struct elfboot_info *info;       /* the boot info, through phys_ptr */
    uint64_t info_phys;
    struct elfboot_memmap_entry *memmap; /* room for the final map */
    uint64_t memmap_phys;
    uint32_t memmap_capacity;
    uint64_t pml4_phys;              /* the kernel's page tables */
    uint64_t hhdm_top;               /* physical [0, hhdm_top) is in the HHDM */
    uint64_t slide;
    uint64_t entry;                  /* virtual, after relocation */
    uint64_t stack_top;              /* virtual; RSP = stack_top - 8 */
    uint64_t trampoline_phys;        /* the handoff page (code, GDT, parameters) */
    uint64_t trampoline_virt;        /* where the kernel's tables map it */
};

/* Loads the kernel `k` (inspected from the file in `in`) per the protocol. On error,
 * memory it allocated stays allocated (the frontend halts anyway). */
int eb_load(const struct eb_platform *p, const struct eb_boot_input *in,
            const struct eb_kernel *k, struct eb_boot *boot, struct eb_error *err);

/* Normalises the final firmware memory map (ELFBOOT_MEM_* types, with the loader's
 * allocations among them) into the boot info, adding the framebuffer's range. */
int eb_finish_memmap(struct eb_boot *boot, const struct elfboot_memmap_entry *raw,
                     uint32_t raw_count, struct eb_error *err);

/* Switches to the kernel's page tables and jumps to its entry point, in exactly the
 * machine state of the protocol. Interrupts must be off and firmware left. */
__attribute__((noreturn)) void eb_handoff(const struct eb_boot *boot);

/* CPU facts for struct eb_platform. */
bool eb_cpu_has_1g_pages(void);
uint64_t eb_cpu_entropy(void *unused);

#endif /* EB_CORE_H */
