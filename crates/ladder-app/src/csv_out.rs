//! The one way Ladder writes a CSV row: every cell through [`ladder_domain::text::cell_for_csv`], so no
//! export, reject file or report opens in a spreadsheet as a formula (and none carries a direction
//! override). The importer takes the protective `'` off again.

use ladder_domain::text::cell_for_csv;
use std::io::Write;

/// Writes one row of cells.
pub fn write_row<W: Write, S: AsRef<str>>(
    writer: &mut csv::Writer<W>,
    cells: impl IntoIterator<Item = S>,
) -> csv::Result<()> {
    for cell in cells {
        writer.write_field(cell_for_csv(cell.as_ref()).as_bytes())?;
    }
    writer.write_record(None::<&[u8]>)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_row_is_written_with_formulas_neutralised() {
        let mut w = csv::Writer::from_writer(Vec::new());
        super::write_row(&mut w, ["=1+1", "Dana, Levi", "-3"]).expect("row");
        super::write_row(&mut w, [String::from("b"), String::new(), "@x".to_owned()]).expect("row");
        let text = String::from_utf8(w.into_inner().expect("bytes")).expect("utf-8");
        assert_eq!(text, "'=1+1,\"Dana, Levi\",-3\nb,,'@x\n");
    }
}
