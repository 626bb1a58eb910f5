//! Parsing, lookups and formatting allocate nothing: checked with a counting global allocator.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::Write;

use smtp_codes::{ByteReply, EnhancedStatusCode, Reply, ReplyCode};

/// The system allocator, counting allocations made by the current thread.
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is forwarded unchanged to the system allocator; the counter is a
// const-initialised thread-local without a destructor, so touching it never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations() -> usize {
    ALLOCATIONS.with(Cell::get)
}

/// A fixed buffer that `write!` can format into without allocating.
struct StackText {
    bytes: [u8; 64],
    len: usize,
}

impl Write for StackText {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        self.bytes
            .get_mut(self.len..end)
            .ok_or(std::fmt::Error)?
            .copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

#[test]
fn parsing_and_lookups_do_not_allocate() {
    let inputs = [
        "550-5.7.1 first\r\n550 5.7.1 second\r\n",
        "550 5.7.606 Access denied, banned sending IP [192.0.2.1]",
        "250-mx.example.com\r\n250-SIZE 1000\r\n250 2.0.0 OK\r\n",
        "354 Start mail input",
        "454 5.5.1 odd",
        "250-first\r\n251 second\r\n",
        "",
    ];
    let mut text = StackText {
        bytes: [0; 64],
        len: 0,
    };
    let before = allocations();
    let mut total = 0usize;
    for input in inputs {
        match Reply::parse(input) {
            Ok(reply) => {
                total += reply.lines().map(str::len).sum::<usize>();
                total += usize::from(reply.is_consistent());
                if let Some(code) = reply.enhanced() {
                    total += code.title().len();
                    total += code.vendor_notes().count();
                    text.len = 0;
                    write!(text, "{code}").unwrap();
                }
                total += reply.code().vendor_notes().count();
                total += reply.code().text().map_or(0, str::len);
                text.len = 0;
                write!(text, "{}", reply.code()).unwrap();
            }
            Err(err) => {
                total += err.offset();
                text.len = 0;
                // An error message is longer than the buffer; only the formatting matters here.
                let _ = write!(text, "{err}");
            }
        }
    }
    // Streaming and byte input: every entry point, the iterators, the conversions and Debug.
    let stream =
        "250-mx.example.com\r\n250 SIZE 1000\r\n550 5.1.1 no\r\n571 5.7.1 refused\r\n354 go";
    let mut rest = stream;
    while let Ok((reply, after)) = Reply::parse_prefix(rest) {
        total += reply.lines().map(str::len).sum::<usize>();
        total += reply.enhanced_lines().filter(|(e, _)| e.is_some()).count();
        text.len = 0;
        let _ = write!(text, "{reply:?}");
        rest = after;
    }
    if let Err(err) = Reply::parse_prefix(rest) {
        total += usize::from(err.is_incomplete());
        text.len = 0;
        let _ = write!(text, "{err}");
    }
    let bytes: &[u8] = b"550-5.1.1 Empf\xE4nger\r\n550 5.1.1 unbekannt\r\n250 ok\r\n";
    let mut byte_rest = bytes;
    while let Ok((reply, after)) = ByteReply::parse_prefix(byte_rest) {
        total += reply.lines().map(<[u8]>::len).sum::<usize>();
        total += reply.enhanced_lines().count();
        total += reply.to_reply().map_or(1, |r| r.line_count());
        total += usize::from(reply.as_str().is_ok());
        text.len = 0;
        let _ = write!(text, "{reply:?}");
        byte_rest = after;
    }
    for input in [&bytes[..22], b"25\xE9", b"250 ok"] {
        match ByteReply::parse(input) {
            Ok(reply) => total += reply.line_count(),
            Err(err) => {
                total += err.offset();
                text.len = 0;
                let _ = write!(text, "{err}");
            }
        }
    }
    total += "5.1.1"
        .parse::<EnhancedStatusCode>()
        .map_or(0, |c| c.detail().into());
    total += "550".parse::<ReplyCode>().map_or(0, |c| c.get().into());
    total += "5.01.1".parse::<EnhancedStatusCode>().map_or(1, |_| 0);
    let after = allocations();
    assert!(total > 0);
    assert_eq!(after - before, 0, "heap allocations while parsing");
}
