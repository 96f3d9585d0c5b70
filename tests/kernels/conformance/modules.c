/* modules.c: the command line comes back byte for byte, and every module is the file
 * the test put on the disk (name, size, CRC-32), page aligned, readable in the HHDM. */
#include "check.h"
#include "cmdline.h"
#include "conformance.h"
#include "crc32.h"
#include "kstring.h"

/* The test ends the command line with ` sum=LENGTH:CRC32`, both of the text before that
 * space: any byte lost, added or changed on the way shows. */
void check_cmdline(void)
{
    if (!is_hhdm_string(conf.info->cmdline, 4096))
        return; /* info.cmdline-pointer failed */
    const char *cl = (const char *)conf.info->cmdline;
    check_note("command line: \"%s\"", cl);
    const char *sum = strstr_last(cl, " sum=");
    if (!check(sum != 0, "cmdline.round-trip", "no ` sum=LENGTH:CRC32` at the end"))
        return;
    const char *p = sum + 5;
    uint64_t len;
    uint32_t crc = 0;
    bool parsed = parse_u64(&p, &len) && *p++ == ':' && parse_hex32(p, &crc);
    uint64_t got_len = (uint64_t)(sum - cl);
    uint32_t got_crc = crc32(0, cl, got_len);
    check(parsed && len == got_len && crc == got_crc, "cmdline.round-trip", "the text before "
          "\" sum=\" is %lu bytes with CRC32 %08x; the test sent %s", got_len, got_crc, sum + 5);
}

static void check_one_module(uint64_t i, const struct elfboot_module *m)
{
    char name[32];
    ksnprintf(name, sizeof name, "module%lu", i);
    const char *got_name = is_hhdm_string(m->name, 4096) ? (const char *)m->name : "?";
    if (i >= conf.expect.module_count)
        return; /* modules.count failed */
    const char *want = conf.expect.modules[i].name;
    uint64_t size = conf.expect.modules[i].size;
    bool aligned = (m->phys & 0xfff) == 0 && (m->virt & 0xfff) == 0;
    bool in_hhdm = m->virt == conf.hhdm + m->phys && is_hhdm(m->virt, m->size);
    uint32_t crc = in_hhdm ? crc32(0, (const void *)m->virt, m->size) : 0;
    check(!strcmp(got_name, want) && m->size == size && aligned && in_hhdm &&
              crc == conf.expect.modules[i].crc,
          name, "\"%s\" %lu bytes CRC32 %08x at 0x%lx; expected \"%s\" %lu bytes CRC32 %08x, "
          "4 KiB aligned, in the HHDM", got_name, m->size, crc, m->phys, want, size,
          conf.expect.modules[i].crc);
    check_note("module %lu: \"%s\", %lu bytes at phys 0x%lx", i, got_name, m->size, m->phys);
}

void check_modules(void)
{
    const struct elfboot_info *info = conf.info;
    uint64_t want = conf.expect.module_count + conf.expect.audit; /* audit.c's, last */
    check(info->module_count == want, "modules.count", "%lu, expected %lu%s",
          info->module_count, want, conf.expect.audit ? " (with the audit's)" : "");
    const struct elfboot_module *m = (const struct elfboot_module *)info->modules;
    if (!info->module_count || !is_hhdm(info->modules, info->module_count * sizeof *m))
        return;
    for (uint64_t i = 0; i < info->module_count && i < 64; i++)
        check_one_module(i, &m[i]);
}
