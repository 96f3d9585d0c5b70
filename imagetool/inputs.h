/* inputs.h: what an image is made of, as the user named it (struct image_spec), and as
 * read and checked (struct image_inputs): the kernel, the modules, /boot/elfboot.cfg. */
#ifndef TOOL_INPUTS_H
#define TOOL_INPUTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "core.h"
#include "layout.h"
#include "util.h"

#define KERNEL_FAT_PATH "/boot/kernel.elf"
#define MODULES_FAT_DIR "/boot/modules"

struct module_spec {
    char *file; /* host path */
    char *name; /* as the kernel sees it; the file's name when not given */
};

struct image_spec {
    enum image_kind kind;
    const char *kernel;
    const char *cmdline;       /* NULL: none */
    struct module_spec modules[EB_CONFIG_MAX_MODULES];
    size_t module_count;
    uint32_t width, height;    /* 0: not set */
    const char *config;        /* --config FILE, NULL: generate */
    uint64_t size_mib;         /* 0: automatic */
};

/* Adds FILE[:NAME] to the spec. A path that exists as a whole is a FILE even when it
 * holds a colon; otherwise the text after the last colon is the NAME. */
int spec_add_module(struct image_spec *spec, const char *arg);
void spec_free(struct image_spec *spec);

#define MODULE_DIGEST_SIZE 16

/* A module is never held in memory: mcopy copies it from where it is, module_hash
 * reads it meanwhile for the image's IDs (XXH3-128, a fast non-cryptographic hash: the
 * digest only has to tell contents apart), and the stamp taken by inputs_load tells
 * whether it is still that file (inputs_unchanged). */
struct module_input {
    const struct module_spec *spec;
    char fat_path[EB_CONFIG_PATH_MAX];   /* /boot/modules/<file name> */
    uint64_t size;
    struct file_stamp stamp;
    uint8_t digest[MODULE_DIGEST_SIZE];  /* XXH3-128 of the contents, big-endian */
};

struct image_inputs {
    struct blob kernel;
    struct file_stamp kernel_stamp;      /* of the bytes checked */
    struct eb_kernel info;               /* eb_kernel_inspect()'s view */
    struct module_input modules[EB_CONFIG_MAX_MODULES];
    size_t module_count;
    char *config_text;                   /* /boot/elfboot.cfg */
    size_t config_len;
};

/* Reads the kernel and checks it with the core (the loader's own rules), stamps the
 * modules, and writes or validates the configuration. Messages name the file and why. */
int inputs_load(const struct image_spec *spec, struct image_inputs *in);
void inputs_free(struct image_inputs *in);
/* Fills m->digest; fails when the module is no longer the file stamped. */
int module_hash(struct module_input *m);
/* Fails, naming the file, when the kernel or a module changed since inputs_load: the
 * image would not hold what was checked and hashed. */
int inputs_unchanged(const struct image_spec *spec, const struct image_inputs *in);

/* Reads `path` and runs the core's checks on it (shared with `elfboot check`); stamps
 * the file when `stamp` is not NULL. */
int kernel_load(const char *path, struct blob *file, struct eb_kernel *info,
                struct file_stamp *stamp);

/* The configuration text for `spec` (bootcfg.c), checked by parsing it back with the
 * core's eb_config_parse; or the user's --config file, checked against what the image
 * will hold. */
int bootcfg_generate(const struct image_spec *spec, const struct image_inputs *in,
                     char **text, size_t *len);
int bootcfg_check_user(const struct image_spec *spec, const struct image_inputs *in,
                       const char *text, size_t len);

#endif /* TOOL_INPUTS_H */
