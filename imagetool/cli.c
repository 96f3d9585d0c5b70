/* cli.c: options shared by several commands (cli.h). */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "elfboot %s: ", g_command);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see 'elfboot help %s')\n", g_command);
    return EXIT_USAGE;
}

int find_double_dash(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--"))
            return i;
    return argc;
}

int parse_mib(const char *what, const char *arg, uint64_t *mib)
{
    char number[32];
    size_t len = strlen(arg);
    uint64_t v;
    char unit = len ? arg[len - 1] : 0;
    if (unit == 'K' || unit == 'k' || unit == 'M' || unit == 'm' || unit == 'G' || unit == 'g')
        len--;
    else
        unit = 'M'; /* a plain number counts MiB */
    if (len && len < sizeof number) {
        memcpy(number, arg, len);
        number[len] = '\0';
    }
    if (!len || len >= sizeof number || !parse_u64(number, &v) || v == 0 ||
        v > (1ull << 30) || ((unit == 'K' || unit == 'k') && v % 1024)) {
        usage_error("%s '%s': expected a size such as 256M or 2G", what, arg);
        return -1;
    }
    *mib = unit == 'K' || unit == 'k' ? v / 1024 : unit == 'G' || unit == 'g' ? v * 1024 : v;
    return 0;
}

int image_option(int opt, const char *arg, struct image_spec *spec)
{
    switch (opt) {
    case OPT_CMDLINE:
        spec->cmdline = arg;
        return 0;
    case OPT_MODULE:
        return spec_add_module(spec, arg) ? -1 : 0;
    case OPT_RESOLUTION:
        if (!parse_resolution(arg, &spec->width, &spec->height)) {
            usage_error("--resolution '%s': expected WIDTHxHEIGHT, e.g. 1280x720", arg);
            return -1;
        }
        return 0;
    case OPT_CONFIG:
        spec->config = arg;
        return 0;
    default:
        return 1;
    }
}
