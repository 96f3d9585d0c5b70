//! The crate's types against `include/elfboot.h`: a C program (tests/layout.c) prints the
//! header's sizes, offsets and constants as the C compiler sees them, and every one must
//! equal what `size_of`/`offset_of!` and the crate's constants give.

use std::collections::BTreeMap;
use std::mem::{offset_of, size_of};
use std::path::{Path, PathBuf};
use std::process::Command;

use elfboot::*;

/// `size_of` of a field's type, reached through a projection closure.
fn field_size<T, F>(_: fn(&T) -> &F) -> usize {
    size_of::<F>()
}

/// The facts as the Rust side sees them, in the C program's line format.
fn rust_layout() -> BTreeMap<String, String> {
    let mut facts = BTreeMap::new();
    macro_rules! size {
        ($t:ty, $c:literal) => {
            facts.insert(format!("size {}", $c), size_of::<$t>().to_string());
        };
    }
    macro_rules! field {
        ($t:ty, $c:literal, $f:ident) => {
            field!($t, $c, $f => stringify!($f))
        };
        ($t:ty, $c:literal, $f:ident => $cname:expr) => {
            facts.insert(
                format!("field {}.{}", $c, $cname),
                format!("{} {}", offset_of!($t, $f), field_size::<$t, _>(|s| &s.$f)),
            );
        };
    }
    macro_rules! constant {
        ($c:literal, $v:expr) => {
            facts.insert(format!("const {}", $c), ($v as u64).to_string());
        };
    }

    size!(Request, "elfboot_request");
    for_each_field!(
        field,
        Request,
        "elfboot_request",
        magic,
        version,
        flags,
        stack_size,
        hhdm_base,
        fb_width,
        fb_height,
        reserved
    );
    size!(MemoryRegion, "elfboot_memmap_entry");
    for_each_field!(field, MemoryRegion, "elfboot_memmap_entry", base, length, reserved);
    field!(MemoryRegion, "elfboot_memmap_entry", type_ => "type");
    size!(FramebufferInfo, "elfboot_framebuffer");
    for_each_field!(
        field,
        FramebufferInfo,
        "elfboot_framebuffer",
        phys,
        virt,
        width,
        height,
        pitch,
        bpp,
        red_size,
        red_shift,
        green_size,
        green_shift,
        blue_size,
        blue_shift,
        reserved
    );
    size!(RawModule, "elfboot_module");
    for_each_field!(field, RawModule, "elfboot_module", phys, virt, size, name);
    size!(Tls, "elfboot_tls");
    for_each_field!(field, Tls, "elfboot_tls", start, file_size, mem_size, align);
    size!(RawBootInfo, "elfboot_info");
    for_each_field!(
        field,
        RawBootInfo,
        "elfboot_info",
        magic,
        version,
        size,
        firmware,
        flags,
        hhdm_base,
        memmap,
        memmap_count,
        framebuffer,
        rsdp,
        smbios,
        efi_system_table,
        cmdline,
        modules,
        module_count,
        kernel_phys,
        kernel_virt,
        kernel_size,
        kernel_slide,
        stack_top,
        stack_size,
        tls,
        recursive_index,
        boot_time,
        loader_name
    );
    // The safe views are the raw structs under another name.
    assert_eq!(size_of::<BootInfo>(), size_of::<RawBootInfo>());
    assert_eq!(size_of::<Module>(), size_of::<RawModule>());

    constant!("ELFBOOT_PROTOCOL_VERSION", PROTOCOL_VERSION);
    constant!("ELFBOOT_REQUEST_MAGIC0", REQUEST_MAGIC0);
    constant!("ELFBOOT_REQUEST_MAGIC1", REQUEST_MAGIC1);
    constant!("ELFBOOT_REQ_NO_IDENTITY_MAP", RequestFlags::NO_IDENTITY_MAP.bits());
    constant!("ELFBOOT_REQ_RECURSIVE_MAP", RequestFlags::RECURSIVE_MAP.bits());
    constant!("ELFBOOT_REQ_KASLR", RequestFlags::KASLR.bits());
    constant!("ELFBOOT_REQ_NO_FRAMEBUFFER", RequestFlags::NO_FRAMEBUFFER.bits());
    constant!("ELFBOOT_INFO_MAGIC", INFO_MAGIC);
    constant!("ELFBOOT_MEM_USABLE", MemoryKind::Usable);
    constant!("ELFBOOT_MEM_RESERVED", MemoryKind::Reserved);
    constant!("ELFBOOT_MEM_ACPI_RECLAIMABLE", MemoryKind::AcpiReclaimable);
    constant!("ELFBOOT_MEM_ACPI_NVS", MemoryKind::AcpiNvs);
    constant!("ELFBOOT_MEM_BAD", MemoryKind::Bad);
    constant!("ELFBOOT_MEM_LOADER_RECLAIMABLE", MemoryKind::LoaderReclaimable);
    constant!("ELFBOOT_MEM_KERNEL", MemoryKind::Kernel);
    constant!("ELFBOOT_MEM_MODULES", MemoryKind::Modules);
    constant!("ELFBOOT_MEM_FRAMEBUFFER", MemoryKind::Framebuffer);
    constant!("ELFBOOT_MEM_FIRMWARE_RUNTIME", MemoryKind::FirmwareRuntime);
    constant!("ELFBOOT_FIRMWARE_BIOS", Firmware::Bios);
    constant!("ELFBOOT_FIRMWARE_UEFI", Firmware::Uefi);
    constant!("ELFBOOT_INFO_IDENTITY_MAP", InfoFlags::IDENTITY_MAP.bits());
    constant!("ELFBOOT_INFO_RECURSIVE", InfoFlags::RECURSIVE.bits());
    constant!("ELFBOOT_INFO_RELOCATED", InfoFlags::RELOCATED.bits());
    constant!("ELFBOOT_INFO_KASLR", InfoFlags::KASLR.bits());
    facts
}

