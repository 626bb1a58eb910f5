//! `EnhancedStatusCode::from_str` on arbitrary UTF-8: no panic, and every accepted code prints back
//! as exactly the input and parses to itself.

#![no_main]

use libfuzzer_sys::fuzz_target;
use smtp_codes::EnhancedStatusCode;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    match input.parse::<EnhancedStatusCode>() {
        Ok(code) => {
            let text = code.to_string();
            // Only the canonical form is accepted, so printing gives the input back.
            assert_eq!(text, input);
            assert_eq!(text.parse::<EnhancedStatusCode>(), Ok(code));
            assert!(code.subject() <= 999 && code.detail() <= 999);
            assert_eq!(
                EnhancedStatusCode::new(code.class(), code.subject(), code.detail()),
                Some(code)
            );
            let _ = (code.title(), code.description(), code.specificity());
            let _ = (code.usage(), code.usage_allows_class(), code.known());
            let _ = code.vendor_notes().count();
            let _ = format!("{code:>12}|{code:<12}|{code:^12}");
        }
        Err(err) => {
            assert!(err.offset() <= input.len());
            let _ = err.to_string();
        }
    }
});
