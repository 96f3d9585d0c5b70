/* elfboot.h: the elfboot boot protocol, version 1.
 *
 * The normative C form of docs/protocol.md: the contract between the elfboot loaders
 * (BIOS and UEFI) and the kernel they boot. Freestanding (only <stdint.h>), usable from
 * C and C++ kernels. Names, types and order follow the protocol text field for field;
 * the assertions at the end pin the layout on x86_64 with gcc and clang.
 */
#ifndef ELFBOOT_H
#define ELFBOOT_H

#include <stdint.h>

#define ELFBOOT_PROTOCOL_VERSION 1

/* ---- Kernel request (optional), placed in a PT_LOAD segment, 8-byte aligned ---- */

#define ELFBOOT_REQUEST_MAGIC0 0x00544f4f42464c45ULL /* "ELFBOOT\0" */
#define ELFBOOT_REQUEST_MAGIC1 0xd1f3a0c5b7e29468ULL

struct elfboot_request {
    uint64_t magic[2];       /* ELFBOOT_REQUEST_MAGIC0, ELFBOOT_REQUEST_MAGIC1 */
    uint32_t version;        /* 1 */
    uint32_t flags;          /* ELFBOOT_REQ_* */
    uint64_t stack_size;     /* bytes, rounded up to 4 KiB; default 64 KiB */
    uint64_t hhdm_base;      /* 1 GiB aligned, higher half; default 0xffff800000000000 */
    uint32_t fb_width;       /* preferred framebuffer mode; default: the largest mode */
    uint32_t fb_height;      /*   not above 1920x1080 */
    uint64_t reserved[4];    /* zero */
};

#define ELFBOOT_REQ_NO_IDENTITY_MAP (1u << 0) /* do not keep the identity map */
#define ELFBOOT_REQ_RECURSIVE_MAP   (1u << 1) /* install a recursive PML4 entry */
#define ELFBOOT_REQ_KASLR           (1u << 2) /* ET_DYN only: random 2 MiB aligned slide */
#define ELFBOOT_REQ_NO_FRAMEBUFFER  (1u << 3) /* leave the display in text mode */

/* Declares a request in C (not part of the protocol text, a convenience):
 *   ELFBOOT_REQUEST(my_request) = { .magic = ELFBOOT_REQUEST_MAGIC, .version = 1,
 *                                   .stack_size = 1 << 20 };                       */
#define ELFBOOT_REQUEST_MAGIC { ELFBOOT_REQUEST_MAGIC0, ELFBOOT_REQUEST_MAGIC1 }
#define ELFBOOT_REQUEST_SECTION __attribute__((section(".elfboot"), used, aligned(8)))
#define ELFBOOT_REQUEST(name)                                                          \
    ELFBOOT_REQUEST_SECTION volatile struct elfboot_request name

/* ---- Boot information ---- */

#define ELFBOOT_INFO_MAGIC 0x31544f4f42464c45ULL /* "ELFBOOT1" */

struct elfboot_memmap_entry {
    uint64_t base;     /* physical */
    uint64_t length;   /* bytes */
    uint32_t type;     /* ELFBOOT_MEM_* */
    uint32_t reserved; /* zero */
};

enum {
    ELFBOOT_MEM_USABLE = 1,
    ELFBOOT_MEM_RESERVED = 2,
    ELFBOOT_MEM_ACPI_RECLAIMABLE = 3,
    ELFBOOT_MEM_ACPI_NVS = 4,
    ELFBOOT_MEM_BAD = 5,
    ELFBOOT_MEM_LOADER_RECLAIMABLE = 6, /* boot info, page tables, GDT, loader */
    ELFBOOT_MEM_KERNEL = 7,             /* kernel segments and stack */
    ELFBOOT_MEM_MODULES = 8,
    ELFBOOT_MEM_FRAMEBUFFER = 9,
    ELFBOOT_MEM_FIRMWARE_RUNTIME = 10,  /* UEFI runtime services code and data */
};

struct elfboot_framebuffer {
    uint64_t phys;       /* 0: no framebuffer */
    uint64_t virt;       /* HHDM address of phys */
    uint32_t width;      /* pixels */
    uint32_t height;
    uint32_t pitch;      /* bytes per line */
    uint16_t bpp;        /* bits per pixel: 32, 24 or 16 */
    uint8_t red_size, red_shift;
    uint8_t green_size, green_shift;
    uint8_t blue_size, blue_shift;
    uint8_t reserved[4];
};

