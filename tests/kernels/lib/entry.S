/* entry.S: _start, the entry point of every test kernel. It saves the machine state
 * the loader handed over into entry_state (before any C code can change it), then
 * jumps, not calls, to kernel_main(info): RSP stays stack_top - 8, exactly the state of
 * a C function's first instruction, so kernel_main sees the stack the protocol promises.
 * Only RIP-relative references: the same code links at any address and in PIEs. */
#include "entry_state.h"

#define SAVE(off) entry_state + off(%rip)

    .section .text.entry, "ax"
    .code64
    .globl _start
    .type _start, @function
_start:
    movq %rsp, SAVE(ES_RSP)         /* first the registers the protocol defines */
    movq %rbp, SAVE(ES_RBP)
    movq %rdi, SAVE(ES_RDI)
    movq %rax, SAVE(ES_GPRS + 0)    /* then the others, before we use them as scratch */
    movq %rbx, SAVE(ES_GPRS + 8)
    movq %rcx, SAVE(ES_GPRS + 16)
    movq %rdx, SAVE(ES_GPRS + 24)
    movq %rsi, SAVE(ES_GPRS + 32)
    movq %r8, SAVE(ES_GPRS + 40)
    movq %r9, SAVE(ES_GPRS + 48)
    movq %r10, SAVE(ES_GPRS + 56)
    movq %r11, SAVE(ES_GPRS + 64)
    movq %r12, SAVE(ES_GPRS + 72)
    movq %r13, SAVE(ES_GPRS + 80)
    movq %r14, SAVE(ES_GPRS + 88)
    movq %r15, SAVE(ES_GPRS + 96)
    movq (%rsp), %rax               /* the return address slot: must be 0 */
    movq %rax, SAVE(ES_RSP_WORD)
    pushfq                          /* RFLAGS through the stack (below RSP: unused) */
    popq %rax
    movq %rax, SAVE(ES_RFLAGS)
    movq %cr0, %rax                 /* control registers */
    movq %rax, SAVE(ES_CR0)
    movq %cr3, %rax
    movq %rax, SAVE(ES_CR3)
    movq %cr4, %rax
    movq %rax, SAVE(ES_CR4)
    movl $0xc0000080, %ecx          /* IA32_EFER */
    rdmsr
    movl %eax, SAVE(ES_EFER)
    movl %edx, SAVE(ES_EFER + 4)
    movl $0xc0000100, %ecx          /* IA32_FS_BASE */
    rdmsr
    movl %eax, SAVE(ES_FS_BASE)
    movl %edx, SAVE(ES_FS_BASE + 4)
    movl $0xc0000101, %ecx          /* IA32_GS_BASE */
    rdmsr
    movl %eax, SAVE(ES_GS_BASE)
    movl %edx, SAVE(ES_GS_BASE + 4)
    movl $0xc0000102, %ecx          /* IA32_KERNEL_GS_BASE (what swapgs would load) */
    rdmsr
    movl %eax, SAVE(ES_KERNEL_GS_BASE)
    movl %edx, SAVE(ES_KERNEL_GS_BASE + 4)
    sgdt SAVE(ES_GDTR)              /* descriptor tables */
    sidt SAVE(ES_IDTR)
    movw %cs, SAVE(ES_CS)           /* segment selectors */
    movw %ds, SAVE(ES_DS)
    movw %es, SAVE(ES_ES)
    movw %ss, SAVE(ES_SS)
    movw %fs, SAVE(ES_FS)
    movw %gs, SAVE(ES_GS)
    inb $0x21, %al                  /* legacy PIC masks (OCW1 reads back the IMR) */
    movb %al, SAVE(ES_PIC_MASTER)
    inb $0xa1, %al
    movb %al, SAVE(ES_PIC_SLAVE)
    movq SAVE(ES_RDI), %rdi         /* the boot info pointer, for kernel_main */
    jmp kernel_main                 /* a tail call: RSP untouched */
    .size _start, . - _start

    .bss
    .p2align 4
    .globl entry_state
    .hidden entry_state
    .type entry_state, @object
entry_state:
    .zero ES_SIZE
    .size entry_state, ES_SIZE

    .section .note.GNU-stack, "", @progbits
