/* runconf.c: elfboot-runner.conf (runconf.h). */
#include "runconf.h"

#include <stdlib.h>
#include <string.h>

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

static int parse_line(struct settings_layer *l, const char *path, unsigned number, char *line,
                      struct strvec *modules)
{
    if (line[0] == '#' || !line[0])
        return 0;
    char *eq = strchr(line, '=');
    if (!eq)
        return fail("%s line %u: expected 'key = value'", path, number);
    *eq = '\0';
    char *key = trim(line), *value = trim(eq + 1);
    if (!strcmp(key, "module")) {
        strvec_push(modules, value);
        return 0;
    }
    if (!strcmp(key, "run-args") || !strcmp(key, "test-args")) {
        struct strvec words = {0};
        strvec_split(&words, value);
        layer_set_list(l, key, &words, NULL);
        strvec_free(&words);
        return 0;
    }
    if (!strcmp(key, "modules") || !strcmp(key, "test") ||
        !strncmp(key, "bootimage", 9) || layer_set(l, key, value) < 0)
        return fail("%s line %u: unknown key '%s' (firmware, memory, cmdline, accel, module, "
                    "run-args, test-args, test-timeout, test-success-exit-code, "
                    "test-no-reboot)", path, number, key);
    return 0;
}

int runconf_parse(const char *path, const char *text, struct settings_layer **layer)
{
    struct settings_layer *l = layer_new(path);
    struct strvec modules = {0};
    char *copy = xstrdup(text), *base = path_dir(path);
    unsigned number = 0;
    int rc = 0;
    /* strsep keeps empty lines, so that line numbers stay right. */
    for (char *rest = copy, *line; !rc && (line = strsep(&rest, "\n"));) {
        number++;
        char *hash = strstr(line, " #");
        if (hash)
            *hash = '\0';
        rc = parse_line(l, path, number, trim(line), &modules);
    }
    if (!rc && modules.n)
        layer_set_list(l, "modules", &modules, base);
    strvec_free(&modules);
    free(copy), free(base);
    if (rc) {
        layer_free(l);
        return -1;
    }
    *layer = l;
    return 0;
}

int runconf_layer(const char *kernel, struct settings_layer **layer)
{
    *layer = NULL;
    const char *named = getenv("ELFBOOT_RUNNER_CONFIG");
    char *path = named && *named ? xstrdup(named) : find_upwards(kernel, RUNCONF_NAME);
    if (!path)
        return 0;
    struct blob b;
    int rc = read_file(path, "runner config", &b, NULL);
    if (!rc) {
        char *text = strndup((const char *)b.data, b.size);
        rc = runconf_parse(path, text ? text : "", layer);
        free(text);
        blob_free(&b);
    }
    free(path);
    return rc;
}
