/* bare.elf: a kernel that knows nothing of elfboot: no request, no elfboot.h. The
 * protocol still calls its entry point in the documented state ("Kernels that know
 * nothing of us"); a few raw checks prove it, then it exits QEMU with 0x10. */
#include <stdint.h>

#include "check.h"
#include "cpu.h"
#include "entry_state.h"
#include "idt.h"
#include "serial.h"
#include "kstring.h"

static void read_first_word(void *arg)
{
    uint64_t *out = arg;
    *out = *(volatile uint64_t *)entry_state.rdi;
}

void kernel_main(void *info)
{
    const struct entry_state *s = &entry_state;
    eb_serial_init();
    check_begin("bare");
    idt_install();
    kprintf("hello from a kernel without a request (RDI = %p)\n", info);

    check((s->rsp + 8) % 16 == 0 && s->rsp_word == 0, "bare.stack", "RSP 0x%lx, [RSP] 0x%lx: "
          "expected RSP + 8 16-byte aligned and a null return address", s->rsp, s->rsp_word);
    check(s->rbp == 0, "bare.rbp", "0x%lx, expected 0", s->rbp);
    check(!(s->rflags & (RFLAGS_IF | RFLAGS_DF)), "bare.rflags", "0x%lx: IF and DF must be "
          "clear", s->rflags);
    check(s->cs == 0x08 && s->ss == 0x10 && s->ds == 0x10, "bare.segments", "CS 0x%x SS "
          "0x%x DS 0x%x, expected 0x08 0x10 0x10", s->cs, s->ss, s->ds);
    check((s->cr0 & (CR0_PE | CR0_PG | CR0_WP)) == (CR0_PE | CR0_PG | CR0_WP) &&
              (s->efer & (EFER_LMA | EFER_NXE)) == (EFER_LMA | EFER_NXE),
          "bare.long-mode", "CR0 0x%lx EFER 0x%lx: expected PE PG WP, LMA NXE", s->cr0, s->efer);

    /* RDI still points at the boot info, whose first 8 bytes spell "ELFBOOT1". */
    uint64_t word = 0;
    struct fault f;
    bool faulted = fault_catch(read_first_word, &word, &f);
    check(!faulted && !memcmp(&word, "ELFBOOT1", 8), "bare.rdi", "RDI 0x%lx: %s", s->rdi,
          faulted ? "not readable" : "no \"ELFBOOT1\" magic there");
    check_finish();
}
