/* elfscan.h: what `elfboot check` reads beside the loader's own view: sections and
 * symbols, through libelf, for names and for warnings about legal but suspicious kernels. */
#ifndef TOOL_ELFSCAN_H
#define TOOL_ELFSCAN_H

#include <stdbool.h>
#include <stdint.h>

#include "core.h"
#include "util.h"

struct elf_facts {
    bool has_symtab;
    char entry_symbol[128];   /* the symbol at the entry point, "" if none */
    uint64_t debug_bytes;     /* .debug_* / .zdebug_* sections in the file */
    uint64_t loaded_bytes;    /* PT_LOAD file bytes */
    bool has_request_section; /* a section named .elfboot */
};

/* Reads the kernel's sections and symbols (`k` from eb_kernel_inspect). Adds a line to
 * `warnings` for each suspicious thing and returns how many. */
int elf_scan(const struct eb_kernel *k, struct elf_facts *facts, struct strvec *warnings);

#endif /* TOOL_ELFSCAN_H */
