/* idt.h: the test kernels' own IDT. Every exception (vectors 0-31) is reported on COM1
 * with its vector, error code, CR2 and RIP and ends the run as a failure, unless the
 * kernel expects it: fault_catch() runs a function and catches the fault it causes,
 * resuming like longjmp (the handler rewrites the interrupted frame). */
#ifndef K_IDT_H
#define K_IDT_H

#include <stdbool.h>
#include <stdint.h>

/* What the CPU pushed and what the assembly stubs saved (isr.S builds this). */
struct trap_frame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, error;                 /* error is 0 for vectors without one */
    uint64_t rip, cs, rflags, rsp, ss;      /* the interrupt frame (SDM 3A, 6.14.2) */
};

struct fault {
    uint64_t vector, error, cr2, rip;
};

/* Page-fault error code bits (SDM 3A, 4.7). */
#define PF_PRESENT (1u << 0)  /* the page was present: a protection violation */
#define PF_WRITE (1u << 1)
#define PF_USER (1u << 2)
#define PF_RESERVED (1u << 3)
#define PF_FETCH (1u << 4)    /* instruction fetch (NX) */

#define VEC_UD 6
#define VEC_GP 13
#define VEC_PF 14

/* Builds the IDT (interrupt gates through the current CS) and loads it. */
void idt_install(void);

/* Calls fn(arg). Returns false when it returned normally; true when it raised an
 * exception, which *f then describes. Not reentrant. */
bool fault_catch(void (*fn)(void *), void *arg, struct fault *f);

const char *exception_name(uint64_t vector);

#endif /* K_IDT_H */
