#![no_main]
// See diglot::fuzz::markdown for what this exercises.
libfuzzer_sys::fuzz_target!(|data: &[u8]| diglot::fuzz::markdown(data));
