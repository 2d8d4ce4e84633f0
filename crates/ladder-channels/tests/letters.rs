//! Letters as a person receives them: the PDF read back with poppler's `pdftotext` finds the Hebrew,
//! Persian and Russian text in logical order, and a page drawn with `pdftoppm` is kept to look at.

use ladder_channels::letter::{Letter, Letterhead, Paper, labels_pdf, letters_pdf};
use std::process::Command;

fn letter(address: &[&str], body: &str, rtl: bool) -> Letter {
    Letter {
        address: address.iter().map(|s| (*s).to_owned()).collect(),
        date: "2 December 2026".into(),
        body: body.into(),
        right_to_left: rtl,
        footer: vec!["Café Ladder, Dizengoff 1, Tel Aviv".into()],
    }
}

fn text_of(pdf: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("letters.pdf");
    std::fs::write(&path, pdf).expect("write");
    let out = Command::new("pdftotext").arg("-layout").arg(&path).arg("-").output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn letters_are_shaped_right_to_left_and_read_back_in_logical_order() {
    let head = Letterhead { name: "Café Ladder".into(), lines: vec!["Dizengoff 1, Tel Aviv".into()] };
    let letters = [
        letter(&["דנה לוי", "רחוב הרצל 5", "תל אביב"], "שלום דנה, פולי החורף הגיעו לחנות.", true),
        letter(&["نرگس احمدی", "خیابان ولیعصر ۱۲", "تهران"], "سلام نرگس، قهوه زمستانی رسید.", true),
        letter(&["Анна Иванова", "ул. Ленина 3", "Москва"], "Здравствуйте, Анна! Зимний кофе уже здесь.", false),
    ];
    let pdf = letters_pdf(&head, &letters, Paper::A4).expect("pdf");
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    let Some(text) = text_of(&pdf) else {
        ladder_store_conformance::skip(
            "letters_are_shaped_right_to_left_and_read_back_in_logical_order",
            "no pdftotext (poppler-utils)",
        );
        return;
    };
    assert_eq!(text.matches('\u{c}').count(), 3, "a page per letter: {text}");
    for words in
        ["פולי החורף הגיעו", "דנה לוי", "قهوه زمستانی رسید", "نرگس احمدی", "Зимний кофе уже здесь", "Café Ladder"]
    {
        assert!(text.contains(words), "{words:?} in logical order in:\n{text}");
    }
    let a4 = letters_pdf(&head, &letters[..1], Paper::Letter).expect("letter paper");
    assert!(String::from_utf8_lossy(&a4).contains("612"), "US Letter is 612 points wide");

    // Drawn, to look at.
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&out).expect("screenshots");
    let file = out.join("letter-he.pdf");
    std::fs::write(&file, &pdf).expect("write");
    let drawn = Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", "1", "-l", "1"])
        .arg(&file)
        .arg(out.join("letter-he"))
        .status();
    assert!(drawn.is_ok_and(|s| s.success()), "pdftoppm draws the first page");
}

#[test]
fn address_labels_fit_twenty_four_to_a_sheet() {
    let addresses: Vec<(Vec<String>, bool)> =
        (0..30).map(|i| (vec![format!("Customer {i}"), "Street 1".into(), "Town".into()], false)).collect();
    let pdf = labels_pdf(&addresses, Paper::A4).expect("labels");
    let Some(text) = text_of(&pdf) else {
        ladder_store_conformance::skip("address_labels_fit_twenty_four_to_a_sheet", "no pdftotext (poppler-utils)");
        return;
    };
    assert_eq!(text.matches('\u{c}').count(), 2, "30 labels on two sheets");
    assert!(text.contains("Customer 0") && text.contains("Customer 29"));
}
