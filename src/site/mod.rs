//! Site output.
