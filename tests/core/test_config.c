/* test_config.c: /boot/elfboot.cfg parsing: every key, comments, quoting, CRLF, and each
 * error with its line number. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"

static struct eb_config cfg;

/* Parses from a buffer of exactly strlen(text) bytes: no terminator to lean on. */
static int parse(const char *text, struct eb_error *err)
{
    size_t n = strlen(text);
    char *copy = malloc(n ? n : 1);
    memcpy(copy, text, n);
    int rc = eb_config_parse(copy, n, &cfg, err);
    free(copy);
    return rc;
}

static void full_config(void **state)
{
    (void)state;
    const char *text =
        "# elfboot configuration\n"
        "kernel = /boot/kernel.elf        # required\n"
        "cmdline = console=ttyS0 debug    # the kernel command line\n"
        "\n"
        "module = /boot/initrd.img initrd\n"
        "module=/boot/modules/data.bin\r\n"
        "   resolution = 1280x720\n"
        "serial = off";
    struct eb_error err;
    assert_int_equal(parse(text, &err), EB_OK);
    assert_string_equal(cfg.kernel, "/boot/kernel.elf");
    assert_string_equal(cfg.cmdline, "console=ttyS0 debug");
    assert_int_equal(cfg.module_count, 2);
    assert_string_equal(cfg.modules[0].path, "/boot/initrd.img");
    assert_string_equal(cfg.modules[0].name, "initrd");
    assert_string_equal(cfg.modules[1].path, "/boot/modules/data.bin");
    assert_string_equal(cfg.modules[1].name, "/boot/modules/data.bin"); /* defaults to path */
    assert_int_equal(cfg.width, 1280);
    assert_int_equal(cfg.height, 720);
    assert_false(cfg.serial);
    assert_false(cfg.audit);
}

/* `audit = on` turns the firmware-memory audit on (bootloader/audit.h); off by default,
 * and the last line wins like `serial`. */
static void audit_switch(void **state)
{
    (void)state;
    struct eb_error err;
    assert_int_equal(parse("kernel = /k\n", &err), EB_OK);
    assert_false(cfg.audit);
    assert_int_equal(parse("kernel = /k\naudit = on   # diagnostic\n", &err), EB_OK);
    assert_true(cfg.audit);
    assert_true(cfg.serial);
    assert_int_equal(parse("audit = on\nkernel = /k\naudit = off\n", &err), EB_OK);
    assert_false(cfg.audit);
}

static void defaults_and_quotes(void **state)
{
    (void)state;
    struct eb_error err;
    assert_int_equal(parse("kernel = /k\n", &err), EB_OK);
    assert_true(cfg.serial);
    assert_string_equal(cfg.cmdline, "");
    assert_int_equal(cfg.width, 0);
    assert_int_equal(parse("kernel = \"/my kernel.elf\"\ncmdline = \"a # not a comment \"\n"
                           "module = \"/mod with space\" \"its name\"\ncmdline2#x = 1\n",
                           &err), EB_ERR_CONFIG);
    assert_int_equal(parse("kernel = \"/my kernel.elf\"\ncmdline = \"a # not a comment \"\n"
                           "module = \"/mod with space\" \"its name\"\n", &err), EB_OK);
    assert_string_equal(cfg.kernel, "/my kernel.elf");
    assert_string_equal(cfg.cmdline, "a # not a comment ");
    assert_string_equal(cfg.modules[0].path, "/mod with space");
    assert_string_equal(cfg.modules[0].name, "its name");
    assert_int_equal(parse("kernel = /k\ncmdline = a=b#c\n", &err), EB_OK);
    assert_string_equal(cfg.cmdline, "a=b#c"); /* # inside a word is not a comment */
}

static void errors_name_their_line(void **state)
{
    (void)state;
    static const struct { const char *text, *words; } cases[] = {
        {"kernel = /k\nkernal = /x\n", "line 2: unknown key 'kernal'"},
        {"\n\nkernel /boot/k\n", "line 3: expected 'key = value'"},
        {"kernel = /k\ncmdline =\n", "line 2: 'cmdline' needs a value"},
        {"kernel = /a\nkernel = /b\n", "line 2: kernel given twice (first on line 1)"},
        {"cmdline = x\n", "no 'kernel = /path' line"},
        {"", "no 'kernel = /path' line"},
        {"kernel = /k\nresolution = 1280*720\n", "line 2: resolution '1280*720'"},
        {"kernel = /k\nresolution = 0x0\n", "line 2: resolution"},
        {"kernel = /k\nresolution = 99999999x1\n", "line 2: resolution"},
        {"kernel = /k\nserial = yes\n", "line 2: serial is 'on' or 'off', not 'yes'"},
        {"kernel = /k\n\naudit = 1\n", "line 3: audit is 'on' or 'off', not '1'"},
        {"kernel = /k\nadit = on\n", "unknown key 'adit' (known: kernel, cmdline, module, "
                                      "resolution, serial, audit)"},
        {"kernel = boot/k\n", "line 1: kernel path 'boot/k' must start with /"},
        {"kernel = /k\nmodule = m\n", "line 2: module path 'm' must start with /"},
        {"kernel = /k extra\n", "line 1: kernel takes one path"},
        {"kernel = /k\nmodule = /m name more\n", "line 2: module takes a path and a name"},
        {"kernel = \"/k\n", "line 1: kernel: missing closing quote"},
        {"kernel = /k\ncmdline = a\ncmdline = b\n", "line 3: cmdline given twice"},
        {"kernel = /k\n\x01\n", "line 2: unexpected byte 0x01"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct eb_error err = {0};
        int rc = parse(cases[i].text, &err);
        if (rc != EB_ERR_CONFIG || !strstr(err.message, cases[i].words))
            fail_msg("case %zu: rc %d, message '%s', expected '%s'", i, rc, err.message,
                     cases[i].words);
        assert_non_null(strstr(err.message, "elfboot.cfg"));
    }
}

static void limits(void **state)
{
    (void)state;
    char text[8192];
    struct eb_error err;
    size_t n = (size_t)snprintf(text, sizeof text, "kernel = /");
    memset(text + n, 'a', 300);
    strcpy(text + n + 300, "\n");
    assert_int_equal(parse(text, &err), EB_ERR_CONFIG);
    assert_non_null(strstr(err.message, "longer than 255 bytes"));
    n = (size_t)snprintf(text, sizeof text, "kernel = /k\n");
    for (int i = 0; i < EB_CONFIG_MAX_MODULES + 1; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "module = /m%d\n", i);
    assert_int_equal(parse(text, &err), EB_ERR_CONFIG);
    assert_non_null(strstr(err.message, "line 34: more than 32 modules"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(full_config),
        cmocka_unit_test(defaults_and_quotes),
        cmocka_unit_test(audit_switch),
        cmocka_unit_test(errors_name_their_line),
        cmocka_unit_test(limits),
    };
    return cmocka_run_group_tests_name("core: elfboot.cfg", tests, NULL, NULL);
}
