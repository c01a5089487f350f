//! styr: portfolio review meetings in the terminal.
//!
//! `model` is the domain (no terminal code); `cli` holds the non-interactive commands.

pub mod app;
pub mod cli;
pub mod model;
pub mod sanitize;
pub mod session;
pub mod since_text;
pub mod store;
pub mod term;
pub mod text;
pub mod ui;

/// The Lillestrøm portfolio, bundled as the default example.
pub const EXAMPLE: &str = include_str!("../data/lillestrom.ron");
/// The name the bundled example is shown under.
pub const EXAMPLE_NAME: &str = "data/lillestrom.ron";
