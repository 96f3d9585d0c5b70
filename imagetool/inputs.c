/* inputs.c: reading and checking what goes into an image (inputs.h). */
#include "inputs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xxhash.h>

#include "status.h"

#define CHANGED "changed while the image was being written; build again"

int spec_add_module(struct image_spec *spec, const char *arg)
{
    if (spec->module_count >= EB_CONFIG_MAX_MODULES)
        return fail("more than %u modules", EB_CONFIG_MAX_MODULES);
    struct module_spec *m = &spec->modules[spec->module_count];
    const char *colon = strrchr(arg, ':');
    if (!colon || is_file(arg) || strchr(colon, '/')) {
        m->file = xstrdup(arg);
        m->name = xstrdup(path_base(arg));
    } else {
        m->file = strndup(arg, (size_t)(colon - arg));
        m->name = xstrdup(colon + 1);
        if (!m->file)
            die("out of memory");
    }
    if (!*m->file || !*path_base(m->file)) {
        free(m->file), free(m->name);
        return fail("--module '%s': expected FILE or FILE:NAME", arg);
    }
    if (!*m->name) {
        free(m->file), free(m->name);
        return fail("--module '%s': the NAME after ':' is empty", arg);
    }
    spec->module_count++;
    return 0;
}

void spec_free(struct image_spec *spec)
{
    for (size_t i = 0; i < spec->module_count; i++)
        free(spec->modules[i].file), free(spec->modules[i].name);
    spec->module_count = 0;
}

int kernel_load(const char *path, struct blob *file, struct eb_kernel *info,
                struct file_stamp *stamp)
{
    if (read_file(path, "kernel", file, stamp))
        return -1;
    struct eb_error err = {0};
    if (eb_kernel_inspect(file->data, file->size, info, &err) != EB_OK) {
        fail("kernel '%s' would not boot: %s", path, err.message);
        blob_free(file);
        return -1;
    }
    return 0;
}

/* Characters a FAT long name may not hold (Microsoft FAT spec, "Long File Names"). */
static bool fat_name_ok(const char *name)
{
    if (!*name || strlen(name) > 255 || !strcmp(name, ".") || !strcmp(name, ".."))
        return false;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p < 0x20 || *p == 0x7f || strchr("\\/:*?\"<>|", *p))
            return false;
    return true;
}

/* 64 KiB at a time: a buffer that stays in the CPU's cache, and no memory the size of
 * the module. */
int module_hash(struct module_input *m)
{
    const char *path = m->spec->file;
    struct file_stamp now;
    int fd = open_input(path, "module", &now);
    if (fd < 0)
        return -1;
    if (memcmp(&now, &m->stamp, sizeof now)) {
        close(fd);
        return fail("module '%s' %s", path, CHANGED);
    }
    XXH3_state_t *h = XXH3_createState();
    if (!h)
        die("out of memory");
    XXH3_128bits_reset(h);
    static uint8_t buf[64 * 1024];
    uint64_t done = 0;
    int rc = 0;
    while (rc == 0 && done < m->size) {
        uint64_t want = m->size - done < sizeof buf ? m->size - done : sizeof buf;
        ssize_t n = pread(fd, buf, (size_t)want, (off_t)done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            rc = fail("cannot read module '%s': %s", path,
                      n < 0 ? strerror(errno) : "file shrank while reading");
        else
            XXH3_128bits_update(h, buf, (size_t)n), done += (uint64_t)n;
    }
    XXH128_canonical_t digest;
    XXH128_canonicalFromHash(&digest, XXH3_128bits_digest(h));
    _Static_assert(sizeof digest.digest == MODULE_DIGEST_SIZE, "XXH3-128 digest size");
    memcpy(m->digest, digest.digest, sizeof m->digest);
    XXH3_freeState(h);
    close(fd);
    return rc;
}

static int load_modules(const struct image_spec *spec, struct image_inputs *in)
{
    for (size_t i = 0; i < spec->module_count; i++) {
        struct module_input *m = &in->modules[i];
        const char *base = path_base(spec->modules[i].file);
        m->spec = &spec->modules[i];
        if (!fat_name_ok(base))
            return fail("module '%s': its file name cannot be stored on FAT (no \\ / : * ? "
                        "\" < > | or control characters)", spec->modules[i].file);
        int n = snprintf(m->fat_path, sizeof m->fat_path, MODULES_FAT_DIR "/%s", base);
        if (n < 0 || (size_t)n >= sizeof m->fat_path)
            return fail("module '%s': file name too long", spec->modules[i].file);
        for (size_t j = 0; j < i; j++)
            if (!strcasecmp(in->modules[j].fat_path, m->fat_path))
                return fail("modules '%s' and '%s' have the same file name (FAT names ignore "
                            "case); rename one", in->modules[j].spec->file,
                            spec->modules[i].file);
        int fd = open_input(spec->modules[i].file, "module", &m->stamp);
        if (fd < 0)
            return -1;
        close(fd);
        m->size = m->stamp.size;
        in->module_count = i + 1;
    }
    return 0;
}

static int load_config(const struct image_spec *spec, struct image_inputs *in)
{
    if (!spec->config)
        return bootcfg_generate(spec, in, &in->config_text, &in->config_len);
    if (spec->cmdline || spec->width)
        return fail("--config '%s' with --%s: put the setting in the file instead",
                    spec->config, spec->cmdline ? "cmdline" : "resolution");
    struct blob text;
    if (read_file(spec->config, "config", &text, NULL))
        return -1;
    in->config_text = (char *)text.data;
    in->config_len = text.size;
    return bootcfg_check_user(spec, in, in->config_text, in->config_len);
}

int inputs_load(const struct image_spec *spec, struct image_inputs *in)
{
    memset(in, 0, sizeof *in);
    if (kernel_load(spec->kernel, &in->kernel, &in->info, &in->kernel_stamp))
        return -1;
    if (load_modules(spec, in))
        return -1;
    return load_config(spec, in);
}

void inputs_free(struct image_inputs *in)
{
    blob_free(&in->kernel);
    free(in->config_text);
    memset(in, 0, sizeof *in);
}

int inputs_unchanged(const struct image_spec *spec, const struct image_inputs *in)
{
    if (!file_unchanged(spec->kernel, &in->kernel_stamp))
        return fail("kernel '%s' %s", spec->kernel, CHANGED);
    for (size_t i = 0; i < in->module_count; i++)
        if (!file_unchanged(in->modules[i].spec->file, &in->modules[i].stamp))
            return fail("module '%s' %s", in->modules[i].spec->file, CHANGED);
    return 0;
}
