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
    let variant_docs: Vec<Vec<String>> = rows.iter().map(|row| reply_doc(registry, row)).collect();
    let indexes = (0..rows.len()).map(Literal::usize_unsuffixed);
    let constants = rows.iter().map(|row| {
        let constant = ident(&screaming_snake(&row.name.0));
        let variant = ident(&row.name.0);
        let doc = docs(&[format!("`{}`: [`KnownReplyCode::{}`].", row.code, row.name)]);
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
        let note = format!(
            "renamed to `KnownReplyCode::{}`: {}",
            row.name,
            md_escape(&f.reason)
        );
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
        let note = format!("renamed to `ReplyCode::{target}`: {}", md_escape(&f.reason));
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
    let data = rows
        .iter()
        .map(|row| {
            ast::call(
                "reply",
                vec![
                    ast::str(&row.name.0),
                    ast::str(&row.text),
                    ast::path(&format!("ReplyStatus::{}", row.status.variant())),
                    source_slice(&row.sources),
                ],
            )
        })
        .collect();
    let table = ast::table(
        quote! { pub(crate) const REPLY_CODES: &[ReplyData] },
        &[
            "What the registry says about each code, in the order of [`KnownReplyCode::ALL`]:"
                .into(),
            "`reply(name, text, status, sources)`.".into(),
        ],
        data,
    );
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
            #(#names = #codes,)*
        }

        impl KnownReplyCode {
            /// Every registered reply code, in ascending order.
            pub const ALL: &'static [KnownReplyCode] = &[#(Self::#names),*];

            #(#former_variants)*

            /// The registered code with this number, if any.
            pub const fn from_u16(code: u16) -> Option<KnownReplyCode> {
                match code {
                    #(#codes => Some(Self::#names),)*
                    _ => None,
                }
            }

            /// This code's row in [`REPLY_CODES`].
            pub(crate) const fn index(self) -> usize {
                match self {
                    #(Self::#names => #indexes,)*
                }
            }
        }

        /// A constant for every registered reply code, named after the registry's name.
        impl ReplyCode {
            #(#constants)*
            #(#former_constants)*
        }
    };
    let mut file = parse(tokens);
    document_variants(&mut file, "KnownReplyCode", &variant_docs);
    file.items.push(table);
    print(&file)
}

