/* relocs.c: pointers the loader must have relocated. In the ET_DYN kernels (linked with
 * `ld -shared`, see build.mk) these become every kind the protocol supports:
 *   relative_ptr, relro_relative   R_X86_64_RELATIVE (hidden targets)
 *   absolute_ptr, relro_absolute   R_X86_64_64 against the exported symbol, with addends
 *   the GOT slot of exported_target R_X86_64_GLOB_DAT (-fpic code reads it through the GOT)
 * and the relro_* ones sit in PT_GNU_RELRO, read-only after relocation. In the ET_EXEC
 * kernels the linker resolved them all: the same checks then test plain loading. */
#include "check.h"
#include "conformance.h"

static int hidden_target[4] = { 10, 11, 12, 13 };
__attribute__((visibility("default"))) int exported_target[4] = { 20, 21, 22, 23 };
/* The same object under a hidden name, which the compiler addresses PC-relatively. */
extern int exported_alias[4] __attribute__((alias("exported_target"), visibility("hidden")));

int *relative_ptr = &hidden_target[1];
int *absolute_ptr = &exported_target[2];
int *const relro_relative = &hidden_target[2];
int *const relro_absolute = &exported_target[3];

void check_relocations(void)
{
    int *volatile got_address = exported_target; /* -fpic: loaded from the GOT */
    int *volatile alias = exported_alias;        /* PC-relative: always right */
    check(relative_ptr == &hidden_target[1] && *relative_ptr == 11, "reloc.relative",
          "pointer 0x%lx, expected 0x%lx", (uint64_t)relative_ptr, (uint64_t)&hidden_target[1]);
    check(absolute_ptr == alias + 2 && *absolute_ptr == 22, "reloc.absolute", "pointer 0x%lx, "
          "expected 0x%lx (symbol + 8)", (uint64_t)absolute_ptr, (uint64_t)(alias + 2));
    check(got_address == alias, "reloc.got", "GOT slot 0x%lx, expected 0x%lx",
          (uint64_t)got_address, (uint64_t)alias);
    check(relro_relative == &hidden_target[2] && relro_absolute == alias + 3 &&
              *relro_absolute == 23,
          "reloc.relro-values", "0x%lx and 0x%lx, expected 0x%lx and 0x%lx",
          (uint64_t)relro_relative, (uint64_t)relro_absolute, (uint64_t)&hidden_target[2],
          (uint64_t)(alias + 3));
}
