//! The kernel's entry: [`entry_point!`](crate::entry_point) defines the symbol the loader
//! jumps to and hands the kernel a checked `&'static mut BootInfo`.

/// Defines the kernel's entry point (`_start`) and calls `kmain` with the boot info.
///
/// `kmain` must be `fn(&'static mut BootInfo) -> !`; anything else fails to compile.
/// The loader calls `_start` as a C function with the boot info in `RDI` on a 16-byte
/// aligned stack, so no assembly is needed. Before `kmain` runs, the boot info's magic
/// word and version are checked; on a mismatch the entry panics with the reason.
///
/// ```ignore
/// #![no_std]
/// #![no_main]
///
/// elfboot::entry_point!(kmain);
///
/// fn kmain(info: &'static mut elfboot::BootInfo) -> ! {
///     let usable: u64 = info.memory_map().iter().filter(|r| r.is_usable()).map(|r| r.length).sum();
///     loop {}
/// }
/// ```
#[macro_export]
macro_rules! entry_point {
    ($kmain:path) => {
        /// The entry the loader jumps to, made by `elfboot::entry_point!`.
        #[unsafe(export_name = "_start")]
        extern "C" fn __elfboot_entry(info: *mut $crate::BootInfo) -> ! {
            // The compile-time check of kmain's type.
            const KMAIN: fn(&'static mut $crate::BootInfo) -> ! = $kmain;
            // SAFETY: `info` is what the loader passed in RDI, and this runs once.
            KMAIN(unsafe { $crate::__private::boot_info(info) })
        }

        // Makes the linker take the crate's C-library shims when the kernel is built from
        // the Linux target (see the `mem-shims` feature); a null function otherwise.
        #[used]
        static __ELFBOOT_LINK_SHIMS: extern "C" fn() -> usize = $crate::__private::link_shims;
    };
}
