/* printf.c: the core's formatter and COM1 driver (bootloader/format.c, serial.c). */
#include "printf.h"

#include "serial.h"
#include "util.h"

void kvprintf(const char *fmt, va_list ap)
{
    char line[PRINTF_LINE_MAX];
    eb_vsnprintf(line, sizeof line, fmt, ap);
    eb_serial_write(line);
}

void kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kvprintf(fmt, ap);
    va_end(ap);
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t n = eb_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return (int)n;
}
