//! Compiles the desktop window's views (`ui/*.slint`, from `ui/app.slint`) into Rust for
//! `src/gui/`. The bundled font and images are embedded. Outside release builds the element
//! names are kept too, so the headless GUI tests can find elements (`tests/gui.rs`).
//!
//! The views' labels are written in Chinese inside `@tr(...)`; their English is bundled from
//! `translations/en/LC_MESSAGES/gradlab.po` (gettext, no context: one English text per Chinese
//! text) and chosen at run time by `gui::build` (`slint::select_bundled_translation`).
//!
//! It also asks the linker to pack the program's relocations, which is what the program's size
//! needs from the build rather than from the profile in `Cargo.toml`.

fn main() {
    // The program's relative relocations packed (DT_RELR): their table shrinks from 2.6 MB to
    // 37 KB. Linking needs GNU ld 2.38 (or lld 15), running needs glibc 2.36 (Debian 12).
    let target = |key: &str| std::env::var(key).unwrap_or_default();
    if target("CARGO_CFG_TARGET_OS") == "linux" && target("CARGO_CFG_TARGET_ENV") == "gnu" {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
    let release = std::env::var("PROFILE").is_ok_and(|p| p == "release");
    let config = slint_build::CompilerConfiguration::new()
        .with_style("fluent".into())
        .with_debug_info(!release)
        .with_bundled_translations("translations")
        .with_default_translation_context(slint_build::DefaultTranslationContext::None);
    if let Err(e) = slint_build::compile_with_config("ui/app.slint", config) {
        eprintln!("ui/app.slint: {e}");
        std::process::exit(1);
    }
}
