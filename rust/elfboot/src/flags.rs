//! Bit sets of the protocol (`ELFBOOT_REQ_*`, `ELFBOOT_INFO_*`) and the firmware kind.

use core::fmt;
use core::ops::{BitOr, BitOrAssign};

/// Defines a `u32` bit set with named constants; both flag types share this code.
macro_rules! bit_set {
    ($(#[$doc:meta])* $name:ident { $($(#[$fdoc:meta])* $flag:ident = $bit:expr,)* }) => {
        $(#[$doc])*
        #[repr(transparent)]
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub struct $name(u32);

        impl $name {
            /// No flag set.
            pub const NONE: $name = $name(0);
            $($(#[$fdoc])* pub const $flag: $name = $name($bit);)*
            /// Every flag this crate knows.
            pub const ALL: $name = $name(0 $(| $bit)*);

            /// The raw bits.
            pub const fn bits(self) -> u32 {
                self.0
            }
            /// Keeps every bit of `bits`, also those this crate does not know.
            pub const fn from_bits_retain(bits: u32) -> $name {
                $name(bits)
            }
            /// True when every flag of `other` is set in `self`.
            pub const fn contains(self, other: $name) -> bool {
                self.0 & other.0 == other.0
            }
            /// The flags of both (usable in `const` items, unlike `|`).
            pub const fn union(self, other: $name) -> $name {
                $name(self.0 | other.0)
            }
            /// True when no flag is set.
            pub const fn is_empty(self) -> bool {
                self.0 == 0
            }
        }

        impl BitOr for $name {
            type Output = $name;
            fn bitor(self, other: $name) -> $name {
                self.union(other)
            }
        }

        impl BitOrAssign for $name {
            fn bitor_assign(&mut self, other: $name) {
                *self = self.union(other);
            }
        }

        /// Prints the set flags by name, e.g. `IDENTITY_MAP | RELOCATED`.
        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let mut rest = self.0;
                let mut first = true;
                $(
                    if self.contains($name::$flag) && $bit != 0 {
                        f.write_str(if first { "" } else { " | " })?;
                        f.write_str(stringify!($flag))?;
                        rest &= !$bit;
                        first = false;
                    }
                )*
                if rest != 0 {
                    write!(f, "{}{:#x}", if first { "" } else { " | " }, rest)?;
                } else if first {
                    f.write_str("NONE")?;
                }
                Ok(())
            }
        }
    };
}

bit_set! {
    /// What a kernel asks of the loader in its [`Request`](crate::Request)
    /// (`ELFBOOT_REQ_*`).
    RequestFlags {
        /// Do not keep the identity map: the lower half holds no mapping at entry.
        NO_IDENTITY_MAP = 1 << 0,
        /// Install a recursive PML4 entry (reported in `recursive_index`).
        RECURSIVE_MAP = 1 << 1,
        /// `ET_DYN` kernels only: load at a random 2 MiB aligned slide.
        KASLR = 1 << 2,
        /// Leave the display in text mode: no framebuffer.
        NO_FRAMEBUFFER = 1 << 3,
    }
}

bit_set! {
    /// What the loader did (`ELFBOOT_INFO_*`), in [`BootInfo::flags`](crate::BootInfo::flags).
    InfoFlags {
        /// The identity map of low memory is present.
        IDENTITY_MAP = 1 << 0,
        /// `recursive_index` is valid.
        RECURSIVE = 1 << 1,
        /// An `ET_DYN` kernel was relocated.
        RELOCATED = 1 << 2,
        /// The slide was randomised.
        KASLR = 1 << 3,
    }
}

/// The firmware the machine booted from (`ELFBOOT_FIRMWARE_*`).
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Firmware {
    /// Legacy BIOS (SeaBIOS under QEMU).
    Bios = 1,
    /// UEFI (OVMF under QEMU); the system table is in `BootInfo::efi_system_table`.
    Uefi = 2,
}

impl Firmware {
    /// Decodes a raw `ELFBOOT_FIRMWARE_*` value; `None` for an unknown one.
    pub const fn from_raw(raw: u32) -> Option<Firmware> {
        match raw {
            1 => Some(Firmware::Bios),
            2 => Some(Firmware::Uefi),
            _ => None,
        }
    }

    /// "bios" or "uefi".
    pub const fn name(self) -> &'static str {
        match self {
            Firmware::Bios => "bios",
            Firmware::Uefi => "uefi",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_flags_by_name() {
        let flags = InfoFlags::IDENTITY_MAP | InfoFlags::RELOCATED;
        assert_eq!(format!("{flags:?}"), "IDENTITY_MAP | RELOCATED");
        assert_eq!(format!("{:?}", InfoFlags::NONE), "NONE");
        assert_eq!(format!("{:?}", InfoFlags::from_bits_retain(0x101)), "IDENTITY_MAP | 0x100");
        assert!(RequestFlags::ALL.contains(RequestFlags::KASLR | RequestFlags::NO_IDENTITY_MAP));
        assert_eq!(RequestFlags::ALL.bits(), 0xf);
    }

    #[test]
    fn decodes_firmware() {
        assert_eq!(Firmware::from_raw(2), Some(Firmware::Uefi));
        assert_eq!(Firmware::from_raw(0), None);
        assert_eq!(Firmware::Bios.name(), "bios");
    }
}
