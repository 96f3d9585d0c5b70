//! A kernel with the right entry signature and a valid request: it must compile.
//! tests/rust/crate.sh changes one line of it at a time, and each change must fail to
//! compile with the error that entry_point! or request! promises (docs/rust.md).
#![no_std]
#![no_main]

use elfboot::{BootInfo, Request};

elfboot::entry_point!(kmain);
elfboot::request!(Request::new().with_stack_size(128 * 1024).with_hhdm_base(0xffff_a000_0000_0000));

fn kmain(info: &'static mut BootInfo) -> ! {
    let _ = info.memory_map();
    loop {}
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
