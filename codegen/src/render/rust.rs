//! Rendering the generated crate's data modules: `quote!` → `syn::File` → `prettyplease`.
//!
//! Only data-driven items are generated (enums of registered codes, `match` tables, static slices);
//! the types they use (`Usage`, `ReplyStatus`, `VendorNote`, …) are hand-written in the crate.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use super::{doc_link, md_escape, HEADER_TEXT};
use crate::model::*;

/// `generated/src/generated/reply_codes.rs`: `KnownReplyCode` and its tables.
pub fn render_reply_codes(registry: &Registry) -> String {
    let rows = &registry.reply_codes;
    let names: Vec<Ident> = rows.iter().map(|r| ident(&r.name.0)).collect();
    let codes: Vec<Literal> = rows
        .iter()
        .map(|r| Literal::u16_unsuffixed(r.code.0))
        .collect();
    let doc_attrs = rows.iter().map(|row| docs(&reply_doc(registry, row)));
    let name_strs = rows.iter().map(|r| r.name.0.as_str());
    let texts = rows.iter().map(|r| r.text.as_str());
    let statuses = rows.iter().map(|r| ident(r.status.variant()));
    let tokens = quote! {
        use crate::ReplyStatus;

        /// A basic reply code registered by RFC 5321 or one of its extensions.
        ///
        /// Generated from `registry/reply-codes.csv`; new codes may be added in minor releases.
        #[non_exhaustive]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u16)]
        pub enum KnownReplyCode {
            #(#doc_attrs #names = #codes,)*
        }

        impl KnownReplyCode {
            /// Every registered reply code, in ascending order.
            pub const ALL: &'static [KnownReplyCode] = &[#(KnownReplyCode::#names),*];

            /// The registered code with this number, if any.
            pub const fn from_u16(code: u16) -> Option<KnownReplyCode> {
                match code {
                    #(#codes => Some(KnownReplyCode::#names),)*
                    _ => None,
                }
            }

            /// The three-digit code.
            pub const fn code(self) -> u16 {
                self as u16
            }

            /// The registry's name for this code (the variant's name).
            pub const fn name(self) -> &'static str {
                match self {
                    #(KnownReplyCode::#names => #name_strs,)*
                }
            }

            /// The canonical text of the defining RFC.
            pub const fn text(self) -> &'static str {
                match self {
                    #(KnownReplyCode::#names => #texts,)*
                }
            }

            /// How the code is standardised.
            pub const fn status(self) -> ReplyStatus {
                match self {
                    #(KnownReplyCode::#names => ReplyStatus::#statuses,)*
                }
            }
        }
    };
    unparse(tokens)
}

fn reply_doc(registry: &Registry, row: &ReplyRow) -> Vec<String> {
    let mut lines = vec![
        format!("`{}` {}", row.code, md_escape(&row.text)),
        String::new(),
    ];
    let status = match row.status {
        ReplyStatus::Standard => "Standard reply code",
        ReplyStatus::Extension => "Extension reply code",
        ReplyStatus::Deprecated => "Deprecated reply code",
        ReplyStatus::Unverified => {
            "Reply code from an RFC no copy of which was checked (unverified)"
        }
    };
    let cited: Vec<String> = row
        .sources
        .iter()
        .map(|id| doc_link(registry, id))
        .collect();
    lines.push(format!("{status}; sources: {}.", cited.join(", ")));
    let definitions: Vec<&DefinitionRow> = registry
        .definitions
        .iter()
        .filter(|d| d.code == row.code)
        .map(|d| &d.value)
        .collect();
    if !definitions.is_empty() {
        lines.push(String::new());
        lines.push("Defined or used by:".to_string());
        for d in definitions {
            let section = if d.section.is_empty() {
                String::new()
            } else {
                format!(" §{}", md_escape(&d.section))
            };
            lines.push(format!(
                "- {}{section} ({}): {}",
                doc_link(registry, &d.source),
                d.relation.as_str(),
                md_escape(&d.context)
            ));
        }
    }
    if !row.note.is_empty() {
        lines.push(String::new());
        lines.push(format!("Note: {}", md_escape(&row.note)));
    }
    lines
}

