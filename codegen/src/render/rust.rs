//! Rendering the generated crate's data modules: `quote!` → `syn::File` → `prettyplease`.
//!
//! Only data-driven items are generated (enums of registered codes, `match` tables, static slices);
//! the types they use (`Usage`, `ReplyStatus`, `VendorNote`, …) are hand-written in the crate.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use super::{doc_link, md_escape, HEADER_TEXT};
use crate::api::{screaming_snake, FormerCode, FormerNameRow};
use crate::code::StatusKey;
use crate::model::*;

/// `generated/src/generated/reply_codes.rs`: `KnownReplyCode`, a `ReplyCode` constant per
/// registered code, and the table behind `KnownReplyCode`'s accessors.
pub fn render_reply_codes(registry: &Registry) -> String {
    let rows = &registry.reply_codes;
    let names: Vec<Ident> = rows.iter().map(|r| ident(&r.name.0)).collect();
    let codes: Vec<Literal> = rows
        .iter()
        .map(|r| Literal::u16_unsuffixed(r.code.0))
        .collect();
    let doc_attrs = rows.iter().map(|row| docs(&reply_doc(registry, row)));
    let constants = rows.iter().map(|row| {
        let constant = ident(&screaming_snake(&row.name.0));
        let variant = ident(&row.name.0);
        let doc = docs(&[format!(
            "`{}` {}: [`KnownReplyCode::{}`].",
            row.code,
            md_escape(&row.text),
            row.name
        )]);
        quote! {
            #doc
            pub const #constant: ReplyCode = KnownReplyCode::#variant.reply_code();
        }
    });
    let former: Vec<(&FormerNameRow, &ReplyRow)> = registry
        .former_names
        .iter()
        .filter_map(|f| match f.target() {
            Ok(FormerCode::Reply(code)) => registry.reply_code(code).map(|r| (&**f, &**r)),
            _ => None,
        })
        .collect();
    let former_variants = former.iter().map(|(f, row)| {
        let alias = ident(&f.name.0);
        let target = ident(&row.name.0);
        let note = format!("renamed to `KnownReplyCode::{}`: {}", row.name, f.reason);
        let since = &f.since;
        let doc = docs(&[format!(
            "`{}`: the former name of [`KnownReplyCode::{}`].",
            row.code, row.name
        )]);
        quote! {
            #doc
            #[deprecated(since = #since, note = #note)]
            #[allow(non_upper_case_globals)]
            pub const #alias: KnownReplyCode = KnownReplyCode::#target;
        }
    });
    let former_constants = former.iter().map(|(f, row)| {
        let alias = ident(&screaming_snake(&f.name.0));
        let target = ident(&screaming_snake(&row.name.0));
        let note = format!("renamed to `ReplyCode::{target}`: {}", f.reason);
        let since = &f.since;
        let doc = docs(&[format!(
            "`{}`: the former name of [`ReplyCode::{target}`].",
            row.code
        )]);
        quote! {
            #doc
            #[deprecated(since = #since, note = #note)]
            pub const #alias: ReplyCode = ReplyCode::#target;
        }
    });
    let data = rows.iter().map(|row| {
        let variant = ident(&row.name.0);
        let name = row.name.0.as_str();
        let text = row.text.as_str();
        let status = ident(row.status.variant());
        let sources = source_refs(&row.sources);
        quote! {
            reply(KnownReplyCode::#variant, #name, #text, ReplyStatus::#status, &[#(#sources),*])
        }
    });
    let tokens = quote! {
        use crate::known::{reply, ReplyData};
        use crate::{ReplyCode, ReplyStatus};
        use super::sources as source;

        /// A basic reply code registered by RFC 5321 or one of its extensions.
        ///
        /// The discriminant is the code: `KnownReplyCode::Completed as u16 == 250`. Generated from
        /// `registry/reply-codes.csv`; new codes may be added in minor releases.
        #[non_exhaustive]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u16)]
        pub enum KnownReplyCode {
            #(#doc_attrs #names = #codes,)*
        }

        impl KnownReplyCode {
            /// Every registered reply code, in ascending order.
            pub const ALL: &'static [KnownReplyCode] = &[#(KnownReplyCode::#names),*];

            #(#former_variants)*
        }

        /// A constant for every registered reply code, named after the registry's name.
        impl ReplyCode {
            #(#constants)*
            #(#former_constants)*
        }

        /// What the registry says about each code, in the order of [`KnownReplyCode::ALL`]:
        /// `reply(variant, name, text, status, sources)`.
        pub(crate) const REPLY_CODES: &[ReplyData] = &[#(#data),*];
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
    let defined: Vec<String> = registry
        .definitions
        .iter()
        .filter(|d| d.code == row.code && d.relation == Relation::Defines)
        .map(|d| match d.section.split(';').next().map(str::trim) {
            Some(section) if !section.is_empty() => {
                super::section_link(registry, &d.source, section)
            }
            _ => doc_link(registry, &d.source),
        })
        .collect();
    if defined.is_empty() {
        lines.push(format!("{status}; sources: {}.", cited.join(", ")));
    } else {
        lines.push(format!("{status}, defined in {}.", defined.join(", ")));
    }
    if !row.note.is_empty() {
        lines.push(String::new());
        lines.push(format!("Note: {}", md_escape(&row.note)));
    }
    lines
}

/// `generated/src/generated/enhanced_codes.rs`: `KnownStatus` and the tables of enhanced codes,
/// subjects and classes.
pub fn render_enhanced_codes(registry: &Registry) -> String {
    let live: Vec<&EnhancedRow> = registry
        .enhanced
        .iter()
        .filter(|r| r.status == EnhancedStatus::Registered)
        .map(|r| &r.value)
        .collect();
    let names: Vec<Ident> = live.iter().map(|r| ident(&r.name.0)).collect();
    let doc_attrs = live.iter().map(|row| docs(&enhanced_doc(registry, row)));
    let data = live.iter().map(|row| {
        let variant = ident(&row.name.0);
        let subject = Literal::u16_unsuffixed(row.code.subject);
        let detail = Literal::u16_unsuffixed(row.code.detail);
        let name = row.name.0.as_str();
        let title = row.title.as_str();
        let description = row.description.as_str();
        let codes = row
            .reply_codes
            .0
            .iter()
            .map(|c| Literal::u16_unsuffixed(c.0));
        let usage = match row.usage {
            Some(usage) => {
                let variant = ident(usage.variant());
                quote! { Some(Usage::#variant) }
            }
            None => quote! { None },
        };
        let sources = source_refs(&row.sources);
        quote! {
            status(
                KnownStatus::#variant, #subject, #detail, #name, #title, #description,
                &[#(#codes),*], #usage, &[#(#sources),*],
            )
        }
    });

    let deprecated: Vec<&EnhancedRow> = registry
        .enhanced
        .iter()
        .filter(|r| r.status == EnhancedStatus::Deprecated)
        .map(|r| &r.value)
        .collect();
    let current_name = |key: StatusKey| {
        let row = registry
            .enhanced_code(key)
            .expect("validated: replaced_by and former names refer to existing codes");
        match row.replaced_by {
            Some(by) if row.status == EnhancedStatus::Deprecated => registry
                .enhanced_code(by)
                .map(|r| (by, r.name.0.clone()))
                .expect("validated: replaced_by exists"),
            _ => (key, row.name.0.clone()),
        }
    };
    let aliases = deprecated.iter().map(|row| {
        let alias = ident(&row.name.0);
        let by = row
            .replaced_by
            .expect("validated: deprecated codes have replaced_by");
        let (by, target_name) = current_name(by);
        let target = ident(&target_name);
        let note = format!("{} is deprecated: use {by} ({target_name})", row.code);
        let lines = vec![
            format!(
                "`{}`: a deprecated alias of [`KnownStatus::{target_name}`] (`{by}`).",
                row.code
            ),
            String::new(),
            md_escape(&row.description),
            String::new(),
            format!("Defined in {}.", references(registry, &row.references)),
        ];
        let doc = docs(&lines);
        quote! {
            #doc
            #[deprecated(note = #note)]
            #[allow(non_upper_case_globals)]
            pub const #alias: KnownStatus = KnownStatus::#target;
        }
    });
    let former = registry.former_names.iter().filter_map(|f| {
        let Ok(FormerCode::Enhanced(key)) = f.target() else {
            return None;
        };
        registry.enhanced_code(key)?;
        let (by, target_name) = current_name(key);
        let alias = ident(&f.name.0);
        let target = ident(&target_name);
        let since = &f.since;
        let note = format!("renamed to `KnownStatus::{target_name}`: {}", f.reason);
        let doc = docs(&[format!(
            "`{by}`: the former name of [`KnownStatus::{target_name}`]."
        )]);
        Some(quote! {
            #doc
            #[deprecated(since = #since, note = #note)]
            #[allow(non_upper_case_globals)]
            pub const #alias: KnownStatus = KnownStatus::#target;
        })
    });
    let deprecated_data = deprecated.iter().map(|row| {
        let (_, target_name) = current_name(row.code);
        let target = ident(&target_name);
        let s = Literal::u16_unsuffixed(row.code.subject);
        let d = Literal::u16_unsuffixed(row.code.detail);
        quote! { (#s, #d, KnownStatus::#target) }
    });

    let subjects = registry.subjects.iter().map(|row| {
        let subject = Literal::u16_unsuffixed(row.subject);
        let title = row.title.as_str();
        let description = row.description.as_str();
        let sources = source_refs(&row.sources);
        quote! {
            SubjectData {
                subject: #subject,
                title: #title,
                description: #description,
                sources: &[#(#sources),*],
            }
        }
    });
    let classes = registry.classes.iter().map(|row| {
        let class = ident(&row.name.0);
        let title = row.title.as_str();
        let description = row.description.as_str();
        let sources = source_refs(&row.sources);
        quote! {
            ClassData {
                class: Class::#class,
                title: #title,
                description: #description,
                sources: &[#(#sources),*],
            }
        }
    });

    let example = live
        .iter()
        .find(|r| r.code.subject == 1 && r.code.detail == 1)
        .or(live.first());
    let enum_doc = match example {
        Some(row) => {
            let (s, d) = (row.code.subject, row.code.detail);
            docs(&[
                "An enhanced status code registered with IANA (RFC 3463 and later RFCs), independent of"
                    .to_string(),
                format!("its class: `KnownStatus::{}` is `X.{s}.{d}`,", row.name),
                format!("whether sent as `4.{s}.{d}` or `5.{s}.{d}`."),
            ])
        }
        None => docs(&[
            "An enhanced status code registered with IANA (RFC 3463 and later RFCs), independent of its class.".to_string(),
        ]),
    };

    let tokens = quote! {
        use crate::known::{status, ClassData, StatusData, SubjectData};
        use crate::{Class, Usage};
        use super::sources as source;

        #enum_doc
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
            #(#former)*
        }

        /// What the registry says about each code, in the order of [`KnownStatus::ALL`] (the
        /// variants' discriminants index it): `status(variant, subject, detail, name, title,
        /// description, reply_codes, usage, sources)`.
        pub(crate) const STATUSES: &[StatusData] = &[#(#data),*];

        /// Deprecated codes `X.subject.detail` and the registered code that replaces each.
        pub(crate) const DEPRECATED_STATUSES: &[(u16, u16, KnownStatus)] = &[#(#deprecated_data),*];

        /// The registered subjects, in ascending order.
        pub(crate) const SUBJECTS: &[SubjectData] = &[#(#subjects),*];

        /// The classes, in ascending order of their digit.
        pub(crate) const CLASSES: &[ClassData] = &[#(#classes),*];
    };
    unparse(tokens)
}

fn enhanced_doc(registry: &Registry, row: &EnhancedRow) -> Vec<String> {
    let mut lines = vec![
        format!("`{}` {}", row.code, md_escape(&row.title)),
        String::new(),
    ];
    if let Some(usage) = row.usage {
        lines.push(format!(
            "Usage: {} (\"{}\").",
            usage.as_str(),
            md_escape(&row.usage_note)
        ));
    }
    lines.push(format!(
        "Defined in {}.",
        references(registry, &row.references)
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
        let sources = source_refs(&row.sources);
        quote! {
            note(#vendor, #product, #code, #to, #meaning, #note, &[#(#sources),*])
        }
    });
    let tokens = quote! {
        use crate::vendor::{enhanced, note, reply};
        use crate::VendorNote;
        use super::sources as source;

        /// Every vendor note, sorted by vendor, product, kind and code: `note(vendor, product,
        /// code, to, meaning, note, sources)`.
        pub(crate) static VENDOR_NOTES: &[VendorNote] = &[#(#notes),*];
    };
    unparse(tokens)
}

/// `generated/src/generated/sources.rs`: every source the crate's tables cite, and a constant
/// naming each.
pub fn render_sources(registry: &Registry) -> String {
    let cited = cited_sources(registry);
    let listed: Vec<&Source> = registry
        .sources
        .iter()
        .filter(|s| cited.contains(s.doc.id.as_str()))
        .collect();
    let sources = listed.iter().map(|s| {
        let id = s.doc.id.as_str();
        let kind = ident(source_kind_variant(s.doc.kind));
        let title = s.doc.title.as_str();
        let url = option_str(Some(s.doc.url.as_str()).filter(|u| !u.is_empty()));
        let version = option_str(s.doc.version.as_deref());
        quote! { Source::new(#id, SourceKind::#kind, #title, #url, #version) }
    });
    let named = listed.iter().enumerate().map(|(index, s)| {
        let name = ident(&source_const(&s.doc.id));
        let index = Literal::usize_unsuffixed(index);
        quote! { pub(crate) const #name: &Source = &SOURCES[#index]; }
    });
    let tokens = quote! {
        use crate::{Source, SourceKind};

        /// Every source the crate's tables cite, sorted by id.
        pub(crate) const SOURCES: &[Source] = &[#(#sources),*];

        #(#named)*
    };
    unparse(tokens)
}

/// The ids of the sources that the generated tables cite.
fn cited_sources(registry: &Registry) -> std::collections::BTreeSet<&str> {
    let mut cited = std::collections::BTreeSet::new();
    cited.extend(registry.classes.iter().flat_map(|r| r.sources.iter()));
    cited.extend(registry.subjects.iter().flat_map(|r| r.sources.iter()));
    cited.extend(
        registry
            .enhanced
            .iter()
            .filter(|r| r.status == EnhancedStatus::Registered)
            .flat_map(|r| r.sources.iter()),
    );
    cited.extend(registry.reply_codes.iter().flat_map(|r| r.sources.iter()));
    cited.extend(registry.vendor_notes.iter().flat_map(|r| r.sources.iter()));
    cited
}

/// `ms-exo-ndr` → `MS_EXO_NDR`: the constant that names a source in the generated tables.
fn source_const(id: &str) -> String {
    let name = id.to_ascii_uppercase().replace('-', "_");
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("S_{name}")
    } else {
        name
    }
}

/// `&[source::RFC5321, source::RFC3207]`'s elements for a list of source ids.
fn source_refs(ids: &Words) -> Vec<TokenStream> {
    ids.iter()
        .map(|id| {
            let name = ident(&source_const(id));
            quote! { source::#name }
        })
        .collect()
}

/// The variant of the crate's `SourceKind` for a registry kind.
fn source_kind_variant(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Rfc => "Rfc",
        SourceKind::Iana => "Iana",
        SourceKind::VendorDoc => "VendorDoc",
        SourceKind::WebPage => "WebPage",
        SourceKind::Code => "Code",
        SourceKind::Other => "Other",
    }
}

fn option_str(text: Option<&str>) -> TokenStream {
    match text {
        Some(text) => quote! { Some(#text) },
        None => quote! { None },
    }
}

fn note_code(code: NoteCode) -> TokenStream {
    match code {
        NoteCode::Reply(c) => {
            let c = Literal::u16_unsuffixed(c.0);
            quote! { reply(#c) }
        }
        NoteCode::Enhanced(c) => {
            let class = Literal::u8_unsuffixed(c.class);
            let subject = Literal::u16_unsuffixed(c.subject);
            let detail = Literal::u16_unsuffixed(c.detail);
            quote! { enhanced(#class, #subject, #detail) }
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
