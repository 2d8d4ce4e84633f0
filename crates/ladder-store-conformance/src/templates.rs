//! Message templates: each save is a new version of its name, channel and language; versions stay.

use crate::support::*;
use ladder_domain::messaging::MessagePurpose;
use ladder_domain::template::Template;

fn draft(name: &str, channel: Channel, language: &str, body: &str) -> Template {
    Template {
        name: name.to_owned(),
        channel,
        language: language.to_owned(),
        version: 0,
        purpose: MessagePurpose::Offer,
        subject: (channel == Channel::Email).then(|| format!("{name} ({language})")),
        body: body.to_owned(),
        created_at: ts("2025-08-01T10:00:00Z"),
    }
}

/// Saving the same name, channel and language again adds a version; another language or channel is a
/// variant of its own; the latest of each is listed, every version is kept.
pub fn templates_are_versioned_per_name_channel_and_language(store: &dyn Store) {
    let save = |t: &Template| write(store, |tx| tx.add_template(t)).expect("save");
    assert_eq!(save(&draft("welcome", Channel::Email, "en", "Hello {{ first_name }}")), 1);
    assert_eq!(save(&draft("welcome", Channel::Email, "en", "Hi {{ first_name }}")), 2);
    assert_eq!(save(&draft("welcome", Channel::Email, "he", "שלום {{ first_name }}")), 1);
    assert_eq!(save(&draft("welcome", Channel::Sms, "en", "Hi!")), 1);
    assert_eq!(save(&draft("birthday", Channel::Sms, "ru", "С днём рождения!")), 1);
    let latest: Vec<(String, Channel, String, u32)> =
        store.templates().expect("list").into_iter().map(|t| (t.name, t.channel, t.language, t.version)).collect();
    assert_eq!(
        latest,
        [
            ("birthday".to_owned(), Channel::Sms, "ru".to_owned(), 1),
            ("welcome".to_owned(), Channel::Email, "en".to_owned(), 2),
            ("welcome".to_owned(), Channel::Email, "he".to_owned(), 1),
            ("welcome".to_owned(), Channel::Sms, "en".to_owned(), 1),
        ]
    );
    let versions = store.template_versions("welcome").expect("versions");
    assert_eq!(versions.len(), 4);
    assert_eq!(versions[0].body, "Hello {{ first_name }}", "the first version stays");
    assert_eq!(versions[0].subject.as_deref(), Some("welcome (en)"));
    assert_eq!(versions[2].body, "שלום {{ first_name }}");
    let mut tx = store.begin().expect("begin");
    let latest = tx.latest_template("welcome", Channel::Email, "en").expect("read").expect("saved");
    assert_eq!(
        (latest.version, latest.body.as_str(), latest.purpose),
        (2, "Hi {{ first_name }}", MessagePurpose::Offer)
    );
    assert!(tx.latest_template("welcome", Channel::Fax, "en").expect("read").is_none());
}
