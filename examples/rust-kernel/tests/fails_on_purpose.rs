//! Fails on purpose: `cargo test --features fail-on-purpose` must report this kernel as
//! failed (QEMU exits with the failure code, the runner exits non-zero, cargo says so).
//! The repository's tests check exactly that.
#![no_std]
#![no_main]

use core::panic::PanicInfo;

use elfboot::BootInfo;
use rust_kernel::test;
use rust_kernel::testing;

elfboot::entry_point!(kmain);

fn kmain(info: &'static mut BootInfo) -> ! {
    testing::run(info, &[test!(passes_first), test!(then_fails)])
}

fn passes_first(info: &mut BootInfo) {
    assert!(!info.memory_map().is_empty());
}

fn then_fails(info: &mut BootInfo) {
    assert_eq!(info.hhdm_base(), 0, "fails on purpose: the direct map is never at 0");
}

#[panic_handler]
fn panic(info: &PanicInfo) -> ! {
    testing::panic_failed(info)
}
