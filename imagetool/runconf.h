/* runconf.h: elfboot-runner.conf, the runner's settings for projects without cargo:
 * `key = value` lines with the keys of [package.metadata.elfboot]; lists (run-args,
 * test-args) blank-separated; `module = FILE[:NAME]` repeats; `#` starts a comment. */
#ifndef TOOL_RUNCONF_H
#define TOOL_RUNCONF_H

#include "settings.h"

#define RUNCONF_NAME "elfboot-runner.conf"

/* ELFBOOT_RUNNER_CONFIG names the file, else the nearest elfboot-runner.conf in the
 * kernel's folder or above. *layer is NULL when there is none. */
int runconf_layer(const char *kernel, struct settings_layer **layer);

/* Parses `text` of the file `path` (module paths relative to its folder). */
int runconf_parse(const char *path, const char *text, struct settings_layer **layer);

#endif /* TOOL_RUNCONF_H */
