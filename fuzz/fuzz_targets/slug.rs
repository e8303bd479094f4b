#![no_main]
// See diglot::fuzz::slug for what this exercises.
libfuzzer_sys::fuzz_target!(|data: &[u8]| diglot::fuzz::slug(data));
