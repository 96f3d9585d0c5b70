/* test_settings.c: runner settings: layers, precedence, bad values, elfboot-runner.conf
 * (imagetool/settings.c, runconf.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#undef fail /* cmocka's macro; the tool has a function of that name */

#include "runconf.h"
#include "settings.h"

static void defaults(void **state)
{
    (void)state;
    struct runner_settings s;
    assert_int_equal(settings_resolve(NULL, 0, &s), 0);
    assert_int_equal(s.firmware, FIRMWARE_BIOS);
    assert_int_equal(s.memory_mib, 256);
    assert_int_equal(s.test_timeout_s, 300);
    assert_int_equal(s.success_status, 33);
    assert_true(s.no_reboot);
    assert_int_equal(s.test, -1);
    assert_null(s.cmdline);
    settings_free(&s);
}

/* Each setting comes from the strongest layer that sets it. */
static void stronger_layer_wins_per_setting(void **state)
{
    (void)state;
    struct settings_layer *weak = layer_new("weak"), *strong = layer_new("strong");
    layer_set(weak, "firmware", "uefi");
    layer_set(weak, "memory", "1G");
    layer_set(weak, "cmdline", "from weak");
    layer_set(strong, "cmdline", "from strong");
    struct strvec args = {0};
    strvec_push(&args, "-d");
    strvec_push(&args, "int");
    layer_set_list(weak, "test-args", &args, NULL);
    strvec_free(&args);
    strvec_push(&args, "-smp");
    layer_set_list(strong, "test-args", &args, NULL); /* a list replaces a list */
    strvec_free(&args);
    struct settings_layer *layers[] = {weak, NULL, strong};
    struct runner_settings s;
    assert_int_equal(settings_resolve(layers, 3, &s), 0);
    assert_int_equal(s.firmware, FIRMWARE_UEFI);
    assert_string_equal(s.source[SETTING_FIRMWARE], "weak");
    assert_int_equal(s.memory_mib, 1024);
    assert_string_equal(s.cmdline, "from strong");
    assert_string_equal(s.source[SETTING_CMDLINE], "strong");
    assert_int_equal(s.test_args.n, 1);
    assert_string_equal(s.test_args.v[0], "-smp");
    settings_free(&s);
    layer_free(weak), layer_free(strong);
}

/* elfboot's test-success-exit-code is the kernel's value, bootimage's a QEMU status. */
static void success_code_meanings(void **state)
{
    (void)state;
    struct settings_layer *bootimage = layer_new("bootimage"), *elfboot = layer_new("elfboot");
    layer_set(bootimage, "bootimage-test-success-exit-code", "33");
    struct settings_layer *one[] = {bootimage};
    struct runner_settings s;
    assert_int_equal(settings_resolve(one, 1, &s), 0);
    assert_int_equal(s.success_status, 33);
    settings_free(&s);
    layer_set(elfboot, "test-success-exit-code", "0x21");
    struct settings_layer *two[] = {bootimage, elfboot};
    assert_int_equal(settings_resolve(two, 2, &s), 0);
    assert_int_equal(s.success_status, (0x21 << 1) | 1);
    settings_free(&s);
    layer_free(bootimage), layer_free(elfboot);
}

static void bad_values_fail(void **state)
{
    (void)state;
    static const char *const bad[][2] = {
        {"firmware", "coreboot"}, {"memory", "lots"},     {"test-timeout", "0"},
        {"accel", "hvf"},         {"test-no-reboot", "maybe"}, {"test-success-exit-code", "300"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct settings_layer *l = layer_new("env");
        assert_int_equal(layer_set(l, bad[i][0], bad[i][1]), 0);
        struct settings_layer *layers[] = {l};
        struct runner_settings s;
        assert_int_equal(settings_resolve(layers, 1, &s), -1);
        settings_free(&s);
        layer_free(l);
    }
}

static void environment_layer(void **state)
{
    (void)state;
    setenv("ELFBOOT_FIRMWARE", "uefi", 1);
    setenv("ELFBOOT_TEST_ARGS", "-d  int -smp 2", 1);
    setenv("ELFBOOT_MODULES", "a.bin b.bin:bee", 1);
    struct settings_layer *l = settings_from_env();
    unsetenv("ELFBOOT_FIRMWARE"), unsetenv("ELFBOOT_TEST_ARGS"), unsetenv("ELFBOOT_MODULES");
    struct settings_layer *layers[] = {l};
    struct runner_settings s;
    assert_int_equal(settings_resolve(layers, 1, &s), 0);
    assert_int_equal(s.firmware, FIRMWARE_UEFI);
    assert_int_equal(s.test_args.n, 4);
    assert_string_equal(s.test_args.v[3], "2");
    assert_int_equal(s.modules.n, 2);
    assert_string_equal(s.modules.v[1], "b.bin:bee");
    settings_free(&s);
    layer_free(l);
}

static void runner_conf_file(void **state)
{
    (void)state;
    struct settings_layer *l = NULL;
    const char *text = "# settings for a kernel without cargo\n"
                       "firmware = uefi\n"
                       "\n"
                       "cmdline = console=ttyS0 debug   # trailing comment\n"
                       "module = initrd.img:initrd\n"
                       "module = /abs/other.bin\n"
                       "test-args = -d int\n";
    assert_int_equal(runconf_parse("/proj/elfboot-runner.conf", text, &l), 0);
    struct settings_layer *layers[] = {l};
    struct runner_settings s;
    assert_int_equal(settings_resolve(layers, 1, &s), 0);
    assert_string_equal(s.cmdline, "console=ttyS0 debug");
    assert_int_equal(s.modules.n, 2);
    assert_string_equal(s.modules.v[0], "/proj/initrd.img:initrd"); /* relative to the file */
    assert_string_equal(s.modules.v[1], "/abs/other.bin");
    assert_int_equal(s.test_args.n, 2);
    settings_free(&s);
    layer_free(l);

    l = NULL;
    assert_int_equal(runconf_parse("x.conf", "firmware = bios\nspeed = fast\n", &l), -1);
    assert_null(l);
    assert_int_equal(runconf_parse("x.conf", "just words\n", &l), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults),
        cmocka_unit_test(stronger_layer_wins_per_setting),
        cmocka_unit_test(success_code_meanings),
        cmocka_unit_test(bad_values_fail),
        cmocka_unit_test(environment_layer),
        cmocka_unit_test(runner_conf_file),
    };
    cmocka_set_message_output(CM_OUTPUT_TAP);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
