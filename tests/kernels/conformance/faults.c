/* faults.c: real page faults, caught by our own IDT: the permissions the page walk
 * found must also be the ones the CPU enforces. Each access must fault with exactly
 * the expected error code and CR2 (SDM 3A, 4.7). */
#include "check.h"
#include "conformance.h"
#include "idt.h"
#include "paging.h"

/* Data that is never executed on purpose: `ret`, in .data (RW NX). */
static uint8_t ret_in_data[16] = { 0xc3 };

static void write_byte(void *p)
{
    volatile uint8_t *b = p;
    *b = *b; /* the same value: harmless if the page is wrongly writable */
}

static void store_byte(void *p)
{
    *(volatile uint8_t *)p = 0; /* only a write: the error code must say so */
}

static void read_byte(void *p)
{
    (void)*(volatile uint8_t *)p;
}

static void call_address(void *p)
{
    ((void (*)(void))p)(); /* it holds `ret`: returns at once if wrongly executable */
}

static void expect_fault(const char *name, void (*access)(void *), uint64_t addr,
                         uint64_t error, const char *what)
{
    struct fault f;
    if (!fault_catch(access, (void *)addr, &f)) {
        check_fail(name, "%s at 0x%lx did not fault", what, addr);
        return;
    }
    bool fetch = error & PF_FETCH;
    check(f.vector == VEC_PF && f.error == error && f.cr2 == addr && (!fetch || f.rip == addr),
          name, "%s at 0x%lx: got %s error 0x%lx CR2 0x%lx RIP 0x%lx; expected #PF error "
          "0x%lx", what, addr, exception_name(f.vector), f.error, f.cr2, f.rip, error);
}

void check_faults(void)
{
    uint64_t stack_bottom = conf.info->stack_top - conf.info->stack_size;
    expect_fault("fault.write-text", write_byte, (uint64_t)__text_start + 64,
                 PF_PRESENT | PF_WRITE, "writing .text");
    expect_fault("fault.write-rodata", write_byte, (uint64_t)__rodata_start,
                 PF_PRESENT | PF_WRITE, "writing .rodata");
    if ((uint64_t)__relro_end > (uint64_t)__relro_start)
        expect_fault("fault.write-relro", write_byte, (uint64_t)__relro_start,
                     PF_PRESENT | PF_WRITE, "writing RELRO after relocation");
    expect_fault("fault.exec-data", call_address, (uint64_t)ret_in_data,
                 PF_PRESENT | PF_FETCH, "executing .data");
    expect_fault("fault.exec-hhdm", call_address, conf.hhdm + conf.info->kernel_phys +
                 ((uint64_t)ret_in_data - conf.info->kernel_virt),
                 PF_PRESENT | PF_FETCH, "executing .data through the HHDM");
    uint8_t ret_on_stack[16] = { 0xc3 };
    expect_fault("fault.exec-stack", call_address, (uint64_t)ret_on_stack,
                 PF_PRESENT | PF_FETCH, "executing the stack");
    expect_fault("fault.stack-guard", store_byte, stack_bottom - 8, PF_WRITE,
                 "writing the guard page below the stack");
    expect_fault("fault.null", read_byte, 0, 0, "reading address 0");
    if (conf.info->flags & ELFBOOT_INFO_IDENTITY_MAP)
        expect_fault("fault.exec-identity", call_address, conf.info->kernel_phys +
                     ((uint64_t)ret_in_data - conf.info->kernel_virt),
                     PF_PRESENT | PF_FETCH, "executing .data through the identity map");
}

static void use_sse(void *arg)
{
    (void)arg;
    __asm__ volatile("xorps %%xmm0, %%xmm0; addps %%xmm0, %%xmm0" : : : "memory");
}

/* CR4.OSFXSR and a clear CR0.EM/TS make SSE usable: it must not raise #UD or #NM. */
void check_cpu_features(void)
{
    struct fault f;
    bool faulted = fault_catch(use_sse, 0, &f);
    check(!faulted, "cpu.sse-usable", "an SSE instruction raised %s",
          faulted ? exception_name(f.vector) : "nothing");
}
