//! Message templates, versioned: each save of a name, channel and language adds a version, and the
//! versions before stay (a sent message names the one it used).

use crate::StoreResult;
use ladder_domain::Channel;
use ladder_domain::template::Template;

/// Reading templates.
pub trait TemplateStore {
    /// The latest version of every template, by name, channel and language.
    fn templates(&self) -> StoreResult<Vec<Template>>;

    /// Every version of a template's variants (all channels and languages), oldest first.
    fn template_versions(&self, name: &str) -> StoreResult<Vec<Template>>;
}

/// Saving templates, inside a unit of work.
pub trait TemplateTx {
    /// Saves `template` as the next version of its name, channel and language (its own `version` is
    /// ignored) and returns that version.
    fn add_template(&mut self, template: &Template) -> StoreResult<u32>;

    /// The latest version of a template for a channel and language, as this unit of work sees it.
    fn latest_template(&mut self, name: &str, channel: Channel, language: &str) -> StoreResult<Option<Template>>;
}
