//! The example kernel: prints what elfboot handed it on COM1, draws on the framebuffer,
//! then leaves QEMU (when the runner gave it the debug-exit device) or halts.
#![no_std]
#![no_main]

use core::panic::PanicInfo;

use elfboot::{BootInfo, Color, Request};
use rust_kernel::qemu::{exit, ExitCode};
use rust_kernel::{print, println, serial};

elfboot::entry_point!(kmain);
elfboot::request!(Request::new().with_stack_size(128 * 1024));

fn kmain(info: &'static mut BootInfo) -> ! {
    serial::init();
    println!("rust-kernel: booted by {}", info.loader_name());
    print_summary(info);
    print_memory_map(info);
    print_modules(info);
    draw(info);
    println!("rust-kernel: done");
    exit(ExitCode::Success)
}

fn print_summary(info: &BootInfo) {
    let firmware = info.firmware().map_or("unknown", |f| f.name());
    println!("  firmware      {firmware}");
    println!("  flags         {:?}", info.flags());
    println!("  hhdm base     {:#x}", info.hhdm_base());
    println!(
        "  kernel        phys {:#x} virt {:#x} size {} KiB",
        info.kernel_phys(),
        info.kernel_virt(),
        info.kernel_size() / 1024
    );
    println!("  stack         top {:#x} size {} KiB", info.stack_top(), info.stack_size() / 1024);
    println!("  command line  \"{}\"", info.cmdline());
    print_address("rsdp", info.rsdp());
    print_address("smbios", info.smbios());
    print_address("efi system", info.efi_system_table());
    match info.boot_time() {
        Some(seconds) => print_date(seconds),
        None => println!("  boot time     unknown"),
    }
}

fn print_address(name: &str, address: Option<u64>) {
    match address {
        Some(a) => println!("  {name:<13} {a:#x}"),
        None => println!("  {name:<13} none"),
    }
}

/// Prints seconds since 1970 as a UTC date (civil-from-days, proleptic Gregorian).
fn print_date(seconds: u64) {
    let days = (seconds / 86400) as i64 + 719_468; // days since 0000-03-01
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153; // March = 0
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    let time = seconds % 86400;
    println!(
        "  boot time     {year}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        time / 3600,
        time / 60 % 60,
        time % 60
    );
}

fn print_memory_map(info: &BootInfo) {
    let map = info.memory_map();
    println!("memory map: {} entries", map.len());
    println!("  {:<18} {:<18} {:>12}  type", "base", "end", "size");
    for region in map {
        let kind = region.kind().map_or("unknown", |k| k.name());
        println!(
            "  {:#018x} {:#018x} {:>8} KiB  {kind}",
            region.base,
            region.end(),
            region.length / 1024
        );
    }
    let usable: u64 = map.iter().filter(|r| r.is_usable()).map(|r| r.length).sum();
    println!("  usable: {} MiB", usable >> 20);
}

fn print_modules(info: &BootInfo) {
    println!("modules: {}", info.modules().len());
    for module in info.modules() {
        print!("  {} ({} bytes at {:#x}):", module.name(), module.size(), module.phys());
        for byte in module.data().iter().take(16) {
            print!(" {byte:02x}");
        }
        println!();
    }
}

/// Shows three colour squares, so a person looking at the QEMU window sees that the
/// pixel format was understood (red, green, blue from left to right).
fn draw(info: &mut BootInfo) {
    let Some(mut fb) = info.framebuffer() else {
        println!("framebuffer: none (text mode)");
        return;
    };
    let format = fb.format();
    println!(
        "framebuffer: {}x{}, {} bpp, pitch {}, red {}@{} green {}@{} blue {}@{}",
        fb.width(),
        fb.height(),
        format.bits_per_pixel,
        fb.pitch(),
        format.red.size,
        format.red.shift,
        format.green.size,
        format.green.shift,
        format.blue.size,
        format.blue.shift
    );
    let colors = [Color::rgb(0xff, 0, 0), Color::rgb(0, 0xff, 0), Color::rgb(0, 0, 0xff)];
    for (i, color) in colors.into_iter().enumerate() {
        fb.fill_rect(16 + i * 80, 16, 64, 64, color);
    }
}

#[panic_handler]
fn panic(info: &PanicInfo) -> ! {
    println!("rust-kernel: {info}");
    exit(ExitCode::Failed)
}
