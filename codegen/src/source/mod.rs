//! Source files as the person editing the registry sees them: text and positions (`text`),
//! diagnostics (`diag`), CSV tables read field by field (`csv`) and TOML tables read key by key
//! (`toml`). A leaf: it imports nothing from the rest of the crate.

pub mod csv;
pub mod diag;
pub mod text;
pub mod toml;
