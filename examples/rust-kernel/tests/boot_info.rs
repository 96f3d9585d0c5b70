//! Boots as its own kernel and checks what elfboot promised in docs/protocol.md against
//! what this kernel finds: the memory map's rules, where the kernel and its stack are,
//! the direct map, the request being honoured, the firmware tables, and the command line
//! and module that Cargo.toml's [package.metadata.elfboot] gives the runner.
#![no_std]
#![no_main]

use core::panic::PanicInfo;

use elfboot::{BootInfo, Firmware, InfoFlags, MemoryKind, Request};
use rust_kernel::test;
use rust_kernel::testing;

const STACK_SIZE: u64 = 256 * 1024;
const KERNEL_BASE: u64 = 0xffff_ffff_8000_0000;

elfboot::entry_point!(kmain);
elfboot::request!(Request::new().with_stack_size(STACK_SIZE));

fn kmain(info: &'static mut BootInfo) -> ! {
    testing::run(
        info,
        &[
            test!(loader_and_firmware_agree),
            test!(memory_map_follows_the_rules),
            test!(kernel_is_in_the_higher_half_and_in_a_kernel_region),
            test!(stack_is_the_requested_size_and_in_use),
            test!(direct_map_shows_the_kernel_bytes),
            test!(boot_info_lives_in_loader_reclaimable_memory),
            test!(rsdp_points_at_an_acpi_table),
            test!(framebuffer_is_reachable_through_the_direct_map),
            test!(command_line_and_module_come_from_cargo_toml),
        ],
    )
}

fn loader_and_firmware_agree(info: &mut BootInfo) {
    assert!(info.loader_name().starts_with("elfboot "), "loader {:?}", info.loader_name());
    match info.firmware() {
        Some(Firmware::Bios) => {
            assert!(info.loader_name().ends_with("(bios)"), "{}", info.loader_name());
            assert_eq!(info.efi_system_table(), None);
        }
        Some(Firmware::Uefi) => {
            assert!(info.loader_name().ends_with("(uefi)"), "{}", info.loader_name());
            assert!(info.efi_system_table().is_some());
        }
        None => panic!("unknown firmware {}", info.raw().firmware),
    }
    assert!(!info.flags().contains(InfoFlags::RELOCATED), "an ET_EXEC kernel is not relocated");
    assert_eq!(info.kernel_slide(), 0);
}

fn memory_map_follows_the_rules(info: &mut BootInfo) {
    let map = info.memory_map();
    assert!(map.len() >= 3, "only {} entries", map.len());
    for region in map {
        assert!(region.length > 0, "empty entry at {:#x}", region.base);
        assert!(region.kind().is_some(), "unknown type {} at {:#x}", region.type_, region.base);
        if region.is_usable() {
            assert!(region.base % 4096 == 0 && region.length % 4096 == 0, "{region:?}");
        }
    }
    for pair in map.windows(2) {
        assert!(pair[0].end() <= pair[1].base, "overlap or unsorted: {:?} {:?}", pair[0], pair[1]);
        let adjacent = pair[0].end() == pair[1].base;
        assert!(
            !(adjacent && pair[0].type_ == pair[1].type_),
            "not merged: {:?} {:?}",
            pair[0],
            pair[1]
        );
    }
    let usable: u64 = map.iter().filter(|r| r.is_usable()).map(|r| r.length).sum();
    assert!(usable > 16 << 20, "only {usable} bytes usable");
}

/// The memory-map entry holding physical address `phys`.
fn region_of(info: &BootInfo, phys: u64) -> Option<MemoryKind> {
    info.memory_map().iter().find(|r| r.base <= phys && phys < r.end()).and_then(|r| r.kind())
}

