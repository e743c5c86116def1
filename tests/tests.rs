//! Cross-crate behaviour: the engine as the `carbonbook` package exposes it.

mod worked_example;
