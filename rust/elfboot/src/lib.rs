//! The elfboot boot protocol for Rust kernels.
//!
//! elfboot loads ELF64 x86_64 kernels from BIOS or UEFI firmware
//! and calls them with a boot-info structure. This crate is the kernel's side of that
//! contract (`include/elfboot.h` in C), with no dependencies and no allocation:
//!
//! - [`entry_point!`] defines the entry the loader jumps to and checks at compile time
//!   that your main function is `fn(&'static mut BootInfo) -> !`;
//! - [`BootInfo`] gives the memory map and modules as slices, the command line and
//!   names as `&str`, the framebuffer as a pixel buffer with its format;
//! - [`request!`] places a [`Request`] (stack size, HHDM base, flags, resolution) in the
//!   kernel's `.elfboot` section, where the loader looks for it;
//! - the plain `#[repr(C)]` types ([`RawBootInfo`], [`MemoryRegion`], ...) mirror the C
//!   header field for field; a host test compares their layout with it.
//!
//! ```ignore
//! #![no_std]
//! #![no_main]
//!
//! use elfboot::{BootInfo, Request};
//!
//! elfboot::entry_point!(kmain);
//! elfboot::request!(Request::new().with_stack_size(128 * 1024));
//!
//! fn kmain(info: &'static mut BootInfo) -> ! {
//!     for region in info.memory_map() {
//!         // region.base, region.length, region.kind()
//!     }
//!     loop {}
//! }
//!
//! #[panic_handler]
//! fn panic(_: &core::panic::PanicInfo) -> ! {
//!     loop {}
//! }
//! ```
//!
//! Building from the stable `x86_64-unknown-linux-gnu` target (no `rustup target add`)
//! works too: with the default `mem-shims` feature this crate supplies the C-library
//! functions such a kernel lacks. See `docs/rust.md` in the elfboot repository.
#![cfg_attr(not(test), no_std)]
#![deny(missing_docs)]

mod entry;
mod flags;
mod framebuffer;
mod info;
mod protocol;
mod request;

#[cfg(all(feature = "mem-shims", target_os = "linux", panic = "abort", not(test)))]
mod shims;

pub use flags::{Firmware, InfoFlags, RequestFlags};
pub use framebuffer::{Channel, Color, Framebuffer, PixelFormat};
pub use info::{BootInfo, InvalidBootInfo, Module};
pub use protocol::*;

/// Used by the macros; not part of the API.
#[doc(hidden)]
pub mod __private {
    use crate::BootInfo;

    /// The checked boot info for `entry_point!`; panics with the reason when the loader
    /// did not pass one.
    ///
    /// # Safety
    /// As [`BootInfo::from_ptr`], called once.
    pub unsafe fn boot_info(ptr: *mut BootInfo) -> &'static mut BootInfo {
        // SAFETY: the caller's promise.
        match unsafe { BootInfo::from_ptr(ptr) } {
            Ok(info) => info,
            Err(reason) => panic!("elfboot: {reason}"),
        }
    }

    #[cfg(all(feature = "mem-shims", target_os = "linux", panic = "abort", not(test)))]
    pub use crate::shims::link_shims;

    /// Nothing to link on this target.
    #[cfg(not(all(feature = "mem-shims", target_os = "linux", panic = "abort", not(test))))]
    pub extern "C" fn link_shims() -> usize {
        0
    }
}
