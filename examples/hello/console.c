/* console.c: COM1 and print(). */
#include <stdarg.h>
#include <stdbool.h>

#include "console.h"

#define COM1 0x3f8

void console_init(void)
{
    outb(COM1 + 1, 0x00);       /* no interrupts: we poll */
    outb(COM1 + 3, 0x80);       /* divisor latch on ... */
    outb(COM1 + 0, 1);          /* ... 115200 baud (115200 / 1) ... */
    outb(COM1 + 1, 0);
    outb(COM1 + 3, 0x03);       /* ... latch off: 8 data bits, no parity, 1 stop bit */
    outb(COM1 + 2, 0xc7);       /* FIFOs on */
}

static void put_char(char c)
{
    if (c == '\n')
        put_char('\r');         /* terminals want CR LF */
    for (int i = 0; i < 100000 && !(inb(COM1 + 5) & 0x20); i++)
        ;                       /* wait (not forever) until the UART can take a byte */
    outb(COM1, (uint8_t)c);
}

/* Writes `len` characters of `s`, padded with `pad` to `width` (on the right if left). */
static void put_field(const char *s, int len, int width, bool left, char pad)
{
    for (int i = len; !left && i < width; i++)
        put_char(pad);
    for (int i = 0; i < len; i++)
        put_char(s[i]);
    for (int i = len; left && i < width; i++)
        put_char(' ');
}

static void put_number(uint64_t v, unsigned base, bool negative, int width, bool left,
                       char pad)
{
    char digits[24];
    int n = sizeof digits;
    do {
        digits[--n] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    if (negative)
        digits[--n] = '-';
    put_field(digits + n, (int)sizeof digits - n, width, left, pad);
}

void print(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put_char(*fmt);
            continue;
        }
        bool left = false, longer = false;
        char pad = ' ';
        int width = 0;
        for (fmt++; *fmt == '-' || *fmt == '0'; fmt++) {
            if (*fmt == '-')
                left = true;
            else
                pad = '0';
        }
        for (; *fmt >= '0' && *fmt <= '9'; fmt++)
            width = width * 10 + (*fmt - '0');
        for (; *fmt == 'l'; fmt++)
            longer = true;
        switch (*fmt) {
        case 's': {
            const char *s = va_arg(ap, const char *);
            int len = 0;
            while (s[len])
                len++;
            put_field(s, len, width, left, ' ');
            break;
        }
        case 'c':
            put_char((char)va_arg(ap, int));
            break;
        case 'd': {
            int64_t v = longer ? va_arg(ap, int64_t) : va_arg(ap, int);
            put_number(v < 0 ? -(uint64_t)v : (uint64_t)v, 10, v < 0, width, left, pad);
            break;
        }
        case 'u':
        case 'x': {
            uint64_t v = longer ? va_arg(ap, uint64_t) : va_arg(ap, unsigned);
            put_number(v, *fmt == 'u' ? 10 : 16, false, width, left, pad);
            break;
        }
        case 'p':
            put_char('0');
            put_char('x');
            put_number((uintptr_t)va_arg(ap, void *), 16, false, 16, false, '0');
            break;
        case '\0':             /* a lone '%' at the very end */
            va_end(ap);
            return;
        default:                /* "%%", or a conversion we do not know: show it */
            put_char(*fmt);
        }
    }
    va_end(ap);
}
