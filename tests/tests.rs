//! Cross-crate behaviour: the engine through the facade crate, and the
//! `carbonbook` binary end to end.

mod carbon_market;
mod cli;
mod profiles;
mod worked_example;
