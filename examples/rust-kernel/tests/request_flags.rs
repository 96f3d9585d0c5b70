//! A kernel with a non-default request: its own HHDM base and a recursive PML4 entry.
//! Checks that the loader honoured both, reading the page tables through the recursive
//! entry. (tests/no_identity_map.rs asks for the remaining flag.)
#![no_std]
#![no_main]

use core::panic::PanicInfo;

use elfboot::{BootInfo, InfoFlags, Request, RequestFlags};
use rust_kernel::test;
use rust_kernel::testing;

const HHDM_BASE: u64 = 0xffff_a000_0000_0000;

elfboot::entry_point!(kmain);
elfboot::request!(Request::new().with_hhdm_base(HHDM_BASE).with_flags(RequestFlags::RECURSIVE_MAP));

fn kmain(info: &'static mut BootInfo) -> ! {
    testing::run(
        info,
        &[
            test!(hhdm_is_where_the_request_asked),
            test!(identity_map_is_kept_by_default),
            test!(recursive_entry_points_at_the_pml4),
        ],
    )
}

fn hhdm_is_where_the_request_asked(info: &mut BootInfo) {
    assert_eq!(info.hhdm_base(), HHDM_BASE);
    let boot_info = info as *const BootInfo as u64;
    assert!(boot_info >= HHDM_BASE && boot_info < HHDM_BASE + (1 << 40), "at {boot_info:#x}");
    assert!(info.memory_map().as_ptr() as u64 >= HHDM_BASE);
}

fn identity_map_is_kept_by_default(info: &mut BootInfo) {
    assert!(info.flags().contains(InfoFlags::IDENTITY_MAP), "flags {:?}", info.flags());
    // SAFETY: the identity map covers low memory except page 0; the BIOS data area and
    // the EBDA/ROM area are there on both firmwares, so 0x1000 is RAM or reserved RAM.
    let _ = unsafe { (0x1000 as *const u64).read_volatile() };
}

fn recursive_entry_points_at_the_pml4(info: &mut BootInfo) {
    let index = u64::from(info.recursive_index().expect("RECURSIVE flag set"));
    assert!((256..512).contains(&index), "index {index}");
    // Through the recursive entry taken four times, the PML4 itself is at this address
    // (sign-extended from bit 47).
    let pml4 = 0xffff_0000_0000_0000 | index << 39 | index << 30 | index << 21 | index << 12;
    let cr3: u64;
    // SAFETY: reading CR3 has no side effect.
    unsafe { core::arch::asm!("mov {}, cr3", out(reg) cr3, options(nomem, nostack)) };
    // SAFETY: the loader installed the recursive entry, so this address maps the PML4.
    let entry = unsafe { (pml4 as *const u64).add(index as usize).read_volatile() };
    let frame_mask = 0x000f_ffff_ffff_f000;
    assert_eq!(entry & frame_mask, cr3 & frame_mask, "entry {entry:#x}, CR3 {cr3:#x}");
    assert_ne!(entry & 1, 0, "present");
    assert_ne!(entry >> 63, 0, "NX: the tables are never executable");
}

#[panic_handler]
fn panic(info: &PanicInfo) -> ! {
    testing::panic_failed(info)
}
