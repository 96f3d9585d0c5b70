/* cargo.c: [package.metadata.elfboot] and [package.metadata.bootimage] (cargo.h). */
#include "cargo.h"

#include <json.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spawn.h"

static const char *const elfboot_keys[] = {
    "firmware", "memory", "cmdline", "accel", "modules", "run-args", "test-args",
    "test-timeout", "test-success-exit-code", "test-no-reboot",
};

/* bootimage's keys that keep their meaning here; its others (build-command, run-command)
 * have none: elfboot neither builds the kernel nor takes a QEMU command. */
static const char *const bootimage_keys[][2] = {
    {"run-args", "run-args"},
    {"test-args", "test-args"},
    {"test-timeout", "test-timeout"},
    {"test-success-exit-code", "bootimage-test-success-exit-code"},
    {"test-no-reboot", "test-no-reboot"},
};

/* The manifest: CARGO_MANIFEST_DIR (cargo sets it for runners), else the nearest
 * Cargo.toml in the kernel's folder or above. */
static char *find_manifest(const char *kernel)
{
    const char *dir = getenv("CARGO_MANIFEST_DIR");
    if (dir && *dir) {
        char *m = xasprintf("%s/Cargo.toml", dir);
        if (is_file(m))
            return m;
        free(m);
    }
    return find_upwards(kernel, "Cargo.toml");
}

/* "kernel-1a2b3c4d5e6f7a8b" (a test binary in deps/) -> "kernel", '-' as '_'. */
static char *crate_name_of(const char *kernel)
{
    char *name = xstrdup(path_base(kernel));
    char *dash = strrchr(name, '-');
    if (dash && strlen(dash + 1) == 16 && strspn(dash + 1, "0123456789abcdef") == 16)
        *dash = '\0';
    for (char *p = name; *p; p++)
        if (*p == '-')
            *p = '_';
    return name;
}

static bool target_matches(json_object *pkg, const char *crate)
{
    json_object *targets;
    if (!json_object_object_get_ex(pkg, "targets", &targets))
        return false;
    for (size_t i = 0; i < json_object_array_length(targets); i++) {
        json_object *name;
        if (!json_object_object_get_ex(json_object_array_get_idx(targets, i), "name", &name))
            continue;
        char *t = xstrdup(json_object_get_string(name));
        for (char *p = t; *p; p++)
            if (*p == '-')
                *p = '_';
        bool same = !strcmp(t, crate);
        free(t);
        if (same)
            return true;
    }
    return false;
}

/* The package of the manifest, else the one with a target named like the kernel,
 * else the only one. */
static json_object *pick_package(json_object *root, const char *manifest, const char *kernel)
{
    json_object *packages;
    if (!json_object_object_get_ex(root, "packages", &packages) ||
        !json_object_is_type(packages, json_type_array))
        return NULL;
    size_t n = json_object_array_length(packages);
    char real[PATH_MAX];
    const char *want = realpath(manifest, real) ? real : manifest;
    for (size_t i = 0; i < n; i++) {
        json_object *pkg = json_object_array_get_idx(packages, i), *path;
        if (json_object_object_get_ex(pkg, "manifest_path", &path) &&
            !strcmp(json_object_get_string(path), want))
            return pkg;
    }
    char *crate = crate_name_of(kernel);
    json_object *found = NULL;
    for (size_t i = 0; i < n && !found; i++)
        if (target_matches(json_object_array_get_idx(packages, i), crate))
            found = json_object_array_get_idx(packages, i);
    free(crate);
    return found ? found : n == 1 ? json_object_array_get_idx(packages, 0) : NULL;
}

/* One metadata value into the layer: strings, integers and booleans as text, arrays of
 * strings as lists. */