fn kernel_is_in_the_higher_half_and_in_a_kernel_region(info: &mut BootInfo) {
    assert_eq!(info.kernel_virt(), KERNEL_BASE);
    let here = kernel_is_in_the_higher_half_and_in_a_kernel_region as *const () as u64;
    assert!(here >= KERNEL_BASE && here < KERNEL_BASE + info.kernel_size(), "code at {here:#x}");
    let end = info.kernel_phys() + info.kernel_size() - 1;
    assert_eq!(region_of(info, info.kernel_phys()), Some(MemoryKind::Kernel));
    assert_eq!(region_of(info, end), Some(MemoryKind::Kernel));
}

fn stack_is_the_requested_size_and_in_use(info: &mut BootInfo) {
    assert_eq!(info.stack_size(), STACK_SIZE, "the request asked for 256 KiB");
    assert_eq!(info.stack_top() % 16, 0);
    let local = 0u8;
    let here = &local as *const u8 as u64;
    assert!(
        here < info.stack_top() && here >= info.stack_top() - info.stack_size(),
        "stack at {here:#x}"
    );
}

fn direct_map_shows_the_kernel_bytes(info: &mut BootInfo) {
    assert_eq!(info.hhdm_base(), elfboot::DEFAULT_HHDM_BASE);
    let through_hhdm = info.phys_to_virt(info.kernel_phys()) as *const [u8; 64];
    let linked = info.kernel_virt() as *const [u8; 64];
    // SAFETY: both map the kernel's first page (protocol: HHDM and kernel segments).
    assert!(unsafe { *through_hhdm == *linked }, "the HHDM does not show the kernel's bytes");
    if info.flags().contains(InfoFlags::IDENTITY_MAP) {
        // SAFETY: the identity map covers physical memory except page 0.
        assert!(unsafe { *(info.kernel_phys() as *const [u8; 64]) == *linked });
    }
}

fn boot_info_lives_in_loader_reclaimable_memory(info: &mut BootInfo) {
    let phys = info as *const BootInfo as u64 - info.hhdm_base();
    assert_eq!(
        region_of(info, phys),
        Some(MemoryKind::LoaderReclaimable),
        "boot info at {phys:#x}"
    );
    let map = info.memory_map().as_ptr() as u64 - info.hhdm_base();
    assert_eq!(region_of(info, map), Some(MemoryKind::LoaderReclaimable), "memory map at {map:#x}");
}

fn rsdp_points_at_an_acpi_table(info: &mut BootInfo) {
    let rsdp = info.rsdp().expect("QEMU provides ACPI on both firmwares");
    // SAFETY: physical memory is mapped at the HHDM.
    let signature = unsafe { *(info.phys_to_virt(rsdp) as *const [u8; 8]) };
    assert_eq!(&signature, b"RSD PTR ");
}

fn framebuffer_is_reachable_through_the_direct_map(info: &mut BootInfo) {
    let Some(raw) = info.framebuffer_info().copied() else { return };
    assert_eq!(raw.virt, info.phys_to_virt(raw.phys));
    let mut fb = info.framebuffer().expect("a consistent framebuffer description");
    let last = fb.buffer().len() - 1;
    fb.buffer_mut()[last] = 0x5a;
    assert_eq!(fb.buffer()[last], 0x5a);
}

/// Cargo.toml's [package.metadata.elfboot] sets `cmdline` and `modules`.
fn command_line_and_module_come_from_cargo_toml(info: &mut BootInfo) {
    assert_eq!(info.cmdline(), "log=info");
    assert_eq!(info.modules().len(), 1);
    let module = info.module("greeting").expect("a module named greeting");
    assert_eq!(module.data(), include_bytes!("../modules/greeting.txt"));
    assert_eq!(module.phys() % 4096, 0);
    assert_eq!(module.data().as_ptr() as u64, info.phys_to_virt(module.phys()));
    assert_eq!(region_of(info, module.phys()), Some(MemoryKind::Modules));
}

#[panic_handler]
fn panic(info: &PanicInfo) -> ! {
    testing::panic_failed(info)
}
