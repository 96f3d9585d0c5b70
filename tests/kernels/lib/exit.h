/* exit.h: leaving QEMU through its isa-debug-exit device (port 0xf4): writing v makes
 * QEMU exit with status (v << 1) | 1, so 0x10 -> 33 (pass) and 0x11 -> 35 (fail). */
#ifndef K_EXIT_H
#define K_EXIT_H

#include <stdint.h>

#define QEMU_EXIT_PORT 0xf4
#define QEMU_EXIT_PASS 0x10
#define QEMU_EXIT_FAIL 0x11

/* Writes `code`; without the device (real hardware, another VM) halts forever. */
__attribute__((noreturn)) void qemu_exit(uint8_t code);
__attribute__((noreturn)) void halt_forever(void);

#endif /* K_EXIT_H */