/// `generated/src/generated/enhanced_codes.rs`: `KnownStatus`, subjects and classes.
pub fn render_enhanced_codes(registry: &Registry) -> String {
    let live: Vec<&EnhancedRow> = registry
        .enhanced
        .iter()
        .filter(|r| r.status == EnhancedStatus::Registered)
        .map(|r| &r.value)
        .collect();
    let names: Vec<Ident> = live.iter().map(|r| ident(&r.name.0)).collect();
    let doc_attrs = live.iter().map(|row| docs(&enhanced_doc(registry, row)));
    let subjects: Vec<Literal> = live
        .iter()
        .map(|r| Literal::u16_unsuffixed(r.code.subject))
        .collect();
    let details: Vec<Literal> = live
        .iter()
        .map(|r| Literal::u16_unsuffixed(r.code.detail))
        .collect();
    let name_strs = live.iter().map(|r| r.name.0.as_str());
    let titles = live.iter().map(|r| r.title.as_str());
    let descriptions = live.iter().map(|r| r.description.as_str());
    let reply_codes = live.iter().map(|r| {
        let codes = r.reply_codes.0.iter().map(|c| Literal::u16_unsuffixed(c.0));
        quote! { &[#(#codes),*] }
    });
    let usages = live.iter().map(|r| match r.usage {
        Some(usage) => {
            let variant = ident(usage.variant());
            quote! { Some(Usage::#variant) }
        }
        None => quote! { None },
    });

    let deprecated: Vec<&EnhancedRow> = registry
        .enhanced
        .iter()
        .filter(|r| r.status == EnhancedStatus::Deprecated)
        .map(|r| &r.value)
        .collect();
    let replacement = |row: &EnhancedRow| {
        let by = row
            .replaced_by
            .expect("validated: deprecated codes have replaced_by");
        let target = registry
            .enhanced_code(by)
            .expect("validated: replaced_by exists");
        (by, ident(&target.name.0))
    };
    let aliases = deprecated.iter().map(|row| {
        let alias = ident(&row.name.0);
        let (by, target) = replacement(row);
        let note = format!("{} is deprecated: use {by} ({})", row.code, target);
        let mut lines = vec![
            format!(
                "`{}`: a deprecated alias of [`KnownStatus::{target}`] (`{by}`).",
                row.code
            ),
            String::new(),
            md_escape(&row.description),
        ];
        lines.push(String::new());
        lines.push(format!(
            "Defined in {}.",
            references(registry, &row.references)
        ));
        let doc = docs(&lines);
        quote! {
            #doc
            #[deprecated(note = #note)]
            #[allow(non_upper_case_globals)]
            pub const #alias: KnownStatus = KnownStatus::#target;
        }
    });
    let deprecated_arms = deprecated.iter().map(|row| {
        let (_, target) = replacement(row);
        let s = Literal::u16_unsuffixed(row.code.subject);
        let d = Literal::u16_unsuffixed(row.code.detail);
        quote! { (#s, #d) => Some(KnownStatus::#target), }
    });

    let subject_numbers: Vec<Literal> = registry
        .subjects
        .iter()
        .map(|r| Literal::u16_unsuffixed(r.subject))
        .collect();
    let subject_titles = registry.subjects.iter().map(|r| r.title.as_str());
    let subject_descriptions = registry.subjects.iter().map(|r| r.description.as_str());
    let class_numbers: Vec<Literal> = registry
        .classes
        .iter()
        .map(|r| Literal::u8_unsuffixed(r.class))
        .collect();
    let class_titles = registry.classes.iter().map(|r| r.title.as_str());
    let class_descriptions = registry.classes.iter().map(|r| r.description.as_str());

    let tokens = quote! {
        use crate::Usage;

        /// An enhanced status code registered with IANA (RFC 3463 and later RFCs), independent of
        /// its class: `KnownStatus::BadDestinationMailboxAddress` is `X.1.1`, whether sent as
        /// `4.1.1` or `5.1.1`.
        ///
        /// Generated from `registry/enhanced-codes.csv`; new codes may be added in minor releases.
        #[non_exhaustive]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum KnownStatus {
            #(#doc_attrs #names,)*
        }

        impl KnownStatus {
            /// Every registered code, in ascending order of subject and detail.
            pub const ALL: &'static [KnownStatus] = &[#(KnownStatus::#names),*];

            #(#aliases)*

            /// The registered code `X.subject.detail`, if any. A deprecated code gives the code that
            /// replaces it.
            pub const fn from_parts(subject: u16, detail: u16) -> Option<KnownStatus> {
                match (subject, detail) {
                    #((#subjects, #details) => Some(KnownStatus::#names),)*
                    #(#deprecated_arms)*
                    _ => None,
                }
            }

            /// The subject sub-code.
            pub const fn subject(self) -> u16 {
                match self {
                    #(KnownStatus::#names => #subjects,)*
                }
            }

            /// The detail sub-code.
            pub const fn detail(self) -> u16 {
                match self {
                    #(KnownStatus::#names => #details,)*
                }
            }

            /// The registry's name for this code (the variant's name).
            pub const fn name(self) -> &'static str {
                match self {
                    #(KnownStatus::#names => #name_strs,)*
                }
            }

            /// IANA's sample text for the code.
            pub const fn title(self) -> &'static str {
                match self {
                    #(KnownStatus::#names => #titles,)*
                }
            }

            /// IANA's description of the code.
            pub const fn description(self) -> &'static str {
                match self {
                    #(KnownStatus::#names => #descriptions,)*
                }
            }

            /// The basic reply codes IANA associates with the code (empty where IANA gives none or
            /// only free text such as `Not given` or `5XX`).
            pub const fn reply_codes(self) -> &'static [u16] {
                match self {
                    #(KnownStatus::#names => #reply_codes,)*
                }
            }

            /// The classes RFC 3463 says the code is useful for, where it states a limit.
            pub const fn usage(self) -> Option<Usage> {
                match self {
                    #(KnownStatus::#names => #usages,)*
                }
            }
        }

        /// The title of a registered subject (`X.1.XXX` → `Addressing Status`).
        pub(crate) const fn subject_title(subject: u16) -> Option<&'static str> {
            match subject {
                #(#subject_numbers => Some(#subject_titles),)*
                _ => None,
            }
        }

        /// The description of a registered subject.
        pub(crate) const fn subject_description(subject: u16) -> Option<&'static str> {
            match subject {
                #(#subject_numbers => Some(#subject_descriptions),)*
                _ => None,
            }
        }

        /// The title of a class (`5` → `Permanent Failure`).
        pub(crate) const fn class_title(class: u8) -> Option<&'static str> {
            match class {
                #(#class_numbers => Some(#class_titles),)*
                _ => None,
            }
        }

        /// The description of a class.
        pub(crate) const fn class_description(class: u8) -> Option<&'static str> {
            match class {
                #(#class_numbers => Some(#class_descriptions),)*
                _ => None,
            }
        }
    };
    unparse(tokens)
}

