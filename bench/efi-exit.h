/* efi-exit.h: how the bench's EFI programs end the run: a byte to QEMU's isa-debug-exit
 * device at port 0xf4 (QEMU exits with (byte << 1) | 1). */
#ifndef BENCH_EFI_EXIT_H
#define BENCH_EFI_EXIT_H

#include <stdint.h>

#define BENCH_EXIT_OK   0x10 /* QEMU status 33 */
#define BENCH_EXIT_FAIL 0x11 /* QEMU status 35 */

static inline __attribute__((noreturn)) void bench_exit(uint8_t code)
{
    __asm__ volatile("outb %0, %1" : : "a"(code), "Nd"((uint16_t)0xf4));
    for (;;)
        __asm__ volatile("hlt"); /* not reached under QEMU */
}

#endif
