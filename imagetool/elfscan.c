/* elfscan.c: libelf over the kernel bytes already in memory (elfscan.h). */
#include "elfscan.h"

#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Debug sections this many times the loaded bytes (and at least this big) are worth a
 * word: the loaders read the whole file at boot. */
#define DEBUG_RATIO 4
#define DEBUG_MIN_BYTES (256 * 1024)

static struct strvec *warnings;

static int warning(const char *fmt, ...) PRINTF_LIKE(1, 2);
static int warning(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *text = xvasprintf(fmt, ap);
    va_end(ap);
    strvec_push(warnings, text);
    free(text);
    return 1;
}

static bool is_debug_section(const char *name)
{
    return !strncmp(name, ".debug", 6) || !strncmp(name, ".zdebug", 7);
}

/* The entry point should be where a function starts; inside one, or nowhere named,
 * usually means ENTRY() names the wrong symbol. */
static int check_entry(Elf *elf, Elf_Scn *symtab, GElf_Shdr *sh, const struct eb_kernel *k,
                       struct elf_facts *f)
{
    Elf_Data *data = elf_getdata(symtab, NULL);
    if (!data || !sh->sh_entsize)
        return 0;
    size_t count = sh->sh_size / sh->sh_entsize;
    const char *inside = NULL;
    uint64_t inside_at = 0;
    for (size_t i = 0; i < count; i++) {
        GElf_Sym sym;
        if (!gelf_getsym(data, (int)i, &sym))
            continue;
        int type = GELF_ST_TYPE(sym.st_info);
        const char *name = elf_strptr(elf, sh->sh_link, sym.st_name);
        if (!name || !*name || sym.st_shndx == SHN_UNDEF ||
            (type != STT_FUNC && type != STT_NOTYPE))
            continue;
        if (sym.st_value == k->entry && (type == STT_FUNC || !f->entry_symbol[0]))
            snprintf(f->entry_symbol, sizeof f->entry_symbol, "%s", name);
        if (type == STT_FUNC && sym.st_value < k->entry && k->entry < sym.st_value + sym.st_size)
            inside = name, inside_at = k->entry - sym.st_value;
    }
    if (inside)
        return warning("the entry point 0x%llx is %llu bytes into the function %s, not at its "
                       "start: does ENTRY() name the right symbol?",
                       (unsigned long long)k->entry, (unsigned long long)inside_at, inside);
    if (!f->entry_symbol[0])
        return warning("the entry point 0x%llx is not the start of any function symbol: does "
                       "ENTRY() name the right symbol?", (unsigned long long)k->entry);
    return 0;
}

static int check_segments(const struct eb_kernel *k)
{
    int warnings = 0;
    for (uint32_t i = 0; i < k->segment_count; i++) {
        const struct eb_segment *s = &k->segments[i];
        if ((s->flags & 2) && (s->flags & 1)) /* PF_W and PF_X */
            warnings += warning("segment %u at 0x%llx is writable and executable: a stray "
                                "write can change code; give .text and .data segments of "
                                "their own (linker script PHDRS)", i,
                                (unsigned long long)s->vaddr);
    }
    return warnings;
}

static int check_debug(struct elf_facts *f)
{
    uint64_t loaded = f->loaded_bytes ? f->loaded_bytes : 1;
    if (f->debug_bytes >= DEBUG_MIN_BYTES && f->debug_bytes >= DEBUG_RATIO * loaded)
        return warning("%llu bytes of debug sections against %llu bytes loaded (%llu times): "
                       "the loader reads the whole file at boot; strip a copy for the image "
                       "(strip --strip-debug) and keep this one for the debugger",
                       (unsigned long long)f->debug_bytes, (unsigned long long)f->loaded_bytes,
                       (unsigned long long)(f->debug_bytes / loaded));
    return 0;
}

int elf_scan(const struct eb_kernel *k, struct elf_facts *f, struct strvec *out)
{
    memset(f, 0, sizeof *f);
    warnings = out;
    for (uint32_t i = 0; i < k->segment_count; i++)
        f->loaded_bytes += k->segments[i].filesz;
    int n = check_segments(k);

    elf_version(EV_CURRENT);
    Elf *elf = elf_memory((char *)k->file, k->file_size);
    size_t shstrndx;
    if (!elf || elf_getshdrstrndx(elf, &shstrndx) != 0) {
        if (elf)
            elf_end(elf);
        return n + warning("the section headers cannot be read (%s): no symbol or "
                                  "section checks", elf_errmsg(-1));
    }
    Elf_Scn *scn = NULL, *symtab = NULL;
    GElf_Shdr symtab_hdr;
    while ((scn = elf_nextscn(elf, scn))) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh))
            continue;
        const char *name = elf_strptr(elf, shstrndx, sh.sh_name);
        if (name && is_debug_section(name) && sh.sh_type != SHT_NOBITS)
            f->debug_bytes += sh.sh_size;
        if (name && !strcmp(name, ".elfboot"))
            f->has_request_section = true;
        if (sh.sh_type == SHT_SYMTAB)
            symtab = scn, symtab_hdr = sh;
    }
    f->has_symtab = symtab != NULL;
    if (symtab)
        n += check_entry(elf, symtab, &symtab_hdr, k, f);
    n += check_debug(f);
    elf_end(elf);
    return n;
}
