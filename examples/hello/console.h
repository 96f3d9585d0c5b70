/* console.h: text output on the first serial port (COM1), where `elfboot run` and QEMU's
 * -serial stdio show it, with a small printf. */
#ifndef HELLO_CONSOLE_H
#define HELLO_CONSOLE_H

#include <stdint.h>

void console_init(void);

/* printf with %s %c %d %u %x %p and the l/ll sizes, a width, and the '-' and '0' flags:
 * enough for tables. */
void print(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Port I/O: the serial port and QEMU's exit device are both reached through it. */
static inline void outb(uint16_t port, uint8_t value)
{
    __asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
    uint8_t value;
    __asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
    return value;
}

#endif
