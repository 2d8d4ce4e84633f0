//! A member's club card as a PDF to print: two pages the size of a payment card (85.6 × 54 mm), the
//! front with the shop, the member, their tier, the card number and its Code 128 barcode, the back with
//! the QR code and the lines the shop gives (the referral code, where the terms are) — in the member's
//! language, right to left where it reads so. Bars and modules are drawn as filled rectangles, so the
//! codes print sharp at any size.

use crate::letter::Typesetter;
use krilla::Document;
use krilla::geom::{PathBuilder, Rect};
use krilla::page::PageSettings;
use krilla::paint::Fill;
pub use ladder_app::club::card::CardFace;
use ladder_app::club::card::CardPrinter;

/// ID-1, the payment card's size, in points.
const WIDTH: f32 = 242.65;
const HEIGHT: f32 = 153.07;
const EDGE: f32 = 14.0;

/// The app's card printer: PDF cards drawn here.
#[derive(Debug, Clone, Copy, Default)]
pub struct PdfCards;

impl CardPrinter for PdfCards {
    fn card_pdf(&self, face: &CardFace) -> Result<Vec<u8>, String> {
        card_pdf(face)
    }
}

/// Fills each rectangle (x, y, width, height) in black.
fn fill_rects(surface: &mut krilla::surface::Surface<'_>, rects: impl Iterator<Item = (f32, f32, f32, f32)>) {
    let mut path = PathBuilder::new();
    for (x, y, w, h) in rects {
        if let Some(rect) = Rect::from_xywh(x, y, w, h) {
            path.push_rect(rect);
        }
    }
    if let Some(path) = path.finish() {
        surface.set_fill(Some(Fill::default()));
        surface.draw_path(&path);
    }
}

/// The card as a two-page PDF: front, then back.
pub fn card_pdf(card: &CardFace) -> Result<Vec<u8>, String> {
    let ts = Typesetter::new()?;
    let settings = PageSettings::from_wh(WIDTH, HEIGHT).ok_or("the card has no size")?;
    let rtl = card.right_to_left;
    let (left, right) = (EDGE, WIDTH - EDGE);
    let mut document = Document::new();

    let mut page = document.start_page_with(settings.clone());
    let mut surface = page.surface();
    ts.line_between(&mut surface, &card.shop, (EDGE + 10.0, 12.0, rtl), left, right);
    ts.line_between(&mut surface, &card.tier, (EDGE + 24.0, 9.0, rtl), left, right);
    ts.line_between(&mut surface, &card.name, (EDGE + 52.0, 10.5, rtl), left, right);
    let grouped = ladder_domain::club::grouped(&card.number);
    ts.line_between(&mut surface, &grouped, (EDGE + 70.0, 13.0, false), left, right);
    let bars = barcoders::sym::code128::Code128::new(format!("\u{0181}{}", card.number))
        .map_err(|e| format!("the card number cannot be drawn as a barcode: {e}"))?
        .encode();
    let module = ((right - left) / bars.len() as f32).min(1.6);
    let start = if rtl { right - module * bars.len() as f32 } else { left };
    let bar_top = EDGE + 80.0;
    fill_rects(
        &mut surface,
        bars.iter()
            .enumerate()
            .filter(|(_, b)| **b == 1)
            .map(|(i, _)| (start + i as f32 * module, bar_top, module, 34.0)),
    );
    drop(surface);
    page.finish();

    let mut page = document.start_page_with(settings);
    let mut surface = page.surface();
    let qr = qrcode::QrCode::new(card.number.as_bytes())
        .map_err(|e| format!("the card number cannot be drawn as a QR code: {e}"))?;
    let modules = qr.width();
    let side = 92.0_f32;
    let cell = side / modules as f32;
    let qr_left = if rtl { right - side } else { left };
    let colors = qr.to_colors();
    fill_rects(
        &mut surface,
        colors.iter().enumerate().filter(|(_, c)| **c == qrcode::Color::Dark).map(|(i, _)| {
            let (row, col) = (i / modules, i % modules);
            (qr_left + col as f32 * cell, EDGE + row as f32 * cell, cell, cell)
        }),
    );
    let (text_left, text_right) = if rtl { (left, right - side - 10.0) } else { (left + side + 10.0, right) };
    let mut y = EDGE + 10.0;
    for line in &card.back {
        for l in ts.wrap(line, 8.0, rtl, text_right - text_left) {
            ts.line_between(&mut surface, &l, (y, 8.0, rtl), text_left, text_right);
            y += 11.0;
        }
    }
    drop(surface);
    page.finish();
    document.finish().map_err(|e| format!("the card cannot be made: {e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_is_two_pages_the_size_of_a_payment_card() {
        let card = CardFace {
            shop: "Café Ladder".into(),
            name: "דנה כהן".into(),
            tier: "זהב".into(),
            number: "274017212112976".into(),
            back: vec!["קוד הפניה: HX69453D".into()],
            right_to_left: true,
        };
        let pdf = card_pdf(&card).expect("a card");
        assert!(
            pdf.starts_with(b"%PDF") && pdf.len() > 2_000,
            "the card's look is checked with poppler in the CLI's tests"
        );
    }
}
