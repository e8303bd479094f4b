//! Every input a fuzzer ever crashed on (`tests/fuzz_regressions/<target>/`), replayed through
//! the same entry point (`diglot::fuzz`), so a fixed crash stays fixed. `cargo fuzz` writes new
//! crashes to `fuzz/artifacts/<target>/`; copy each here once it is fixed.

use std::path::Path;

#[test]
fn every_crash_input_runs_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut replayed = 0;
    for (name, target) in diglot::fuzz::TARGETS {
        let Ok(entries) = std::fs::read_dir(root.join(name)) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let bytes = std::fs::read(entry.path()).expect("read crash input");
            target(&bytes);
            replayed += 1;
        }
    }
    // Each folder is named for a target: a misnamed one would be skipped silently.
    for entry in std::fs::read_dir(&root).expect("tests/fuzz_regressions") {
        let name = entry.expect("entry").file_name();
        let name = name.to_string_lossy();
        assert!(
            name.ends_with(".md") || diglot::fuzz::TARGETS.iter().any(|(t, _)| *t == name),
            "tests/fuzz_regressions/{name} is no fuzz target"
        );
    }
    eprintln!("{replayed} crash inputs replayed");
}

/// The entry points take anything: empty input, invalid UTF-8, a UTF-16 byte-order mark.
#[test]
fn every_target_takes_odd_bytes() {
    for (_, target) in diglot::fuzz::TARGETS {
        for bytes in [
            &b""[..],
            b"\xff\xfe\x00",
            b"---\n---\n",
            b"\x00\r\r\n#",
            b"- name: x\n  items: [",
        ] {
            target(bytes);
        }
    }
}
