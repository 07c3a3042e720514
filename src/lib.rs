//! biotimeline: a timeline of events, policies, targets and reported figures found in
//! Chinese news articles and policy notices about the biomedicine industry.
//!
//! The data flows one way: [`corpus`] (files → clean documents) → [`extract`]
//! (documents → items) → [`model`] (corpus, filters, view, selection) → the front ends
//! ([`cli`], [`ui`], [`export`]). Nothing downstream re-reads or re-parses text.
//! [`fsio`] writes files safely for every layer that saves one (exports, curation,
//! the window's state).

#![forbid(unsafe_code)]

pub mod chart;
pub mod cli;
pub mod corpus;
pub mod export;
pub mod extract;
pub mod fsio;
pub mod lang;
pub mod lexicon;
pub mod model;
pub mod script;
#[cfg(test)]
mod testgen;
#[doc(hidden)]
pub mod testkit;
pub mod time;
pub mod ui;
