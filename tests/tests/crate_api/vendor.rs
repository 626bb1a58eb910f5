//! Vendor notes: exact and range-aware lookups.

use smtp_codes::{EnhancedStatusCode, ReplyCode, VendorCode, VendorNote};

fn esc(s: &str) -> EnhancedStatusCode {
    s.parse().unwrap()
}

fn is_banned_ip_note(note: &VendorNote) -> bool {
    note.meaning.contains("banned sending IP")
}

#[test]
fn enhanced_ranges_match_inclusively() {
    for inside in ["5.7.606", "5.7.620", "5.7.649"] {
        let notes: Vec<_> = esc(inside).vendor_notes().collect();
        assert!(notes.iter().any(|n| is_banned_ip_note(n)), "{inside}");
        let note = notes.into_iter().find(|n| is_banned_ip_note(n)).unwrap();
        assert!(note.is_range());
        assert_eq!(note.code.to_string(), "5.7.606");
        assert_eq!(note.to.map(|to| to.to_string()).as_deref(), Some("5.7.649"));
        assert!(!note.vendor.is_empty() && !note.product.is_empty());
        assert!(!note.sources.is_empty());
    }
    for outside in [
        "5.7.605", "5.7.650", "4.7.620", "2.7.620", "5.6.620", "5.8.620",
    ] {
        assert!(
            !esc(outside).vendor_notes().any(is_banned_ip_note),
            "{outside}"
        );
    }
}

#[test]
fn reply_code_notes() {
    let code = ReplyCode::new(554).unwrap();
    let notes: Vec<_> = code.vendor_notes().collect();
    assert!(!notes.is_empty());
    for note in notes {
        assert_eq!(note.code, VendorCode::Reply(554));
        assert!(note.matches_reply(code));
        assert!(!note.matches_enhanced(esc("5.5.4")));
    }
}

#[test]
fn every_note_is_found_by_its_own_codes() {
    assert!(!VendorNote::all().is_empty());
    for note in VendorNote::all() {
        let ends = [Some(note.code), note.to];
        for end in ends.into_iter().flatten() {
            match (end.reply_code(), end.enhanced()) {
                (Some(code), None) => {
                    assert!(code.vendor_notes().any(|n| n == note), "{end}");
                }
                (None, Some(code)) => {
                    assert!(code.vendor_notes().any(|n| n == note), "{end}");
                    assert_eq!(code.to_string(), end.to_string());
                }
                other => panic!("{end}: not a valid code ({other:?})"),
            }
        }
        if let Some(to) = note.to {
            assert!(note.code <= to, "{}..{to}", note.code);
        }
    }
}

#[test]
fn vendor_codes() {
    let reply = VendorCode::Reply(550);
    assert_eq!(reply.to_string(), "550");
    assert_eq!(reply.reply_code(), ReplyCode::new(550));
    assert_eq!(reply.enhanced(), None);
    let enhanced = VendorCode::Enhanced {
        class: 5,
        subject: 7,
        detail: 606,
    };
    assert_eq!(enhanced.to_string(), "5.7.606");
    assert_eq!(enhanced.enhanced(), Some(esc("5.7.606")));
    assert_eq!(enhanced.reply_code(), None);
    let bogus = VendorCode::Enhanced {
        class: 3,
        subject: 1,
        detail: 1,
    };
    assert_eq!(bogus.enhanced(), None);
    let huge = VendorCode::Enhanced {
        class: 255,
        subject: u16::MAX,
        detail: u16::MAX,
    };
    assert_eq!(huge.to_string(), "255.65535.65535");
}
