#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| prongsai_core::fuzz::register_rows(data));