/// Applies `$m!(T, C, field)` to each listed field.
macro_rules! for_each_field {
    ($m:ident, $t:ty, $c:literal, $($f:ident),+ $(,)?) => {
        $($m!($t, $c, $f);)+
    };
}
use for_each_field;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Compiles and runs tests/layout.c once; its facts by key.
fn c_layout() -> BTreeMap<String, String> {
    static FACTS: std::sync::OnceLock<BTreeMap<String, String>> = std::sync::OnceLock::new();
    FACTS.get_or_init(compile_and_run_c).clone()
}

fn compile_and_run_c() -> BTreeMap<String, String> {
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    let exe = Path::new(env!("CARGO_TARGET_TMPDIR")).join("elfboot-layout");
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/layout.c");
    let status = Command::new(&cc)
        .args(["-std=c11", "-Wall", "-Wextra", "-Werror", "-I"])
        .arg(repo_root().join("include"))
        .arg(&source)
        .arg("-o")
        .arg(&exe)
        .status()
        .unwrap_or_else(|e| panic!("cannot run the C compiler {cc}: {e}"));
    assert!(status.success(), "{cc} failed on {}", source.display());
    let output = Command::new(&exe).output().expect("run the layout program");
    assert!(output.status.success());
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            // "kind name rest...": the key is "kind name".
            let mut parts = line.splitn(3, ' ');
            let key = format!("{} {}", parts.next().unwrap(), parts.next().unwrap());
            (key, parts.next().unwrap_or("").to_string())
        })
        .collect()
}

#[test]
fn every_size_offset_and_constant_matches_the_c_header() {
    let c = c_layout();
    let rust = rust_layout();
    let mut differences = Vec::new();
    for (key, c_value) in &c {
        match rust.get(key) {
            Some(r) if r == c_value => {}
            Some(r) => differences.push(format!("{key}: C says {c_value}, Rust says {r}")),
            None => differences.push(format!("{key}: in C ({c_value}), missing in Rust")),
        }
    }
    for key in rust.keys().filter(|k| !c.contains_key(*k)) {
        differences.push(format!("{key}: in Rust, missing in C"));
    }
    assert!(differences.is_empty(), "layout differs:\n{}", differences.join("\n"));
}

/// The C program lists every field: in each struct, fields follow one another with no
/// gap and end at the struct's size (the protocol's structs have no padding).
#[test]
fn the_c_program_lists_every_field() {
    let c = c_layout();
    let mut fields: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    for (key, value) in &c {
        if let Some(name) = key.strip_prefix("field ") {
            let strukt = name.split('.').next().unwrap();
            let mut numbers = value.split(' ').map(|n| n.parse::<usize>().unwrap());
            fields
                .entry(strukt)
                .or_default()
                .push((numbers.next().unwrap(), numbers.next().unwrap()));
        }
    }
    assert_eq!(fields.len(), 6, "six protocol structs");
    for (strukt, mut list) in fields {
        list.sort();
        let mut end = 0;
        for (offset, size) in list {
            assert_eq!(offset, end, "{strukt}: a field is missing at offset {end}");
            end = offset + size;
        }
        assert_eq!(c[&format!("size {strukt}")], end.to_string(), "{strukt}: fields end early");
    }
}

/// The C program prints every constant the header defines (`#define ELFBOOT_X value`
/// and enum members).
#[test]
fn the_c_program_lists_every_constant() {
    let c = c_layout();
    let header = std::fs::read_to_string(repo_root().join("include/elfboot.h")).unwrap();
    let mut missing = Vec::new();
    for line in header.lines() {
        let line = line.trim();
        let name = if let Some(rest) = line.strip_prefix("#define ") {
            let mut words = rest.split_whitespace();
            let (name, value) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
            // Only value macros: not function-like ones, include guards or attributes.
            if name.contains('(') || !value.starts_with(|ch: char| ch.is_ascii_digit() || ch == '(')
            {
                continue;
            }
            name
        } else if let [name, "=", ..] = line.split_whitespace().collect::<Vec<_>>()[..] {
            // An enum member: `ELFBOOT_X = value,`.
            if !name.starts_with("ELFBOOT_") {
                continue;
            }
            name
        } else {
            continue;
        };
        if !c.contains_key(&format!("const {name}")) {
            missing.push(name.to_string());
        }
    }
    assert!(missing.is_empty(), "tests/layout.c does not print: {missing:?}");
}
