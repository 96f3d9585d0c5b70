/* serial.h: COM1 (16550 UART at I/O port 0x3f8), 115200 baud, 8N1, for both loaders.
 * Port I/O, not a firmware call, but hardware all the same: built only into the
 * freestanding core, never into the host one. */
#ifndef EB_SERIAL_H
#define EB_SERIAL_H

#include <stddef.h>

void eb_serial_init(void);
/* Writes `s`; "\n" becomes "\r\n" for terminals. */
void eb_serial_write(const char *s);

/* Stops the CPU for good: interrupts off, then hlt forever (NMIs wake it; it halts again). */
__attribute__((noreturn)) void eb_halt(void);

#endif /* EB_SERIAL_H */
