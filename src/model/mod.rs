//! The domain: the portfolio file's types, loading, validation and derived figures.
//! Nothing in here knows about the terminal.

pub mod align;
pub mod amount;
pub mod balance;
pub mod changelog;
pub mod collate;
pub mod diagnostic;
pub mod differ;
pub mod edit;
mod error_context;
pub mod figures;
pub mod follow_up;
pub mod funding;
pub mod history;
pub mod ids;
pub mod load;
pub mod locate;
pub mod msg;
mod optional;
mod parse_error;
pub mod progress;
pub mod record;
pub mod round;
pub mod save;
#[cfg(test)]
pub(crate) mod save_strategy;
mod schema;
pub mod since;
pub mod splice;
pub mod split;
pub mod syntax;
pub mod tree;
pub mod types;
pub mod validate;
pub mod validate_item;
mod validate_record;
mod validate_values;
mod validate_words;
pub mod value;
pub mod whatif;

pub use diagnostic::{Diagnostic, Pos, Severity};
pub use load::{Loaded, load_bytes, load_bytes_with, load_str, load_str_with, parse};
pub use msg::Msg;
pub use types::*;
