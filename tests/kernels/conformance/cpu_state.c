/* cpu_state.c: the machine state at entry (docs/protocol.md, "Machine state at entry"),
 * as lib/entry.S saved it before any C code ran. */
#include "check.h"
#include "conformance.h"
#include "cpu.h"
#include "entry_state.h"
#include "idt.h"

static void check_bits(const char *name, uint64_t value, uint64_t must_set, uint64_t must_clear)
{
    check((value & must_set) == must_set && !(value & must_clear), name,
          "0x%lx: bits 0x%lx must be set (missing 0x%lx), 0x%lx clear (set 0x%lx)", value,
          must_set, must_set & ~value, must_clear, value & must_clear);
}

static void check_registers(const struct entry_state *s)
{
    check(s->rbp == 0, "entry.rbp", "0x%lx, expected 0", s->rbp);
    check_bits("entry.rflags", s->rflags, 0, RFLAGS_IF | RFLAGS_DF);
    check_bits("entry.cr0", s->cr0, CR0_PE | CR0_MP | CR0_NE | CR0_WP | CR0_PG, CR0_EM | CR0_TS);
    check_bits("entry.cr4", s->cr4, CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT, 0);
    check_bits("entry.efer", s->efer, EFER_LME | EFER_LMA | EFER_NXE, 0);
    check(s->cs == 0x08, "entry.cs", "0x%x, expected 0x08", s->cs);
    bool data_ok = s->ds == 0x10 && s->es == 0x10 && s->ss == 0x10 && s->fs == 0x10 &&
                   s->gs == 0x10;
    check(data_ok, "entry.data-segments", "DS 0x%x ES 0x%x SS 0x%x FS 0x%x GS 0x%x, "
          "expected 0x10 each", s->ds, s->es, s->ss, s->fs, s->gs);
    check(s->fs_base == 0 && s->gs_base == 0, "entry.fs-gs-base", "FS base 0x%lx, GS base "
          "0x%lx, expected 0", s->fs_base, s->gs_base);
}

/* Descriptor bits (SDM 3A, 3.4.5): P 47, DPL 45-46, S 44, type 40-43 (43: code,
 * 41: writable data / readable code), L 53, D/B 54. */
#define DESC_P (1ull << 47)
#define DESC_DPL (3ull << 45)
#define DESC_S (1ull << 44)
#define DESC_CODE (1ull << 43)
#define DESC_WRITABLE (1ull << 41)
#define DESC_L (1ull << 53)
#define DESC_DB (1ull << 54)

static uint64_t gdt_copy[3];

static void read_gdt(void *arg)
{
    const volatile uint64_t *gdt = (const volatile uint64_t *)((struct entry_state *)arg)->gdtr.base;
    for (int i = 0; i < 3; i++)
        gdt_copy[i] = gdt[i];
}

static void check_gdt(struct entry_state *s)
{
    struct fault f;
    if (!check(s->gdtr.limit >= 3 * 8 - 1, "gdt.limit", "%u: too small for null, 0x08, 0x10",
               s->gdtr.limit))
        return;
    if (fault_catch(read_gdt, s, &f)) {
        check_fail("gdt.readable", "GDT at 0x%lx is not mapped (%s, CR2 0x%lx)", s->gdtr.base,
                   exception_name(f.vector), f.cr2);
        return;
    }
    check_pass("gdt.readable");
    uint64_t code = gdt_copy[1], data = gdt_copy[2];
    check((code & (DESC_P | DESC_S | DESC_CODE | DESC_L | DESC_DB | DESC_DPL)) ==
              (DESC_P | DESC_S | DESC_CODE | DESC_L),
          "gdt.code64", "0x08 is 0x%016lx: expected present, code, L=1, D=0, DPL 0", code);
    check((data & (DESC_P | DESC_S | DESC_CODE | DESC_WRITABLE | DESC_DPL)) ==
              (DESC_P | DESC_S | DESC_WRITABLE),
          "gdt.data", "0x10 is 0x%016lx: expected present, writable data, DPL 0", data);
}

/* BIOS boots: every PIC line masked; the master's cascade line 2 may stay open. */
static void check_pic(const struct entry_state *s)
{
    if (conf.info->firmware != ELFBOOT_FIRMWARE_BIOS)
        return;
    check((s->pic_master_mask | 0x04) == 0xff && s->pic_slave_mask == 0xff, "entry.pic-masked",
          "masks: master 0x%02x, slave 0x%02x; expected 0xff (0xfb allowed on the master)",
          s->pic_master_mask, s->pic_slave_mask);
}

/* elfboot's choices (docs/protocol.md, "Entry state details"): nothing of the loader
 * leaks into the registers. */
extern char _start[] __attribute__((visibility("hidden")));

static void check_elfboot_choices(const struct entry_state *s)
{
    static const char *const names[ES_GPR_COUNT] = { "RAX", "RBX", "RCX", "RDX", "RSI",
        "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15" };
    int bad = -1;
    for (int i = ES_GPR_COUNT; i-- > 1;)
        if (s->gprs[i])
            bad = i;
    check(bad < 0 && s->gprs[0] == (uint64_t)_start, "elfboot.registers-zero", "%s = 0x%lx "
          "(RAX 0x%lx): every register but RSP, RDI and RAX (the entry address) must be 0",
          bad < 0 ? "none" : names[bad], bad < 0 ? 0 : s->gprs[bad], s->gprs[0]);
    check(!(s->cr4 & CR4_PGE), "elfboot.cr4-pge-clear", "CR4 0x%lx has PGE set", s->cr4);
    check(s->kernel_gs_base == 0, "elfboot.kernel-gs-base", "IA32_KERNEL_GS_BASE 0x%lx, "
          "expected 0", s->kernel_gs_base);
}

void check_entry_state(void)
{
    check_registers(&entry_state);
    check_elfboot_choices(&entry_state);
    check_gdt(&entry_state);
    check_pic(&entry_state);
}
