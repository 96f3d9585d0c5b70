//! What the example kernel and its tests share: printing on COM1, leaving QEMU with a
//! status, and a small runner for kernel tests (there is no libtest on bare metal).
#![no_std]

pub mod qemu;
pub mod serial;
pub mod testing;

/// Halts the CPU for good (interrupts are off, as the loader left them).
pub fn halt() -> ! {
    loop {
        // SAFETY: hlt only waits; with IF clear nothing wakes it but NMI.
        unsafe { core::arch::asm!("hlt", options(nomem, nostack)) };
    }
}
