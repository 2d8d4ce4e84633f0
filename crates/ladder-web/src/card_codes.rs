//! A member's card number drawn as a barcode (Code 128, what a till's scanner reads) and a QR code (what
//! a phone's camera reads), as inline SVG: no image files, nothing fetched, and the page's content
//! security policy allows it (no script, no style attribute).

use barcoders::generators::svg::SVG;
use barcoders::sym::code128::Code128;

/// The card number as a Code 128 barcode, character set B (digits need no pairing, so any length works).
pub(crate) fn barcode_svg(number: &str) -> Option<String> {
    let code = Code128::new(format!("\u{0181}{number}")).ok()?;
    let svg = SVG::new(60).xdim(2).xmlns("http://www.w3.org/2000/svg".to_owned()).generate(code.encode()).ok()?;
    Some(svg.replacen("<svg ", r#"<svg class="barcode" role="img" aria-hidden="true" "#, 1))
}

/// The card number as a QR code.
pub(crate) fn qr_svg(number: &str) -> Option<String> {
    let code = qrcode::QrCode::new(number.as_bytes()).ok()?;
    let svg = code.render::<qrcode::render::svg::Color<'_>>().min_dimensions(132, 132).quiet_zone(true).build();
    let start = svg.find("<svg")?;
    Some(svg[start..].replacen("<svg ", r#"<svg class="qr" role="img" aria-hidden="true" "#, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_number_draws_as_a_barcode_and_a_qr_code() {
        let bar = barcode_svg("274017212112976").expect("barcode");
        assert!(bar.starts_with("<svg class=\"barcode\"") && bar.matches("<rect").count() > 20, "{bar}");
        let qr = qr_svg("274017212112976").expect("qr");
        assert!(qr.starts_with("<svg class=\"qr\"") && qr.contains("<path"), "{qr}");
        assert!(!bar.contains("style") && !qr.contains("style"), "nothing the content security policy refuses");
    }
}
