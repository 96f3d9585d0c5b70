//! Safe access to the boot information: slices for arrays, `&str` for strings.
//!
//! The loader hands the kernel a pointer; everything inside is addressed through the
//! higher-half direct map and stays valid while the kernel keeps the loader's page
//! tables and does not reuse `LoaderReclaimable` memory. That promise is what makes
//! these accessors safe once a [`BootInfo`] reference exists, and only
//! [`entry_point!`](crate::entry_point) or the unsafe [`BootInfo::from_ptr`] make one.

use core::fmt;
use core::mem::size_of;
use core::slice;

use crate::framebuffer::Framebuffer;
use crate::protocol::{
    FramebufferInfo, MemoryRegion, RawBootInfo, RawModule, Tls, INFO_MAGIC, PROTOCOL_VERSION,
};
use crate::{Firmware, InfoFlags};

/// Why a pointer is not a usable boot info ([`BootInfo::from_ptr`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InvalidBootInfo {
    /// The pointer is null or not 8-byte aligned.
    BadPointer(u64),
    /// The first word is not [`INFO_MAGIC`]: not booted by elfboot.
    BadMagic(u64),
    /// The loader speaks an older protocol, or claims fewer bytes than version 1 has.
    Unsupported {
        /// The loader's protocol version.
        version: u32,
        /// The size of the boot info as the loader knows it.
        size: u32,
    },
}

impl fmt::Display for InvalidBootInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            InvalidBootInfo::BadPointer(p) => write!(f, "boot info pointer {p:#x} is invalid"),
            InvalidBootInfo::BadMagic(m) => {
                write!(f, "boot info magic is {m:#x}, not {INFO_MAGIC:#x}: not booted by elfboot")
            }
            InvalidBootInfo::Unsupported { version, size } => {
                write!(f, "boot info version {version} size {size} is older than this crate")
            }
        }
    }
}

/// The boot information (`struct elfboot_info`) with safe accessors.
///
/// Same bytes as [`RawBootInfo`]; the kernel receives it as `&'static mut BootInfo` from
/// [`entry_point!`](crate::entry_point). The reference is mutable only so that the
/// framebuffer can be borrowed mutably once.
#[repr(transparent)]
pub struct BootInfo(RawBootInfo);

