//! COM1 (the 16550 UART at port 0x3f8), where QEMU's `-serial stdio` prints, and the
//! `print!`/`println!` macros that write to it.

use core::arch::asm;
use core::fmt::{self, Write};

const COM1: u16 = 0x3f8;

fn outb(port: u16, value: u8) {
    // SAFETY: port I/O to the UART's registers has no effect on memory.
    unsafe {
        asm!("out dx, al", in("dx") port, in("al") value, options(nomem, nostack, preserves_flags))
    };
}

fn inb(port: u16) -> u8 {
    let value: u8;
    // SAFETY: as above.
    unsafe {
        asm!("in al, dx", out("al") value, in("dx") port, options(nomem, nostack, preserves_flags))
    };
    value
}

/// Sets COM1 to 115200 baud, 8 data bits, no parity, one stop bit, FIFOs on.
/// The loader has usually done so already; doing it again costs nothing.
pub fn init() {
    outb(COM1 + 1, 0x00); // no interrupts
    outb(COM1 + 3, 0x80); // DLAB on: the next two registers are the divisor
    outb(COM1, 0x01); // divisor 1: 115200 baud
    outb(COM1 + 1, 0x00);
    outb(COM1 + 3, 0x03); // DLAB off, 8N1
    outb(COM1 + 2, 0xc7); // FIFOs on and cleared
    outb(COM1 + 4, 0x03); // DTR, RTS
}

fn write_byte(byte: u8) {
    // Wait until the transmit holding register is empty (line status bit 5).
    while inb(COM1 + 5) & 0x20 == 0 {}
    outb(COM1, byte);
}

/// COM1 as a `fmt::Write` (stateless: every value of it is the same port).
pub struct Serial;

impl Write for Serial {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        for byte in text.bytes() {
            if byte == b'\n' {
                write_byte(b'\r');
            }
            write_byte(byte);
        }
        Ok(())
    }
}

#[doc(hidden)]
pub fn _print(args: fmt::Arguments) {
    // Serial never fails; a formatting error has nowhere better to go.
    let _ = Serial.write_fmt(args);
}

/// Prints on COM1.
#[macro_export]
macro_rules! print {
    ($($arg:tt)*) => { $crate::serial::_print(format_args!($($arg)*)) };
}

/// Prints a line on COM1.
#[macro_export]
macro_rules! println {
    () => { $crate::print!("\n") };
    ($($arg:tt)*) => { $crate::serial::_print(format_args!("{}\n", format_args!($($arg)*))) };
}
