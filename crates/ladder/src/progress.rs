//! A progress bar on standard error (hidden when it is not a terminal).

use indicatif::{ProgressBar, ProgressStyle};
use std::sync::Mutex;

#[derive(Default)]
pub struct Bar {
    bar: Mutex<Option<ProgressBar>>,
}

impl ladder_app::Progress for Bar {
    fn begin(&self, label: &str, total: Option<u64>) {
        let bar = match total {
            Some(total) => ProgressBar::new(total).with_style(
                ProgressStyle::with_template("{msg:<28} [{bar:30}] {percent:>3}%  {elapsed_precise} eta {eta}")
                    .expect("valid template")
                    .progress_chars("=> "),
            ),
            None => ProgressBar::new_spinner().with_style(
                ProgressStyle::with_template("{spinner} {msg:<28} {pos} {elapsed_precise}").expect("valid template"),
            ),
        };
        bar.set_message(label.to_owned());
        *self.bar.lock().expect("progress lock") = Some(bar);
    }

    fn set_position(&self, position: u64) {
        if let Some(bar) = &*self.bar.lock().expect("progress lock") {
            bar.set_position(position);
        }
    }

    fn end(&self) {
        if let Some(bar) = self.bar.lock().expect("progress lock").take() {
            bar.finish_and_clear();
        }
    }
}
