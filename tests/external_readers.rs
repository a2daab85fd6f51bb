//! The demo's PDF read by the tools a print shop would reach for: qpdf checks its structure,
//! poppler extracts its text and rasterises it, zbar reads every barcode on the page.
//! scripts/test installs them (qpdf, poppler-utils, zbar-tools) when they are missing.

use std::process::Command;

fn tool(name: &str, args: &[&str]) -> std::process::Output {
    Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed for this test ({e}); scripts/test installs it"))
}

#[test]
fn demo_pdf_passes_qpdf_poppler_and_zbar() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo");
    let out = Command::new(env!("CARGO_BIN_EXE_gradlab"))
        .args(["demo", "--json", "--dir", demo.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let pdf = report["pdf_parts"][0].as_str().unwrap().to_string();

    let check = tool("qpdf", &["--check", &pdf]);
    assert!(check.status.success(), "qpdf: {}", String::from_utf8_lossy(&check.stdout));

    let text = tool("pdftotext", &["-enc", "UTF-8", &pdf, "-"]);
    let text = String::from_utf8_lossy(&text.stdout);
    for needle in ["㛃", "𠅤", "䶮", "南山示范大学", "采集码"] {
        assert!(text.contains(needle), "pdftotext finds {needle}");
    }

    let show = Command::new(env!("CARGO_BIN_EXE_gradlab"))
        .args(["--workspace", demo.to_str().unwrap(), "job", "show", "1", "--json"])
        .output()
        .unwrap();
    let show: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    let sheet = &show["sheets"][1];
    let mut want: Vec<String> = vec![sheet["barcode"].as_str().unwrap().to_string()];
    want.extend(sheet["students"].as_array().unwrap().iter().map(|s| s["barcode"].as_str().unwrap().to_string()));

    let png = dir.path().join("page");
    let r = tool("pdftoppm", &["-r", "300", "-f", "2", "-l", "2", "-png", "-singlefile", &pdf, png.to_str().unwrap()]);
    assert!(r.status.success());
    let scan = tool("zbarimg", &["--quiet", "--raw", dir.path().join("page.png").to_str().unwrap()]);
    let mut got: Vec<String> = String::from_utf8_lossy(&scan.stdout).lines().map(str::to_string).collect();
    got.sort();
    want.sort();
    assert_eq!(got, want, "zbar reads every barcode of sheet 2");
}
