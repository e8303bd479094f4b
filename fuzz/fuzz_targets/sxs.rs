#![no_main]
// See diglot::fuzz::sxs for what this exercises.
libfuzzer_sys::fuzz_target!(|data: &[u8]| diglot::fuzz::sxs(data));
