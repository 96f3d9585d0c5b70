/* cmdline.c: key=value words. */
#include "cmdline.h"

#include "kstring.h"

bool cmdline_get(const char *cmdline, const char *key, char *buf, size_t size)
{
    size_t keylen = strlen(key);
    bool found = false;
    for (const char *p = cmdline; *p;) {
        while (*p == ' ')
            p++;
        const char *word = p;
        while (*p && *p != ' ')
            p++;
        size_t len = (size_t)(p - word);
        if (len < keylen || strncmp(word, key, keylen) != 0)
            continue;
        if (len == keylen || word[keylen] == '=') {
            size_t vlen = len == keylen ? 0 : len - keylen - 1;
            if (vlen + 1 > size)
                return false;
            memcpy(buf, word + len - vlen, vlen);
            buf[vlen] = '\0';
            found = true; /* keep going: the last occurrence wins */
        }
    }
    return found;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool parse_u64(const char **s, uint64_t *out)
{
    const char *p = *s;
    uint64_t v = 0;
    unsigned base = 10;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        base = 16;
        p += 2;
    }
    const char *start = p;
    for (int d; (d = hex_digit(*p)) >= 0 && (unsigned)d < base; p++) {
        if (v > (UINT64_MAX - (unsigned)d) / base)
            return false; /* overflow */
        v = v * base + (unsigned)d;
    }
    if (p == start)
        return false;
    *out = v;
    *s = p;
    return true;
}

bool parse_size(const char *s, uint64_t *out)
{
    uint64_t v;
    if (!parse_u64(&s, &v))
        return false;
    unsigned shift = 0;
    switch (*s) {
    case 'K': case 'k': shift = 10; s++; break;
    case 'M': case 'm': shift = 20; s++; break;
    case 'G': case 'g': shift = 30; s++; break;
    case 'T': case 't': shift = 40; s++; break;
    }
    if (*s || (shift && v > (UINT64_MAX >> shift)))
        return false;
    *out = v << shift;
    return true;
}

bool parse_hex32(const char *s, uint32_t *out)
{
    uint32_t v = 0;
    int n = 0;
    for (int d; (d = hex_digit(*s)) >= 0; s++, n++)
        v = (v << 4) | (uint32_t)d;
    if (*s || n == 0 || n > 8)
        return false;
    *out = v;
    return true;
}
