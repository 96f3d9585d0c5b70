//! The protocol's structures and constants, field for field as in `include/elfboot.h`
//! (docs/protocol.md). These are plain data: reading them is always safe. The types that
//! follow pointers ([`BootInfo`](crate::BootInfo), [`Module`](crate::Module)) wrap them.

use core::mem::{offset_of, size_of};

/// Version of the boot protocol this crate implements (`ELFBOOT_PROTOCOL_VERSION`).
pub const PROTOCOL_VERSION: u32 = 1;

/// First magic word of a [`Request`]: `"ELFBOOT\0"` (`ELFBOOT_REQUEST_MAGIC0`).
pub const REQUEST_MAGIC0: u64 = 0x0054_4f4f_4246_4c45;
/// Second magic word of a [`Request`] (`ELFBOOT_REQUEST_MAGIC1`).
pub const REQUEST_MAGIC1: u64 = 0xd1f3_a0c5_b7e2_9468;
/// Magic word at the start of the boot information: `"ELFBOOT1"` (`ELFBOOT_INFO_MAGIC`).
pub const INFO_MAGIC: u64 = 0x3154_4f4f_4246_4c45;

/// Default kernel stack size when a request leaves `stack_size` at zero (64 KiB).
pub const DEFAULT_STACK_SIZE: u64 = 64 * 1024;
/// Default base of the higher-half direct map when a request leaves `hhdm_base` at zero.
pub const DEFAULT_HHDM_BASE: u64 = 0xffff_8000_0000_0000;

/// The kernel's request to the loader (`struct elfboot_request`), optional.
///
/// Build one with [`Request::new`] and its `with_*` methods, and place it in the kernel
/// with [`request!`](crate::request). Zero in any field means "the default".
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Request {
    /// [`REQUEST_MAGIC0`], [`REQUEST_MAGIC1`]: how the loader finds the request.
    pub magic: [u64; 2],
    /// [`PROTOCOL_VERSION`].
    pub version: u32,
    /// [`RequestFlags`](crate::RequestFlags) bits (`ELFBOOT_REQ_*`).
    pub flags: u32,
    /// Stack size in bytes, rounded up to 4 KiB; 0: 64 KiB.
    pub stack_size: u64,
    /// Base of the higher-half direct map, 1 GiB aligned; 0: `0xffff800000000000`.
    pub hhdm_base: u64,
    /// Preferred framebuffer width in pixels; 0: the largest mode up to 1920x1080.
    pub fb_width: u32,
    /// Preferred framebuffer height in pixels; 0: as for `fb_width`.
    pub fb_height: u32,
    /// Must be zero: the loader refuses a request with anything else here.
    pub reserved: [u64; 4],
}

/// One entry of the memory map (`struct elfboot_memmap_entry`).
///
/// The map is sorted by `base`, entries never overlap, and every `USABLE` entry is 4 KiB
/// aligned at both ends.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemoryRegion {
    /// Physical address of the first byte.
    pub base: u64,
    /// Length in bytes, never zero.
    pub length: u64,
    /// Raw memory type (`ELFBOOT_MEM_*`); [`MemoryRegion::kind`] decodes it.
    pub type_: u32,
    /// Zero.
    pub reserved: u32,
}

/// What a [`MemoryRegion`] holds (`ELFBOOT_MEM_*`).
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MemoryKind {
    /// Free RAM, the kernel's to use.
    Usable = 1,
    /// Not usable: firmware, device memory, holes the firmware reports.
    Reserved = 2,
    /// ACPI tables: usable once the kernel has read them.
    AcpiReclaimable = 3,
    /// ACPI non-volatile storage: never usable.
    AcpiNvs = 4,
    /// RAM that the firmware reported as faulty.
    Bad = 5,
    /// Boot info, memory map, strings, page tables, GDT: usable once the kernel is done
    /// with the boot info and runs on its own page tables.
    LoaderReclaimable = 6,
    /// The kernel's segments and its stack.
    Kernel = 7,
    /// The modules' contents.
    Modules = 8,
    /// The framebuffer.
    Framebuffer = 9,
    /// UEFI runtime services code and data.
    FirmwareRuntime = 10,
}

impl MemoryKind {
    /// Decodes a raw `ELFBOOT_MEM_*` value; `None` for a value this crate does not know.
    pub const fn from_raw(raw: u32) -> Option<MemoryKind> {
        Some(match raw {
            1 => MemoryKind::Usable,
            2 => MemoryKind::Reserved,
            3 => MemoryKind::AcpiReclaimable,
            4 => MemoryKind::AcpiNvs,
            5 => MemoryKind::Bad,
            6 => MemoryKind::LoaderReclaimable,
            7 => MemoryKind::Kernel,
            8 => MemoryKind::Modules,
            9 => MemoryKind::Framebuffer,
            10 => MemoryKind::FirmwareRuntime,
            _ => return None,
        })
    }

    /// A short lowercase name for printing ("usable", "acpi-nvs", ...).
    pub const fn name(self) -> &'static str {
        match self {
            MemoryKind::Usable => "usable",
            MemoryKind::Reserved => "reserved",
            MemoryKind::AcpiReclaimable => "acpi-reclaimable",
            MemoryKind::AcpiNvs => "acpi-nvs",
            MemoryKind::Bad => "bad",
            MemoryKind::LoaderReclaimable => "loader-reclaimable",
            MemoryKind::Kernel => "kernel",
            MemoryKind::Modules => "modules",
            MemoryKind::Framebuffer => "framebuffer",
            MemoryKind::FirmwareRuntime => "firmware-runtime",
        }
    }
}

