//! A kernel that asks for no identity map: the lower half holds no mapping at entry, so
//! reaching `kmain` at all shows the loader's last steps ran on upper-half memory only.
#![no_std]
#![no_main]

use core::panic::PanicInfo;

use elfboot::{BootInfo, InfoFlags, Request, RequestFlags};
use rust_kernel::test;
use rust_kernel::testing;

elfboot::entry_point!(kmain);
elfboot::request!(Request::new().with_flags(RequestFlags::NO_IDENTITY_MAP));

fn kmain(info: &'static mut BootInfo) -> ! {
    testing::run(info, &[test!(identity_map_flag_is_clear), test!(boot_info_is_in_the_hhdm)])
}

fn identity_map_flag_is_clear(info: &mut BootInfo) {
    assert!(!info.flags().contains(InfoFlags::IDENTITY_MAP), "flags {:?}", info.flags());
}

fn boot_info_is_in_the_hhdm(info: &mut BootInfo) {
    let address = info as *const BootInfo as u64;
    assert!(address >= info.hhdm_base(), "boot info at {address:#x}");
    assert!(info.cmdline_bytes().as_ptr() as u64 >= info.hhdm_base());
}

#[panic_handler]
fn panic(info: &PanicInfo) -> ! {
    testing::panic_failed(info)
}
