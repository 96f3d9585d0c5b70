/* check.c: `elfboot check KERNEL`: the loader's own checks (eb_kernel_inspect), then what
 * the loader will do with the kernel, then warnings (elfscan.c). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "elfscan.h"

#define ET_EXEC_TYPE 2
#define PF_X_FLAG 1
#define PF_W_FLAG 2
#define PF_R_FLAG 4
#define LOW_MEMORY_END 0x100000ull /* below 1 MiB: firmware and loader memory */

static const struct option options[] = {
    {"quiet", no_argument, NULL, 'q'},
    COMMON_OPTIONS,
};

/* "12 KiB", "3 MiB" or "517 bytes": readable sizes. */
static const char *size_text(char *buf, size_t n, uint64_t bytes)
{
    if (bytes >= 10 * 1024 * 1024 && bytes % (1024 * 1024) == 0)
        snprintf(buf, n, "%llu MiB", (unsigned long long)(bytes >> 20));
    else if (bytes >= 10 * 1024)
        snprintf(buf, n, "%llu KiB", (unsigned long long)((bytes + 1023) >> 10));
    else
        snprintf(buf, n, "%llu bytes", (unsigned long long)bytes);
    return buf;
}

static const char *perm_text(uint32_t flags)
{
    static char s[4];
    s[0] = flags & PF_R_FLAG ? 'R' : '-';
    s[1] = flags & PF_W_FLAG ? 'W' : '-';
    s[2] = flags & PF_X_FLAG ? 'X' : '-';
    return s;
}

static void report_placement(const struct eb_kernel *k)
{
    if (k->elf_type != ET_EXEC_TYPE) {
        printf("  type        ET_DYN (position independent): relocated so that its lowest "
               "segment lands at 0x%llx%s\n", (unsigned long long)EB_PIE_BASE,
               k->req_flags & ELFBOOT_REQ_KASLR
                   ? ",\n              then KASLR: a random 2 MiB aligned slide above it"
                   : " (no KASLR)");
        printf("              placed as one block anywhere in usable RAM, 2 MiB aligned when "
               "the layout allows\n");
    } else if (k->higher_half) {
        printf("  type        ET_EXEC, higher half: placed as one block anywhere in usable "
               "RAM,\n              2 MiB aligned when the layout allows\n");
    } else {
        printf("  type        ET_EXEC, lower half: each segment at its p_paddr (physical = "
               "virtual);\n              that memory must be usable RAM on the machine\n");
    }
}

static void report_segments(const struct eb_kernel *k)
{
    char a[32], b[32];
    printf("  segments    %u PT_LOAD, 0x%llx..0x%llx\n", k->segment_count,
           (unsigned long long)k->virt_low, (unsigned long long)k->virt_high);
    printf("     #  vaddr               memsz        filesz       align     perm  placement\n");
    for (uint32_t i = 0; i < k->segment_count; i++) {
        const struct eb_segment *s = &k->segments[i];
        char where[64];
        if (k->higher_half)
            snprintf(where, sizeof where, "block + 0x%llx",
                     (unsigned long long)(s->vaddr - k->virt_low));
        else
            snprintf(where, sizeof where, "physical 0x%llx", (unsigned long long)s->paddr);
        printf("    %2u  0x%016llx  %-11s  %-11s  0x%-6llx  %s   %s\n", i,
               (unsigned long long)s->vaddr, size_text(a, sizeof a, s->memsz),
               size_text(b, sizeof b, s->filesz), (unsigned long long)s->align,
               perm_text(s->flags), where);
    }
}

static void report_request(const struct eb_kernel *k)
{
    char a[32];
    if (!k->has_request)
        printf("  request     none: every default\n");
    else
        printf("  request     at file offset 0x%llx, version %u, flags 0x%x\n",
               (unsigned long long)k->request_offset, k->request.version, k->request.flags);
    printf("    stack       %s%s\n", size_text(a, sizeof a, k->stack_size),
           k->request.stack_size ? "" : " (default)");
    printf("    HHDM        at 0x%llx%s\n", (unsigned long long)k->hhdm_base,
           k->request.hhdm_base ? "" : " (default)");
    printf("    identity    %s\n", k->req_flags & ELFBOOT_REQ_NO_IDENTITY_MAP
                                       ? "none (ELFBOOT_REQ_NO_IDENTITY_MAP)"
                                       : "lower half maps physical memory 1:1");
    printf("    recursive   %s\n", k->req_flags & ELFBOOT_REQ_RECURSIVE_MAP
                                       ? "a recursive PML4 entry (ELFBOOT_REQ_RECURSIVE_MAP)"
                                       : "no");
    if (k->req_flags & ELFBOOT_REQ_NO_FRAMEBUFFER)
        printf("    display     text mode (ELFBOOT_REQ_NO_FRAMEBUFFER)\n");
    else if (k->request.fb_width)
        printf("    display     framebuffer, %ux%u preferred\n", k->request.fb_width,
               k->request.fb_height);
    else
        printf("    display     framebuffer, the largest mode up to 1920x1080\n");
}

