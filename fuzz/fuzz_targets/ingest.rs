//! Ingest must never panic, and must account for every character of any
//! page it could decode.
#![no_main]

use jiedu::ingest::{account::accounting, ingest_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(src) = ingest_bytes("fuzz.txt", bytes) else {
        return;
    };
    let text = jiedu::decode::decode(bytes, std::path::Path::new("fuzz.txt"))
        .expect("ingest_bytes decoded it")
        .text;
    if let Err(problems) = accounting(&text, &src.articles, &src.removed) {
        panic!("characters lost: {problems:?}");
    }
});
