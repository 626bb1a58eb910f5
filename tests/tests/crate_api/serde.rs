//! Serde: codes as their string forms.

use smtp_codes::{EnhancedStatusCode, ReplyCode};

#[test]
fn reply_codes_are_strings() {
    let code = ReplyCode::new(550).unwrap();
    assert_eq!(serde_json::to_string(&code).unwrap(), "\"550\"");
    assert_eq!(serde_json::from_str::<ReplyCode>("\"550\"").unwrap(), code);
    let err = serde_json::from_str::<ReplyCode>("\"650\"").unwrap_err();
    assert!(err.to_string().contains("first digit '6'"), "{err}");
    assert!(serde_json::from_str::<ReplyCode>("550").is_err());
}

#[test]
fn enhanced_codes_are_strings() {
    let code: EnhancedStatusCode = "5.7.606".parse().unwrap();
    assert_eq!(serde_json::to_string(&code).unwrap(), "\"5.7.606\"");
    assert_eq!(
        serde_json::from_str::<EnhancedStatusCode>("\"5.7.606\"").unwrap(),
        code
    );
    let err = serde_json::from_str::<EnhancedStatusCode>("\"5.01.1\"").unwrap_err();
    assert!(err.to_string().contains("leading zero"), "{err}");
    let list: Vec<EnhancedStatusCode> =
        serde_json::from_str(r#"["2.0.0", "4.7.0", "5.999.999"]"#).unwrap();
    assert_eq!(
        serde_json::to_string(&list).unwrap(),
        r#"["2.0.0","4.7.0","5.999.999"]"#
    );
}

use serde::de::DeserializeOwned;
use serde::Serialize;
use smtp_codes::{
    Class, KnownReplyCode, KnownStatus, Reply, ReplyStatus, Retry, Source, SourceKind, Specificity,
    Usage, VendorCode, VendorNote,
};

/// `value` serializes to `json`, and `json` deserializes back to `value`.
fn round_trip<T>(value: T, json: &str)
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    assert_eq!(serde_json::to_string(&value).unwrap(), json, "{value:?}");
    assert_eq!(serde_json::from_str::<T>(json).unwrap(), value, "{json}");
}

#[test]
fn every_registered_code_round_trips() {
    for &known in KnownReplyCode::ALL {
        round_trip(known, &format!("\"{}\"", known.code()));
    }
    for &known in KnownStatus::ALL {
        round_trip(
            known,
            &format!("\"X.{}.{}\"", known.subject(), known.detail()),
        );
    }
    round_trip(KnownStatus::BadDestinationMailboxAddress, "\"X.1.1\"");
    // A deprecated code reads as the code that replaces it, as `from_parts` does.
    assert_eq!(
        serde_json::from_str::<KnownStatus>("\"X.6.10\"").ok(),
        KnownStatus::from_parts(6, 10)
    );
    for bad in [
        "\"259\"",
        "\"650\"",
        "250",
        "\"X.7.606\"",
        "\"5.1.1\"",
        "\"X.01.1\"",
        "\"X.1.1 \"",
        "\"X.1\"",
    ] {
        assert!(
            serde_json::from_str::<KnownReplyCode>(bad).is_err(),
            "{bad}"
        );
        assert!(serde_json::from_str::<KnownStatus>(bad).is_err(), "{bad}");
    }
    let err = serde_json::from_str::<KnownReplyCode>("\"259\"").unwrap_err();
    assert!(
        err.to_string().contains("a registered SMTP reply code"),
        "{err}"
    );
}

#[test]
fn classes_are_numbers() {
    round_trip(Class::Success, "2");
    round_trip(Class::PersistentTransientFailure, "4");
    round_trip(Class::PermanentFailure, "5");
    for bad in ["3", "-5", "256", "\"5\"", "5.0"] {
        assert!(serde_json::from_str::<Class>(bad).is_err(), "{bad}");
    }
}

#[test]
fn small_enums_are_their_names() {
    for &value in ReplyStatus::ALL {
        round_trip(value, &format!("\"{value}\""));
    }
    for &value in Retry::ALL {
        round_trip(value, &format!("\"{value}\""));
    }
    for &value in Usage::ALL {
        round_trip(value, &format!("\"{value}\""));
    }
    for &value in Specificity::ALL {
        round_trip(value, &format!("\"{value}\""));
    }
    for &value in SourceKind::ALL {
        round_trip(value, &format!("\"{value}\""));
    }
    round_trip(Retry::WillNotHelp, "\"will-not-help\"");
    assert!(serde_json::from_str::<Retry>("\"WillNotHelp\"").is_err());
    assert!(serde_json::from_str::<Usage>("\"\"").is_err());
    let err = serde_json::from_str::<ReplyStatus>("\"obsolete\"").unwrap_err();
    assert!(err.to_string().contains("ReplyStatus"), "{err}");
}

#[test]
fn vendor_codes_are_strings() {
    round_trip(VendorCode::Reply(550), "\"550\"");
    round_trip(
        VendorCode::Enhanced {
            class: 5,
            subject: 7,
            detail: 606,
        },
        "\"5.7.606\"",
    );
    for note in VendorNote::all() {
        let json = serde_json::to_string(&note.code).unwrap();
        assert_eq!(
            serde_json::from_str::<VendorCode>(&json).unwrap(),
            note.code
        );
    }
    for bad in ["\"650\"", "\"5.01.1\"", "550", "\"\""] {
        assert!(serde_json::from_str::<VendorCode>(bad).is_err(), "{bad}");
    }
}

#[test]
fn vendor_notes_and_sources_are_maps() {
    for note in VendorNote::all() {
        let value: serde_json::Value = serde_json::to_value(note).unwrap();
        assert_eq!(value["vendor"], note.vendor);
        assert_eq!(value["code"], note.code.to_string());
        match note.to {
            Some(to) => assert_eq!(value["to"], to.to_string()),
            None => assert!(value["to"].is_null()),
        }
        let ids: Vec<&str> = note.sources.iter().map(|s| s.id()).collect();
        assert_eq!(value["sources"], serde_json::json!(ids));
        assert_eq!(value.as_object().unwrap().len(), 7);
    }
    let rfc = Source::by_id("rfc3463").unwrap();
    assert_eq!(
        serde_json::to_value(rfc).unwrap(),
        serde_json::json!({
            "id": "rfc3463",
            "kind": "rfc",
            "title": "Enhanced Mail System Status Codes",
            "url": "https://www.rfc-editor.org/rfc/rfc3463",
            "version": "January 2003",
        })
    );
}

#[test]
fn replies_are_maps() {
    let reply = Reply::parse("550-5.7.1 first\r\n550 5.7.1 second\r\n").unwrap();
    assert_eq!(
        serde_json::to_value(reply).unwrap(),
        serde_json::json!({"code": "550", "enhanced": "5.7.1", "lines": ["first", "second"]})
    );
    let data = Reply::parse("354 Start mail input").unwrap();
    assert_eq!(
        serde_json::to_string(&data).unwrap(),
        r#"{"code":"354","enhanced":null,"lines":["Start mail input"]}"#
    );
}
