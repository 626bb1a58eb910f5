//! End-to-end tests of the pipeline live in `tests/`; this library is empty.
