pub mod generate;
pub mod timing;
