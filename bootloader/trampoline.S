/* trampoline.S: the last code the loader runs. eb_prepare_handoff() copies these bytes,
 * parameters included, into one page P and maps P in the kernel's tables at an upper-half
 * address V (read-only, executable). Everything is RIP-relative, so the same bytes run at
 * P and at V. The loader jumps to P with interrupts off, still on its own page tables. */

    .section .rodata.eb_trampoline, "a"
    .code64
    .globl eb_trampoline_start, eb_trampoline_high, eb_trampoline_params, eb_trampoline_end

eb_trampoline_start:
    cli                                 /* no interrupts: there is no valid IDT from here */
    cld                                 /* protocol: RFLAGS.DF = 0 */

    /* EFER.NXE before any table with NX bits is live (SDM 4.1.1: NX is reserved without it) */
    mov $0xc0000080, %ecx               /* IA32_EFER */
    rdmsr
    or $(1 << 11), %eax                 /* NXE */
    wrmsr

    /* CR4: PAE, OSFXSR, OSXMMEXCPT on (SSE usable); PGE off, which also flushes global
     * TLB entries that firmware tables may have left (SDM 4.10.4.1) */
    mov %cr4, %rax
    or $((1 << 5) | (1 << 9) | (1 << 10)), %rax
    and $~(1 << 7), %rax
    mov %rax, %cr4

    /* CR0: MP, NE, WP on; EM, TS off (PE and PG are on already: we are in long mode) */
    mov %cr0, %rax
    or $((1 << 1) | (1 << 5) | (1 << 16)), %rax
    and $~((1 << 2) | (1 << 3)), %rax
    mov %rax, %cr0

    /* Intermediate tables: P identity mapped and executable, plus the kernel's upper half */
    mov p_intermediate_cr3(%rip), %rax
    mov %rax, %cr3
    mov p_high(%rip), %rax              /* V + (eb_trampoline_high - eb_trampoline_start) */
    jmp *%rax

eb_trampoline_high:
    /* Now at V, which the kernel's tables map too: switch to them for good */
    mov p_final_cr3(%rip), %rax
    mov %rax, %cr3
    /* The loader's stack may be gone now (no identity map): the far return below pushes,
     * so use the kernel's stack at once; the pushes land below the zero return address */
    mov p_stack(%rip), %rsp

    lgdt p_gdtr(%rip)                   /* base: the GDT's HHDM address */
    lea 1f(%rip), %rax
    pushq $0x08                         /* reload CS with the 64-bit code selector ... */
    push %rax
    lretq                               /* ... through a far return */
1:  mov $0x10, %eax
    mov %eax, %ds
    mov %eax, %es
    mov %eax, %ss
    mov %eax, %fs
    mov %eax, %gs

    /* FS, GS and KERNEL_GS bases 0: a selector load sets only the low 32 bits */
    xor %eax, %eax
    xor %edx, %edx
    mov $0xc0000100, %ecx
    wrmsr
    mov $0xc0000101, %ecx
    wrmsr
    mov $0xc0000102, %ecx
    wrmsr

    mov p_stack(%rip), %rsp             /* stack_top - 8, where a zero return address waits */
    pushq $0x2                          /* RFLAGS: only the always-one bit 1 (IF, DF, TF off) */
    popfq
    mov p_info(%rip), %rdi              /* the boot info, an HHDM address */
    mov p_entry(%rip), %rax

    /* Nothing of the loader leaks into the kernel's registers */
    xor %ebx, %ebx
    xor %ecx, %ecx
    xor %edx, %edx
    xor %esi, %esi
    xor %ebp, %ebp                      /* protocol: RBP = 0, ends stack traces */
    xor %r8d, %r8d
    xor %r9d, %r9d
    xor %r10d, %r10d
    xor %r11d, %r11d
    xor %r12d, %r12d
    xor %r13d, %r13d
    xor %r14d, %r14d
    xor %r15d, %r15d
    jmp *%rax

    /* Parameters, filled in by eb_prepare_handoff() (struct eb_trampoline_params) */
    .balign 16
eb_trampoline_params:
p_intermediate_cr3: .quad 0
p_final_cr3:        .quad 0
p_high:             .quad 0
p_stack:            .quad 0
p_entry:            .quad 0
p_info:             .quad 0
    /* null; 0x08: 64-bit code, DPL 0; 0x10: data. Accessed bits preset, so that loading
     * a selector never writes to the descriptor. */
p_gdt:              .quad 0, 0x00af9b000000ffff, 0x00cf93000000ffff
p_gdtr:             .word 3 * 8 - 1
                    .quad 0
eb_trampoline_end:

    .section .note.GNU-stack, "", @progbits
