/* exit.c: isa-debug-exit, then halt. */
#include "exit.h"

#include "cpu.h"
#include "serial.h"

void halt_forever(void)
{
    eb_halt();
}

void qemu_exit(uint8_t code)
{
    outb(QEMU_EXIT_PORT, code);
    halt_forever();
}
