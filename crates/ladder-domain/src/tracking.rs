//! Click tracking, where the owner turns it on: a message's web addresses, found as its HTML part links
//! them (each word that starts with `https://` or `http://`), replaced by signed redirect links that
//! count a click and lead on to the address. The text around them stays as it was, byte for byte.

/// The web addresses of `text`, in order: each word (between white space) starting with `https://` or
/// `http://`.
pub fn addresses(text: &str) -> Vec<&str> {
    words(text).filter(|w| is_address(w)).collect()
}

/// `text` with its `n`-th address replaced by `via(n, address)` where that gives one; the others, and all
/// the white space, as they were.
pub fn rewritten(text: &str, mut via: impl FnMut(usize, &str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut n = 0;
    for piece in text.split_inclusive(char::is_whitespace) {
        let word = piece.trim_end_matches(char::is_whitespace);
        let space = &piece[word.len()..];
        if is_address(word) {
            match via(n, word) {
                Some(link) => out.push_str(&link),
                None => out.push_str(word),
            }
            n += 1;
        } else {
            out.push_str(word);
        }
        out.push_str(space);
    }
    out
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(char::is_whitespace).filter(|w| !w.is_empty())
}

fn is_address(word: &str) -> bool {
    word.starts_with("https://") || word.starts_with("http://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_the_words_the_html_links_and_the_rest_stays_byte_for_byte() {
        let text = "שלום,\nהמבצע: https://shop.example/winter?x=1\n\n  http://a.example  end\thttps://shop.example/u/T";
        assert_eq!(
            addresses(text),
            ["https://shop.example/winter?x=1", "http://a.example", "https://shop.example/u/T"]
        );
        let out = rewritten(text, |n, a| (!a.contains("/u/")).then(|| format!("https://r.example/{n}")));
        assert_eq!(
            out, "שלום,\nהמבצע: https://r.example/0\n\n  https://r.example/1  end\thttps://shop.example/u/T",
            "the unsubscribe link kept, numbering counts it"
        );
        assert_eq!(rewritten(text, |_, _| None), text);
        assert_eq!(rewritten("no links here.", |_, _| Some("x".into())), "no links here.");
    }
}
