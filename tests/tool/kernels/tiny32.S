/* tiny32.S: a 32-bit ELF, which elfboot refuses (the protocol boots ELF64 only). */
    .code32
    .section .text, "ax"
    .globl kernel_start
kernel_start:
    hlt
    jmp kernel_start
    .section .note.GNU-stack, "", @progbits
