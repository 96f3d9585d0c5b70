/* sim.h: a simulated machine for running the core as a host process: a memory map, an
 * allocator over it (the core's own eb_physmem), and host memory behind every allocation.
 * Reaching physical memory that was never allocated is a test failure, not a crash. */
#ifndef SIM_H
#define SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core.h"
#include "physmem.h"

#define SIM_MAX_BLOCKS 8192

struct sim_block {
    uint64_t phys, size;
    uint32_t type;
    bool executable;
    uint8_t *mem;
};

struct sim {
    struct eb_platform platform;
    struct eb_physmem pm;
    struct elfboot_memmap_entry storage[2048];
    struct sim_block blocks[SIM_MAX_BLOCKS];
    size_t block_count;
    uint64_t entropy;         /* what the entropy callback returns */
    uint64_t fail_alloc_after; /* 0: never; n: the n-th allocation fails */
    uint64_t alloc_count;
    char last_log[256];
    size_t log_lines;
    bool quiet;
};

/* A machine with `raw` as its firmware memory map. */
void sim_init(struct sim *s, const struct elfboot_memmap_entry *raw, size_t n, bool has_1g);
void sim_free(struct sim *s);

/* The block holding [phys, phys + size), or NULL. */
struct sim_block *sim_find(struct sim *s, uint64_t phys, uint64_t size);

/* A block the frontend would have allocated (modules): returns its physical address. */
uint64_t sim_alloc(struct sim *s, uint64_t size, uint32_t type);

/* Reads a whole file (the test's ELF files); aborts when it cannot. */
void *sim_read_file(const char *path, size_t *size);

/* Standard maps: RAM [0, 640 KiB) and [1 MiB, ram_end) minus QEMU-like holes. */
size_t sim_pc_map(struct elfboot_memmap_entry *out, uint64_t ram_bytes);

#endif
