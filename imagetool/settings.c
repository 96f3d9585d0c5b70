/* settings.c: layers of runner settings and their merge (settings.h). */
#include "settings.h"

#include "cli.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const setting_names[SETTING_COUNT] = {
    "firmware", "memory", "cmdline", "accel", "test", "test-timeout",
    "test-success-exit-code", "test-no-reboot", "modules", "run-args", "test-args",
};

struct settings_layer *layer_new(const char *source)
{
    struct settings_layer *l = xcalloc(1, sizeof *l);
    l->source = xstrdup(source);
    return l;
}

static const struct {
    const char *key;
    size_t offset;
} scalar_keys[] = {
    {"firmware", offsetof(struct settings_layer, firmware)},
    {"memory", offsetof(struct settings_layer, memory)},
    {"cmdline", offsetof(struct settings_layer, cmdline)},
    {"accel", offsetof(struct settings_layer, accel)},
    {"test", offsetof(struct settings_layer, test)},
    {"test-timeout", offsetof(struct settings_layer, test_timeout)},
    {"test-success-exit-code", offsetof(struct settings_layer, success_code)},
    {"bootimage-test-success-exit-code", offsetof(struct settings_layer, success_status)},
    {"test-no-reboot", offsetof(struct settings_layer, no_reboot)},
};

static struct setting *scalar(struct settings_layer *l, size_t i)
{
    return (struct setting *)((char *)l + scalar_keys[i].offset);
}

void layer_free(struct settings_layer *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < sizeof scalar_keys / sizeof scalar_keys[0]; i++)
        free(scalar(l, i)->value);
    strvec_free(&l->modules.items), strvec_free(&l->run_args.items);
    strvec_free(&l->test_args.items);
    free(l->source);
    free(l);
}

int layer_set(struct settings_layer *l, const char *key, const char *value)
{
    for (size_t i = 0; i < sizeof scalar_keys / sizeof scalar_keys[0]; i++) {
        if (!strcmp(key, scalar_keys[i].key)) {
            struct setting *s = scalar(l, i);
            free(s->value);
            s->value = xstrdup(value);
            return 0;
        }
    }
    return -1;
}

int layer_set_list(struct settings_layer *l, const char *key, const struct strvec *items,
                   const char *base_dir)
{
    struct setting_list *list = !strcmp(key, "modules")     ? &l->modules
                                : !strcmp(key, "run-args")  ? &l->run_args
                                : !strcmp(key, "test-args") ? &l->test_args
                                                            : NULL;
    if (!list)
        return -1;
    strvec_free(&list->items);
    list->set = true;
    for (size_t i = 0; i < items->n; i++) {
        if (list == &l->modules && base_dir && items->v[i][0] != '/')
            strvec_pushf(&list->items, "%s/%s", base_dir, items->v[i]);
        else
            strvec_push(&list->items, items->v[i]);
    }
    return 0;
}

struct settings_layer *settings_from_env(void)
{
    static const struct {
        const char *env, *key;
    } vars[] = {
        {"ELFBOOT_FIRMWARE", "firmware"}, {"ELFBOOT_MEMORY", "memory"},
        {"ELFBOOT_CMDLINE", "cmdline"}, {"ELFBOOT_ACCEL", "accel"}, {"ELFBOOT_TEST", "test"},
        {"ELFBOOT_TEST_TIMEOUT", "test-timeout"},
        {"ELFBOOT_TEST_SUCCESS_EXIT_CODE", "test-success-exit-code"},
        {"ELFBOOT_MODULES", "modules"}, {"ELFBOOT_RUN_ARGS", "run-args"},
        {"ELFBOOT_TEST_ARGS", "test-args"},
    };
    struct settings_layer *l = layer_new("ELFBOOT_* environment");
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i].env);
        if (!v)
            continue;
        if (layer_set(l, vars[i].key, v) < 0) {
            struct strvec words = {0};
            strvec_split(&words, v);
            layer_set_list(l, vars[i].key, &words, NULL);
            strvec_free(&words);
        }
    }
    return l;
}

static int bad(const struct settings_layer *l, const char *key, const char *value,
               const char *expected)
{
    return fail("%s: %s '%s': expected %s", l->source, key, value, expected);
}

static bool parse_bool(const char *v, bool *out)
{
    if (!strcmp(v, "1") || !strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "on"))
        return *out = true, true;
    if (!strcmp(v, "0") || !strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "off"))
        return *out = false, true;
    return false;
}

