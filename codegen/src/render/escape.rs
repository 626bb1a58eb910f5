//! Escaping registry text for where it lands: Markdown (the reference, the reports, and rustdoc,
//! which is Markdown too) text, code spans, table cells, headings and links.
//!
//! Every value that comes from the registry (titles, notes, codes as written, finding ids,
//! locators, file names, URLs, rationales) goes through one of these functions before it is
//! written into Markdown; none of them can inject markup, HTML, a live link or break a table,
//! whatever it holds. Pick the function by where the text lands:
//!
//! | where | function |
//! |---|---|
//! | running text, a list item | [`inline`] |
//! | a table cell | [`cell`] (text) or [`cell_code`] (code) |
//! | a heading | [`heading`] |
//! | a code span outside a table | [`code`] |
//! | a link | [`link`] (label and destination), [`destination`] (the URL alone) |
//!
//! JSON needs no function here: `serde_json` escapes every string.

/// Text in running Markdown: HTML is neutralised as entities (`&lt;script&gt;`), Markdown
/// punctuation is backslash-escaped (emphasis, code, links, images, tables, strikethrough, math),
/// a line-start marker (`#`, `-`, `+`, `=`, `1.`) is escaped, line breaks become spaces, and any
/// other control character becomes U+FFFD. Safe in a table cell and a link label too.
pub fn inline(text: &str) -> String {
    escape_text(text, false)
}

fn escape_text(text: &str, every_hash: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // An ordered-list marker at the start (`1. ` or `1) `, followed by a space or nothing) is
    // escaped by escaping its punctuation; `4.2.1` is not one and stays as it is.
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let list_marker = digits > 0
        && matches!(text.as_bytes().get(digits), Some(b'.' | b')'))
        && matches!(text.as_bytes().get(digits + 1), None | Some(b' ' | b'\t'));
    let bytes = text.as_bytes();
    // Runs of plain ASCII are copied whole; each other character is looked at on its own.
    let mut plain_from = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if usize::from(b) < PLAIN.len() && PLAIN[usize::from(b)] && i > 0 {
            i += 1;
            continue;
        }
        out.push_str(&text[plain_from..i]);
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '(' | ')' | '!' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '#' if every_hash => out.push_str("\\#"),
            '#' | '+' | '-' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '.' if list_marker && i == digits => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' | '\t' | '\u{2028}' | '\u{2029}' => out.push(' '),
            c if c.is_control() || crate::text::is_bidi_control(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
        i += c.len_utf8();
        plain_from = i;
    }
    out.push_str(&text[plain_from..]);
    out
}

/// The ASCII bytes that [`escape_text`] copies as they are anywhere after the first: printable,
/// and neither markup nor a character whose meaning depends on where it stands (`#`, `.`).
const PLAIN: [bool; 128] = {
    let mut plain = [false; 128];
    let mut b = b' ';
    while b < 0x7f {
        plain[b as usize] = !matches!(
            b,
            b'&' | b'<'
                | b'>'
                | b'\\'
                | b'`'
                | b'*'
                | b'_'
                | b'['
                | b']'
                | b'|'
                | b'~'
                | b'('
                | b')'
                | b'!'
                | b'$'
                | b'#'
                | b'.'
        );
        b += 1;
    }
    plain
};

/// Text in a table cell: [`inline`], which escapes `|` and keeps the cell on one line.
pub fn cell(text: &str) -> String {
    inline(text)
}

/// Text in a heading: [`inline`], and every `#` escaped (a trailing run of `#` would be taken for
/// the heading's closing sequence and dropped).
pub fn heading(text: &str) -> String {
    escape_text(text, true)
}

