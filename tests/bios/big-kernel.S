/* big-kernel.S: a kernel of 64 MiB for the BIOS boot tests. It carries a 64 MiB blob in
 * which quadword i holds i * 0x9e3779b97f4a7c15 (make-blob.py writes it), checks every
 * quadword, says so on COM1 and exits through isa-debug-exit (0x10 pass, 0x11 fail). */
#define BLOB_SIZE (64 * 1024 * 1024)

        .section .text, "ax"
        .globl  kmain
kmain:
        leaq    blob(%rip), %rsi        /* the blob as the loader mapped it */
        movq    $(BLOB_SIZE / 8), %rcx  /* quadwords to check */
        movabsq $0x9e3779b97f4a7c15, %r8   /* the step between expected values */
        xorl    %eax, %eax              /* expected value of quadword 0 */
1:      cmpq    (%rsi), %rax            /* as written? */
        jne     bad                     /* a mismatch: report it */
        addq    $8, %rsi                /* next quadword */
        addq    %r8, %rax               /* and its expected value */
        decq    %rcx                    /* one fewer to check */
        jnz     1b                      /* until all are checked */
        leaq    ok_message(%rip), %rsi  /* the verdict */
        call    puts                    /* on COM1 */
        movb    $0x10, %al              /* pass: QEMU exits with 33 */
        outb    %al, $0xf4              /* isa-debug-exit */
        jmp     halt                    /* and stop */
bad:    leaq    bad_message(%rip), %rsi /* the verdict */
        call    puts                    /* on COM1 */
        movb    $0x11, %al              /* fail: QEMU exits with 35 */
        outb    %al, $0xf4              /* isa-debug-exit */
halt:   cli                             /* no interrupts */
        hlt                             /* stop */
        jmp     halt                    /* an NMI resumes here: stop again */

/* puts: the NUL-terminated string at RSI to COM1 (QEMU's UART needs no set-up). */
puts:   movw    $0x3f8, %dx             /* COM1 data port */
2:      lodsb                           /* next byte */
        testb   %al, %al                /* NUL ends the string */
        jz      3f                      /* done */
        outb    %al, %dx                /* send it */
        jmp     2b                      /* next */
3:      ret                             /* to the caller */

        .section .rodata, "a"
ok_message:
        .asciz  "big-kernel: 67108864 bytes ok\n"
bad_message:
        .asciz  "big-kernel: FAIL: the blob differs from what was built\n"

        .section .blob, "a"
        .balign 4096
blob:
        .incbin BLOB_FILE
