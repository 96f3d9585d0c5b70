/* main.c: the conformance kernel. It checks, from the inside, every rule of the boot
 * protocol (docs/protocol.md) the loader promised this kernel, prints one PASS or FAIL
 * line per rule on COM1, and leaves QEMU with 0x10 when all passed, 0x11 otherwise.
 * The steps, in order (each file says what it checks): */
#include "check.h"
#include "conformance.h"
#include "entry_state.h"
#include "idt.h"
#include "serial.h"

struct conformance conf;

void kernel_main(void *info)
{
    eb_serial_init();
    check_begin(variant.name);
    idt_install();              /* our own IDT first: a stray fault is then reported */
    conf.info = info;

    check_info_header();        /* info.c: RDI points at a version-1 boot info */
    parse_expectations();       /* expect.c: what the test set up (command line) */
    check_entry_state();        /* cpu_state.c: registers, CRs, EFER, segments, GDT, PIC */
    check_memmap();             /* memmap.c: map rules, RAM size, the HHDM top */
    check_info_fields();        /* info.c: flags, pointers, kernel placement, stack, TLS */
    check_page_tables();        /* pagetables.c: every mapping and its permissions */
    check_faults();             /* faults.c: real page faults, caught by our IDT */
    check_cpu_features();       /* faults.c: SSE usable */
    check_loader_memory();      /* objects.c: each loader object in an entry of its type */
    check_firmware_tables();    /* firmware.c: RSDP, SMBIOS, EFI system table, boot time */
    check_cmdline();            /* modules.c: command-line round trip */
    check_modules();            /* modules.c: count, names, sizes, contents */
    check_framebuffer();        /* framebuffer.c: geometry, drawing, reading back */
    check_relocations();        /* relocs.c: relocated pointers, RELRO */
    check_audit();              /* audit.c: firmware memory as the loader found it */
    check_finish();
}
