/* config.c: /boot/elfboot.cfg (config.h). Every error names its line. */
#include <stdbool.h>

#include "config.h"
#include "util.h"

#define CFG "elfboot.cfg"

struct line {
    const char *p; /* the value still to parse */
    size_t len;
    unsigned number;
};

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static void trim(struct line *l)
{
    while (l->len && is_space(*l->p))
        l->p++, l->len--;
    while (l->len && is_space(l->p[l->len - 1]))
        l->len--;
}

/* Cuts a comment: `#` at the start of the line or after a blank, outside quotes. */
static void cut_comment(struct line *l)
{
    bool quoted = false;
    for (size_t i = 0; i < l->len; i++) {
        if (l->p[i] == '"')
            quoted = !quoted;
        else if (l->p[i] == '#' && !quoted && (i == 0 || is_space(l->p[i - 1]))) {
            l->len = i;
            return;
        }
    }
}

/* Takes the next blank-separated word, or a "double-quoted" one, into out. */
static int take_word(struct line *l, char *out, size_t cap, const char *what,
                     struct eb_error *err)
{
    trim(l);
    size_t n = 0;
    const char *start = l->p;
    if (l->len && *l->p == '"') {
        start++;
        while (n + 1 < l->len && start[n] != '"')
            n++;
        if (n + 1 >= l->len)
            return eb_fail(err, EB_ERR_CONFIG, CFG " line %u: %s: missing closing quote",
                           l->number, what);
        l->p += n + 2, l->len -= n + 2;
    } else {
        while (n < l->len && !is_space(start[n]))
            n++;
        l->p += n, l->len -= n;
    }
    if (n >= cap)
        return eb_fail(err, EB_ERR_CONFIG, CFG " line %u: %s is longer than %u bytes",
                       l->number, what, (unsigned)cap - 1);
    memcpy(out, start, n);
    out[n] = '\0';
    return EB_OK;
}

static int take_path(struct line *l, char *out, const char *key, struct eb_error *err)
{
    int rc = take_word(l, out, EB_CONFIG_PATH_MAX, key, err);
    if (rc)
        return rc;
    if (out[0] != '/')
        return eb_fail(err, EB_ERR_CONFIG,
                       CFG " line %u: %s path '%s' must start with / (the boot partition's root)",
                       l->number, key, out);
    return EB_OK;
}

static bool parse_u32(const char **s, const char *end, uint32_t *v)
{
    uint32_t x = 0;
    const char *p = *s;
    for (; p < end && *p >= '0' && *p <= '9'; p++) {
        if (x > 100000)
            return false;
        x = x * 10 + (uint32_t)(*p - '0');
    }
    if (p == *s)
        return false;
    *s = p, *v = x;
    return true;
}

static int parse_resolution(struct line *l, struct eb_config *cfg, struct eb_error *err)
{
    const char *p = l->p, *end = l->p + l->len;
    uint32_t w, h;
    if (!parse_u32(&p, end, &w) || p == end || (*p != 'x' && *p != 'X') ||
        (p++, !parse_u32(&p, end, &h)) || p != end || !w || !h || w > 16384 || h > 16384)
        return eb_fail(err, EB_ERR_CONFIG,
                       CFG " line %u: resolution '%.*s' is not WIDTHxHEIGHT (e.g. 1280x720)",
                       l->number, (int)l->len, l->p);
    cfg->width = w, cfg->height = h;
    return EB_OK;
}

static bool value_is(const struct line *l, const char *word)
{
    size_t n = strlen(word);
    return l->len == n && memcmp(l->p, word, n) == 0;
}

/* `serial` and `audit`: on or off. */
static int parse_switch(struct line *l, const char *key, bool *value, struct eb_error *err)
{
    if (value_is(l, "on"))
        *value = true;
    else if (value_is(l, "off"))
        *value = false;
    else
        return eb_fail(err, EB_ERR_CONFIG, CFG " line %u: %s is 'on' or 'off', not '%.*s'",
                       l->number, key, (int)l->len, l->p);
    return EB_OK;
}

static int parse_cmdline(struct line *l, struct eb_config *cfg, struct eb_error *err)
{
    if (l->len >= 2 && l->p[0] == '"' && l->p[l->len - 1] == '"')
        l->p++, l->len -= 2;
    if (l->len >= sizeof cfg->cmdline)
        return eb_fail(err, EB_ERR_CONFIG, CFG " line %u: cmdline is longer than %u bytes",
                       l->number, (unsigned)sizeof cfg->cmdline - 1);
    memcpy(cfg->cmdline, l->p, l->len);
    cfg->cmdline[l->len] = '\0';
    return EB_OK;
}

