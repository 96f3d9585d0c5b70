//! The kernel itself: says hello on COM1 and halts (this project is about its tests).
#![no_std]
#![no_main]

use rust_kernel::{halt, println, serial};

elfboot::entry_point!(kmain);

fn kmain(_info: &'static mut elfboot::BootInfo) -> ! {
    serial::init();
    println!("bootimage-kernel: hello");
    halt()
}

#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    println!("{info}");
    halt()
}
