//! Printed letters: one PDF, a letter per page (A4 or Letter), with the shop's letterhead, the
//! customer's address block, the date and the message; and a sheet of address labels. Hebrew and
//! Persian are shaped (rustybuzz, through krilla) and laid out right to left, each line split into
//! runs by the Unicode bidirectional algorithm so that a Latin name or a number inside keeps its place.
//! The font (DejaVu Sans, which covers Latin, Cyrillic, Hebrew and Arabic script) is embedded in the
//! binary and subset into each PDF.

use krilla::Document;
use krilla::geom::Point;
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};
use unicode_bidi::{BidiInfo, Level};

/// DejaVu Sans (fonts/LICENSE-DejaVu.txt: free to embed and redistribute).
static FONT: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");

/// The paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// 210 × 297 mm.
    A4,
    /// 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// Width and height in points.
    fn size(self) -> (f32, f32) {
        match self {
            Self::A4 => (595.28, 841.89),
            Self::Letter => (612.0, 792.0),
        }
    }

    /// The paper a name gives (`a4`, `letter`).
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "a4" => Some(Self::A4),
            "letter" | "us-letter" => Some(Self::Letter),
            _ => None,
        }
    }
}

/// Who sends the letters: the shop's name and its postal address and contact lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letterhead {
    /// The shop's name.
    pub name: String,
    /// Its address and contact, a line each.
    pub lines: Vec<String>,
}

/// One letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    /// The address block: the customer's name, then their address, a line each.
    pub address: Vec<String>,
    /// The date, as the customer reads it.
    pub date: String,
    /// The message.
    pub body: String,
    /// Whether it reads right to left.
    pub right_to_left: bool,
    /// Lines at the foot (a direct mailing's notice: who sends it, where the address came from, how to
    /// be removed).
    pub footer: Vec<String>,
}

const MARGIN: f32 = 56.7; // 20 mm
const BODY_SIZE: f32 = 11.0;
const LINE: f32 = 15.5;

/// Places text: measures with the same shaping that draws.
pub(crate) struct Typesetter {
    pub(crate) font: Font,
    face: rustybuzz::Face<'static>,
}

impl Typesetter {
    pub(crate) fn new() -> Result<Self, String> {
        let font = Font::new(FONT.into(), 0).ok_or("the embedded font cannot be read")?;
        let face = rustybuzz::Face::from_slice(FONT, 0).ok_or("the embedded font cannot be read")?;
        Ok(Self { font, face })
    }

    /// The width of `text` shaped in `direction`, in points at `size`.
    pub(crate) fn width(&self, text: &str, size: f32, rtl: bool) -> f32 {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        buffer.set_direction(if rtl { rustybuzz::Direction::RightToLeft } else { rustybuzz::Direction::LeftToRight });
        let shaped = rustybuzz::shape(&self.face, &[], buffer);
        let units: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
        units as f32 * size / f32::from(self.face.units_per_em() as u16)
    }

    /// The line's runs in visual order (left to right on the page), each with its direction. The line
    /// takes the direction of its first strong letter (an all-Latin street in a Hebrew letter reads
    /// left to right); one with none takes the letter's.
    pub(crate) fn runs(line: &str, rtl: bool) -> Vec<(String, bool)> {
        let level = if rtl { Level::rtl() } else { Level::ltr() };
        let strong = unicode_bidi::get_base_direction(line);
        let level = match strong {
            unicode_bidi::Direction::Ltr => Level::ltr(),
            unicode_bidi::Direction::Rtl => Level::rtl(),
            unicode_bidi::Direction::Mixed => level,
        };
        let info = BidiInfo::new(line, Some(level));
        let Some(paragraph) = info.paragraphs.first() else { return Vec::new() };
        let (levels, runs) = info.visual_runs(paragraph, paragraph.range.clone());
        // The direction marks and isolates did their work in the algorithm; they have no glyph to draw.
        let invisible = |c: char| matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}');
        runs.into_iter()
            .map(|range| {
                (
                    line[range.clone()].chars().filter(|c| !invisible(*c)).collect::<String>(),
                    levels[range.start].is_rtl(),
                )
            })
            .filter(|(text, _)| !text.is_empty())
            .collect()
    }

    /// Draws one line: from the left margin, or ending at the right one when right to left.
    fn line(
        &self,
        surface: &mut krilla::surface::Surface<'_>,
        text: &str,
        y: f32,
        size: f32,
        rtl: bool,
        page_width: f32,
    ) {
        self.line_between(surface, text, (y, size, rtl), MARGIN, page_width - MARGIN);
    }

    /// Draws one line at `y` (its size, its direction) between `left` and `right`: from `left`, or ending
    /// at `right` when right to left.
    pub(crate) fn line_between(
        &self,
        surface: &mut krilla::surface::Surface<'_>,
        text: &str,
        (y, size, rtl): (f32, f32, bool),
        left: f32,
        right: f32,
    ) {
        let runs = Self::runs(text, rtl);
        let widths: Vec<f32> = runs.iter().map(|(t, r)| self.width(t, size, *r)).collect();
        let total: f32 = widths.iter().sum();
        let mut x = if rtl { right - total } else { left };
        for ((run, run_rtl), w) in runs.iter().zip(widths) {
            let direction = if *run_rtl { TextDirection::RightToLeft } else { TextDirection::LeftToRight };
            surface.draw_text(Point::from_xy(x, y), self.font.clone(), size, run, false, direction);
            x += w;
        }
    }

    /// A paragraph broken into lines no wider than `width`, at spaces.
    pub(crate) fn wrap(&self, paragraph: &str, size: f32, rtl: bool, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut current = String::new();
        for word in paragraph.split(' ') {
            let candidate = if current.is_empty() { word.to_owned() } else { format!("{current} {word}") };
            if !current.is_empty() && self.width(&candidate, size, rtl) > width {
                lines.push(std::mem::replace(&mut current, word.to_owned()));
            } else {
                current = candidate;
            }
        }
        lines.push(current);
        lines
    }
}

