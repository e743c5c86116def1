//! Cross-crate behaviour: the engine through the facade crate, and the
//! `carbonbook` binary end to end.

mod carbon_market;
mod cbam;
mod cli;
mod finance;
mod profiles;
mod worked_example;
