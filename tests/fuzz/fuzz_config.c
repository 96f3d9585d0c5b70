/* fuzz_config.c: any bytes as /boot/elfboot.cfg. Accepted configs are well formed. */
#include <stdlib.h>
#include <string.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct eb_config cfg;
    struct eb_error err;
    if (eb_config_parse((const char *)data, size, &cfg, &err) != EB_OK) {
        if (!strstr(err.message, "elfboot.cfg"))
            abort();
        return 0;
    }
    if (cfg.kernel[0] != '/' || strlen(cfg.kernel) >= sizeof cfg.kernel ||
        cfg.module_count > EB_CONFIG_MAX_MODULES || strlen(cfg.cmdline) >= sizeof cfg.cmdline)
        abort();
    for (uint32_t i = 0; i < cfg.module_count; i++)
        if (cfg.modules[i].path[0] != '/' || !cfg.modules[i].name[0])
            abort();
    return 0;
}
