/* expect.c: the command-line keys through which a boot test tells the kernel what it
 * set up (documented in tests/kernels/README.md; tests/kernels/conformance-cmdline.sh
 * writes them). A missing required key is a failure: a check that cannot know what to
 * expect must not pass. */
#include "check.h"
#include "cmdline.h"
#include "conformance.h"
#include "kstring.h"

static const char *cmdline_text(void)
{
    /* Whether the pointer is valid is checked in info.c; here only use it if it is. */
    uint64_t p = conf.info->cmdline;
    return p && is_hhdm_string(p, 4096) ? (const char *)p : "";
}

static void parse_firmware(const char *cl, struct expectations *e)
{
    char v[8];
    if (!cmdline_get(cl, "fw", v, sizeof v))
        check_fail("expect.fw", "no fw=bios|uefi on the command line");
    else if (!strcmp(v, "bios"))
        e->firmware = ELFBOOT_FIRMWARE_BIOS;
    else if (!strcmp(v, "uefi"))
        e->firmware = ELFBOOT_FIRMWARE_UEFI;
    else
        check_fail("expect.fw", "fw=%s: expected bios or uefi", v);
}

static void parse_memory(const char *cl, struct expectations *e)
{
    char v[24];
    if (!cmdline_get(cl, "mem", v, sizeof v))
        check_fail("expect.mem", "no mem=SIZE (QEMU's -m, e.g. 128M) on the command line");
    else if (!parse_size(v, &e->mem) || e->mem < 16 * 1024 * 1024)
        check_fail("expect.mem", "mem=%s: expected a size like 128M or 6G", v);
}

/* modI=NAME:SIZE:CRC32 */
static bool parse_module(const char *spec, struct expectations *e, unsigned i)
{
    const char *colon = spec;
    while (*colon && *colon != ':')
        colon++;
    size_t name_len = (size_t)(colon - spec);
    if (!*colon || name_len == 0 || name_len >= sizeof e->modules[i].name)
        return false;
    memcpy(e->modules[i].name, spec, name_len);
    e->modules[i].name[name_len] = '\0';
    const char *p = colon + 1;
    if (!parse_u64(&p, &e->modules[i].size) || *p != ':')
        return false;
    return parse_hex32(p + 1, &e->modules[i].crc);
}

static void parse_modules(const char *cl, struct expectations *e)
{
    char v[128];
    if (!cmdline_get(cl, "mods", v, sizeof v)) {
        check_fail("expect.mods", "no mods=N (the number of modules) on the command line");
        return;
    }
    const char *p = v;
    if (!parse_u64(&p, &e->module_count) || *p || e->module_count > MAX_EXPECTED_MODULES) {
        check_fail("expect.mods", "mods=%s: expected 0 to %d", v, MAX_EXPECTED_MODULES);
        e->module_count = 0;
        return;
    }
    for (unsigned i = 0; i < e->module_count; i++) {
        char key[8];
        ksnprintf(key, sizeof key, "mod%u", i);
        if (!cmdline_get(cl, key, v, sizeof v))
            check_fail("expect.mods", "no %s=NAME:SIZE:CRC32 on the command line", key);
        else if (!parse_module(v, e, i))
            check_fail("expect.mods", "%s=%s: expected NAME:SIZE:CRC32 (CRC in hex)", key, v);
    }
}

static void parse_framebuffer(const char *cl, struct expectations *e)
{
    char v[24];
    e->fb = FB_ANY;
    if (!cmdline_get(cl, "fb", v, sizeof v) || !strcmp(v, "any"))
        return;
    if (!strcmp(v, "none")) {
        e->fb = FB_NONE;
        return;
    }
    const char *p = v;
    uint64_t w, h;
    if (parse_u64(&p, &w) && *p++ == 'x' && parse_u64(&p, &h) && !*p && w && h &&
        w < 65536 && h < 65536) {
        e->fb = FB_MODE;
        e->fb_width = (uint32_t)w;
        e->fb_height = (uint32_t)h;
    } else {
        check_fail("expect.fb", "fb=%s: expected any, none or WIDTHxHEIGHT", v);
    }
}

static void parse_time(const char *cl, struct expectations *e)
{
    char v[24];
    if (!cmdline_get(cl, "time", v, sizeof v))
        return;
    const char *p = v;
    e->has_time = parse_u64(&p, &e->time) && !*p;
    if (!e->has_time)
        check_fail("expect.time", "time=%s: expected seconds since 1970", v);
}

static void parse_audit(const char *cl, struct expectations *e)
{
    char v[8];
    if (!cmdline_get(cl, "audit", v, sizeof v))
        return;
    e->audit = !strcmp(v, "on");
    if (!e->audit && strcmp(v, "off"))
        check_fail("expect.audit", "audit=%s: expected on or off", v);
}

/* KEY=A or KEY=B (a version: acpi=1|2, smbios=2|3); 0 when the key is absent. */
static uint32_t parse_version(const char *cl, const char *key, uint32_t a, uint32_t b)
{
    char v[8];
    if (!cmdline_get(cl, key, v, sizeof v))
        return 0;
    const char *p = v;
    uint64_t n;
    if (parse_u64(&p, &n) && !*p && (n == a || n == b))
        return (uint32_t)n;
    check_fail("expect.version", "%s=%s: expected %u or %u", key, v, a, b);
    return 0;
}

void parse_expectations(void)
{
    const char *cl = cmdline_text();
    struct expectations *e = &conf.expect;
    unsigned failures = check_failures();
    parse_firmware(cl, e);
    parse_memory(cl, e);
    parse_modules(cl, e);
    parse_framebuffer(cl, e);
    parse_time(cl, e);
    parse_audit(cl, e);
    e->acpi = parse_version(cl, "acpi", 1, 2);
    e->smbios = parse_version(cl, "smbios", 2, 3);
    if (check_failures() == failures)
        check_pass("expect.keys");
    else
        check_note("command line: \"%s\" (keys: tests/kernels/README.md)", cl);
}