/// A code span holding `text` exactly, whatever backticks it holds: the fence is one backtick
/// longer than the longest run inside, and a space pads a text that starts or ends with a backtick
/// or a space (a Markdown renderer strips one on each side). Line breaks become spaces (as a code
/// span renders them), other control characters U+FFFD. Not for a table cell: see [`cell_code`].
pub fn code(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| match c {
            '\r' | '\n' | '\t' | '\u{2028}' | '\u{2029}' => ' ',
            c if c.is_control() || crate::text::is_bidi_control(c) => '\u{fffd}',
            c => c,
        })
        .collect();
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = text.is_empty() || text.starts_with(['`', ' ']) || text.ends_with(['`', ' ']);
    if pad {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

/// A code span in a table cell: [`code`], with `|` escaped (GitHub splits cells before it reads
/// code spans, and renders `\|` inside one as `|`).
pub fn cell_code(text: &str) -> String {
    code(text).replace('|', "\\|")
}

/// The schemes a link may use. Anything else (`javascript:`, `data:`, `file:`, `vbscript:`) is
/// never written as a link.
pub const LINK_SCHEMES: &[&str] = &["https", "http", "mailto"];

/// A URL made safe as a Markdown link destination, or `None` when it must not be a link: its
/// scheme is not in [`LINK_SCHEMES`] (a relative reference, with no scheme, is allowed). Browsers
/// ignore tabs and line breaks in a URL and leading spaces and control characters, so the scheme is
/// read as they read it (`java\tscript:` is `javascript:`). Characters a URL does not hold
/// unencoded (space, `"`, `<`, `>`, `\`, `^`, backtick, `{`, `|`, `}`), parentheses (which end a
/// Markdown destination) and anything beyond ASCII are percent-encoded.
pub fn destination(url: &str) -> Option<String> {
    let without_breaks: String;
    let url = if url.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r')) {
        without_breaks = url
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect();
        &without_breaks
    } else {
        url
    };
    let url = url.trim_matches(|c: char| c <= ' ' || c.is_control());
    let end = url
        .bytes()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(url.len());
    if let Some(colon) = url[..end].find(':') {
        let scheme = url[..colon].to_ascii_lowercase();
        if !LINK_SCHEMES.contains(&scheme.as_str()) {
            return None;
        }
    }
    // Inside `(…)` only parentheses, `<`, `>`, `\`, space and control characters mean something to
    // Markdown; `|` to a table; the rest stays as written (`_`, `*` and `[]` are plain in a link
    // destination). Every byte of a character beyond ASCII is encoded, as is every unsafe ASCII
    // byte; runs of safe bytes are copied whole.
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(url.len() + 8);
    let mut safe_from = 0;
    for (i, b) in url.bytes().enumerate() {
        if b.is_ascii() && URL_SAFE[usize::from(b)] {
            continue;
        }
        if safe_from < i {
            // A run of safe (ASCII) bytes: it starts and ends at character boundaries.
            out.push_str(&url[safe_from..i]);
        }
        out.push('%');
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xf)]));
        safe_from = i + 1;
    }
    // After the last byte `safe_from` is at a boundary: the end, or past an ASCII byte.
    out.push_str(&url[safe_from..]);
    Some(out)
}

/// The ASCII characters a link destination holds as they are: letters, digits and
/// `-._~:/?#[]@!$&'*+,;=%`.
const URL_SAFE: [bool; 128] = {
    let mut safe = [false; 128];
    let mut b: u8 = 0;
    while b < 128 {
        safe[b as usize] = b.is_ascii_alphanumeric();
        b += 1;
    }
    let marks = b"-._~:/?#[]@!$&'*+,;=%";
    let mut i = 0;
    while i < marks.len() {
        safe[marks[i] as usize] = true;
        i += 1;
    }
    safe
};

/// A Markdown link `[label](url)`, the label escaped as [`inline`] text; just the escaped label
/// when the URL may not be a link (see [`destination`]).
pub fn link(label: &str, url: &str) -> String {
    match destination(url) {
        Some(dest) => format!("[{}]({dest})", inline(label)),
        None => inline(label),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_neutralises_markup() {
        assert_eq!(inline("<script>"), "&lt;script&gt;");
        assert_eq!(inline("a|b"), "a\\|b");
        assert_eq!(inline("[x](javascript:y)"), "\\[x\\]\\(javascript:y\\)");
        assert_eq!(inline("# h\nx"), "\\# h x");
        assert_eq!(inline("*/ #["), "\\*/ #\\[");
        assert_eq!(inline("1. item"), "1\\. item");
        assert_eq!(inline("4.2.1"), "4.2.1");
        assert_eq!(inline("- item"), "\\- item");
        assert_eq!(inline("&amp; $x$ ~~s~~"), "&amp;amp; \\$x\\$ \\~\\~s\\~\\~");
        assert_eq!(inline("trailing \\"), "trailing \\\\");
        assert_eq!(inline("a\u{1b}[2Jb\u{202e}"), "a\u{fffd}\\[2Jb\u{fffd}");
    }

    #[test]
    fn headings_keep_their_hashes() {
        assert_eq!(heading("C# ##"), "C\\# \\#\\#");
        assert_eq!(heading("#1"), "\\#1");
        assert_eq!(heading("a\\#"), "a\\\\\\#");
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code("x"), "`x`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("``"), "``` `` ```");
        assert_eq!(code("` x"), "`` ` x ``");
        assert_eq!(code(" a "), "`  a  `");
        assert_eq!(code("a\nb"), "`a b`");
        assert_eq!(cell_code("a|b"), "`a\\|b`");
    }

    #[test]
    fn destinations_allow_only_web_schemes() {
        assert_eq!(destination("javascript:alert(1)"), None);
        assert_eq!(destination("JavaScript:alert(1)"), None);
        assert_eq!(destination(" java\tscript:alert(1)"), None);
        assert_eq!(destination("data:text/html,x"), None);
        assert_eq!(destination("file:///etc/passwd"), None);
        assert_eq!(
            destination("https://a.example/x(y)|z\\ `w`"),
            Some("https://a.example/x%28y%29%7Cz%5C%20%60w%60".to_string())
        );
        assert_eq!(
            destination("../../registry/x.csv#L3"),
            Some("../../registry/x.csv#L3".to_string())
        );
        assert_eq!(destination("é"), Some("%C3%A9".to_string()));
        assert_eq!(
            destination("https://a.example/é€x\u{7f}y"),
            Some("https://a.example/%C3%A9%E2%82%ACx%7Fy".to_string())
        );
        assert_eq!(
            link("x](javascript:y)", "javascript:y"),
            "x\\]\\(javascript:y\\)"
        );
        assert_eq!(link("RFC", "https://a/b"), "[RFC](https://a/b)");
    }
}
