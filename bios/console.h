/* console.h: loader messages on the screen (VGA text, then the VBE framebuffer) and COM1.
 *
 * Built twice, into stage 2's 32-bit part and its 64-bit part: the state is one struct
 * of fixed-size fields that the 32-bit part hands over (handoff.h).
 */
#ifndef BIOS_CONSOLE_H
#define BIOS_CONSOLE_H

#include <stdint.h>

#include "elfboot.h"

#define CONSOLE_FONT_HEIGHT 16 /* the VGA BIOS's 8x16 font: 256 glyphs of 16 bytes */
#define CONSOLE_FONT_BYTES (256 * CONSOLE_FONT_HEIGHT)

struct console {
    struct elfboot_framebuffer fb; /* phys 0: VGA text mode */
    uint64_t font;                 /* physical address of the 8x16 font; 0: none */
    uint32_t col, row, cols, rows;
    uint32_t serial;               /* CONSOLE_SERIAL_*: COM1 too? */
    uint32_t reserved;
};
_Static_assert(sizeof(struct console) == 72, "struct console: same size in -m32 and -m64");

#define CONSOLE_SERIAL_OFF 0
#define CONSOLE_SERIAL_ON 1
#define CONSOLE_SERIAL_UNDECIDED 2 /* until the config says: lines wait in a buffer */

/* VGA text mode 80x25, screen cleared; COM1 undecided. */
void console_init_text(struct console *c);

/* The config's `serial`: on writes the lines that waited, and what follows, to COM1;
 * off drops them. */
void console_set_serial(struct console *c, int on);

/* From now on, draw into the framebuffer (cleared by the mode switch) with `font`
 * (CONSOLE_FONT_BYTES at a physical address). */
void console_use_framebuffer(struct console *c, const struct elfboot_framebuffer *fb,
                             uint64_t font);

/* Writes one line: the text, then a line break. */
void console_line(struct console *c, const char *s);

/* printf-style console_line(). */
void console_printf(struct console *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* "elfboot: error: ..." on screen and COM1, then halts for good. */
__attribute__((noreturn)) void console_die(struct console *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif /* BIOS_CONSOLE_H */