static int parse_module(struct line *l, struct eb_config *cfg, struct eb_error *err)
{
    if (cfg->module_count >= EB_CONFIG_MAX_MODULES)
        return eb_fail(err, EB_ERR_CONFIG, CFG " line %u: more than %u modules", l->number,
                       EB_CONFIG_MAX_MODULES);
    struct eb_config_module *m = &cfg->modules[cfg->module_count];
    int rc = take_path(l, m->path, "module", err);
    if (rc)
        return rc;
    trim(l);
    if (l->len) {
        if ((rc = take_word(l, m->name, sizeof m->name, "module name", err)))
            return rc;
        trim(l);
        if (l->len)
            return eb_fail(err, EB_ERR_CONFIG,
                           CFG " line %u: module takes a path and a name, then nothing ('%.*s')",
                           l->number, (int)l->len, l->p);
    } else {
        eb_strlcpy(m->name, m->path, sizeof m->name);
    }
    cfg->module_count++;
    return EB_OK;
}

/* One `key = value` line (comment cut, not blank). */
static int parse_line(struct line *l, struct eb_config *cfg, unsigned *kernel_line,
                      unsigned *cmdline_line, struct eb_error *err)
{
    size_t eq = 0;
    while (eq < l->len && l->p[eq] != '=')
        eq++;
    if (eq == l->len)
        return eb_fail(err, EB_ERR_CONFIG, CFG " line %u: expected 'key = value', got '%.*s'",
                       l->number, (int)(l->len > 60 ? 60 : l->len), l->p);
    struct line key = {l->p, eq, l->number};
    trim(&key);
    l->p += eq + 1, l->len -= eq + 1;
    trim(l);
    if (!l->len)
        return eb_fail(err, EB_ERR_CONFIG, CFG " line %u: '%.*s' needs a value", l->number,
                       (int)key.len, key.p);

    if (value_is(&key, "kernel")) {
        if (*kernel_line)
            return eb_fail(err, EB_ERR_CONFIG, CFG " line %u: kernel given twice (first on line %u)",
                           l->number, *kernel_line);
        *kernel_line = l->number;
        int rc = take_path(l, cfg->kernel, "kernel", err);
        trim(l);
        if (!rc && l->len)
            rc = eb_fail(err, EB_ERR_CONFIG, CFG " line %u: kernel takes one path, then nothing",
                         l->number);
        return rc;
    }
    if (value_is(&key, "cmdline")) {
        if (*cmdline_line)
            return eb_fail(err, EB_ERR_CONFIG, CFG " line %u: cmdline given twice (first on line %u)",
                           l->number, *cmdline_line);
        *cmdline_line = l->number;
        return parse_cmdline(l, cfg, err);
    }
    if (value_is(&key, "module"))
        return parse_module(l, cfg, err);
    if (value_is(&key, "resolution"))
        return parse_resolution(l, cfg, err);
    if (value_is(&key, "serial"))
        return parse_switch(l, "serial", &cfg->serial, err);
    if (value_is(&key, "audit"))
        return parse_switch(l, "audit", &cfg->audit, err);
    return eb_fail(err, EB_ERR_CONFIG,
                   CFG " line %u: unknown key '%.*s' (known: kernel, cmdline, module, "
                   "resolution, serial, audit)",
                   l->number, (int)(key.len > 40 ? 40 : key.len), key.p);
}

int eb_config_parse(const char *text, size_t len, struct eb_config *cfg, struct eb_error *err)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->serial = true;
    unsigned kernel_line = 0, cmdline_line = 0, number = 0;
    size_t pos = 0;
    while (pos < len) {
        size_t end = pos;
        while (end < len && text[end] != '\n')
            end++;
        struct line l = {text + pos, end - pos, ++number};
        pos = end + 1;
        for (size_t i = 0; i < l.len; i++) {
            unsigned char c = (unsigned char)l.p[i];
            if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f)
                return eb_fail(err, EB_ERR_CONFIG,
                               CFG " line %u: unexpected byte 0x%02x (is this a text file?)",
                               l.number, c);
        }
        cut_comment(&l);
        trim(&l);
        if (!l.len)
            continue;
        int rc = parse_line(&l, cfg, &kernel_line, &cmdline_line, err);
        if (rc)
            return rc;
    }
    if (!kernel_line)
        return eb_fail(err, EB_ERR_CONFIG, CFG ": no 'kernel = /path' line (it is required)");
    return EB_OK;
}
