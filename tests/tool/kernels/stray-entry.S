/* stray-entry.S: a kernel whose entry point is the start of no symbol and inside no
 * function (the build links it with -e 0xffffffff80000001, the byte after helper):
 * `elfboot check` warns that ENTRY() may name the wrong symbol. */
    .section .text, "ax"
    .globl helper
    .type helper, @function
helper:
    ret                            /* one byte: helper ends where the entry point starts */
    .size helper, . - helper
    /* The entry point, on purpose without a label of its own. */
    mov $0x10, %al                 /* the success code */
    out %al, $0xf4                 /* isa-debug-exit: QEMU exits with status 33 */
1:  hlt                            /* only reached without the exit device */
    jmp 1b

    .section .note.GNU-stack, "", @progbits