impl BootInfo {
    /// Checks what the loader passed in `RDI` and borrows it for the rest of the run.
    ///
    /// # Safety
    /// `ptr` must be the value the loader passed at entry (or null), every address in it
    /// must still be mapped as the loader left it, and no other reference to it may exist.
    pub unsafe fn from_ptr(ptr: *mut BootInfo) -> Result<&'static mut BootInfo, InvalidBootInfo> {
        if ptr.is_null() || (ptr as usize) % 8 != 0 {
            return Err(InvalidBootInfo::BadPointer(ptr as u64));
        }
        // SAFETY: non-null and aligned; the caller promises it points at the boot info.
        let info = unsafe { &mut *ptr };
        if info.0.magic != INFO_MAGIC {
            return Err(InvalidBootInfo::BadMagic(info.0.magic));
        }
        if info.0.version < PROTOCOL_VERSION || (info.0.size as usize) < size_of::<RawBootInfo>() {
            let (version, size) = (info.0.version, info.0.size);
            return Err(InvalidBootInfo::Unsupported { version, size });
        }
        Ok(info)
    }

    /// The fields as the loader wrote them: addresses, counts, raw enums.
    pub fn raw(&self) -> &RawBootInfo {
        &self.0
    }

    /// The loader's protocol version (1 or later).
    pub fn version(&self) -> u32 {
        self.0.version
    }

    /// BIOS or UEFI; `None` for a value this crate does not know.
    pub fn firmware(&self) -> Option<Firmware> {
        Firmware::from_raw(self.0.firmware)
    }

    /// What the loader did: identity map kept, recursive entry, relocation, KASLR.
    pub fn flags(&self) -> InfoFlags {
        InfoFlags::from_bits_retain(self.0.flags)
    }

    /// Base of the higher-half direct map: physical `p` is at virtual `hhdm_base + p`.
    pub fn hhdm_base(&self) -> u64 {
        self.0.hhdm_base
    }

    /// The virtual address of physical address `phys` in the higher-half direct map.
    pub fn phys_to_virt(&self, phys: u64) -> u64 {
        self.0.hhdm_base.wrapping_add(phys)
    }

    /// The memory map: sorted, non-overlapping, every byte of RAM in exactly one entry.
    pub fn memory_map(&self) -> &[MemoryRegion] {
        // SAFETY: the loader's array of `memmap_count` entries (module docs).
        unsafe { slice_at(self.0.memmap, self.0.memmap_count) }
    }

    /// The modules, in the order of the configuration.
    pub fn modules(&self) -> &[Module] {
        // SAFETY: as above; `Module` is `RawModule` by `repr(transparent)`.
        unsafe { slice_at(self.0.modules, self.0.module_count) }
    }

    /// The first module named `name`.
    pub fn module(&self, name: &str) -> Option<&Module> {
        self.modules().iter().find(|m| m.name() == name)
    }

    /// The kernel command line ("" if none). Stops before the first byte that is not
    /// UTF-8; [`cmdline_bytes`](Self::cmdline_bytes) has every byte.
    pub fn cmdline(&self) -> &str {
        utf8_prefix(self.cmdline_bytes())
    }

    /// The kernel command line as bytes, without the terminating NUL.
    pub fn cmdline_bytes(&self) -> &[u8] {
        // SAFETY: a NUL-terminated string of the loader (module docs).
        unsafe { c_string_at(self.0.cmdline) }
    }

    /// The loader's name and version, e.g. "elfboot 1.0.0 (uefi)".
    pub fn loader_name(&self) -> &str {
        // SAFETY: as for the command line.
        utf8_prefix(unsafe { c_string_at(self.0.loader_name) })
    }

    /// The framebuffer's description; `None` when the display is in text mode.
    pub fn framebuffer_info(&self) -> Option<&FramebufferInfo> {
        (self.0.framebuffer.phys != 0).then_some(&self.0.framebuffer)
    }

    /// The framebuffer as a pixel buffer; `None` in text mode or when the loader's
    /// description is inconsistent (unknown depth, pitch shorter than a line).
    pub fn framebuffer(&mut self) -> Option<Framebuffer<'_>> {
        let fb = self.0.framebuffer;
        if fb.phys == 0 || fb.virt == 0 {
            return None;
        }
        // SAFETY: `virt` maps `pitch * height` bytes of the framebuffer (protocol), and
        // the `&mut self` borrow keeps this the only view made through this crate.
        unsafe { Framebuffer::from_info(fb) }
    }

    /// Physical address of the ACPI RSDP.
    pub fn rsdp(&self) -> Option<u64> {
        non_zero(self.0.rsdp)
    }

    /// Physical address of the SMBIOS entry point.
    pub fn smbios(&self) -> Option<u64> {
        non_zero(self.0.smbios)
    }

    /// Physical address of the UEFI system table (UEFI boots only).
    pub fn efi_system_table(&self) -> Option<u64> {
        non_zero(self.0.efi_system_table)
    }

    /// Physical address of the kernel's lowest loaded segment.
    pub fn kernel_phys(&self) -> u64 {
        self.0.kernel_phys
    }

    /// Virtual address of the kernel's lowest loaded segment, after relocation.
    pub fn kernel_virt(&self) -> u64 {
        self.0.kernel_virt
    }

    /// Bytes from the kernel's lowest segment to the end of its highest.
    pub fn kernel_size(&self) -> u64 {
        self.0.kernel_size
    }

    /// How far a relocatable kernel was moved from its link address (0 otherwise).
    pub fn kernel_slide(&self) -> u64 {
        self.0.kernel_slide
    }

    /// Top of the kernel stack; the page below its bottom is an unmapped guard.
    pub fn stack_top(&self) -> u64 {
        self.0.stack_top
    }

    /// Size of the kernel stack in bytes.
    pub fn stack_size(&self) -> u64 {
        self.0.stack_size
    }

    /// The kernel's TLS template; `None` when it has no `PT_TLS` segment.
    pub fn tls(&self) -> Option<&Tls> {
        (self.0.tls.start != 0).then_some(&self.0.tls)
    }

    /// The recursive PML4 index (256 to 511), when the kernel asked for one.
    pub fn recursive_index(&self) -> Option<u16> {
        self.flags().contains(InfoFlags::RECURSIVE).then_some(self.0.recursive_index as u16)
    }

    /// Seconds since 1970-01-01 UTC when the machine booted; `None` if unknown.
    pub fn boot_time(&self) -> Option<u64> {
        non_zero(self.0.boot_time)
    }
}

