/* files.c: the configuration, the kernel and the modules from the boot partition. */
#include "messages.h"
#include "stage2.h"
#include "util.h"

#define CONFIG_MAX 16384

static char config_text[CONFIG_MAX];

void read_config(struct fat_volume *v, struct eb_config *cfg)
{
    struct eb_error err;
    struct fat_file f;
    if (fat_open(v, EB_CONFIG_PATH, &f, &err) != EB_OK)
        die("config: %s", err.message); /* fat.c: "file not found: PATH" */
    if (f.size > CONFIG_MAX)
        die("config %s is %u bytes; at most %u are read", EB_CONFIG_PATH, (unsigned)f.size,
            CONFIG_MAX);
    if (fat_read(v, &f, config_text, &err) != EB_OK)
        die("config %s: %s", EB_CONFIG_PATH, err.message);
    if (eb_config_parse(config_text, f.size, cfg, &err) != EB_OK)
        die("%s", err.message);
    say("config %s: kernel %s, %u module(s)", EB_CONFIG_PATH, cfg->kernel,
        (unsigned)cfg->module_count);
}

uint64_t load_file(struct fat_volume *v, struct eb_physmem *pm, const char *what,
                   const char *path, uint32_t type, uint64_t *size)
{
    struct eb_error err;
    struct fat_file f;
    char text[32];
    if (fat_open(v, path, &f, &err) != EB_OK)
        die("%s: %s", what, err.message); /* EB_MSG_FILE_NOT_FOUND's shape, from fat.c */
    uint64_t phys = memory_alloc_high(pm, f.size ? f.size : 1, type);
    if (!phys)
        die(EB_MSG_FILE_TOO_BIG, what, path, eb_format_size(text, sizeof text, f.size),
            " below 4 GiB");
    if (fat_read(v, &f, (void *)(uintptr_t)phys, &err) != EB_OK)
        die("%s %s: %s", what, path, err.message);
    say("%s %s: %s at 0x%llx", what, path, eb_format_size(text, sizeof text, f.size),
        (unsigned long long)phys);
    *size = f.size;
    return phys;
}
