/* conformance.h: what the conformance kernel's checks share.
 *
 * One set of sources builds five kernels (conformance, -pie, -kaslr, -flags, -low); they
 * differ in how they are linked and in their request (variants/). Every expectation the
 * checks have comes from three places: the kernel's own request (what it asked for),
 * its linker symbols (where it is), and the command line (what the test set up: see
 * tests/kernels/README.md). */
#ifndef CONFORMANCE_H
#define CONFORMANCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "elfboot.h"

/* ---- The variant: defined by one file of variants/ ---- */

struct variant {
    const char *name;        /* "conformance-pie": the banner and the summary */
    bool relocatable;        /* ET_DYN: the loader must relocate it */
    uint64_t link_base;      /* link-time address of __kernel_start */
};
extern const struct variant variant;
extern volatile struct elfboot_request request;

/* ---- Linker symbols (tests/kernels/ld/) ---- */

/* Hidden: addressed PC-relatively, so that the relocatable kernels have no GOT entries
 * for them (relocs.c chooses which relocations the loader must apply). */
#pragma GCC visibility push(hidden)
extern char __kernel_start[], __kernel_end[];
extern char __text_start[], __text_end[], __rodata_start[], __rodata_end[];
extern char __relro_start[], __relro_end[], __data_start[], __data_end[];
extern char __tdata_start[], __tdata_end[], __tbss_end[];
#pragma GCC visibility pop

/* The kernel's pages, segment by segment, with the permissions the loader must give. */
struct kernel_range {
    const char *name;        /* "text", "rodata", "relro", "data" */
    uint64_t start, end;     /* virtual, page aligned */
    bool write, exec;
};
#define MAX_KERNEL_RANGES 4
size_t kernel_ranges(struct kernel_range out[MAX_KERNEL_RANGES]);

/* ---- What the test told us on the command line (expect.c) ---- */

#define MAX_EXPECTED_MODULES 8
enum fb_expectation { FB_ANY, FB_NONE, FB_MODE };

struct expectations {
    uint32_t firmware;          /* fw=bios|uefi */
    uint64_t mem;               /* mem=SIZE: QEMU's -m */
    uint64_t module_count;      /* mods=N */
    struct {
        char name[64];
        uint64_t size;
        uint32_t crc;
    } modules[MAX_EXPECTED_MODULES]; /* modI=NAME:SIZE:CRC32 */
    enum fb_expectation fb;     /* fb=any|none|WxH (default any) */
    uint32_t fb_width, fb_height;
    bool has_time;
    uint64_t time;              /* time=SECONDS: the host's clock when the test started */
    bool audit;                 /* audit=on: the config said `audit = on` (audit.c) */
    uint32_t acpi;              /* acpi=1|2: the RSDP's ACPI version; 0: any */
    uint32_t smbios;            /* smbios=2|3: the entry point's (_SM_, _SM3_); 0: any */
};

/* ---- The run: filled in as the checks go ---- */

struct conformance {
    struct elfboot_info *info;
    uint64_t hhdm;              /* info->hhdm_base */
    uint64_t top;               /* the HHDM covers physical [0, top) */
    uint64_t pml4;              /* physical, from CR3 */
    /* The request with the protocol's defaults applied */
    uint32_t req_flags;
    uint64_t req_stack_size;
    uint64_t req_hhdm_base;
    struct expectations expect;
    uint64_t handoff_virt, handoff_phys;  /* the RX handoff page, 0: none seen */
};
extern struct conformance conf;

/* ---- The checks, in the order main.c runs them ---- */

void check_entry_state(void);
void check_info_header(void);      /* aborts when the info cannot be trusted at all */
void parse_expectations(void);
void check_info_fields(void);
void check_memmap(void);           /* also computes conf.top */
void check_page_tables(void);
void check_faults(void);
void check_cpu_features(void);
void check_loader_memory(void);
void check_firmware_tables(void);
void check_cmdline(void);
void check_modules(void);
void check_framebuffer(void);
void check_relocations(void);
void check_audit(void);

/* ---- Helpers ---- */

/* [virt, virt + size) lies in the HHDM's [0, top) range. */
bool is_hhdm(uint64_t virt, uint64_t size);
/* A NUL-terminated string of at most `max` bytes at an HHDM address. */
bool is_hhdm_string(uint64_t virt, size_t max);

/* The HHDM top the map implies: max(4 GiB, end of the highest RAM entry), rounded up to
 * 1 GiB. */
uint64_t memmap_compute_top(void);
/* The type of the memory-map entry holding all of [phys, phys + size), 0 when no one
 * entry does. */
uint32_t memmap_type_of(uint64_t phys, uint64_t size);
/* Any RAM-type entry intersects [phys, phys + size). */
bool memmap_has_ram_in(uint64_t phys, uint64_t size);
/* RAM types raise the HHDM top; RESERVED, BAD and FRAMEBUFFER do not (PROTOCOL.md). */
bool memmap_type_is_ram(uint32_t type);
const char *memmap_type_name(uint32_t type);

static inline uint64_t page_down(uint64_t v) { return v & ~0xfffull; }
static inline uint64_t page_up(uint64_t v) { return (v + 0xfff) & ~0xfffull; }

#endif /* CONFORMANCE_H */
