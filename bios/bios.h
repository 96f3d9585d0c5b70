/* bios.h: calling the BIOS from 32-bit protected mode, and port I/O.
 *
 * bios_call() (thunk.S) drops to real mode, loads the registers from `in`, runs the
 * software interrupt `int_no`, and stores the registers it returns in `out`. Buffers the
 * BIOS reads or writes must lie below 1 MiB; pass them as segment:offset with
 * rm_seg()/rm_off(). Only stage 2's 32-bit part includes this header.
 */
#ifndef BIOS_BIOS_H
#define BIOS_BIOS_H

#include <stddef.h>
#include <stdint.h>

struct regs {
    uint32_t eax, ebx, ecx, edx, esi, edi, ebp, eflags;
    uint16_t ds, es;
};
/* thunk.S copies the struct as 9 dwords and addresses the fields by these offsets. */
_Static_assert(sizeof(struct regs) == 36, "struct regs is 9 dwords");
_Static_assert(offsetof(struct regs, eflags) == 28, "thunk.S R_EFLAGS");
_Static_assert(offsetof(struct regs, ds) == 32, "thunk.S R_DS");
_Static_assert(offsetof(struct regs, es) == 34, "thunk.S R_ES");

#define EFLAGS_CF 0x1u

void bios_call(uint8_t int_no, const struct regs *in, struct regs *out);

/* Real-mode segment and offset of a pointer below 1 MiB. */
static inline uint16_t rm_seg(const void *p)
{
    return (uint16_t)((uintptr_t)p >> 4);
}
static inline uint16_t rm_off(const void *p)
{
    return (uint16_t)((uintptr_t)p & 0xf);
}
/* A real-mode far pointer (segment in the high word) as a flat pointer. */
static inline const void *rm_ptr(uint32_t far)
{
    return (const void *)(uintptr_t)(((far >> 16) << 4) + (far & 0xffff));
}

/* A pointer to a fixed physical address, hidden from gcc's array-bounds analysis
 * (which takes small constant addresses for null-pointer arithmetic). */
static inline volatile void *phys_ptr(uintptr_t addr)
{
    volatile void *p = (volatile void *)addr;
    __asm__("" : "+r"(p));
    return p;
}

static inline void outb(uint16_t port, uint8_t v)
{
    __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}
static inline uint8_t inb(uint16_t port)
{
    uint8_t v;
    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

#endif /* BIOS_BIOS_H */
