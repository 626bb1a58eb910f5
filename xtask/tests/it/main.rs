//! Tests of the `xtask` binary as a user runs it: the command line, which checkout it works on,
//! and what a crash or an I/O error at any write step leaves behind.

mod cli;
mod crash;
mod lock;
mod support;
mod upstream;
mod workspace;
