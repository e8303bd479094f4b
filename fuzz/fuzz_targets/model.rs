#![no_main]
// See diglot::fuzz::model for what this exercises.
libfuzzer_sys::fuzz_target!(|data: &[u8]| diglot::fuzz::model(data));
