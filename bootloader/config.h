/* config.h: /boot/elfboot.cfg, parsed the same way by both loaders and `elfboot build`.
 *
 * One `key = value` a line; `#` starts a comment; blank lines are ignored. Keys: kernel
 * (required), cmdline, module (path, then an optional name; repeats), resolution (WxH),
 * serial (on/off), audit (on/off: the firmware-memory audit of audit.h). Errors name
 * the line.
 */
#ifndef EB_CONFIG_H
#define EB_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"

#define EB_CONFIG_PATH "/boot/elfboot.cfg"
#define EB_CONFIG_PATH_MAX 256
#define EB_CONFIG_NAME_MAX 128
#define EB_CONFIG_CMDLINE_MAX 1024
#define EB_CONFIG_MAX_MODULES 32

struct eb_config_module {
    char path[EB_CONFIG_PATH_MAX];
    char name[EB_CONFIG_NAME_MAX]; /* the path when the line gives no name */
};

struct eb_config {
    char kernel[EB_CONFIG_PATH_MAX];
    char cmdline[EB_CONFIG_CMDLINE_MAX];
    struct eb_config_module modules[EB_CONFIG_MAX_MODULES];
    uint32_t module_count;
    uint32_t width, height;  /* resolution; 0: not set */
    bool serial;             /* default on */
    bool audit;              /* default off: a diagnostic (audit.h) */
};

/* Parses `len` bytes of `text` (need not be NUL-terminated). */
int eb_config_parse(const char *text, size_t len, struct eb_config *cfg,
                    struct eb_error *err);

#endif /* EB_CONFIG_H */
