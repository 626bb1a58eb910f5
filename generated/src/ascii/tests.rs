//! Unit tests of `ascii.rs`. Kept out of the published package with the other tests
//! (generated/Cargo.toml's `include`).

use super::*;

#[test]
fn numbers_are_written_without_leading_zeros() {
    for (value, text) in [
        (0, "0"),
        (7, "7"),
        (10, "10"),
        (606, "606"),
        (u16::MAX, "65535"),
    ] {
        let mut buf = AsciiBuf::new();
        buf.push_number(value);
        assert_eq!(buf.as_str(), text);
    }
}

#[test]
fn the_buffer_never_overflows() {
    let mut buf = AsciiBuf::new();
    for _ in 0..10 {
        buf.push_number(u16::MAX);
    }
    assert_eq!(buf.as_str().len(), CAPACITY);
}

#[test]
fn chars_at_offsets() {
    assert_eq!(char_at("aé", 1), Some('é'));
    assert_eq!(char_at("aé", 2), None);
    assert_eq!(char_at("aé", 3), None);
    assert_eq!(char_at("", 0), None);
}