static void report_relocations(const struct eb_kernel *k)
{
    if (k->elf_type == ET_EXEC_TYPE)
        printf("  relocation  none (ET_EXEC runs where it was linked)\n");
    else
        printf("  relocation  %llu relocations applied (%llu RELA entries, %llu bytes of "
               "RELR)%s\n", (unsigned long long)k->reloc_count,
               (unsigned long long)k->rela_count, (unsigned long long)k->relr_size,
               k->relro_size ? "; PT_GNU_RELRO made read-only afterwards" : "");
}

static void report_tls_and_sizes(const struct eb_kernel *k, const struct elf_facts *f)
{
    char a[32], b[32], c[32];
    if (k->tls.start)
        printf("  TLS         template at 0x%llx, %llu bytes in the file, %llu in memory, "
               "align %llu\n              (reported in the boot info; the kernel sets up "
               "FS itself)\n", (unsigned long long)k->tls.start,
               (unsigned long long)k->tls.file_size, (unsigned long long)k->tls.mem_size,
               (unsigned long long)k->tls.align);
    else
        printf("  TLS         none\n");
    printf("  sizes       file %s, loaded bytes %s, memory %s (with .bss and page "
           "rounding)\n", size_text(a, sizeof a, k->file_size),
           size_text(b, sizeof b, f->loaded_bytes),
           size_text(c, sizeof c, k->virt_high - k->virt_low));
}

static void low_memory_warnings(const struct eb_kernel *k, struct strvec *warnings)
{
    for (uint32_t i = 0; !k->higher_half && i < k->segment_count; i++)
        if (k->segments[i].paddr < LOW_MEMORY_END)
            strvec_pushf(warnings, "segment %u is at physical 0x%llx, below 1 MiB, where "
                         "firmware and the loaders live: the loader will most likely refuse it",
                         i, (unsigned long long)k->segments[i].paddr);
}

int cmd_check(int argc, char **argv)
{
    bool quiet = false;
    int opt;
    optind = 0;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "qh", options, NULL)) != -1) {
        if (opt == 'q')
            quiet = true;
        else if (opt == 'h')
            return print_help();
        else
            return usage_error("unknown option '%s'", argv[optind - 1]);
    }
    if (optind + 1 != argc)
        return usage_error(optind >= argc ? "no KERNEL given" : "one KERNEL only");
    const char *path = argv[optind];

    struct blob file;
    struct eb_kernel k;
    if (kernel_load(path, &file, &k, NULL))
        return EXIT_FAILED;
    struct elf_facts facts;
    struct strvec warnings = {0};
    elf_scan(&k, &facts, &warnings);
    low_memory_warnings(&k, &warnings);
    if (!quiet) {
        printf("%s: the loader accepts it; it will be loaded like this:\n", path);
        report_placement(&k);
        printf("  entry       0x%llx%s%s%s", (unsigned long long)k.entry,
               facts.entry_symbol[0] ? " (" : "", facts.entry_symbol,
               facts.entry_symbol[0] ? ")" : facts.has_symtab ? "" : " (no symbol table)");
        if (k.elf_type != ET_EXEC_TYPE)
            printf(", at 0x%llx after relocation%s",
                   (unsigned long long)(k.entry - k.virt_low + EB_PIE_BASE),
                   k.req_flags & ELFBOOT_REQ_KASLR ? " plus the KASLR slide" : "");
        printf("\n");
        report_segments(&k);
        report_relocations(&k);
        report_request(&k);
        report_tls_and_sizes(&k, &facts);
    }
    for (size_t i = 0; i < warnings.n; i++)
        printf("warning: %s\n", warnings.v[i]);
    if (!quiet)
        printf("%s: will boot%s\n", path, warnings.n ? ", with the warnings above" : "");
    strvec_free(&warnings);
    blob_free(&file);
    return EXIT_OK;
}
