//! Cross-crate behaviour: the engine through the facade crate, and the
//! `carbonbook` binary end to end.

mod cbam;
mod cli;
mod profiles;
mod worked_example;
