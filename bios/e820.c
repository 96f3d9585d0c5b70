/* e820.c: the BIOS memory map, INT 15h AX=E820h (ACPI 6.5, 15.1). */
#include "bios.h"
#include "memmap.h"
#include "stage2.h"
#include "util.h"

#define SMAP 0x534d4150 /* "SMAP" */

static struct eb_e820_entry entry; /* the BIOS writes here: below 1 MiB */

uint32_t e820_read(struct elfboot_memmap_entry *out, uint32_t cap, uint32_t *dropped)
{
    uint32_t n = 0, ebx = 0;
    *dropped = 0;
    do {
        struct regs r = {0};
        memset(&entry, 0, sizeof entry);
        entry.ext_attributes = 1; /* a BIOS that returns 20 bytes leaves "valid" set */
        r.eax = 0xe820;
        r.ebx = ebx;
        r.ecx = sizeof entry;
        r.edx = SMAP;
        r.es = rm_seg(&entry);
        r.edi = rm_off(&entry);
        bios_call(0x15, &r, &r);
        if ((r.eflags & EFLAGS_CF) || r.eax != SMAP)
            break; /* CF on the call after the last entry also ends the list */
        ebx = r.ebx;
        /* ACPI 3.0 extended attributes: bit 0 clear means "ignore this entry". */
        if (r.ecx >= 24 && !(entry.ext_attributes & 1))
            continue;
        if (entry.length == 0)
            continue;
        if (n == cap) {
            (*dropped)++; /* counted, for memory.c to say: the list goes on to its end */
            continue;
        }
        out[n].base = entry.base;
        out[n].length = entry.length;
        out[n].type = eb_memtype_from_e820(entry.type);
        out[n].reserved = 0;
        n++;
    } while (ebx != 0);
    return n;
}
