//! Helpers shared by the benchmark binaries; each binary uses its own part of them.
#![allow(dead_code)]

pub mod generate;
pub mod process;
pub mod timing;
