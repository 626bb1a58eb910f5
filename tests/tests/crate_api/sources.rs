//! Sources: every registered code, class, subject and vendor note leads to the documents it rests on.

use smtp_codes::{
    Class, EnhancedStatusCode, KnownReplyCode, KnownStatus, Source, SourceKind, VendorNote,
};

#[test]
fn sources_are_found_by_id() {
    let all = Source::all();
    assert!(!all.is_empty());
    assert!(
        all.windows(2).all(|w| w[0].id() < w[1].id()),
        "sorted by id"
    );
    for source in all {
        let found = Source::by_id(source.id()).unwrap_or_else(|| panic!("{}", source.id()));
        assert_eq!(found, source);
        assert!(!source.title().is_empty());
        if let Some(url) = source.url() {
            assert!(
                url.starts_with("https://") || url.starts_with("http://"),
                "{url}"
            );
        }
        if let Some(version) = source.version() {
            assert!(!version.is_empty());
        }
    }
    for missing in ["", "rfc", "RFC5321", "rfc5321 ", "zzz"] {
        assert!(Source::by_id(missing).is_none(), "{missing:?}");
    }
    let iana = Source::by_id("iana-esc").unwrap();
    assert_eq!(iana.kind(), SourceKind::Iana);
    assert!(iana.version().is_some(), "the registry snapshot's date");
    assert_eq!(
        Source::by_id("rfc5321").unwrap().title(),
        "Simple Mail Transfer Protocol"
    );
}

fn in_table(source: &Source) -> bool {
    Source::by_id(source.id()) == Some(source)
}

#[test]
fn every_code_and_note_leads_to_its_sources() {
    for &known in KnownReplyCode::ALL {
        assert!(!known.sources().is_empty(), "{known}");
        assert!(known.sources().iter().all(|s| in_table(s)));
    }
    assert_eq!(KnownReplyCode::Completed.sources()[0].id(), "rfc5321");
    for &known in KnownStatus::ALL {
        assert!(!known.sources().is_empty(), "{known}");
        assert!(
            known.sources().iter().any(|s| s.id() == "iana-esc"),
            "{known}"
        );
    }
    for class in Class::ALL {
        assert!(!class.sources().is_empty());
    }
    for note in VendorNote::all() {
        assert!(!note.sources.is_empty(), "{}", note.code);
        assert!(note.sources.iter().all(|s| in_table(s)));
    }
    let ms = VendorNote::all()
        .iter()
        .find(|n| n.vendor == "Microsoft")
        .unwrap();
    assert!(ms.sources.iter().any(|s| s.kind() == SourceKind::VendorDoc));
}

#[test]
fn enhanced_codes_cite_the_sources_of_their_title() {
    let esc = |s: &str| s.parse::<EnhancedStatusCode>().unwrap();
    assert_eq!(
        esc("5.1.1").sources(),
        KnownStatus::BadDestinationMailboxAddress.sources()
    );
    // An unregistered detail falls back to its subject, an unregistered subject to its class.
    assert!(!esc("5.7.606").sources().is_empty());
    assert_eq!(esc("5.999.1").sources(), Class::PermanentFailure.sources());
}
