//! The framebuffer as a pixel buffer: its bytes, its format, and pixel writes that
//! follow the format (so the same code draws right on RGB and BGR displays).

use core::slice;

use crate::protocol::FramebufferInfo;

/// One colour channel of a pixel: how many bits, and where its lowest bit sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Channel {
    /// Bits of this colour.
    pub size: u8,
    /// Position of the lowest bit in the pixel value.
    pub shift: u8,
}

impl Channel {
    /// Places an 8-bit intensity in this channel (scaled to `size` bits).
    pub const fn encode(self, value: u8) -> u32 {
        let value = value as u32;
        let size = if self.size > 32 { 32 } else { self.size as u32 };
        let scaled = if size == 0 {
            0
        } else if size <= 8 {
            value >> (8 - size)
        } else {
            // Wider than 8 bits: repeat the top bits below, so 0xff becomes all ones.
            let extra = size - 8;
            let fill = if extra < 8 { value >> (8 - extra) } else { 0 };
            (value << extra) | fill
        };
        if self.shift >= 32 {
            0
        } else {
            scaled << self.shift
        }
    }
}

/// How pixels are stored: their size and where each colour goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PixelFormat {
    /// Bits per pixel: 32, 24 or 16.
    pub bits_per_pixel: u16,
    /// Red.
    pub red: Channel,
    /// Green.
    pub green: Channel,
    /// Blue.
    pub blue: Channel,
}

impl PixelFormat {
    /// The format a [`FramebufferInfo`] describes.
    pub const fn of(info: &FramebufferInfo) -> PixelFormat {
        PixelFormat {
            bits_per_pixel: info.bpp,
            red: Channel { size: info.red_size, shift: info.red_shift },
            green: Channel { size: info.green_size, shift: info.green_shift },
            blue: Channel { size: info.blue_size, shift: info.blue_shift },
        }
    }

    /// Bytes per pixel (bits rounded up to bytes).
    pub const fn bytes_per_pixel(&self) -> usize {
        (self.bits_per_pixel as usize).div_ceil(8)
    }

    /// The pixel value for a colour, to be stored little-endian in
    /// [`bytes_per_pixel`](Self::bytes_per_pixel) bytes.
    pub const fn encode(&self, color: Color) -> u32 {
        self.red.encode(color.r) | self.green.encode(color.g) | self.blue.encode(color.b)
    }

    /// True for the common 32-bit layout with blue in the lowest byte (`B8G8R8X8`),
    /// which OVMF's GOP and most VBE modes use.
    pub const fn is_bgrx8888(&self) -> bool {
        self.bits_per_pixel == 32
            && self.blue.shift == 0
            && self.green.shift == 8
            && self.red.shift == 16
            && self.red.size == 8
            && self.green.size == 8
            && self.blue.size == 8
    }
}

/// A colour with 8 bits per channel; [`PixelFormat::encode`] fits it to the display.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Color {
    /// Red intensity.
    pub r: u8,
    /// Green intensity.
    pub g: u8,
    /// Blue intensity.
    pub b: u8,
}

impl Color {
    /// A colour from its red, green and blue intensities.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Color {
        Color { r, g, b }
    }
}

/// The framebuffer's memory and format, borrowed from the boot info.
pub struct Framebuffer<'a> {
    info: FramebufferInfo,
    format: PixelFormat,
    buffer: &'a mut [u8],
}

