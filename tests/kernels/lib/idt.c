/* idt.c: interrupt gates for the 32 exception vectors, reporting, and fault recovery. */
#include "idt.h"

#include "check.h"
#include "cpu.h"
#include "exit.h"
#include "printf.h"

struct idt_gate {
    uint16_t offset_low;
    uint16_t selector;
    uint8_t ist;
    uint8_t type_attr;  /* 0x8e: present, DPL 0, 64-bit interrupt gate (IF cleared) */
    uint16_t offset_mid;
    uint32_t offset_high;
    uint32_t zero;
} __attribute__((packed));
_Static_assert(sizeof(struct idt_gate) == 16, "64-bit IDT gate (SDM 3A, 6.14.1)");

struct resume_point {
    uint64_t rbx, rbp, r12, r13, r14, r15, rsp, rip;
};

extern const char isr_stubs[];
int resume_save(struct resume_point *rp) __attribute__((returns_twice));
void trap_dispatch(struct trap_frame *frame);

static struct idt_gate idt[32] __attribute__((aligned(16)));
static struct resume_point *volatile armed;
static struct fault caught;
static int depth;

void idt_install(void)
{
    uint16_t cs;
    __asm__ volatile("mov %%cs, %0" : "=r"(cs));
    for (int v = 0; v < 32; v++) {
        uint64_t handler = (uint64_t)(isr_stubs + 16 * v);
        idt[v] = (struct idt_gate){
            .offset_low = (uint16_t)handler,
            .selector = cs,
            .type_attr = 0x8e,
            .offset_mid = (uint16_t)(handler >> 16),
            .offset_high = (uint32_t)(handler >> 32),
        };
    }
    struct {
        uint16_t limit;
        uint64_t base;
    } __attribute__((packed)) idtr = { sizeof(idt) - 1, (uint64_t)idt };
    __asm__ volatile("lidt %0" : : "m"(idtr));
}

const char *exception_name(uint64_t vector)
{
    static const char *const names[32] = {
        "#DE divide error", "#DB debug", "NMI", "#BP breakpoint", "#OF overflow",
        "#BR bound range", "#UD invalid opcode", "#NM device not available",
        "#DF double fault", "coprocessor overrun", "#TS invalid TSS", "#NP not present",
        "#SS stack fault", "#GP general protection", "#PF page fault", "reserved",
        "#MF x87 error", "#AC alignment check", "#MC machine check", "#XM SIMD error",
        "#VE virtualization", "#CP control protection",
    };
    return vector < 32 && names[vector] ? names[vector] : "reserved";
}

void trap_dispatch(struct trap_frame *f)
{
    uint64_t cr2 = read_cr2();
    struct resume_point *rp = armed;
    if (rp) {
        /* Expected: record it and resume where resume_save() was called, as longjmp. */
        armed = 0;
        caught = (struct fault){ f->vector, f->error, cr2, f->rip };
        f->rbx = rp->rbx;
        f->rbp = rp->rbp;
        f->r12 = rp->r12;
        f->r13 = rp->r13;
        f->r14 = rp->r14;
        f->r15 = rp->r15;
        f->rsp = rp->rsp;
        f->rip = rp->rip;
        f->rax = 1;
        return;
    }
    if (++depth > 1) /* a fault while reporting one: stop at once */
        qemu_exit(QEMU_EXIT_FAIL);
    check_fail("exception", "unexpected %s (vector %lu), error code 0x%lx, CR2 0x%lx, RIP 0x%lx",
               exception_name(f->vector), f->vector, f->error, cr2, f->rip);
    check_note("RSP 0x%lx RBP 0x%lx RAX 0x%lx RDI 0x%lx RFLAGS 0x%lx CS 0x%lx", f->rsp,
               f->rbp, f->rax, f->rdi, f->rflags, f->cs);
    check_finish();
}

bool fault_catch(void (*fn)(void *), void *arg, struct fault *f)
{
    struct resume_point rp;
    if (resume_save(&rp)) {
        *f = caught;
        return true;
    }
    armed = &rp;
    fn(arg);
    armed = 0;
    return false;
}
