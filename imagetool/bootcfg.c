/* bootcfg.c: /boot/elfboot.cfg, written from the command line or taken from --config,
 * and in both cases parsed with the core's own eb_config_parse, so that the loader can
 * never refuse what `elfboot build` accepted. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "inputs.h"

static void append(char **buf, size_t *len, const char *fmt, ...) PRINTF_LIKE(3, 4);
static void append(char **buf, size_t *len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *line = xvasprintf(fmt, ap);
    va_end(ap);
    size_t n = strlen(line);
    *buf = xrealloc(*buf, *len + n + 1);
    memcpy(*buf + *len, line, n + 1);
    *len += n;
    free(line);
}

static int parse(const char *what, const char *text, size_t len, struct eb_config *cfg)
{
    struct eb_error err = {0};
    if (eb_config_parse(text, len, cfg, &err) != EB_OK)
        return fail("%s: %s", what, err.message);
    return 0;
}

/* Everything the user asked for must come back out of the parser unchanged: a value it
 * would read differently (a quote, a '#' after a blank) is refused here, not at boot. */
static int check_round_trip(const struct image_spec *spec, const struct image_inputs *in,
                            const struct eb_config *cfg)
{
    if (strcmp(cfg->cmdline, spec->cmdline ? spec->cmdline : ""))
        return fail("--cmdline '%s' cannot be written to elfboot.cfg as is (it reads back as "
                    "'%s'); avoid double quotes", spec->cmdline, cfg->cmdline);
    for (size_t i = 0; i < in->module_count; i++)
        if (strcmp(cfg->modules[i].name, in->modules[i].spec->name) ||
            strcmp(cfg->modules[i].path, in->modules[i].fat_path))
            return fail("--module '%s:%s': the name cannot be written to elfboot.cfg as is "
                        "(avoid double quotes)", in->modules[i].spec->file,
                        in->modules[i].spec->name);
    return 0;
}

int bootcfg_generate(const struct image_spec *spec, const struct image_inputs *in,
                     char **text, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    append(&buf, &n, "# " EB_CONFIG_PATH ", written by elfboot build " ELFBOOT_VERSION "\n");
    append(&buf, &n, "kernel = %s\n", KERNEL_FAT_PATH);
    if (spec->cmdline) {
        if (strchr(spec->cmdline, '\n') || strchr(spec->cmdline, '\r')) {
            free(buf);
            return fail("--cmdline holds a line break; the command line is one line");
        }
        append(&buf, &n, "cmdline = \"%s\"\n", spec->cmdline);
    }
    for (size_t i = 0; i < in->module_count; i++)
        append(&buf, &n, "module = \"%s\" \"%s\"\n", in->modules[i].fat_path,
               in->modules[i].spec->name);
    if (spec->width)
        append(&buf, &n, "resolution = %ux%u\n", spec->width, spec->height);

    struct eb_config *cfg = xmalloc(sizeof *cfg);
    int rc = parse("generated elfboot.cfg", buf, n, cfg);
    if (!rc)
        rc = check_round_trip(spec, in, cfg);
    free(cfg);
    if (rc) {
        free(buf);
        return -1;
    }
    *text = buf, *len = n;
    return 0;
}

/* The user's file must name the kernel and modules where the image puts them. */
int bootcfg_check_user(const struct image_spec *spec, const struct image_inputs *in,
                       const char *text, size_t len)
{
    struct eb_config *cfg = xmalloc(sizeof *cfg);
    char *what = xasprintf("--config '%s'", spec->config);
    int rc = parse(what, text, len, cfg);
    if (!rc && strcasecmp(cfg->kernel, KERNEL_FAT_PATH))
        rc = fail("%s: kernel = %s, but the image holds the kernel at %s", what, cfg->kernel,
                  KERNEL_FAT_PATH);
    for (uint32_t i = 0; !rc && i < cfg->module_count; i++) {
        bool found = false;
        for (size_t j = 0; j < in->module_count; j++)
            found |= !strcasecmp(cfg->modules[i].path, in->modules[j].fat_path);
        if (!found)
            rc = fail("%s: module %s is not in the image (each --module FILE goes to "
                      MODULES_FAT_DIR "/<its file name>)", what, cfg->modules[i].path);
    }
    for (size_t j = 0; !rc && j < in->module_count; j++) {
        bool used = false;
        for (uint32_t i = 0; i < cfg->module_count; i++)
            used |= !strcasecmp(cfg->modules[i].path, in->modules[j].fat_path);
        if (!used)
            rc = fail("%s: no 'module = %s' line, so --module '%s' would never be loaded",
                      what, in->modules[j].fat_path, in->modules[j].spec->file);
    }
    free(what);
    free(cfg);
    return rc;
}
