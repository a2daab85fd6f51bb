//! The program as it is built and shipped (issue 19): the release profile strips it, and its
//! relocations are packed. The release build itself is measured by `scripts/bench`; these
//! check the settings that make it small, which would otherwise fail silently.

/// Cargo drops the profile's `strip` for a package that has settings of its own (cargo 1.95),
/// so ours must say it again or the shipped program carries 12 MB of symbols.
#[test]
fn the_release_program_is_stripped() {
    let manifest: toml::Table = include_str!("../Cargo.toml").parse().expect("Cargo.toml parses");
    let release = &manifest["profile"]["release"];
    assert_eq!(release.get("strip"), Some(&toml::Value::Boolean(true)), "[profile.release] strip");
    let ours = release.get("package").and_then(|p| p.get(env!("CARGO_PKG_NAME")));
    if let Some(ours) = ours {
        assert_eq!(
            ours.get("strip"),
            Some(&toml::Value::Boolean(true)),
            "[profile.release.package.gradlab] has settings of its own, so it must set strip = true too"
        );
    }
}

/// build.rs asks the linker for packed relative relocations (DT_RELR): 37 KB instead of 2.6 MB.
#[test]
fn the_program_packs_its_relocations() {
    let program = std::fs::read(env!("CARGO_BIN_EXE_gradlab")).expect("the program is built");
    let section = memchr::memmem::find(&program, b"\0.relr.dyn\0");
    assert!(section.is_some(), "no .relr.dyn section in {}", env!("CARGO_BIN_EXE_gradlab"));
}