impl MemoryRegion {
    /// The region's type; `None` when the loader reports a type newer than this crate.
    pub const fn kind(&self) -> Option<MemoryKind> {
        MemoryKind::from_raw(self.type_)
    }

    /// Physical address one past the last byte.
    pub const fn end(&self) -> u64 {
        self.base + self.length
    }

    /// True for free RAM ([`MemoryKind::Usable`]).
    pub const fn is_usable(&self) -> bool {
        self.type_ == MemoryKind::Usable as u32
    }
}

/// The framebuffer as the loader set it up (`struct elfboot_framebuffer`).
///
/// [`BootInfo::framebuffer`](crate::BootInfo::framebuffer) gives it as a pixel buffer.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FramebufferInfo {
    /// Physical address; 0: no framebuffer (text mode, or none was found).
    pub phys: u64,
    /// The same address in the higher-half direct map.
    pub virt: u64,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Bytes from the start of one line to the start of the next.
    pub pitch: u32,
    /// Bits per pixel: 32, 24 or 16.
    pub bpp: u16,
    /// Bits of red.
    pub red_size: u8,
    /// Position of red's lowest bit in a pixel.
    pub red_shift: u8,
    /// Bits of green.
    pub green_size: u8,
    /// Position of green's lowest bit in a pixel.
    pub green_shift: u8,
    /// Bits of blue.
    pub blue_size: u8,
    /// Position of blue's lowest bit in a pixel.
    pub blue_shift: u8,
    /// Zero.
    pub reserved: [u8; 4],
}

/// A module as the boot info stores it (`struct elfboot_module`): addresses, not slices.
/// [`Module`](crate::Module) is the same bytes with safe accessors.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawModule {
    /// Physical address of the contents.
    pub phys: u64,
    /// The contents in the higher-half direct map, 4 KiB aligned.
    pub virt: u64,
    /// Size in bytes.
    pub size: u64,
    /// Virtual address of the NUL-terminated name.
    pub name: u64,
}

/// The kernel's `PT_TLS` template (`struct elfboot_tls`).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tls {
    /// Virtual address of the template; 0: the kernel has no `PT_TLS`.
    pub start: u64,
    /// Bytes of initialised data at `start`.
    pub file_size: u64,
    /// Size of one thread's block (the rest is zero).
    pub mem_size: u64,
    /// Alignment of a block.
    pub align: u64,
}

/// The boot information as the loader writes it (`struct elfboot_info`): addresses, not
/// slices. [`BootInfo`](crate::BootInfo) is the same bytes with safe accessors; its
/// [`raw`](crate::BootInfo::raw) method gives this view.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawBootInfo {
    /// [`INFO_MAGIC`].
    pub magic: u64,
    /// Protocol version of the loader: 1.
    pub version: u32,
    /// `size_of::<RawBootInfo>()` as the loader knows it: fields past it do not exist.
    pub size: u32,
    /// [`Firmware`](crate::Firmware) as a number (`ELFBOOT_FIRMWARE_*`).
    pub firmware: u32,
    /// [`InfoFlags`](crate::InfoFlags) bits (`ELFBOOT_INFO_*`).
    pub flags: u32,
    /// Base of the higher-half direct map.
    pub hhdm_base: u64,
    /// Virtual address of the [`MemoryRegion`] array.
    pub memmap: u64,
    /// Number of memory-map entries.
    pub memmap_count: u64,
    /// The framebuffer.
    pub framebuffer: FramebufferInfo,
    /// Physical address of the ACPI RSDP; 0: none.
    pub rsdp: u64,
    /// Physical address of the SMBIOS entry point; 0: none.
    pub smbios: u64,
    /// Physical address of the UEFI system table; 0 on BIOS.
    pub efi_system_table: u64,
    /// Virtual address of the NUL-terminated command line ("" if none).
    pub cmdline: u64,
    /// Virtual address of the [`RawModule`] array.
    pub modules: u64,
    /// Number of modules.
    pub module_count: u64,
    /// Physical address of the lowest loaded segment.
    pub kernel_phys: u64,
    /// Its virtual address, after relocation.
    pub kernel_virt: u64,
    /// Bytes from the lowest segment to the end of the highest.
    pub kernel_size: u64,
    /// Relocation slide; 0 unless the kernel was relocated.
    pub kernel_slide: u64,
    /// Top of the kernel stack (16-byte aligned).
    pub stack_top: u64,
    /// Size of the kernel stack in bytes.
    pub stack_size: u64,
    /// The kernel's TLS template.
    pub tls: Tls,
    /// Index of the recursive PML4 entry, valid with `InfoFlags::RECURSIVE`.
    pub recursive_index: u64,
    /// Seconds since 1970-01-01 UTC at boot; 0: unknown.
    pub boot_time: u64,
    /// Virtual address of the loader's NUL-terminated name, e.g. "elfboot 1.0.0 (uefi)".
    pub loader_name: u64,
}

// The sizes include/elfboot.h asserts; the host layout test compares every field.
const _: () = assert!(size_of::<Request>() == 80);
const _: () = assert!(size_of::<MemoryRegion>() == 24);
const _: () = assert!(size_of::<FramebufferInfo>() == 40);
const _: () = assert!(size_of::<RawModule>() == 32);
const _: () = assert!(size_of::<Tls>() == 32);
const _: () = assert!(size_of::<RawBootInfo>() == 240);
const _: () = assert!(offset_of!(RawBootInfo, framebuffer) == 48);
const _: () = assert!(offset_of!(RawBootInfo, tls) == 184);
const _: () = assert!(offset_of!(RawBootInfo, loader_name) == 232);
