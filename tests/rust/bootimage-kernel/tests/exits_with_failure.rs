//! Must be reported as failed: writes 0x11, QEMU exits with 35, not the success code 33.
#![no_std]
#![no_main]

use rust_kernel::qemu::{exit, ExitCode};
use rust_kernel::{println, serial};

elfboot::entry_point!(kmain);

fn kmain(_info: &'static mut elfboot::BootInfo) -> ! {
    serial::init();
    println!("exits_with_failure: writing the failure code");
    exit(ExitCode::Failed)
}

#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    println!("exits_with_failure: {info}");
    exit(ExitCode::Failed)
}
