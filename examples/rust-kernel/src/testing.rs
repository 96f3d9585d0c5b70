//! A test runner for kernel tests: each test file is a kernel (`harness = false`) that
//! calls [`run`] with its tests; a panic ends the run through [`panic_failed`].
//! The output mimics libtest's, so it reads the same in `cargo test`.

use core::panic::PanicInfo;

use elfboot::BootInfo;

use crate::println;
use crate::qemu::{exit, ExitCode};

/// One named test; it passes when it returns and fails when it panics.
pub struct Test {
    /// Printed as libtest prints a test's path.
    pub name: &'static str,
    /// The test, given the boot info.
    pub run: fn(&mut BootInfo),
}

/// Declares a [`Test`] named after the function: `test!(memory_map_is_sorted)`.
#[macro_export]
macro_rules! test {
    ($f:ident) => {
        $crate::testing::Test { name: stringify!($f), run: $f }
    };
}

/// Runs every test in order, then exits QEMU with success; the first panic exits with
/// failure instead (through the test kernel's panic handler).
pub fn run(info: &mut BootInfo, tests: &[Test]) -> ! {
    crate::serial::init();
    println!("\nrunning {} tests", tests.len());
    for test in tests {
        crate::print!("test {} ... ", test.name);
        (test.run)(info);
        println!("ok");
    }
    println!("\ntest result: ok. {} passed; 0 failed", tests.len());
    exit(ExitCode::Success)
}

/// A test kernel's panic handler: reports the failure and exits QEMU with failure.
pub fn panic_failed(info: &PanicInfo) -> ! {
    println!("FAILED\n\n{info}\n\ntest result: FAILED");
    exit(ExitCode::Failed)
}

/// For a test that must panic: the panic is the success.
pub fn panic_expected(info: &PanicInfo) -> ! {
    println!("ok (panicked as expected: {})", info.message());
    exit(ExitCode::Success)
}
