#![no_main]
// See diglot::fuzz::toc for what this exercises.
libfuzzer_sys::fuzz_target!(|data: &[u8]| diglot::fuzz::toc(data));
