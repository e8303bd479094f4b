#![no_main]
// See diglot::fuzz::front_matter for what this exercises.
libfuzzer_sys::fuzz_target!(|data: &[u8]| diglot::fuzz::front_matter(data));
