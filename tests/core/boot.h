/* boot.h: loading a test kernel into a simulated machine, and checking every rule of the
 * protocol on what the core produced, the way a kernel would see it. */
#ifndef BOOT_H
#define BOOT_H

#include "sim.h"
#include "walk.h"

#define BOOT_MAX_RAW 320 /* firmware map entries a case may give */

struct boot_case {
    const char *elf;          /* file name in TEST_ELF_DIR */
    uint64_t ram;             /* bytes of RAM in the simulated pc map */
    bool has_1g;
    uint64_t fb_phys;         /* 0: no framebuffer */
    uint64_t entropy;
    const struct elfboot_memmap_entry *map; /* NULL: sim_pc_map(ram) */
    size_t map_count;
};

struct booted {
    struct sim *sim;
    void *file;
    size_t file_size;
    struct eb_kernel k;
    struct eb_boot boot;
    struct eb_boot_input in;
    struct eb_module_input modules[2];
    struct elfboot_memmap_entry raw[BOOT_MAX_RAW];
    struct walk w;
    struct eb_error err;
    int rc;                   /* of inspect, load or finish */
};

/* Inspects, loads and finishes the memory map; rc and err say how it went. */
void boot_kernel(const struct boot_case *c, struct booted *b);
void boot_free(struct booted *b);

/* Checks every protocol rule on a successful boot; fails the current test otherwise. */
void check_protocol(struct booted *b);

/* Reads the 8 bytes at kernel virtual address `virt` through the page tables. */
uint64_t read_virt64(struct booted *b, uint64_t virt);

#endif
