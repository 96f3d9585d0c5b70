/* format.c: a small printf for a world without libc, and string helpers. */
#include <stdbool.h>

#include "util.h"

struct out {
    char *buf;
    size_t size, len;
};

static void put(struct out *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void put_padded(struct out *o, const char *s, size_t n, int width, bool left,
                       char pad)
{
    int fill = width > (int)n ? width - (int)n : 0;
    if (!left)
        while (fill-- > 0)
            put(o, pad);
    for (size_t i = 0; i < n; i++)
        put(o, s[i]);
    if (left)
        while (fill-- > 0)
            put(o, ' ');
}

/* Digits of v in base 10 or 16, most significant first, into the end of tmp. Without
 * 64-bit division: 32-bit builds of this file (BIOS stage 2) have no libgcc. */
static size_t to_digits(char *tmp, size_t cap, uint64_t v, unsigned base, bool upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    size_t n = 0;
    if (base == 16) {
        do {
            tmp[cap - ++n] = digits[v & 15];
            v >>= 4;
        } while (v);
        return n;
    }
    static const uint64_t pow10[] = {
        10000000000000000000ull, 1000000000000000000ull, 100000000000000000ull,
        10000000000000000ull, 1000000000000000ull, 100000000000000ull,
        10000000000000ull, 1000000000000ull, 100000000000ull, 10000000000ull,
        1000000000ull, 100000000ull, 10000000ull, 1000000ull, 100000ull, 10000ull,
        1000ull, 100ull, 10ull, 1ull,
    };
    char out[20];
    size_t len = 0;
    for (size_t i = 0; i < EB_ARRAY_SIZE(pow10); i++) {
        unsigned d = 0;
        while (v >= pow10[i]) {
            v -= pow10[i];
            d++;
        }
        if (d || len || i + 1 == EB_ARRAY_SIZE(pow10))
            out[len++] = digits[d];
    }
    for (size_t i = 0; i < len; i++)
        tmp[cap - len + i] = out[i];
    return len;
}

size_t eb_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct out o = {buf, size, 0};
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            put(&o, *p);
            continue;
        }
        p++;
        bool left = false;
        char pad = ' ';
        for (; *p == '-' || *p == '0'; p++) {
            if (*p == '-')
                left = true;
            else
                pad = '0';
        }
        int width = 0, precision = -1;
        for (; *p >= '0' && *p <= '9'; p++)
            width = width * 10 + (*p - '0');
        if (*p == '.') { /* precision: only strings use it ("%.*s") */
            p++;
            precision = 0;
            if (*p == '*') {
                precision = va_arg(ap, int);
                p++;
            }
            for (; *p >= '0' && *p <= '9'; p++)
                precision = precision * 10 + (*p - '0');
        }
        enum { INT, LONG, LONG_LONG, SIZE } size_mod = INT;
        for (; *p == 'l' || *p == 'z'; p++)
            size_mod = *p == 'z' ? SIZE : size_mod == INT ? LONG : LONG_LONG;

        char tmp[24];
        uint64_t v;
        switch (*p) {
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s)
                s = "(null)";
            size_t n = 0;
            while ((precision < 0 || n < (size_t)precision) && s[n])
                n++;
            put_padded(&o, s, n, width, left, ' ');
            break;
        }
        case 'c':
            tmp[0] = (char)va_arg(ap, int);
            put_padded(&o, tmp, 1, width, left, ' ');
            break;
        case 'd':
        case 'i': {
            int64_t s = size_mod == LONG_LONG ? va_arg(ap, long long)
                        : size_mod == LONG    ? va_arg(ap, long)
                        : size_mod == SIZE    ? (int64_t)va_arg(ap, size_t)
                                              : va_arg(ap, int);
            bool neg = s < 0;
            v = neg ? 0 - (uint64_t)s : (uint64_t)s;
            size_t n = to_digits(tmp, sizeof tmp, v, 10, false);
            if (neg)
                tmp[sizeof tmp - ++n] = '-';
            put_padded(&o, tmp + sizeof tmp - n, n, width, left, neg ? ' ' : pad);
            break;
        }
        case 'u':
        case 'x':
        case 'X':
        case 'p': {
            if (*p == 'p')
                v = (uintptr_t)va_arg(ap, void *);
            else
                v = size_mod == LONG_LONG ? va_arg(ap, unsigned long long)
                    : size_mod == LONG    ? va_arg(ap, unsigned long)
                    : size_mod == SIZE    ? va_arg(ap, size_t)
                                          : va_arg(ap, unsigned int);
            unsigned base = *p == 'u' ? 10 : 16;
            size_t n = to_digits(tmp, sizeof tmp, v, base, *p == 'X');
            if (*p == 'p') {
                tmp[sizeof tmp - ++n] = 'x';
                tmp[sizeof tmp - ++n] = '0';
            }
            put_padded(&o, tmp + sizeof tmp - n, n, width, left, pad);
            break;
        }
        case '%':
            put(&o, '%');
            break;
        case '\0':
            p--; /* a lone % at the end: stop at the terminator */
            break;
        default:
            put(&o, '%');
            put(&o, *p);
            break;
        }
    }
    if (size)
        buf[o.len < size ? o.len : size - 1] = '\0';
    return o.len;
}

size_t eb_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t n = eb_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

void eb_strlcpy(char *dst, const char *src, size_t size)
{
    if (!size)
        return;
    size_t n = strlen(src);
    if (n >= size)
        n = size - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

const char *eb_format_size(char *buf, size_t size, uint64_t bytes)
{
    static const char *const units[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
    unsigned u = 0;
    while (u + 1 < EB_ARRAY_SIZE(units) && bytes >= 1024 && (bytes & 1023) == 0) {
        bytes >>= 10;
        u++;
    }
    eb_snprintf(buf, size, "%llu %s", (unsigned long long)bytes, units[u]);
    return buf;
}
