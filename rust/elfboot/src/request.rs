//! The kernel's request: built with `const` methods, placed in `.elfboot` by
//! [`request!`](crate::request), found by the loader through its magic words.

use crate::protocol::{Request, PROTOCOL_VERSION, REQUEST_MAGIC0, REQUEST_MAGIC1};
use crate::RequestFlags;

const GIB: u64 = 1 << 30;
const HIGHER_HALF: u64 = 0xffff_8000_0000_0000;

impl Request {
    /// A request that asks for every default: 64 KiB stack, HHDM at
    /// `0xffff800000000000`, identity map kept, the largest mode up to 1920x1080.
    pub const fn new() -> Request {
        Request {
            magic: [REQUEST_MAGIC0, REQUEST_MAGIC1],
            version: PROTOCOL_VERSION,
            flags: 0,
            stack_size: 0,
            hhdm_base: 0,
            fb_width: 0,
            fb_height: 0,
            reserved: [0; 4],
        }
    }

    /// Asks for a stack of `bytes` (rounded up to 4 KiB by the loader).
    pub const fn with_stack_size(mut self, bytes: u64) -> Request {
        self.stack_size = bytes;
        self
    }

    /// Asks for the higher-half direct map at `base`. Fails to compile (in a `static`)
    /// when `base` is not 1 GiB aligned in the higher half.
    pub const fn with_hhdm_base(mut self, base: u64) -> Request {
        assert!(base % GIB == 0, "elfboot: hhdm_base must be 1 GiB aligned");
        assert!(base >= HIGHER_HALF, "elfboot: hhdm_base must be in the higher half");
        self.hhdm_base = base;
        self
    }

    /// Sets these flags (in addition to those already set).
    pub const fn with_flags(mut self, flags: RequestFlags) -> Request {
        self.flags |= flags.bits();
        self
    }

    /// Prefers this framebuffer mode; the boot configuration's `resolution` wins.
    pub const fn with_resolution(mut self, width: u32, height: u32) -> Request {
        self.fb_width = width;
        self.fb_height = height;
        self
    }

    /// The flags as a [`RequestFlags`].
    pub const fn request_flags(&self) -> RequestFlags {
        RequestFlags::from_bits_retain(self.flags)
    }

    /// True when the magic words and version are those of this protocol and the
    /// reserved words are zero: what the loader checks.
    pub const fn is_valid(&self) -> bool {
        self.magic[0] == REQUEST_MAGIC0
            && self.magic[1] == REQUEST_MAGIC1
            && self.version == PROTOCOL_VERSION
            && self.reserved[0] == 0
            && self.reserved[1] == 0
            && self.reserved[2] == 0
            && self.reserved[3] == 0
    }
}

impl Default for Request {
    fn default() -> Request {
        Request::new()
    }
}

/// Places the kernel's [`Request`] in the `.elfboot` section, kept by the linker.
///
/// ```ignore
/// use elfboot::{Request, RequestFlags};
///
/// elfboot::request!(Request::new()
///     .with_stack_size(256 * 1024)
///     .with_flags(RequestFlags::RECURSIVE_MAP));
/// ```
///
/// That defines `static ELFBOOT_REQUEST`; `request!(pub static NAME = EXPR;)` names it
/// yourself. A kernel has one request. Keep `.elfboot` in a loaded segment: the linker
/// scripts of the examples say `KEEP(*(.elfboot))` in `.rodata`.
#[macro_export]
macro_rules! request {
    ($(#[$attr:meta])* $vis:vis static $name:ident = $request:expr $(;)?) => {
        $(#[$attr])*
        #[used]
        #[unsafe(link_section = ".elfboot")]
        $vis static $name: $crate::Request = {
            let request: $crate::Request = $request;
            ::core::assert!(request.is_valid(), "elfboot: the request's magic, version or reserved words were changed");
            request
        };
    };
    ($request:expr $(;)?) => {
        $crate::request!(static ELFBOOT_REQUEST = $request;);
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::request!(static TEST_REQUEST = Request::new()
        .with_stack_size(1 << 20)
        .with_flags(RequestFlags::KASLR)
        .with_flags(RequestFlags::NO_FRAMEBUFFER));

    #[test]
    fn builds_what_the_loader_expects() {
        assert!(TEST_REQUEST.is_valid());
        assert_eq!(TEST_REQUEST.stack_size, 1 << 20);
        assert_eq!(TEST_REQUEST.flags, (1 << 2) | (1 << 3));
        let r = Request::new().with_hhdm_base(0xffff_9000_0000_0000).with_resolution(800, 600);
        assert_eq!((r.hhdm_base, r.fb_width, r.fb_height), (0xffff_9000_0000_0000, 800, 600));
        assert_eq!(Request::default(), Request::new());
    }

    #[test]
    #[should_panic(expected = "1 GiB aligned")]
    fn refuses_an_unaligned_hhdm_base() {
        let _ = Request::new().with_hhdm_base(0xffff_8000_0020_0000);
    }

    #[test]
    #[should_panic(expected = "higher half")]
    fn refuses_a_lower_half_hhdm_base() {
        let _ = Request::new().with_hhdm_base(0x4000_0000);
    }
}
