/* entry64.S: the 64-bit part's entry, at LONG64_ADDR; RDI = struct handoff. */
        .section .text.entry64, "ax"
        .code64
        .globl  _start64
_start64:
        movq    %rdi, %rbx              /* keep the handoff pointer */
        leaq    __bss_start(%rip), %rdi /* .bss must read as zero for C */
        leaq    _end(%rip), %rcx        /* end of .bss */
        subq    %rdi, %rcx              /* its size in bytes ... */
        shrq    $3, %rcx                /* ... in qwords (the linker script aligns it) */
        xorl    %eax, %eax              /* fill value */
        rep stosq                       /* clear it (the stack below too) */
        leaq    stack64_top(%rip), %rsp /* our own stack */
        movq    %rbx, %rdi              /* long_main(handoff) */
        call    long_main               /* never returns */
1:      cli                             /* but if it did: stop */
        hlt                             /* until an NMI */
        jmp     1b                      /* and halt again */

        .section .bss
        .balign 16
stack64:
        .skip   65536                   /* the core's loader runs on this */
stack64_top:
