/* console.c: loader messages on the screen and COM1 (console.h). */
#include <stdarg.h>

#include "console.h"
#include "messages.h"
#include "serial.h"
#include "util.h"

#define VGA_TEXT 0xb8000
#define VGA_COLS 80
#define VGA_ROWS 25
#define VGA_GREY 0x07

static uint16_t *text_cell(uint32_t col, uint32_t row)
{
    return (uint16_t *)(uintptr_t)(VGA_TEXT + 2 * (row * VGA_COLS + col));
}

/* The lines so far, for the framebuffer to show them again after the mode switch. */
static char history[4096];
static size_t history_len;

/* Lines written before the config decides about COM1 (stage 2's first steps). */
static char waiting[2048];
static size_t waiting_len;

void console_init_text(struct console *c)
{
    memset(c, 0, sizeof *c);
    c->cols = VGA_COLS;
    c->rows = VGA_ROWS;
    c->serial = CONSOLE_SERIAL_UNDECIDED;
    for (uint32_t i = 0; i < VGA_COLS * VGA_ROWS; i++)
        *text_cell(i, 0) = VGA_GREY << 8 | ' ';
}

void console_set_serial(struct console *c, int on)
{
    if (c->serial == CONSOLE_SERIAL_UNDECIDED && on) {
        eb_serial_init();
        waiting[waiting_len] = '\0';
        eb_serial_write(waiting);
    }
    waiting_len = 0;
    c->serial = on ? CONSOLE_SERIAL_ON : CONSOLE_SERIAL_OFF;
}

static void serial_line(struct console *c, const char *s)
{
    if (c->serial == CONSOLE_SERIAL_ON) {
        eb_serial_write(s);
        eb_serial_write("\n");
    } else if (c->serial == CONSOLE_SERIAL_UNDECIDED) {
        size_t n = strlen(s);
        if (waiting_len + n + 1 < sizeof waiting) { /* else dropped: only a few lines wait */
            memcpy(waiting + waiting_len, s, n);
            waiting[waiting_len + n] = '\n';
            waiting_len += n + 1;
        }
    }
}

/* A colour channel at full intensity, from its mask size and position. */
static uint32_t channel(uint8_t size, uint8_t shift)
{
    return size ? (uint32_t)((1ull << size) - 1) << shift : 0;
}

static void put_pixel(const struct console *c, uint32_t x, uint32_t y, uint32_t colour)
{
    uint8_t *p = (uint8_t *)(uintptr_t)c->fb.phys + (uint64_t)y * c->fb.pitch +
                 (uint64_t)x * (c->fb.bpp / 8);
    if (c->fb.bpp == 32)
        *(volatile uint32_t *)p = colour;
    else if (c->fb.bpp == 16)
        *(volatile uint16_t *)p = (uint16_t)colour;
    else {
        p[0] = (uint8_t)colour;
        p[1] = (uint8_t)(colour >> 8);
        p[2] = (uint8_t)(colour >> 16);
    }
}

/* Clears the framebuffer with 32-bit stores, one line at a time. */
static void clear_framebuffer(const struct console *c)
{
    for (uint32_t y = 0; y < c->fb.height; y++) {
        uint32_t *line = (uint32_t *)(uintptr_t)(c->fb.phys + (uint64_t)y * c->fb.pitch);
        uint32_t words = (c->fb.width * (c->fb.bpp / 8) + 3) / 4;
        for (uint32_t i = 0; i < words; i++)
            line[i] = 0;
    }
}

static void draw_glyph(const struct console *c, uint32_t col, uint32_t row, uint8_t ch)
{
    const uint8_t *glyph = (const uint8_t *)(uintptr_t)c->font + ch * CONSOLE_FONT_HEIGHT;
    uint32_t fg = channel(c->fb.red_size, c->fb.red_shift) |
                  channel(c->fb.green_size, c->fb.green_shift) |
                  channel(c->fb.blue_size, c->fb.blue_shift);
    /* Only the glyph's own pixels: every cell is drawn once on a cleared screen (the
     * cursor only moves on, and a wrap clears), and under emulation each store to video
     * memory is slow. */
    for (uint32_t y = 0; y < CONSOLE_FONT_HEIGHT; y++)
        for (uint32_t x = 0; glyph[y] && x < 8; x++)
            if (glyph[y] & (0x80 >> x))
                put_pixel(c, col * 8 + x, row * CONSOLE_FONT_HEIGHT + y, fg);
}

/* Moves to the next line. Text mode scrolls; the framebuffer starts again at the top
 * (scrolling megabytes of pixels costs more than the whole boot under emulation). */
static void new_line(struct console *c)
{
    c->col = 0;
    if (++c->row < c->rows)
        return;
    if (!c->fb.phys) {
        memmove(text_cell(0, 0), text_cell(0, 1), 2 * VGA_COLS * (VGA_ROWS - 1));
        for (uint32_t x = 0; x < VGA_COLS; x++)
            *text_cell(x, VGA_ROWS - 1) = VGA_GREY << 8 | ' ';
        c->row = VGA_ROWS - 1;
    } else {
        clear_framebuffer(c);
        c->row = 0;
    }
}

static void put_char(struct console *c, char ch)
{
    if (ch == '\n') {
        new_line(c);
        return;
    }
    if (c->col >= c->cols)
        new_line(c);
    if (!c->fb.phys)
        *text_cell(c->col, c->row) = VGA_GREY << 8 | (uint8_t)ch;
    else if (c->font)
        draw_glyph(c, c->col, c->row, (uint8_t)ch);
    c->col++;
}

void console_use_framebuffer(struct console *c, const struct elfboot_framebuffer *fb,
                             uint64_t font)
{
    c->fb = *fb;
    c->font = font;
    c->cols = fb->width / 8;
    c->rows = fb->height / CONSOLE_FONT_HEIGHT;
    c->col = c->row = 0; /* the mode switch cleared the screen */
    for (size_t i = 0; i < history_len; i++) /* what text mode showed, again */
        put_char(c, history[i]);
}

void console_line(struct console *c, const char *s)
{
    for (const char *p = s; *p; p++)
        put_char(c, *p);
    put_char(c, '\n');
    serial_line(c, s);
    size_t n = strlen(s);
    if (history_len + n + 1 <= sizeof history) {
        memcpy(history + history_len, s, n);
        history[history_len + n] = '\n';
        history_len += n + 1;
    }
}

static void vprint(struct console *c, const char *prefix, const char *fmt, va_list ap)
{
    char line[512];
    size_t n = eb_snprintf(line, sizeof line, "%s", prefix);
    if (n >= sizeof line)
        n = sizeof line - 1;
    eb_vsnprintf(line + n, sizeof line - n, fmt, ap);
    console_line(c, line);
}

void console_printf(struct console *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprint(c, "", fmt, ap);
    va_end(ap);
}

void console_die(struct console *c, const char *fmt, ...)
{
    va_list ap;
    if (c->serial == CONSOLE_SERIAL_UNDECIDED)
        console_set_serial(c, 1); /* the steps that led here, then the error */
    else if (c->serial == CONSOLE_SERIAL_OFF) {
        eb_serial_init(); /* failures go to COM1 even with serial = off */
        c->serial = CONSOLE_SERIAL_ON;
    }
    va_start(ap, fmt);
    vprint(c, EB_MSG_ERROR, fmt, ap);
    va_end(ap);
    console_line(c, EB_MSG_STOPPED);
    eb_halt();
}