impl<'a> Framebuffer<'a> {
    /// A pixel buffer over the memory `info` describes; `None` when the description is
    /// inconsistent (depth other than 16, 24 or 32 bits, pitch shorter than a line).
    ///
    /// # Safety
    /// `info.virt` must map `info.pitch * info.height` writable bytes that nothing else
    /// accesses while the result lives.
    pub unsafe fn from_info(info: FramebufferInfo) -> Option<Framebuffer<'a>> {
        let format = PixelFormat::of(&info);
        let line = info.width as usize * format.bytes_per_pixel();
        if !matches!(info.bpp, 16 | 24 | 32) || (info.pitch as usize) < line || info.virt == 0 {
            return None;
        }
        let len = info.pitch as usize * info.height as usize;
        // SAFETY: the caller's promise.
        let buffer = unsafe { slice::from_raw_parts_mut(info.virt as *mut u8, len) };
        Some(Framebuffer { info, format, buffer })
    }

    /// Width in pixels.
    pub fn width(&self) -> usize {
        self.info.width as usize
    }

    /// Height in pixels.
    pub fn height(&self) -> usize {
        self.info.height as usize
    }

    /// Bytes from the start of one line to the start of the next.
    pub fn pitch(&self) -> usize {
        self.info.pitch as usize
    }

    /// How pixels are stored.
    pub fn format(&self) -> PixelFormat {
        self.format
    }

    /// The loader's description.
    pub fn info(&self) -> &FramebufferInfo {
        &self.info
    }

    /// All bytes, `pitch * height` of them, line after line.
    pub fn buffer(&self) -> &[u8] {
        self.buffer
    }

    /// All bytes, writable.
    pub fn buffer_mut(&mut self) -> &mut [u8] {
        self.buffer
    }

    /// Sets the pixel at column `x`, line `y`; does nothing outside the screen.
    pub fn put_pixel(&mut self, x: usize, y: usize, color: Color) {
        if x >= self.width() || y >= self.height() {
            return;
        }
        let bytes = self.format.bytes_per_pixel();
        let at = y * self.pitch() + x * bytes;
        let value = self.format.encode(color).to_le_bytes();
        self.buffer[at..at + bytes].copy_from_slice(&value[..bytes]);
    }

    /// Fills the rectangle at (`x`, `y`) of `width` by `height` pixels, clipped to the
    /// screen.
    pub fn fill_rect(&mut self, x: usize, y: usize, width: usize, height: usize, color: Color) {
        let x_end = x.saturating_add(width).min(self.width());
        let y_end = y.saturating_add(height).min(self.height());
        for row in y..y_end {
            for column in x..x_end {
                self.put_pixel(column, row, color);
            }
        }
    }

    /// Fills the whole screen with one colour.
    pub fn clear(&mut self, color: Color) {
        self.fill_rect(0, 0, self.width(), self.height(), color);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(bpp: u16, pitch: u32, sizes: [u8; 3], shifts: [u8; 3], virt: u64) -> FramebufferInfo {
        FramebufferInfo {
            phys: 0x8000_0000,
            virt,
            width: 4,
            height: 2,
            pitch,
            bpp,
            red_size: sizes[0],
            red_shift: shifts[0],
            green_size: sizes[1],
            green_shift: shifts[1],
            blue_size: sizes[2],
            blue_shift: shifts[2],
            reserved: [0; 4],
        }
    }

    #[test]
    fn encodes_rgb565_and_wide_channels() {
        let rgb565 = PixelFormat::of(&info(16, 8, [5, 6, 5], [11, 5, 0], 0));
        assert_eq!(rgb565.bytes_per_pixel(), 2);
        assert_eq!(rgb565.encode(Color::rgb(0xff, 0, 0)), 0xf800);
        assert_eq!(rgb565.encode(Color::rgb(0, 0xff, 0)), 0x07e0);
        assert_eq!(rgb565.encode(Color::rgb(0xff, 0xff, 0xff)), 0xffff);
        let ten = Channel { size: 10, shift: 20 };
        assert_eq!(ten.encode(0xff), 0x3ff << 20);
        assert_eq!(Channel { size: 0, shift: 3 }.encode(0xff), 0);
        assert_eq!(Channel { size: 8, shift: 40 }.encode(0xff), 0, "no shift overflow");
    }

    #[test]
    fn writes_24_bit_pixels_and_clips() {
        let mut bytes = vec![0u8; 12 * 2];
        let desc = info(24, 12, [8, 8, 8], [0, 8, 16], bytes.as_mut_ptr() as u64);
        let mut fb = unsafe { Framebuffer::from_info(desc) }.unwrap();
        fb.put_pixel(3, 1, Color::rgb(1, 2, 3));
        fb.put_pixel(4, 1, Color::rgb(9, 9, 9)); // outside: ignored
        fb.fill_rect(0, 0, 100, 1, Color::rgb(7, 7, 7));
        assert_eq!(&fb.buffer()[21..24], &[1, 2, 3]);
        assert!(fb.buffer()[..12].iter().all(|&b| b == 7));
        assert!(fb.buffer()[12..21].iter().all(|&b| b == 0));
    }

    #[test]
    fn refuses_inconsistent_descriptions() {
        let mut bytes = vec![0u8; 64];
        let p = bytes.as_mut_ptr() as u64;
        assert!(unsafe { Framebuffer::from_info(info(8, 8, [3, 3, 2], [5, 2, 0], p)) }.is_none());
        assert!(unsafe { Framebuffer::from_info(info(32, 8, [8, 8, 8], [16, 8, 0], p)) }.is_none());
        assert!(unsafe { Framebuffer::from_info(info(32, 16, [8, 8, 8], [16, 8, 0], 0)) }.is_none());
    }
}