/* Applies one layer's scalars over `s`; each check names the layer. */
static int apply_scalars(const struct settings_layer *l, struct runner_settings *s)
{
    uint64_t v;
    bool b;
    if (l->firmware.value) {
        if (strcmp(l->firmware.value, "bios") && strcmp(l->firmware.value, "uefi"))
            return bad(l, "firmware", l->firmware.value, "bios or uefi");
        s->firmware = !strcmp(l->firmware.value, "uefi") ? FIRMWARE_UEFI : FIRMWARE_BIOS;
        s->source[SETTING_FIRMWARE] = l->source;
    }
    if (l->memory.value) {
        char *what = xasprintf("%s: memory", l->source);
        int rc = parse_mib(what, l->memory.value, &s->memory_mib);
        free(what);
        if (rc)
            return -1;
        s->source[SETTING_MEMORY] = l->source;
    }
    if (l->cmdline.value) {
        free(s->cmdline);
        s->cmdline = xstrdup(l->cmdline.value);
        s->source[SETTING_CMDLINE] = l->source;
    }
    if (l->accel.value) {
        if (strcmp(l->accel.value, "tcg") && strcmp(l->accel.value, "kvm") &&
            strcmp(l->accel.value, "auto"))
            return bad(l, "accel", l->accel.value, "tcg, kvm or auto");
        s->accel = l->accel.value;
        s->source[SETTING_ACCEL] = l->source;
    }
    if (l->test.value) {
        if (!parse_bool(l->test.value, &b))
            return bad(l, "test", l->test.value, "1 or 0");
        s->test = b;
        s->source[SETTING_TEST] = l->source;
    }
    if (l->test_timeout.value) {
        if (!parse_u64(l->test_timeout.value, &v) || v == 0 || v > 86400)
            return bad(l, "test-timeout", l->test_timeout.value, "seconds, 1 to 86400");
        s->test_timeout_s = (unsigned)v;
        s->source[SETTING_TIMEOUT] = l->source;
    }
    if (l->success_code.value) {
        if (!parse_u64(l->success_code.value, &v) || v > 127)
            return bad(l, "test-success-exit-code", l->success_code.value,
                       "the value the kernel writes to port 0xf4, 0 to 127 (0x10 by default)");
        s->success_status = (int)((v << 1) | 1);
        s->source[SETTING_SUCCESS] = l->source;
    }
    if (l->success_status.value) {
        if (!parse_u64(l->success_status.value, &v) || v > 255)
            return bad(l, "test-success-exit-code", l->success_status.value,
                       "a QEMU exit status, 0 to 255 (33 for the value 0x10)");
        s->success_status = (int)v;
        s->source[SETTING_SUCCESS] = l->source;
    }
    if (l->no_reboot.value) {
        if (!parse_bool(l->no_reboot.value, &s->no_reboot))
            return bad(l, "test-no-reboot", l->no_reboot.value, "true or false");
        s->source[SETTING_NO_REBOOT] = l->source;
    }
    return 0;
}

static void apply_list(const struct setting_list *from, struct strvec *to, const char **source,
                       const char *layer_source)
{
    if (!from->set)
        return;
    strvec_free(to);
    strvec_extend(to, &from->items);
    *source = layer_source;
}

int settings_resolve(struct settings_layer *const *layers, int count,
                     struct runner_settings *s)
{
    memset(s, 0, sizeof *s);
    s->firmware = FIRMWARE_BIOS;
    s->memory_mib = DEFAULT_MEMORY_MIB;
    s->accel = "tcg";
    s->test = -1;
    s->test_timeout_s = DEFAULT_TEST_TIMEOUT_S;
    s->success_status = (DEFAULT_SUCCESS_CODE << 1) | 1;
    s->no_reboot = true;
    for (int i = 0; i < SETTING_COUNT; i++)
        s->source[i] = "default";
    for (int i = 0; i < count; i++) {
        const struct settings_layer *l = layers[i];
        if (!l)
            continue;
        if (apply_scalars(l, s))
            return -1;
        apply_list(&l->modules, &s->modules, &s->source[SETTING_MODULES], l->source);
        apply_list(&l->run_args, &s->run_args, &s->source[SETTING_RUN_ARGS], l->source);
        apply_list(&l->test_args, &s->test_args, &s->source[SETTING_TEST_ARGS], l->source);
    }
    return 0;
}

void settings_free(struct runner_settings *s)
{
    free(s->cmdline);
    strvec_free(&s->modules), strvec_free(&s->run_args), strvec_free(&s->test_args);
}

static void print_list(const char *name, const struct strvec *v, const char *source)
{
    printf("%-24s", name);
    for (size_t i = 0; i < v->n; i++)
        printf(" %s", v->v[i]);
    printf("%s   (%s)\n", v->n ? "" : " (none)", source);
}

void settings_print(const struct runner_settings *s)
{
    printf("%-24s %s   (%s)\n", "firmware", s->firmware == FIRMWARE_UEFI ? "uefi" : "bios",
           s->source[SETTING_FIRMWARE]);
    printf("%-24s %lluM   (%s)\n", "memory", (unsigned long long)s->memory_mib,
           s->source[SETTING_MEMORY]);
    printf("%-24s %s   (%s)\n", "cmdline", s->cmdline ? s->cmdline : "(none)",
           s->source[SETTING_CMDLINE]);
    printf("%-24s %s   (%s)\n", "accel", s->accel, s->source[SETTING_ACCEL]);
    printf("%-24s %s   (%s)\n", "test", s->test < 0 ? "when in a deps folder" : s->test ? "yes" : "no",
           s->source[SETTING_TEST]);
    printf("%-24s %u s   (%s)\n", "test-timeout", s->test_timeout_s, s->source[SETTING_TIMEOUT]);
    printf("%-24s QEMU status %d (value 0x%x)   (%s)\n", "test-success-exit-code",
           s->success_status, s->success_status >> 1, s->source[SETTING_SUCCESS]);
    printf("%-24s %s   (%s)\n", "test-no-reboot", s->no_reboot ? "true" : "false",
           s->source[SETTING_NO_REBOOT]);
    print_list("modules", &s->modules, s->source[SETTING_MODULES]);
    print_list("run-args", &s->run_args, s->source[SETTING_RUN_ARGS]);
    print_list("test-args", &s->test_args, s->source[SETTING_TEST_ARGS]);
}
