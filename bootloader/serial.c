/* serial.c: COM1 output for both loaders (see serial.h). */
#include <stdint.h>

#include "serial.h"

#define COM1 0x3f8

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

void eb_serial_init(void)
{
    outb(COM1 + 1, 0x00); /* no interrupts: we poll */
    outb(COM1 + 3, 0x80); /* DLAB on, to set the divisor */
    outb(COM1 + 0, 0x01); /* divisor 1: 115200 baud */
    outb(COM1 + 1, 0x00);
    outb(COM1 + 3, 0x03); /* DLAB off; 8 bits, no parity, 1 stop bit */
    outb(COM1 + 2, 0xc7); /* FIFOs on and cleared, 14-byte threshold */
    outb(COM1 + 4, 0x03); /* DTR and RTS: some terminals wait for them */
}

static void put(char c)
{
    /* Bounded wait for "transmit holding register empty": with no UART present the
     * line status reads 0xff, and with a stuck one we drop bytes rather than hang. */
    for (int spins = 0; spins < 100000 && !(inb(COM1 + 5) & 0x20); spins++)
        ;
    outb(COM1, (uint8_t)c);
}

void eb_serial_write(const char *s)
{
    for (; *s; s++) {
        if (*s == '\n')
            put('\r');
        put(*s);
    }
}

void eb_halt(void)
{
    for (;;)
        __asm__ volatile("cli; hlt");
}