/// One PDF with a letter per page (a letter longer than a page goes on over more pages).
pub fn letters_pdf(head: &Letterhead, letters: &[Letter], paper: Paper) -> Result<Vec<u8>, String> {
    let ts = Typesetter::new()?;
    let (w, h) = paper.size();
    let settings = PageSettings::from_wh(w, h).ok_or("the paper has no size")?;
    let mut document = Document::new();
    for letter in letters {
        let rtl = letter.right_to_left;
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        let mut y = MARGIN + 14.0;
        ts.line(&mut surface, &head.name, y, 16.0, rtl, w);
        y += 20.0;
        for l in &head.lines {
            ts.line(&mut surface, l, y, 9.0, rtl, w);
            y += 12.0;
        }
        // The address block where a window envelope shows it.
        y = y.max(MARGIN + 120.0);
        for l in &letter.address {
            ts.line(&mut surface, l, y, BODY_SIZE, rtl, w);
            y += LINE;
        }
        y += LINE;
        ts.line(&mut surface, &letter.date, y, BODY_SIZE, rtl, w);
        y += 2.0 * LINE;
        let footer_lines: usize = letter.footer.iter().map(|l| ts.wrap(l, 8.0, rtl, w - 2.0 * MARGIN).len()).sum();
        let footer_height = footer_lines as f32 * 11.0 + LINE;
        for paragraph in letter.body.split('\n') {
            for l in ts.wrap(paragraph, BODY_SIZE, rtl, w - 2.0 * MARGIN) {
                if y > h - MARGIN - footer_height {
                    // On over another page.
                    drop(surface);
                    page.finish();
                    page = document.start_page_with(settings.clone());
                    surface = page.surface();
                    y = MARGIN + 14.0;
                }
                ts.line(&mut surface, &l, y, BODY_SIZE, rtl, w);
                y += LINE;
            }
        }
        let mut y = h - MARGIN - footer_height + LINE;
        for l in letter.footer.iter().flat_map(|l| ts.wrap(l, 8.0, rtl, w - 2.0 * MARGIN)) {
            ts.line(&mut surface, &l, y, 8.0, rtl, w);
            y += 11.0;
        }
        drop(surface);
        page.finish();
    }
    document.finish().map_err(|e| format!("the PDF cannot be made: {e:?}"))
}

/// Address labels, three across and eight down a page (70 × 37 mm on A4).
pub fn labels_pdf(addresses: &[(Vec<String>, bool)], paper: Paper) -> Result<Vec<u8>, String> {
    let ts = Typesetter::new()?;
    let (w, h) = paper.size();
    let settings = PageSettings::from_wh(w, h).ok_or("the paper has no size")?;
    let (columns, rows) = (3usize, 8usize);
    let (cell_w, cell_h) = (w / columns as f32, h / rows as f32);
    let mut document = Document::new();
    for sheet in addresses.chunks(columns * rows) {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for (i, (lines, rtl)) in sheet.iter().enumerate() {
            let (col, row) = (i % columns, i / columns);
            let top = row as f32 * cell_h + 22.0;
            for (n, l) in lines.iter().take(5).enumerate() {
                let y = top + n as f32 * 12.0;
                // Each label is its own little page: its margins are the cell's.
                let x0 = col as f32 * cell_w;
                let width = ts.width(l, 9.0, *rtl);
                let runs = Typesetter::runs(l, *rtl);
                let mut x = if *rtl { x0 + cell_w - 14.0 - width } else { x0 + 14.0 };
                for (run, run_rtl) in runs {
                    let direction = if run_rtl { TextDirection::RightToLeft } else { TextDirection::LeftToRight };
                    let run_w = ts.width(&run, 9.0, run_rtl);
                    surface.draw_text(Point::from_xy(x, y), ts.font.clone(), 9.0, &run, false, direction);
                    x += run_w;
                }
            }
        }
        drop(surface);
        page.finish();
    }
    document.finish().map_err(|e| format!("the labels cannot be made: {e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hebrew_line_with_a_latin_name_is_split_into_runs_in_visual_order() {
        let runs = Typesetter::runs("שלום Dana, תודה", true);
        // Right to left: the last Hebrew word is drawn leftmost, the Latin name in the middle reads
        // left to right.
        let texts: Vec<(&str, bool)> = runs.iter().map(|(t, r)| (t.trim(), *r)).collect();
        assert!(texts.first().is_some_and(|(t, r)| t.ends_with("תודה") && *r), "{texts:?}");
        assert!(texts.iter().any(|(t, r)| t.contains("Dana") && !r), "{texts:?}");
        assert_eq!(Typesetter::runs("Hello", false), [("Hello".to_owned(), false)]);
        let isolated = Typesetter::runs("שלום \u{2068}Ирина\u{2069},", true);
        assert!(
            isolated.iter().all(|(t, _)| !t.contains(['\u{2068}', '\u{2069}'])),
            "no glyph for an isolate: {isolated:?}"
        );
        assert!(isolated.iter().any(|(t, r)| t == "Ирина" && !r), "{isolated:?}");
    }

    #[test]
    fn long_paragraphs_wrap_within_the_width() {
        let ts = Typesetter::new().expect("font");
        let text = "word ".repeat(60);
        let lines = ts.wrap(text.trim(), BODY_SIZE, false, 200.0);
        assert!(lines.len() > 3 && lines.iter().all(|l| ts.width(l, BODY_SIZE, false) <= 200.0), "{lines:?}");
    }
}