fn enhanced_doc(registry: &Registry, row: &EnhancedRow) -> Vec<String> {
    let mut lines = vec![
        format!("`{}` {}", row.code, md_escape(&row.title)),
        String::new(),
        md_escape(&row.description),
        String::new(),
    ];
    let codes = if row.reply_codes.0.is_empty() {
        "none listed".to_string()
    } else {
        row.reply_codes
            .0
            .iter()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    lines.push(format!(
        "Associated basic reply codes: {codes} (IANA: \"{}\").",
        md_escape(&row.reply_codes_raw)
    ));
    if let Some(usage) = row.usage {
        lines.push(format!(
            "Usage: {} (\"{}\").",
            usage.as_str(),
            md_escape(&row.usage_note)
        ));
    }
    lines.push(String::new());
    lines.push(format!(
        "Defined in {}; listed in the {}.",
        references(registry, &row.references),
        doc_link(registry, "iana-esc")
    ));
    lines
}

/// `rfc3463#3.2 rfc7504` → linked, comma-separated references.
fn references(registry: &Registry, refs: &Words) -> String {
    refs.iter()
        .map(|word| match word.split_once('#') {
            Some((id, section)) => super::section_link(registry, id, section),
            None => doc_link(registry, word),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `generated/src/generated/vendor_notes.rs`: the static table of vendor notes.
pub fn render_vendor_notes(registry: &Registry) -> String {
    let notes = registry.vendor_notes.iter().map(|row| {
        let vendor = row.vendor.as_str();
        let product = row.product.as_str();
        let code = note_code(row.from_code());
        let to = match row.to_code() {
            Some(to) => {
                let to = note_code(to);
                quote! { Some(#to) }
            }
            None => quote! { None },
        };
        let meaning = row.meaning.as_str();
        let note = row.note.as_str();
        let sources = row.sources.iter();
        quote! {
            VendorNote {
                vendor: #vendor,
                product: #product,
                code: #code,
                to: #to,
                meaning: #meaning,
                note: #note,
                sources: &[#(#sources),*],
            }
        }
    });
    let tokens = quote! {
        use crate::{VendorCode, VendorNote};

        /// Every vendor note, sorted by vendor, product, kind and code.
        pub(crate) static VENDOR_NOTES: &[VendorNote] = &[#(#notes),*];
    };
    unparse(tokens)
}

fn note_code(code: NoteCode) -> TokenStream {
    match code {
        NoteCode::Reply(c) => {
            let c = Literal::u16_unsuffixed(c.0);
            quote! { VendorCode::Reply(#c) }
        }
        NoteCode::Enhanced(c) => {
            let class = Literal::u8_unsuffixed(c.class);
            let subject = Literal::u16_unsuffixed(c.subject);
            let detail = Literal::u16_unsuffixed(c.detail);
            quote! { VendorCode::Enhanced { class: #class, subject: #subject, detail: #detail } }
        }
    }
}

/// One `#[doc = " line"]` attribute per line, so rustdoc shows paragraphs and prettyplease prints
/// `///` comments rather than a block.
fn docs(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|line| {
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote! { #[doc = #text] }
    });
    quote! { #(#attrs)* }
}

/// An identifier from a validated registry name.
fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// Parses the tokens as a file and prints them, after the `@generated` header.
fn unparse(tokens: TokenStream) -> String {
    let file: syn::File = syn::parse2(tokens).expect("generated Rust parses");
    format!("// {HEADER_TEXT}\n\n{}", prettyplease::unparse(&file))
}