struct elfboot_module {
    uint64_t phys;
    uint64_t virt;       /* HHDM address of phys, 4 KiB aligned */
    uint64_t size;       /* bytes */
    uint64_t name;       /* virtual address of a NUL-terminated string */
};

struct elfboot_tls {
    uint64_t start;      /* virtual address of the template; 0: no PT_TLS */
    uint64_t file_size;
    uint64_t mem_size;
    uint64_t align;
};

#define ELFBOOT_FIRMWARE_BIOS 1
#define ELFBOOT_FIRMWARE_UEFI 2

#define ELFBOOT_INFO_IDENTITY_MAP (1u << 0) /* the identity map is present */
#define ELFBOOT_INFO_RECURSIVE    (1u << 1) /* recursive_index is valid */
#define ELFBOOT_INFO_RELOCATED    (1u << 2) /* an ET_DYN kernel was relocated */
#define ELFBOOT_INFO_KASLR        (1u << 3) /* the slide was randomised */

struct elfboot_info {
    uint64_t magic;             /* ELFBOOT_INFO_MAGIC */
    uint32_t version;           /* 1 */
    uint32_t size;              /* sizeof(struct elfboot_info) as the loader knows it */
    uint32_t firmware;          /* ELFBOOT_FIRMWARE_* */
    uint32_t flags;             /* ELFBOOT_INFO_* */
    uint64_t hhdm_base;
    uint64_t memmap;            /* virtual address of struct elfboot_memmap_entry[] */
    uint64_t memmap_count;
    struct elfboot_framebuffer framebuffer;
    uint64_t rsdp;              /* physical address of the ACPI RSDP; 0: none */
    uint64_t smbios;            /* physical address of the SMBIOS entry point; 0: none */
    uint64_t efi_system_table;  /* physical; 0 on BIOS */
    uint64_t cmdline;           /* virtual address of a NUL-terminated string, "" if none */
    uint64_t modules;           /* virtual address of struct elfboot_module[] */
    uint64_t module_count;
    uint64_t kernel_phys;       /* physical address of the lowest loaded segment */
    uint64_t kernel_virt;       /* its virtual address, after relocation */
    uint64_t kernel_size;       /* bytes from the lowest to the end of the highest segment */
    uint64_t kernel_slide;      /* 0 unless relocated */
    uint64_t stack_top;
    uint64_t stack_size;
    struct elfboot_tls tls;
    uint64_t recursive_index;   /* valid with ELFBOOT_INFO_RECURSIVE */
    uint64_t boot_time;         /* seconds since 1970-01-01 UTC at boot; 0: unknown
                                   (BIOS: the CMOS clock read as UTC; UEFI: GetTime,
                                   with its TimeZone applied when it names one) */
    uint64_t loader_name;       /* virtual address of e.g. "elfboot 1.0.0 (uefi)" */
};

/* ---- Layout checks: the protocol's sizes, whatever the compiler ---- */

#ifdef __cplusplus
#define ELFBOOT_ASSERT(cond, msg) static_assert(cond, msg)
#else
#define ELFBOOT_ASSERT(cond, msg) _Static_assert(cond, msg)
#endif

ELFBOOT_ASSERT(sizeof(struct elfboot_request) == 80, "elfboot_request is 80 bytes");
ELFBOOT_ASSERT(sizeof(struct elfboot_memmap_entry) == 24, "memmap entry is 24 bytes");
ELFBOOT_ASSERT(sizeof(struct elfboot_framebuffer) == 40, "framebuffer is 40 bytes");
ELFBOOT_ASSERT(sizeof(struct elfboot_module) == 32, "module is 32 bytes");
ELFBOOT_ASSERT(sizeof(struct elfboot_tls) == 32, "tls is 32 bytes");
ELFBOOT_ASSERT(sizeof(struct elfboot_info) == 240, "elfboot_info is 240 bytes");
ELFBOOT_ASSERT(__builtin_offsetof(struct elfboot_info, framebuffer) == 48, "info layout");
ELFBOOT_ASSERT(__builtin_offsetof(struct elfboot_info, tls) == 184, "info layout");
ELFBOOT_ASSERT(__builtin_offsetof(struct elfboot_info, loader_name) == 232, "info layout");

#undef ELFBOOT_ASSERT

#endif /* ELFBOOT_H */
