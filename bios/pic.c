/* pic.c: the legacy 8259 PICs, all lines masked before the kernel runs (protocol:
 * "On BIOS boots the legacy PICs are masked"). */
#include "bios.h"
#include "stage2.h"

#define PIC_MASTER_DATA 0x21
#define PIC_SLAVE_DATA 0xa1

void pic_mask_all(void)
{
    outb(PIC_MASTER_DATA, 0xff); /* OCW1: a set bit masks its IRQ line */
    outb(PIC_SLAVE_DATA, 0xff);
}
