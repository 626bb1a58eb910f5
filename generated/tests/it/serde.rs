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
