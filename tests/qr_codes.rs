//! `gradlab qr decode` and `qr parse`: collection codes from rendered, rotated, blurred and
//! photographed QR pictures, and the errors for everything that is not one.

mod common;
use common::*;
use image::{GrayImage, Luma, imageops};

const PAYLOAD: &str = r#"{"sjc":1653446320558,"cjm":"Hx4KcUcseltovhGV","yxdm":"10418","zjhm":"471X","xh":"201818004215114","cc":"本科","xllb":"网络教育","xm":"张*三","bh":"计算机科学与技术软工三班"}"#;

fn qr_image(text: &str, module_px: u32) -> GrayImage {
    let code = qrcode::QrCode::new(text.as_bytes()).unwrap();
    code.render::<Luma<u8>>().module_dimensions(module_px, module_px).quiet_zone(true).build()
}

/// Rotate by any angle about the centre (nearest neighbour), on a white canvas.
fn rotate(img: &GrayImage, degrees: f32) -> GrayImage {
    let (w, h) = img.dimensions();
    let side = ((w * w + h * h) as f32).sqrt().ceil() as u32;
    let mut out = GrayImage::from_pixel(side, side, Luma([255]));
    let (sin, cos) = degrees.to_radians().sin_cos();
    let (cx, cy, ox, oy) = (w as f32 / 2.0, h as f32 / 2.0, side as f32 / 2.0, side as f32 / 2.0);
    for y in 0..side {
        for x in 0..side {
            let (dx, dy) = (x as f32 - ox, y as f32 - oy);
            let sx = cos * dx + sin * dy + cx;
            let sy = -sin * dx + cos * dy + cy;
            if sx >= 0.0 && sy >= 0.0 && (sx as u32) < w && (sy as u32) < h {
                out.put_pixel(x, y, *img.get_pixel(sx as u32, sy as u32));
            }
        }
    }
    out
}

/// Like a phone photo: the code small on a large grey, noisy, low-contrast page.
fn photographed(img: &GrayImage) -> GrayImage {
    let mut page = GrayImage::from_pixel(1800, 1400, Luma([170]));
    let small = imageops::resize(img, img.width() * 2 / 3, img.height() * 2 / 3, imageops::FilterType::Triangle);
    imageops::overlay(&mut page, &small, 700, 400);
    let mut seed = 7u32;
    for p in page.pixels_mut() {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
        let noise = (seed >> 16) % 21;
        let v = 40.0 + p[0] as f32 * 0.6 + noise as f32 - 10.0;
        p[0] = v.clamp(0.0, 255.0) as u8;
    }
    imageops::blur(&page, 1.2)
}

fn save_png(ws: &Ws, name: &str, img: &GrayImage) -> String {
    let p = ws.path(name);
    img.save(&p).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn decodes_clean_rotated_blurred_and_photographed_codes() {
    let ws = Ws::new();
    let clean = qr_image(PAYLOAD, 6);
    let files = [
        save_png(&ws, "clean.png", &clean),
        save_png(&ws, "rot90.png", &imageops::rotate90(&clean)),
        save_png(&ws, "rot23.png", &rotate(&clean, 23.0)),
        save_png(&ws, "blur.png", &imageops::blur(&clean, 1.5)),
        save_png(&ws, "photo.png", &photographed(&clean)),
    ];
    // A JPEG too, as phones save them.
    let jpg = ws.path("phone.jpg");
    image::DynamicImage::ImageLuma8(rotate(&clean, -12.0)).to_rgb8().save(&jpg).unwrap();
    let mut args = vec!["qr", "decode", "--json"];
    args.extend(files.iter().map(String::as_str));
    args.push(jpg.to_str().unwrap());
    let out = ws.run(&args);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    for d in out.json().as_array().unwrap() {
        let code = &d["code"];
        assert_eq!(code["cjm"], "Hx4KcUcseltovhGV", "{d}");
        assert_eq!(code["xh"], "201818004215114");
        assert_eq!(code["xm"], "张*三");
        assert_eq!(code["yxdm"], "10418");
        assert_eq!(code["zjhm4"], "471X");
        assert_eq!(code["bh"], "计算机科学与技术软工三班");
    }
}

#[test]
fn errors_name_what_is_wrong() {
    let ws = Ws::new();
    let blank = save_png(&ws, "blank.png", &GrayImage::from_pixel(300, 300, Luma([255])));
    let hello = save_png(&ws, "hello.png", &qr_image("https://example.com/hello", 6));
    let partial = save_png(&ws, "partial.png", &qr_image(r#"{"cjm":"Hx4KcUcseltovhGV","xh":"1"}"#, 6));
    let good = save_png(&ws, "good.png", &qr_image(PAYLOAD, 6));

    let out = ws.run(&["qr", "decode", &blank]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("blank.png") && out.stderr.contains("no QR code"), "{}", out.stderr);
    let out = ws.run(&["qr", "decode", &hello]);
    assert!(out.stderr.contains("not a collection code"), "{}", out.stderr);
    let out = ws.run(&["qr", "decode", &partial]);
    assert!(out.stderr.contains("missing") && out.stderr.contains("yxdm"), "{}", out.stderr);
    let out = ws.run(&["qr", "decode", &good, &blank, "--json"]);
    assert_eq!(out.code, 3, "some decoded, some refused");
    let v = out.json();
    assert!(v[0]["code"].is_object() && v[1]["error"].is_string());
}

#[test]
fn parses_scanner_text() {
    let ws = Ws::new();
    let out = ws.run_ok(&["qr", "parse", PAYLOAD, "--json"]).json();
    assert_eq!(out["cjm"], "Hx4KcUcseltovhGV");
    assert_eq!(out["sjc"], 1653446320558i64);
    let text = ws.run_ok(&["qr", "parse", PAYLOAD]).stdout;
    assert!(text.contains("2022-05-25"), "collection date shown: {text}");
    let out = ws.run(&["qr", "parse", "not json"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("not a collection code"));
    let out = ws.run(&["qr", "parse", r#"{"cjm":"Hx4KcUcseltovhGV","yxdm":"1041"}"#]);
    assert!(out.stderr.contains("missing"), "{}", out.stderr);
}