fn reply_doc(registry: &Registry, row: &ReplyRow) -> Vec<String> {
    let mut lines = vec![
        format!("`{}` {}", row.code, md_escape(&row.text)),
        String::new(),
    ];
    // `status()` says how each code is standardised; the doc says it only where it is not plain.
    let status = match row.status {
        ReplyStatus::Standard | ReplyStatus::Extension => "",
        ReplyStatus::Deprecated => "Deprecated. ",
        ReplyStatus::Unverified => "Unverified: no copy of the defining RFC was checked. ",
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
        lines.push(format!("{status}Sources: {}.", cited.join(", ")));
    } else {
        lines.push(format!("{status}Defined in {}.", defined.join(", ")));
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
    let variant_docs: Vec<Vec<String>> =
        live.iter().map(|row| enhanced_doc(registry, row)).collect();
    let data = live
        .iter()
        .map(|row| {
            let codes = row
                .reply_codes
                .0
                .iter()
                .map(|c| ast::int(c.0.into()))
                .collect();
            let usage = row
                .usage
                .map(|usage| ast::path(&format!("Usage::{}", usage.variant())));
            ast::call(
                "status",
                vec![
                    ast::int(row.code.subject.into()),
                    ast::int(row.code.detail.into()),
                    ast::str(&row.name.0),
                    ast::str(&row.title),
                    ast::str(&row.description),
                    ast::slice(codes),
                    ast::option(usage),
                    source_slice(&row.sources),
                ],
            )
        })
        .collect();

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
        // rustdoc renders a deprecation note as Markdown: the reason is escaped for it.
        let note = format!(
            "renamed to `KnownStatus::{target_name}`: {}",
            md_escape(&f.reason)
        );
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
    let subjects_detail = live.iter().map(|row| {
        let s = Literal::u16_unsuffixed(row.code.subject);
        let d = Literal::u16_unsuffixed(row.code.detail);
        quote! { (#s, #d) }
    });
    let deprecated_arms = deprecated.iter().map(|row| {
        let (_, target_name) = current_name(row.code);
        let target = ident(&target_name);
        let s = Literal::u16_unsuffixed(row.code.subject);
        let d = Literal::u16_unsuffixed(row.code.detail);
        quote! { (#s, #d) => Some(Self::#target), }
    });
    let subjects = registry
        .subjects
        .iter()
        .map(|row| {
            ast::record(
                "SubjectData",
                vec![
                    ("subject", ast::int(row.subject.into())),
                    ("title", ast::str(&row.title)),
                    ("description", ast::str(&row.description)),
                    ("sources", source_slice(&row.sources)),
                ],
            )
        })
        .collect();
    let classes = registry
        .classes
        .iter()
        .map(|row| {
            ast::record(
                "ClassData",
                vec![
                    ("class", ast::path(&format!("Class::{}", row.name))),
                    ("title", ast::str(&row.title)),
                    ("description", ast::str(&row.description)),
                    ("sources", source_slice(&row.sources)),
                ],
            )
        })
        .collect();
    let tables = vec![
        ast::table(
            quote! { pub(crate) const STATUSES: &[StatusData] },
            &[
                "What the registry says about each code, in the order of [`KnownStatus::ALL`] (the"
                    .into(),
                "variants' discriminants index it): `status(subject, detail, name, title,".into(),
                "description, reply_codes, usage, sources)`.".into(),
            ],
            data,
        ),
        ast::table(
            quote! { pub(crate) const SUBJECTS: &[SubjectData] },
            &["The registered subjects, in ascending order.".into()],
            subjects,
        ),
        ast::table(
            quote! { pub(crate) const CLASSES: &[ClassData] },
            &["The classes, in ascending order of their digit.".into()],
            classes,
        ),
    ];

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
            #(#names,)*
        }

        impl KnownStatus {
            /// Every registered code, in ascending order of subject and detail.
            pub const ALL: &'static [KnownStatus] = &[#(Self::#names),*];

            #(#aliases)*
            #(#former)*

            /// The registered code `X.subject.detail`, if any. A deprecated code gives the code
            /// that replaces it.
            pub const fn from_parts(subject: u16, detail: u16) -> Option<KnownStatus> {
                match (subject, detail) {
                    #(#subjects_detail => Some(Self::#names),)*
                    #(#deprecated_arms)*
                    _ => None,
                }
            }
        }
    };
    let mut file = parse(tokens);
    document_variants(&mut file, "KnownStatus", &variant_docs);
    file.items.extend(tables);
    print(&file)
}

fn enhanced_doc(registry: &Registry, row: &EnhancedRow) -> Vec<String> {
    let mut lines = vec![
        format!("`{}` {}", row.code, md_escape(&row.title)),
        String::new(),
    ];
    if let Some(usage) = row.usage {
        lines.push(format!("Useful for {}.", usage_phrase(usage)));
    }
    lines.push(format!(
        "Defined in {}.",
        references(registry, &row.references)
    ));
    lines
}

/// What a usage limit allows, as the crate's `Usage::description` words it.
fn usage_phrase(usage: Usage) -> &'static str {
    match usage {
        Usage::Permanent => "permanent failures only",
        Usage::Transient => "persistent transient failures only",
        Usage::Both => "permanent or persistent transient failures",
        Usage::Success => "success only",
        Usage::SuccessOrPermanent => "success or permanent failures",
        Usage::Any => "any class",
    }
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
    let notes = registry
        .vendor_notes
        .iter()
        .map(|row| {
            ast::call(
                "note",
                vec![
                    ast::str(&row.vendor),
                    ast::str(&row.product),
                    note_code(row.from_code()),
                    ast::option(row.to_code().map(note_code)),
                    ast::str(&row.meaning),
                    ast::str(&row.note),
                    source_slice(&row.sources),
                ],
            )
        })
        .collect();
    let table = ast::table(
        quote! { pub(crate) static VENDOR_NOTES: &[VendorNote] },
        &[
            "Every vendor note, sorted by vendor, product, kind and code: `note(vendor, product,"
                .into(),
            "code, to, meaning, note, sources)`.".into(),
        ],
        notes,
    );
    let tokens = quote! {
        use crate::vendor::{enhanced, note, reply};
        use crate::VendorNote;
        use super::sources as source;
    };
    let mut file = parse(tokens);
    file.items.push(table);
    print(&file)
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
    let sources = listed
        .iter()
        .map(|s| {
            ast::call(
                "Source::new",
                vec![
                    ast::str(&s.doc.id),
                    ast::path(&format!("SourceKind::{}", source_kind_variant(s.doc.kind))),
                    ast::str(&s.doc.title),
                    ast::option(
                        Some(s.doc.url.as_str())
                            .filter(|u| !u.is_empty())
                            .map(ast::str),
                    ),
                    ast::option(s.doc.version.as_deref().map(ast::str)),
                ],
            )
        })
        .collect();
    let table = ast::table(
        quote! { pub(crate) const SOURCES: &[Source] },
        &["Every source the crate's tables cite, sorted by id.".into()],
        sources,
    );
    let named = listed.iter().enumerate().map(|(index, s)| {
        let name = ident(&source_const(&s.doc.id));
        let index = Literal::usize_unsuffixed(index);
        quote! { pub(crate) const #name: &Source = &SOURCES[#index]; }
    });
    let named: syn::File = syn::parse2(quote! { #(#named)* }).expect("generated Rust parses");
    let tokens = quote! {
        use crate::{Source, SourceKind};
    };
    let mut items = vec![table];
    items.extend(named.items);
    let mut file = parse(tokens);
    file.items.extend(items);
    print(&file)
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

/// `&[source::RFC5321, source::RFC3207]` for a list of source ids.
fn source_slice(ids: &Words) -> syn::Expr {
    ast::slice(
        ids.iter()
            .map(|id| ast::path(&format!("source::{}", source_const(id))))
            .collect(),
    )
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

fn note_code(code: NoteCode) -> syn::Expr {
    match code {
        NoteCode::Reply(c) => ast::call("reply", vec![ast::int(c.0.into())]),
        NoteCode::Enhanced(c) => ast::call(
            "enhanced",
            vec![
                ast::int(c.class.into()),
                ast::int(c.subject.into()),
                ast::int(c.detail.into()),
            ],
        ),
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

/// Parses the tokens of a generated file (whose tables and longest docs are added afterwards as
/// syntax trees, see [`ast`]).
fn parse(tokens: TokenStream) -> syn::File {
    syn::parse2(tokens).expect("generated Rust parses")
}

/// Gives the variants of the enum `name` in `file` their doc comments, one list of lines each in
/// order.
fn document_variants(file: &mut syn::File, name: &str, docs: &[Vec<String>]) {
    for item in &mut file.items {
        if let syn::Item::Enum(e) = item {
            if e.ident == name {
                assert_eq!(e.variants.len(), docs.len(), "one doc per variant");
                for (variant, lines) in e.variants.iter_mut().zip(docs) {
                    variant.attrs.splice(0..0, ast::docs(lines));
                }
            }
        }
    }
}

/// Prints a generated file after the `@generated` header, indented with tabs.
///
/// prettyplease indents with four spaces; a tab per level keeps the published crate a fifth
/// smaller (the tables are most of it), and tabs are how `rustfmt`'s `hard_tabs` indents. Only
/// leading whitespace changes: prettyplease prints every string literal on one line.
fn print(file: &syn::File) -> String {
    let mut out = format!("// {HEADER_TEXT}\n\n");
    for line in prettyplease::unparse(file).lines() {
        let text = line.trim_start_matches(' ');
        let indent = line.len() - text.len();
        out.extend(std::iter::repeat_n('\t', indent / 4));
        out.extend(std::iter::repeat_n(' ', indent % 4));
        out.push_str(text);
        out.push('\n');
    }
    out
}

/// Syntax trees for the generated tables, built directly rather than parsed from tokens: the
/// tables hold most of the generated text, and parsing their string literals back (syn cooks
/// every one of them) was most of the render time of `cargo xtask gen` in the dev profile. The
/// items still go through `syn::File` and `prettyplease`.
mod ast {
    use proc_macro2::Span;
    use syn::punctuated::Punctuated;
    use syn::{Expr, Token};

    /// A string literal.
    pub fn str(text: &str) -> Expr {
        lit(syn::Lit::Str(syn::LitStr::new(text, Span::call_site())))
    }

    /// An unsuffixed integer literal.
    pub fn int(value: u64) -> Expr {
        lit(syn::Lit::Int(syn::LitInt::new(
            &value.to_string(),
            Span::call_site(),
        )))
    }

    fn lit(lit: syn::Lit) -> Expr {
        Expr::Lit(syn::ExprLit {
            attrs: Vec::new(),
            lit,
        })
    }

    /// A path such as `KnownStatus::BadDestinationMailboxAddress` or `source::RFC5321`.
    pub fn path(path: &str) -> Expr {
        let mut segments = Punctuated::new();
        for segment in path.split("::") {
            segments.push(syn::PathSegment::from(syn::Ident::new(
                segment,
                Span::call_site(),
            )));
        }
        Expr::Path(syn::ExprPath {
            attrs: Vec::new(),
            qself: None,
            path: syn::Path {
                leading_colon: None,
                segments,
            },
        })
    }

    /// `function(args…)`.
    pub fn call(function: &str, args: Vec<Expr>) -> Expr {
        Expr::Call(syn::ExprCall {
            attrs: Vec::new(),
            func: Box::new(path(function)),
            paren_token: Default::default(),
            args: args.into_iter().collect(),
        })
    }

    /// `&[items…]`.
    pub fn slice(items: Vec<Expr>) -> Expr {
        Expr::Reference(syn::ExprReference {
            attrs: Vec::new(),
            and_token: <Token![&]>::default(),
            mutability: None,
            expr: Box::new(Expr::Array(syn::ExprArray {
                attrs: Vec::new(),
                bracket_token: Default::default(),
                elems: items.into_iter().collect(),
            })),
        })
    }

    /// `Some(value)` or `None`.
    pub fn option(value: Option<Expr>) -> Expr {
        match value {
            Some(value) => call("Some", vec![value]),
            None => path("None"),
        }
    }

    /// `Type { field: value, … }`.
    pub fn record(ty: &str, fields: Vec<(&str, Expr)>) -> Expr {
        Expr::Struct(syn::ExprStruct {
            attrs: Vec::new(),
            qself: None,
            path: syn::Path::from(syn::Ident::new(ty, Span::call_site())),
            brace_token: Default::default(),
            fields: fields
                .into_iter()
                .map(|(name, expr)| syn::FieldValue {
                    attrs: Vec::new(),
                    member: syn::Member::Named(syn::Ident::new(name, Span::call_site())),
                    colon_token: Some(Default::default()),
                    expr,
                })
                .collect(),
            dot2_token: None,
            rest: None,
        })
    }

    /// `#[doc = " line"]` attributes, one per line.
    pub fn docs(lines: &[String]) -> Vec<syn::Attribute> {
        lines
            .iter()
            .map(|line| {
                let text = if line.is_empty() {
                    String::new()
                } else {
                    format!(" {line}")
                };
                syn::Attribute {
                    pound_token: Default::default(),
                    style: syn::AttrStyle::Outer,
                    bracket_token: Default::default(),
                    meta: syn::Meta::NameValue(syn::MetaNameValue {
                        path: syn::Path::from(syn::Ident::new("doc", Span::call_site())),
                        eq_token: Default::default(),
                        value: str(&text),
                    }),
                }
            })
            .collect()
    }

    /// `/// docs` `vis static|const NAME: &[Type] = &[items…];`, where `declaration` is the item
    /// without its value (`pub(crate) const STATUSES: &[StatusData]`), parsed once.
    pub fn table(
        declaration: proc_macro2::TokenStream,
        doc: &[String],
        items: Vec<Expr>,
    ) -> syn::Item {
        let mut item: syn::Item =
            syn::parse2(quote::quote! { #declaration = 0; }).expect("a table declaration parses");
        let value = Box::new(slice(items));
        match &mut item {
            syn::Item::Const(c) => {
                c.attrs = docs(doc);
                c.expr = value;
            }
            syn::Item::Static(s) => {
                s.attrs = docs(doc);
                s.expr = value;
            }
            _ => unreachable!("a table is a const or a static"),
        }
        item
    }
}
