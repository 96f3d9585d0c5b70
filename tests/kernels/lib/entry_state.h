/* entry_state.h: the machine state at the kernel's entry point, saved by entry.S before
 * any C code runs (C would change RSP, RBP and the flags). Shared with the assembly:
 * the ES_* offsets are checked against the struct below. */
#ifndef K_ENTRY_STATE_H
#define K_ENTRY_STATE_H

#define ES_RSP 0
#define ES_RSP_WORD 8      /* the 8 bytes at [RSP]: the null return address */
#define ES_RBP 16
#define ES_RDI 24
#define ES_RFLAGS 32
#define ES_CR0 40
#define ES_CR3 48
#define ES_CR4 56
#define ES_EFER 64
#define ES_FS_BASE 72
#define ES_GS_BASE 80
#define ES_GDTR 88         /* sgdt: 2-byte limit, 8-byte base */
#define ES_IDTR 104        /* sidt */
#define ES_CS 120
#define ES_DS 122
#define ES_ES 124
#define ES_SS 126
#define ES_FS 128
#define ES_GS 130
#define ES_PIC_MASTER 132  /* interrupt mask registers: ports 0x21 and 0xa1 */
#define ES_PIC_SLAVE 133
#define ES_KERNEL_GS_BASE 136
#define ES_GPRS 144        /* RAX RBX RCX RDX RSI R8-R15, in that order */
#define ES_GPR_COUNT 13
#define ES_SIZE (ES_GPRS + 8 * ES_GPR_COUNT)

#ifndef __ASSEMBLER__
#include <stdint.h>

struct descriptor_table_register {
    uint16_t limit;
    uint64_t base;
} __attribute__((packed));

struct entry_state {
    uint64_t rsp, rsp_word, rbp, rdi, rflags, cr0, cr3, cr4, efer, fs_base, gs_base;
    struct descriptor_table_register gdtr;
    uint8_t pad0[6];
    struct descriptor_table_register idtr;
    uint8_t pad1[6];
    uint16_t cs, ds, es, ss, fs, gs;
    uint8_t pic_master_mask, pic_slave_mask;
    uint8_t pad2[2];
    uint64_t kernel_gs_base;
    uint64_t gprs[ES_GPR_COUNT];
};

#define ES_ASSERT(field, off) \
    _Static_assert(__builtin_offsetof(struct entry_state, field) == off, #field " offset")
ES_ASSERT(rsp, ES_RSP);
ES_ASSERT(rsp_word, ES_RSP_WORD);
ES_ASSERT(rbp, ES_RBP);
ES_ASSERT(rdi, ES_RDI);
ES_ASSERT(rflags, ES_RFLAGS);
ES_ASSERT(cr0, ES_CR0);
ES_ASSERT(cr3, ES_CR3);
ES_ASSERT(cr4, ES_CR4);
ES_ASSERT(efer, ES_EFER);
ES_ASSERT(fs_base, ES_FS_BASE);
ES_ASSERT(gs_base, ES_GS_BASE);
ES_ASSERT(gdtr, ES_GDTR);
ES_ASSERT(idtr, ES_IDTR);
ES_ASSERT(cs, ES_CS);
ES_ASSERT(ds, ES_DS);
ES_ASSERT(es, ES_ES);
ES_ASSERT(ss, ES_SS);
ES_ASSERT(fs, ES_FS);
ES_ASSERT(gs, ES_GS);
ES_ASSERT(pic_master_mask, ES_PIC_MASTER);
ES_ASSERT(pic_slave_mask, ES_PIC_SLAVE);
ES_ASSERT(kernel_gs_base, ES_KERNEL_GS_BASE);
ES_ASSERT(gprs, ES_GPRS);
_Static_assert(sizeof(struct entry_state) == ES_SIZE, "entry_state size");
#undef ES_ASSERT

extern struct entry_state entry_state;

/* What every test kernel defines: entry.S jumps here with the loader's RDI and RSP. */
void kernel_main(void *info);
#endif

#endif /* K_ENTRY_STATE_H */
