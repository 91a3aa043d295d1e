//! The standard library's natives (Enum, Map, String, List, Keyword, Integer, ...), one file
//! per Elixir module, each with a `register` function called from [`register_all`]. See
//! `native.rs` for the interface.

use super::native::Registry;

/// Registers every stdlib module's natives.
pub fn register_all(reg: &mut Registry) {
    let _ = reg;
}
