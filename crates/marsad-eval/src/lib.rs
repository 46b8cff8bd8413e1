//! Evaluation harnesses that measure Marsad on real data in `../shared/data`.
//!
//! Each harness returns a plain result value that the CLI prints as text or JSON, and that
//! BENCHMARKS.md quotes. None of them is a pass/fail test: they report figures.

pub mod conllu;
pub mod events;
pub mod speakers;
pub mod stem;
pub mod stories;
pub mod throughput;
pub mod time;
