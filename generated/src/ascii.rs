//! Allocation-free formatting of codes into a small stack buffer, shared by `Display` and serde.

/// Room for the longest text this crate prints: a vendor code made of a `u8` and two `u16`s,
/// `255.65535.65535` (15 bytes). Valid codes need at most 9 (`5.999.999`).
const CAPACITY: usize = 15;

/// A short ASCII string built on the stack.
pub(crate) struct AsciiBuf {
    bytes: [u8; CAPACITY],
    len: usize,
}

impl AsciiBuf {
    /// An empty buffer.
    pub(crate) const fn new() -> Self {
        AsciiBuf {
            bytes: [0; CAPACITY],
            len: 0,
        }
    }

    /// Appends one ASCII byte. Callers never exceed the capacity; extra bytes are dropped.
    pub(crate) fn push(&mut self, byte: u8) {
        if self.len < CAPACITY {
            self.bytes[self.len] = byte;
            self.len += 1;
        }
    }

    /// Appends `value` in decimal, without leading zeros.
    pub(crate) fn push_number(&mut self, value: u16) {
        let mut digits = [0u8; 5];
        let mut count = 0;
        let mut rest = value;
        loop {
            digits[count] = b'0' + (rest % 10) as u8;
            count += 1;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        while count > 0 {
            count -= 1;
            self.push(digits[count]);
        }
    }

    /// The text written so far.
    pub(crate) fn as_str(&self) -> &str {
        // Only ASCII digits and dots are ever pushed, so the bytes are always valid UTF-8.
        core::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }
}

/// The character that starts at byte `offset` of `text`, if `offset` is inside the text and on a
/// character boundary.
pub(crate) fn char_at(text: &str, offset: usize) -> Option<char> {
    text.get(offset..).and_then(|rest| rest.chars().next())
}

#[cfg(test)]
mod tests;
