/* settings.h: the runner's settings and where they come from. Each source is a layer;
 * a layer sets some settings and leaves the rest; the strongest layer that sets a
 * setting wins, whole (a list replaces a list). Strongest first:
 *   1. command-line options        (runner.c)
 *   2. ELFBOOT_* environment       (settings.c)
 *   3. [package.metadata.elfboot]   of the kernel's Cargo.toml (cargo.c)
 *   4. [package.metadata.bootimage] of the same, bootimage's meaning (cargo.c)
 *   5. elfboot-runner.conf, for projects without cargo (runconf.c)
 *   6. defaults
 * Values stay text until settings_resolve() checks them, naming their source. */
#ifndef TOOL_SETTINGS_H
#define TOOL_SETTINGS_H

#include <stdbool.h>
#include <stdint.h>

#include "qemu.h"
#include "util.h"

#define DEFAULT_TEST_TIMEOUT_S 300u
#define DEFAULT_SUCCESS_CODE 0x10u

/* One text value and where it came from. */
struct setting {
    char *value;          /* NULL: this layer does not set it */
};

struct setting_list {
    bool set;
    struct strvec items;
};

struct settings_layer {
    char *source;         /* "ELFBOOT_* environment", "Cargo.toml [package.metadata.elfboot]" */
    struct setting firmware, memory, cmdline, accel, test, test_timeout;
    struct setting success_code;   /* the value the kernel writes (elfboot's meaning) */
    struct setting success_status; /* QEMU's exit status (bootimage's meaning) */
    struct setting no_reboot;      /* test-no-reboot */
    struct setting_list modules, run_args, test_args;
};

/* The result, each with the source that set it, for --print-settings. */
struct runner_settings {
    enum firmware firmware;
    uint64_t memory_mib;
    char *cmdline;             /* NULL: none */
    const char *accel;
    int test;                  /* -1: decide from the kernel's folder; 0 or 1 */
    unsigned test_timeout_s;
    int success_status;        /* QEMU exit status meaning success: (code << 1) | 1 */
    bool no_reboot;
    struct strvec modules, run_args, test_args;
    const char *source[16];    /* by SETTING_* below */
};

enum {
    SETTING_FIRMWARE, SETTING_MEMORY, SETTING_CMDLINE, SETTING_ACCEL, SETTING_TEST,
    SETTING_TIMEOUT, SETTING_SUCCESS, SETTING_NO_REBOOT, SETTING_MODULES, SETTING_RUN_ARGS,
    SETTING_TEST_ARGS, SETTING_COUNT
};
extern const char *const setting_names[SETTING_COUNT];

struct settings_layer *layer_new(const char *source);
void layer_free(struct settings_layer *l);
/* Sets `key` (the metadata spelling: firmware, memory, cmdline, accel, test-timeout,
 * test-success-exit-code, ...) to text. Returns -1 for an unknown key. */
int layer_set(struct settings_layer *l, const char *key, const char *value);
/* Sets a list key (modules, run-args, test-args); the layer's list is replaced. Module
 * paths are taken relative to `base_dir` (NULL: the current folder). */
int layer_set_list(struct settings_layer *l, const char *key, const struct strvec *items,
                   const char *base_dir);

/* The environment layer: ELFBOOT_FIRMWARE, ELFBOOT_MEMORY, ELFBOOT_CMDLINE, ELFBOOT_ACCEL,
 * ELFBOOT_MODULES, ELFBOOT_RUN_ARGS, ELFBOOT_TEST_ARGS (blank-separated), ELFBOOT_TEST,
 * ELFBOOT_TEST_TIMEOUT, ELFBOOT_TEST_SUCCESS_EXIT_CODE. */
struct settings_layer *settings_from_env(void);

/* Merges `layers` (weakest first) over the defaults into `out`. Fails naming the source
 * of a bad value. */
int settings_resolve(struct settings_layer *const *layers, int count,
                     struct runner_settings *out);
void settings_free(struct runner_settings *s);
void settings_print(const struct runner_settings *s);

#endif /* TOOL_SETTINGS_H */
