/* loaders.S: the loader binaries, embedded with .incbin. The make rule passes the path
 * of each loader that exists (UEFI_LOADER, BIOS_STAGE1, BIOS_STAGE2, BIOS_CDBOOT, as
 * quoted strings);
 * one it does not pass gets size 0, and `elfboot build` says it is missing. */

/* A blob: NAME_data (16-byte aligned bytes) and NAME_size (a 64-bit byte count). */
.macro blob name, path
    .section .rodata.\name, "a"
    .balign 16
    .globl \name\()_data
\name\()_data:
    .incbin "\path" /* gas strips the quotes of a macro argument */
\name\()_end:
    .balign 8
    .globl \name\()_size
\name\()_size:
    .quad \name\()_end - \name\()_data
.endm

/* A loader this build lacks: no bytes, size 0. */
.macro absent name
    .section .rodata.\name, "a"
    .balign 16
    .globl \name\()_data
\name\()_data:
    .globl \name\()_size
\name\()_size:
    .quad 0
.endm

#ifdef UEFI_LOADER
    blob loader_uefi, UEFI_LOADER
#else
    absent loader_uefi
#endif
#ifdef BIOS_STAGE1
    blob loader_stage1, BIOS_STAGE1
#else
    absent loader_stage1
#endif
#ifdef BIOS_STAGE2
    blob loader_stage2, BIOS_STAGE2
#else
    absent loader_stage2
#endif
#ifdef BIOS_CDBOOT
    blob loader_cdboot, BIOS_CDBOOT
#else
    absent loader_cdboot
#endif

    .section .note.GNU-stack, "", @progbits /* no executable stack */
