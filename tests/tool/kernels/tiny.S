/* tiny.S: the smallest kernel that proves an image boots: prints a line on COM1, then
 * leaves QEMU through isa-debug-exit with 0x10 (QEMU status 33). Used by the host tool's
 * tests (tests/tool/), which check images, not the protocol (tests/kernels/ does that). */
    .section .text, "ax"
    .globl kernel_start
    .type kernel_start, @function
kernel_start:
    lea message(%rip), %rsi        /* the line to print */
1:  lodsb                          /* next byte into AL */
    test %al, %al                  /* NUL ends the line */
    jz 2f
    mov $0x3f8, %dx                /* COM1 data port: the firmware left it set up */
    out %al, %dx                   /* send the byte */
    jmp 1b
2:  mov $0x10, %al                 /* the success code */
    out %al, $0xf4                 /* isa-debug-exit: QEMU exits with (0x10 << 1) | 1 */
3:  hlt                            /* only reached without the exit device */
    jmp 3b
    .size kernel_start, . - kernel_start

    .section .rodata, "a"
message:
    .asciz "tiny kernel: booted\n"

    .section .data, "aw"
    .quad 0x1234                   /* a writable segment of its own */

    .section .note.GNU-stack, "", @progbits