static int set_value(struct settings_layer *l, const char *key, json_object *v,
                     const char *base_dir)
{
    char text[64];
    const char *scalar = text;
    switch (json_object_get_type(v)) {
    case json_type_string:
        scalar = json_object_get_string(v);
        break;
    case json_type_int:
        snprintf(text, sizeof text, "%lld", (long long)json_object_get_int64(v));
        break;
    case json_type_boolean:
        snprintf(text, sizeof text, "%s", json_object_get_boolean(v) ? "true" : "false");
        break;
    case json_type_array: {
        struct strvec items = {0};
        for (size_t i = 0; i < json_object_array_length(v); i++) {
            json_object *item = json_object_array_get_idx(v, i);
            if (!json_object_is_type(item, json_type_string)) {
                strvec_free(&items);
                return fail("%s: %s: every item must be a string", l->source, key);
            }
            strvec_push(&items, json_object_get_string(item));
        }
        int rc = layer_set_list(l, key, &items, base_dir);
        strvec_free(&items);
        return rc < 0 ? fail("%s: %s takes one value, not a list", l->source, key) : 0;
    }
    default:
        return fail("%s: %s: expected a string, number, boolean or list", l->source, key);
    }
    if (layer_set(l, key, scalar) < 0)
        return fail("%s: %s takes a list of strings, e.g. [\"%s\"]", l->source, key, scalar);
    return 0;
}

static struct settings_layer *elfboot_layer(json_object *table, const char *base_dir, int *rc)
{
    struct settings_layer *l = layer_new("Cargo.toml [package.metadata.elfboot]");
    json_object_object_foreach(table, key, value)
    {
        bool known = false;
        for (size_t i = 0; i < sizeof elfboot_keys / sizeof elfboot_keys[0]; i++)
            known |= !strcmp(key, elfboot_keys[i]);
        if (!known)
            warn("%s: unknown key '%s' ignored (see docs/cli.md)", l->source, key);
        else if (set_value(l, key, value, base_dir) < 0)
            *rc = -1;
    }
    return l;
}

static struct settings_layer *bootimage_layer(json_object *table, int *rc)
{
    struct settings_layer *l = layer_new("Cargo.toml [package.metadata.bootimage]");
    json_object_object_foreach(table, key, value)
    {
        const char *ours = NULL;
        for (size_t i = 0; i < sizeof bootimage_keys / sizeof bootimage_keys[0]; i++)
            if (!strcmp(key, bootimage_keys[i][0]))
                ours = bootimage_keys[i][1];
        if (!ours)
            warn("%s: '%s' has no meaning for elfboot, ignored (see docs/rust.md)", l->source,
                 key);
        else if (set_value(l, ours, value, NULL) < 0)
            *rc = -1;
    }
    return l;
}

static json_object *run_cargo_metadata(const char *manifest)
{
    const char *cargo = getenv("CARGO"); /* cargo sets it for the programs it runs */
    struct strvec argv = {0};
    strvec_push(&argv, cargo && *cargo ? cargo : "cargo");
    const char *args[] = {"metadata", "--format-version", "1", "--no-deps", "--offline",
                          "--manifest-path"};
    for (size_t i = 0; i < sizeof args / sizeof args[0]; i++)
        strvec_push(&argv, args[i]);
    strvec_push(&argv, manifest);
    char *out = NULL;
    int status = spawn_run(argv.v, NULL, &out, false);
    json_object *root = NULL;
    if (status == 0)
        root = json_tokener_parse(out);
    if (status > 0 || (status == 0 && !root))
        warn("cannot read the settings in %s: 'cargo metadata' %s", manifest,
             status ? "failed" : "printed no JSON");
    strvec_free(&argv);
    free(out);
    return root;
}

int cargo_layers(const char *kernel, struct settings_layer **elfboot,
                 struct settings_layer **bootimage)
{
    *elfboot = *bootimage = NULL;
    char *manifest = find_manifest(kernel);
    if (!manifest)
        return 0;
    json_object *root = run_cargo_metadata(manifest);
    json_object *pkg = root ? pick_package(root, manifest, kernel) : NULL, *meta, *table;
    int rc = 0;
    if (pkg && json_object_object_get_ex(pkg, "metadata", &meta) &&
        json_object_is_type(meta, json_type_object)) {
        json_object *path;
        char *base = json_object_object_get_ex(pkg, "manifest_path", &path)
                         ? path_dir(json_object_get_string(path)) : path_dir(manifest);
        if (json_object_object_get_ex(meta, "elfboot", &table) &&
            json_object_is_type(table, json_type_object))
            *elfboot = elfboot_layer(table, base, &rc);
        if (json_object_object_get_ex(meta, "bootimage", &table) &&
            json_object_is_type(table, json_type_object))
            *bootimage = bootimage_layer(table, &rc);
        free(base);
    }
    if (root)
        json_object_put(root);
    free(manifest);
    return rc;
}
