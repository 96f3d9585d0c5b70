/* printf.h: formatted output on COM1, through the core's eb_vsnprintf (bootloader/
 * format.c): %s %c %d %i %u %x %X %p %%, the l, ll and z modifiers, a width, the 0 and
 * - flags. Lines longer than PRINTF_LINE_MAX are cut. */
#ifndef K_PRINTF_H
#define K_PRINTF_H

#include <stdarg.h>
#include <stddef.h>

#define PRINTF_LINE_MAX 1024
#define K_PRINTF(f, a) __attribute__((format(printf, f, a)))

void kprintf(const char *fmt, ...) K_PRINTF(1, 2);
void kvprintf(const char *fmt, va_list ap);
/* Like snprintf: always NUL-terminates (when size > 0), returns the full length. */
int ksnprintf(char *buf, size_t size, const char *fmt, ...) K_PRINTF(3, 4);

#endif /* K_PRINTF_H */
