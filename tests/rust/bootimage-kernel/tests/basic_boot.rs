//! Passes the blog_os way: writes 0x10 to port 0xf4, QEMU exits with 33, and
//! `test-success-exit-code = 33` makes that a pass.
#![no_std]
#![no_main]

use rust_kernel::qemu::{exit, ExitCode};
use rust_kernel::{println, serial};

elfboot::entry_point!(kmain);

fn kmain(info: &'static mut elfboot::BootInfo) -> ! {
    serial::init();
    println!(
        "basic_boot: {} memory-map entries, cmdline {:?}",
        info.memory_map().len(),
        info.cmdline()
    );
    assert!(info.memory_map().iter().any(|r| r.is_usable()));
    println!("basic_boot: ok");
    exit(ExitCode::Success)
}

#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    println!("basic_boot: FAILED: {info}");
    exit(ExitCode::Failed)
}
