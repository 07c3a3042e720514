//! The one thing the user has selected; every panel reads the same value.

use serde::{Deserialize, Serialize};

/// What is selected. Items and documents are named by id, so a selection survives a
/// reload of the same files.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Selection {
    #[default]
    None,
    Item(String),
    Document(String),
}
