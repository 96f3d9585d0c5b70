//! The accessors over a boot info built in host memory, as a loader would lay it out.

use super::*;
use crate::{MemoryKind, INFO_MAGIC};

/// The pieces a boot info points at, kept alive for the test.
struct Fixture {
    memmap: Vec<MemoryRegion>,
    modules: Vec<RawModule>,
    module_data: Vec<u8>,
    strings: Vec<&'static [u8]>,
}

fn region(base: u64, length: u64, kind: MemoryKind) -> MemoryRegion {
    MemoryRegion { base, length, type_: kind as u32, reserved: 0 }
}

fn fixture() -> Fixture {
    Fixture {
        memmap: vec![
            region(0, 0x9f000, MemoryKind::Usable),
            region(0x100000, 0x100000, MemoryKind::Kernel),
            region(0x200000, 0x7e00000, MemoryKind::Usable),
            MemoryRegion { base: 0xfd000000, length: 0x1000, type_: 77, reserved: 0 },
        ],
        modules: Vec::new(),
        module_data: b"module bytes".to_vec(),
        strings: vec![b"console=ttyS0 debug\0", b"initrd\0", b"elfboot 1.0.0 (bios)\0"],
    }
}

fn raw_info(f: &mut Fixture) -> RawBootInfo {
    f.modules = vec![RawModule {
        phys: 0x300000,
        virt: f.module_data.as_ptr() as u64,
        size: f.module_data.len() as u64,
        name: f.strings[1].as_ptr() as u64,
    }];
    let mut raw: RawBootInfo = unsafe { core::mem::zeroed() };
    raw.magic = INFO_MAGIC;
    raw.version = 1;
    raw.size = size_of::<RawBootInfo>() as u32;
    raw.firmware = 1;
    raw.flags = InfoFlags::IDENTITY_MAP.bits();
    raw.hhdm_base = 0xffff_8000_0000_0000;
    raw.memmap = f.memmap.as_ptr() as u64;
    raw.memmap_count = f.memmap.len() as u64;
    raw.cmdline = f.strings[0].as_ptr() as u64;
    raw.modules = f.modules.as_ptr() as u64;
    raw.module_count = 1;
    raw.loader_name = f.strings[2].as_ptr() as u64;
    raw.recursive_index = 510;
    raw
}

#[test]
fn accessors_follow_the_pointers() {
    let mut f = fixture();
    let mut raw = raw_info(&mut f);
    let info =
        unsafe { BootInfo::from_ptr(&mut raw as *mut RawBootInfo as *mut BootInfo) }.unwrap();
    assert_eq!(info.firmware(), Some(Firmware::Bios));
    assert_eq!(info.cmdline(), "console=ttyS0 debug");
    assert_eq!(info.loader_name(), "elfboot 1.0.0 (bios)");
    assert_eq!(info.memory_map().len(), 4);
    assert_eq!(info.memory_map()[1].kind(), Some(MemoryKind::Kernel));
    assert_eq!(info.memory_map()[3].kind(), None, "an unknown type is not a known kind");
    assert_eq!(info.modules().len(), 1);
    assert_eq!(info.modules()[0].name(), "initrd");
    assert_eq!(info.modules()[0].data(), b"module bytes");
    assert_eq!(info.module("initrd").map(|m| m.size()), Some(12));
    assert!(info.module("other").is_none());
    assert_eq!(info.phys_to_virt(0x1000), 0xffff_8000_0000_1000);
    assert!(info.flags().contains(InfoFlags::IDENTITY_MAP));
    assert_eq!(info.recursive_index(), None, "not valid without the RECURSIVE flag");
    assert!(info.framebuffer_info().is_none());
    assert!(info.framebuffer().is_none());
    assert!(info.tls().is_none());
    assert_eq!(info.boot_time(), None);
    assert_eq!(info.efi_system_table(), None);
}

#[test]
fn zero_addresses_give_empty_slices_and_strings() {
    let mut f = fixture();
    let mut raw = raw_info(&mut f);
    raw.memmap = 0;
    raw.modules = 0;
    raw.cmdline = 0;
    raw.loader_name = 0;
    let info =
        unsafe { BootInfo::from_ptr(&mut raw as *mut RawBootInfo as *mut BootInfo) }.unwrap();
    assert!(info.memory_map().is_empty());
    assert!(info.modules().is_empty());
    assert_eq!(info.cmdline(), "");
    assert_eq!(info.loader_name(), "");
}

#[test]
fn a_command_line_that_is_not_utf8_stops_at_the_bad_byte() {
    let mut f = fixture();
    let mut raw = raw_info(&mut f);
    let bytes: &[u8] = b"root=/dev/sda \xff rest\0";
    raw.cmdline = bytes.as_ptr() as u64;
    let info =
        unsafe { BootInfo::from_ptr(&mut raw as *mut RawBootInfo as *mut BootInfo) }.unwrap();
    assert_eq!(info.cmdline(), "root=/dev/sda ");
    assert_eq!(info.cmdline_bytes(), b"root=/dev/sda \xff rest");
}

/// `BootInfo::from_ptr` on a copy of `raw` changed by `change`.
fn check(
    mut raw: RawBootInfo,
    change: impl FnOnce(&mut RawBootInfo),
) -> Result<(), InvalidBootInfo> {
    change(&mut raw);
    unsafe { BootInfo::from_ptr(&mut raw as *mut RawBootInfo as *mut BootInfo) }.map(|_| ())
}

#[test]
fn from_ptr_refuses_what_is_not_a_boot_info() {
    let mut f = fixture();
    let raw = raw_info(&mut f);
    assert!(matches!(
        unsafe { BootInfo::from_ptr(core::ptr::null_mut()) },
        Err(InvalidBootInfo::BadPointer(0))
    ));
    assert_eq!(check(raw, |_| ()), Ok(()));
    assert_eq!(check(raw, |r| r.magic = 0x1234), Err(InvalidBootInfo::BadMagic(0x1234)));
    let err = check(raw, |r| r.size = 100).unwrap_err();
    assert_eq!(err, InvalidBootInfo::Unsupported { version: 1, size: 100 });
    assert!(err.to_string().contains("size 100"));
    assert!(check(raw, |r| r.version = 0).is_err());
}

#[test]
fn recursive_index_and_framebuffer_when_present() {
    let mut f = fixture();
    let mut raw = raw_info(&mut f);
    let mut pixels = vec![0u8; 16 * 4 * 8];
    raw.flags |= InfoFlags::RECURSIVE.bits();
    raw.framebuffer = FramebufferInfo {
        phys: 0xfd000000,
        virt: pixels.as_mut_ptr() as u64,
        width: 16,
        height: 8,
        pitch: 64,
        bpp: 32,
        red_size: 8,
        red_shift: 16,
        green_size: 8,
        green_shift: 8,
        blue_size: 8,
        blue_shift: 0,
        reserved: [0; 4],
    };
    let info =
        unsafe { BootInfo::from_ptr(&mut raw as *mut RawBootInfo as *mut BootInfo) }.unwrap();
    assert_eq!(info.recursive_index(), Some(510));
    let mut fb = info.framebuffer().expect("a framebuffer");
    assert!(fb.format().is_bgrx8888());
    fb.put_pixel(1, 2, crate::Color::rgb(0x11, 0x22, 0x33));
    let at = 2 * 64 + 4;
    assert_eq!(&fb.buffer()[at..at + 4], &[0x33, 0x22, 0x11, 0]);
    let text = format!("{info:?}");
    assert!(text.contains("cmdline: \"console=ttyS0 debug\""), "{text}");
}