/// Field by field, with arrays and strings followed.
impl fmt::Debug for BootInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BootInfo")
            .field("version", &self.version())
            .field("firmware", &self.firmware())
            .field("flags", &self.flags())
            .field("hhdm_base", &format_args!("{:#x}", self.hhdm_base()))
            .field("memory_map", &self.memory_map())
            .field("framebuffer", &self.framebuffer_info())
            .field("cmdline", &self.cmdline())
            .field("modules", &self.modules())
            .field("kernel_virt", &format_args!("{:#x}", self.kernel_virt()))
            .field("loader_name", &self.loader_name())
            .finish_non_exhaustive()
    }
}

/// A module loaded with the kernel (`struct elfboot_module`), with safe accessors.
#[repr(transparent)]
pub struct Module(RawModule);

impl Module {
    /// The fields as the loader wrote them.
    pub fn raw(&self) -> &RawModule {
        &self.0
    }

    /// The module's name (from the configuration; its path when it gave none).
    pub fn name(&self) -> &str {
        // SAFETY: a NUL-terminated string of the loader (module docs).
        utf8_prefix(unsafe { c_string_at(self.0.name) })
    }

    /// The module's contents.
    pub fn data(&self) -> &[u8] {
        // SAFETY: `size` bytes at `virt` in the direct map (module docs).
        unsafe { slice_at(self.0.virt, self.0.size) }
    }

    /// Physical address of the contents (4 KiB aligned).
    pub fn phys(&self) -> u64 {
        self.0.phys
    }

    /// Size in bytes.
    pub fn size(&self) -> u64 {
        self.0.size
    }
}

impl fmt::Debug for Module {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Module")
            .field("name", &self.name())
            .field("phys", &format_args!("{:#x}", self.0.phys))
            .field("size", &self.0.size)
            .finish()
    }
}

fn non_zero(value: u64) -> Option<u64> {
    (value != 0).then_some(value)
}

/// The longest prefix of `bytes` that is valid UTF-8.
fn utf8_prefix(bytes: &[u8]) -> &str {
    match core::str::from_utf8(bytes) {
        Ok(text) => text,
        // SAFETY: from_utf8 checked every byte before `valid_up_to`.
        Err(e) => unsafe { core::str::from_utf8_unchecked(&bytes[..e.valid_up_to()]) },
    }
}

/// `count` items of `T` at virtual address `addr`; empty when `addr` or `count` is 0.
///
/// # Safety
/// `addr` must hold `count` valid `T`s for the lifetime the caller chooses.
unsafe fn slice_at<'a, T>(addr: u64, count: u64) -> &'a [T] {
    if addr == 0 || count == 0 {
        return &[];
    }
    // SAFETY: the caller's promise.
    unsafe { slice::from_raw_parts(addr as *const T, count as usize) }
}

/// The bytes of the NUL-terminated string at `addr`, without the NUL; empty for 0.
/// (Not `CStr::from_ptr`: it calls the C library's `strlen`, which a kernel may lack.)
///
/// # Safety
/// `addr` must be 0 or point at a NUL-terminated string that outlives the result.
unsafe fn c_string_at<'a>(addr: u64) -> &'a [u8] {
    if addr == 0 {
        return &[];
    }
    let start = addr as *const u8;
    let mut len = 0;
    // SAFETY: the caller promises a NUL before the end of mapped memory. Volatile, so
    // that the compiler does not turn the loop into a call to `strlen`.
    while unsafe { start.add(len).read_volatile() } != 0 {
        len += 1;
    }
    // SAFETY: the `len` bytes just read.
    unsafe { slice::from_raw_parts(start, len) }
}

#[cfg(test)]
mod tests;
