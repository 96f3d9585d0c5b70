/* isr.S: exception entry stubs, the common save/restore path, and resume_save().
 * Position independent (only RIP-relative references), so that the same code runs in
 * the higher-half, lower-half and relocatable test kernels. */

    .text
    .code64

/* One 16-byte stub a vector, so that idt.c finds stub n at isr_stubs + 16 * n.
 * Vectors without an error code push a 0 so that every frame has the same shape. */
.macro STUB vector, has_error
isr_stub_\vector:
    .if \has_error == 0
    pushq $0                        /* no error code: keep the frame layout uniform */
    .endif
    pushq $\vector                  /* which vector, for trap_dispatch */
    jmp isr_common
    .org isr_stub_\vector + 16      /* pad to 16; an assembly error if a stub outgrows it */
.endm

    .p2align 4
    .globl isr_stubs
    .hidden isr_stubs
isr_stubs:
    STUB 0, 0
    STUB 1, 0
    STUB 2, 0
    STUB 3, 0
    STUB 4, 0
    STUB 5, 0
    STUB 6, 0
    STUB 7, 0
    STUB 8, 1
    STUB 9, 0
    STUB 10, 1
    STUB 11, 1
    STUB 12, 1
    STUB 13, 1
    STUB 14, 1
    STUB 15, 0
    STUB 16, 0
    STUB 17, 1
    STUB 18, 0
    STUB 19, 0
    STUB 20, 0
    STUB 21, 1
    STUB 22, 0
    STUB 23, 0
    STUB 24, 0
    STUB 25, 0
    STUB 26, 0
    STUB 27, 0
    STUB 28, 0
    STUB 29, 1
    STUB 30, 1
    STUB 31, 0

/* Saves every general register in struct trap_frame order (rax pushed first, so it
 * ends highest), calls trap_dispatch(frame), restores what it may have rewritten. */
isr_common:
    pushq %rax
    pushq %rbx
    pushq %rcx
    pushq %rdx
    pushq %rsi
    pushq %rdi
    pushq %rbp
    pushq %r8
    pushq %r9
    pushq %r10
    pushq %r11
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, %rdi                 /* argument: the frame; RSP is 16-byte aligned here
                                       (CPU aligns it, then 22 quadwords were pushed) */
    cld                             /* the C ABI wants DF clear */
    call trap_dispatch
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %r11
    popq %r10
    popq %r9
    popq %r8
    popq %rbp
    popq %rdi
    popq %rsi
    popq %rdx
    popq %rcx
    popq %rbx
    popq %rax
    addq $16, %rsp                  /* drop vector and error code */
    iretq                           /* to frame->rip / frame->rsp, possibly rewritten */

/* int resume_save(struct resume_point *rp): like setjmp. Returns 0; when trap_dispatch
 * resumes at rp, it returns again with 1. Layout: rbx rbp r12 r13 r14 r15 rsp rip. */
    .globl resume_save
    .hidden resume_save
resume_save:
    movq %rbx, 0(%rdi)              /* the callee-saved registers of the caller */
    movq %rbp, 8(%rdi)
    movq %r12, 16(%rdi)
    movq %r13, 24(%rdi)
    movq %r14, 32(%rdi)
    movq %r15, 40(%rdi)
    leaq 8(%rsp), %rax              /* RSP as it will be after our ret */
    movq %rax, 48(%rdi)
    movq (%rsp), %rax               /* our return address: where a resume lands */
    movq %rax, 56(%rdi)
    xorl %eax, %eax                 /* first return: 0 */
    ret

    .section .note.GNU-stack, "", @progbits
