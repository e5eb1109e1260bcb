//! Ingest must never panic, and must account for every character of the
//! text it split: the decoded file for plain text, the lines derived from
//! the markup for HTML, the body for Markdown (`IngestedSource::text`).
//! The fuzz target names every input `fuzz.txt`, but ingest recognises
//! the shape from the content too, so HTML and Markdown seeds take their
//! own paths; for plain text, the accounted text must be the file itself.
#![no_main]

use jiedu::ingest::shape::Shape;
use jiedu::ingest::{account::accounting, ingest_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(src) = ingest_bytes("fuzz.txt", bytes) else {
        return;
    };
    if src.shape.shape == Shape::Text {
        let text = jiedu::decode::decode(bytes, std::path::Path::new("fuzz.txt"))
            .expect("ingest_bytes decoded it")
            .text;
        assert_eq!(src.text, text, "plain text is accounted against the file");
    }
    if let Err(problems) = accounting(&src.text, &src.articles, &src.removed) {
        panic!("characters lost: {problems:?}");
    }
});
