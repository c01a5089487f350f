//! The domain: the portfolio file's types, loading, validation and derived figures.
//! Nothing in here knows about the terminal.

pub mod diagnostic;
pub mod edit;
pub mod figures;
pub mod load;
pub mod locate;
pub mod save;
pub mod splice;
pub mod syntax;
pub mod tree;
pub mod types;
pub mod validate;
pub mod value;

pub use diagnostic::{Diagnostic, Pos, Severity};
pub use load::{Loaded, load_bytes, load_str, parse};
pub use types::*;
