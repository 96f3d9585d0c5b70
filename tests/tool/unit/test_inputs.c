/* test_inputs.c: command-line values and /boot/elfboot.cfg as the tool writes and checks
 * it (imagetool/cli.c, inputs.c, bootcfg.c), parsed back with the core's own parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#undef fail /* cmocka's macro; the tool has a function of that name */

#include "cli.h"
#include "config.h"
#include "inputs.h"

static void sizes_and_resolutions(void **state)
{
    (void)state;
    uint64_t mib;
    g_command = "test";
    assert_int_equal(parse_mib("--size", "128M", &mib), 0);
    assert_int_equal(mib, 128);
    assert_int_equal(parse_mib("--size", "2G", &mib), 0);
    assert_int_equal(mib, 2048);
    assert_int_equal(parse_mib("--size", "64", &mib), 0);
    assert_int_equal(mib, 64);
    assert_int_equal(parse_mib("--size", "2048K", &mib), 0);
    assert_int_equal(mib, 2);
    assert_int_equal(parse_mib("--size", "1000K", &mib), -1); /* not whole MiB */
    assert_int_equal(parse_mib("--size", "-5M", &mib), -1);
    assert_int_equal(parse_mib("--size", "M", &mib), -1);
    assert_int_equal(parse_mib("--size", "0", &mib), -1);
    uint32_t w, h;
    assert_true(parse_resolution("1280x720", &w, &h));
    assert_int_equal(w, 1280);
    assert_int_equal(h, 720);
    assert_false(parse_resolution("1280 x720", &w, &h));
    assert_false(parse_resolution("0x720", &w, &h));
    assert_false(parse_resolution("1280x", &w, &h));
    assert_false(parse_resolution("99999x1", &w, &h));
}

static void module_arguments(void **state)
{
    (void)state;
    struct image_spec spec = {0};
    assert_int_equal(spec_add_module(&spec, "dir/initrd.img"), 0);
    assert_string_equal(spec.modules[0].file, "dir/initrd.img");
    assert_string_equal(spec.modules[0].name, "initrd.img");
    assert_int_equal(spec_add_module(&spec, "dir/fs.bin:rootfs"), 0);
    assert_string_equal(spec.modules[1].file, "dir/fs.bin");
    assert_string_equal(spec.modules[1].name, "rootfs");
    assert_int_equal(spec_add_module(&spec, "a:b/c.bin"), 0); /* the colon is in a folder */
    assert_string_equal(spec.modules[2].file, "a:b/c.bin");
    assert_int_equal(spec_add_module(&spec, "x.bin:"), -1);
    assert_int_equal(spec_add_module(&spec, ":name"), -1);
    spec_free(&spec);
}

/* A spec with two modules, as inputs_load would have prepared them. */
static void prepare(struct image_spec *spec, struct image_inputs *in)
{
    memset(spec, 0, sizeof *spec);
    memset(in, 0, sizeof *in);
    spec_add_module(spec, "host/initrd.img:init rd");
    spec_add_module(spec, "host/fs.bin");
    for (size_t i = 0; i < 2; i++) {
        in->modules[i].spec = &spec->modules[i];
        strcpy(in->modules[i].fat_path, i ? "/boot/modules/fs.bin" : "/boot/modules/initrd.img");
    }
    in->module_count = 2;
}

static void generated_config_round_trips(void **state)
{
    (void)state;
    struct image_spec spec;
    struct image_inputs in;
    prepare(&spec, &in);
    spec.cmdline = "console=ttyS0 # not a comment";
    spec.width = 1280, spec.height = 720;
    char *text;
    size_t len;
    assert_int_equal(bootcfg_generate(&spec, &in, &text, &len), 0);
    struct eb_config cfg;
    struct eb_error err;
    assert_int_equal(eb_config_parse(text, len, &cfg, &err), EB_OK);
    assert_string_equal(cfg.kernel, "/boot/kernel.elf");
    assert_string_equal(cfg.cmdline, "console=ttyS0 # not a comment");
    assert_int_equal(cfg.module_count, 2);
    assert_string_equal(cfg.modules[0].name, "init rd");
    assert_string_equal(cfg.modules[1].path, "/boot/modules/fs.bin");
    assert_int_equal(cfg.width, 1280);
    free(text);

    spec.cmdline = "say \"hi\""; /* quotes inside the quotes read back as they are */
    assert_int_equal(bootcfg_generate(&spec, &in, &text, &len), 0);
    free(text);
    spec.cmdline = "a\" #b"; /* but here the parser would see a comment */
    assert_int_equal(bootcfg_generate(&spec, &in, &text, &len), -1);
    spec.cmdline = "two\nlines";
    assert_int_equal(bootcfg_generate(&spec, &in, &text, &len), -1);
    spec_free(&spec);
}

static void user_config_checked(void **state)
{
    (void)state;
    struct image_spec spec;
    struct image_inputs in;
    prepare(&spec, &in);
    spec.config = "my.cfg";
    const char *good = "kernel = /boot/kernel.elf\n"
                       "module = /boot/modules/initrd.img initrd\n"
                       "module = /BOOT/MODULES/FS.BIN\n";
    assert_int_equal(bootcfg_check_user(&spec, &in, good, strlen(good)), 0);
    const char *wrong_kernel = "kernel = /boot/vmlinuz\nmodule = /boot/modules/initrd.img\n"
                               "module = /boot/modules/fs.bin\n";
    assert_int_equal(bootcfg_check_user(&spec, &in, wrong_kernel, strlen(wrong_kernel)), -1);
    const char *missing = "kernel = /boot/kernel.elf\nmodule = /boot/modules/initrd.img\n"
                          "module = /boot/modules/fs.bin\nmodule = /boot/modules/ghost\n";
    assert_int_equal(bootcfg_check_user(&spec, &in, missing, strlen(missing)), -1);
    const char *unused = "kernel = /boot/kernel.elf\nmodule = /boot/modules/initrd.img\n";
    assert_int_equal(bootcfg_check_user(&spec, &in, unused, strlen(unused)), -1);
    const char *broken = "kernel = /boot/kernel.elf\ncolour = blue\n";
    assert_int_equal(bootcfg_check_user(&spec, &in, broken, strlen(broken)), -1);
    spec_free(&spec);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sizes_and_resolutions),
        cmocka_unit_test(module_arguments),
        cmocka_unit_test(generated_config_round_trips),
        cmocka_unit_test(user_config_checked),
    };
    cmocka_set_message_output(CM_OUTPUT_TAP);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
