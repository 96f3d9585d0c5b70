//! A kernel test that passes by panicking: the panic handler reports success. This is
//! how to test that something fails loudly (here: a failed assertion reaches the panic
//! handler with its message, and COM1 still works from it).
#![no_std]
#![no_main]

use core::panic::PanicInfo;

use elfboot::BootInfo;
use rust_kernel::qemu::{exit, ExitCode};
use rust_kernel::{print, println, serial};

elfboot::entry_point!(kmain);

fn kmain(info: &'static mut BootInfo) -> ! {
    serial::init();
    print!("test assertion_failure_panics ... ");
    assert_eq!(info.memory_map().len(), 0, "a memory map cannot be empty");
    println!("[did not panic]");
    exit(ExitCode::Failed)
}

#[panic_handler]
fn panic(info: &PanicInfo) -> ! {
    rust_kernel::testing::panic_expected(info)
}
