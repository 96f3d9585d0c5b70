//! What a kernel built from the `x86_64-unknown-linux-gnu` target with `-C panic=abort`
//! needs and no C library gives it: `memcpy`, `memmove`, `memset`, `memcmp`, `bcmp`,
//! `strlen` (the compiler calls them for copies, comparisons and loops it recognises) and `rust_eh_personality` (the
//! precompiled `core` of that target refers to it, though nothing unwinds).
//! On `x86_64-unknown-none`, `compiler_builtins` provides these and this file is unused.
//!
//! Written with `rep movsb`/`rep stosb` so the compiler cannot turn them into calls to
//! themselves; the comparisons read through `read_volatile` for the same reason.

use core::arch::asm;
use core::ptr::read_volatile;

/// Copies `n` bytes from `src` to `dest`; the ranges must not overlap.
///
/// # Safety
/// As C's `memcpy`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memcpy(dest: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    // SAFETY: rep movsb copies RCX bytes from [RSI] to [RDI] upwards (DF is clear in Rust code).
    unsafe {
        asm!("rep movsb", inout("rcx") n => _, inout("rdi") dest => _, inout("rsi") src => _,
             options(nostack, preserves_flags));
    }
    dest
}

/// Copies `n` bytes from `src` to `dest`; the ranges may overlap.
///
/// # Safety
/// As C's `memmove`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memmove(dest: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    // dest before src, or past its end: an upward copy never reads a byte it wrote.
    if (dest as usize).wrapping_sub(src as usize) >= n {
        // SAFETY: as C's memcpy, the overlap being harmless upwards.
        return unsafe { memcpy(dest, src, n) };
    }
    // SAFETY: with DF set, rep movsb copies downwards from the last bytes; DF is cleared
    // again because the ABI requires it clear on return.
    unsafe {
        asm!("std", "rep movsb", "cld",
             inout("rcx") n => _, inout("rdi") dest.add(n - 1) => _,
             inout("rsi") src.add(n - 1) => _, options(nostack));
    }
    dest
}

/// Fills `n` bytes at `dest` with the byte `c`.
///
/// # Safety
/// As C's `memset`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memset(dest: *mut u8, c: i32, n: usize) -> *mut u8 {
    // SAFETY: rep stosb stores AL into RCX bytes at [RDI] upwards.
    unsafe {
        asm!("rep stosb", inout("rcx") n => _, inout("rdi") dest => _, in("al") c as u8,
             options(nostack, preserves_flags));
    }
    dest
}

/// Compares `n` bytes: negative, zero or positive as the first differing byte of `a` is
/// smaller, equal or larger than that of `b`.
///
/// # Safety
/// As C's `memcmp`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    for i in 0..n {
        // SAFETY: i < n, and the caller promises n readable bytes at both.
        let (x, y) = unsafe { (read_volatile(a.add(i)), read_volatile(b.add(i))) };
        if x != y {
            return i32::from(x) - i32::from(y);
        }
    }
    0
}

/// Zero when the `n` bytes at `a` and `b` are equal, non-zero otherwise.
///
/// # Safety
/// As C's `bcmp`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    // SAFETY: the same contract.
    unsafe { memcmp(a, b, n) }
}

/// The number of bytes before the first NUL at `s`.
///
/// # Safety
/// As C's `strlen`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn strlen(s: *const u8) -> usize {
    let mut len = 0;
    // SAFETY: the caller promises a NUL-terminated string.
    while unsafe { read_volatile(s.add(len)) } != 0 {
        len += 1;
    }
    len
}

/// Never called: with `-C panic=abort` nothing unwinds, but the Linux target's `core`
/// was compiled for unwinding and names this symbol.
#[unsafe(no_mangle)]
pub extern "C" fn rust_eh_personality() {}

/// Referenced by [`entry_point!`](crate::entry_point): pulls this file's symbols into
/// the link, since the linker reads `core` (which calls them) after this crate.
pub extern "C" fn link_shims() -> usize {
    let shims = [
        memcpy as *const (),
        memmove as *const (),
        memset as *const (),
        memcmp as *const (),
        bcmp as *const (),
        strlen as *const (),
        rust_eh_personality as *const (),
    ];
    shims.iter().fold(0, |all, &shim| all ^ shim as usize)
}
