//! The configuration, in layers: the defaults, then `ladder.toml` (in the working folder, or the file
//! `--config` or `LADDER_CONFIG` names), then the `LADDER_*` environment variables, then the flags. Any
//! variable can instead name a file that holds the value (`LADDER_DATABASE_URL_FILE`), for secrets a
//! container runtime mounts. Secrets never print: `Debug`, errors and `ladder config show` redact them.
//!
//! Written by hand on `toml` and serde rather than with a layering crate: none reads `*_FILE`, and with a
//! dozen settings a table of them (below) is shorter than the adapters.

use anyhow::{Result, bail};
use ladder_i18n::Locale;
use serde::Serialize;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// The file read from the working folder when no other is named.
pub const DEFAULT_FILE: &str = "ladder.toml";

/// One setting: its key in `ladder.toml` (`serve.bind`), its variable and its default.
struct Setting {
    key: &'static str,
    env: &'static str,
    default: &'static str,
    /// Printed redacted.
    secret: bool,
    help: &'static str,
}

/// Every setting, in the order `ladder config show` prints them.
const SETTINGS: &[Setting] = &[
    Setting {
        key: "database",
        env: "LADDER_DATABASE_URL",
        default: "ladder.db",
        secret: true,
        help: "a SQLite file path (or sqlite://PATH), or postgres://USER@HOST/DB",
    },
    Setting { key: "lang", env: "LADDER_LANG", default: "en", secret: false, help: "en, he, fa or ru" },
    Setting {
        key: "log.level",
        env: "LADDER_LOG",
        default: "info",
        secret: false,
        help: "error, warn, info, debug or trace, or a filter such as ladder_web=debug",
    },
    Setting { key: "log.format", env: "LADDER_LOG_FORMAT", default: "text", secret: false, help: "text or json" },
    Setting {
        key: "serve.bind",
        env: "LADDER_BIND",
        default: "127.0.0.1:8080",
        secret: false,
        help: "an address and port, such as 0.0.0.0:8080",
    },
    Setting {
        key: "serve.secure_cookies",
        env: "LADDER_SECURE_COOKIES",
        default: "false",
        secret: false,
        help: "true when people reach the app through HTTPS",
    },
    Setting {
        key: "serve.trusted_proxy",
        env: "LADDER_TRUSTED_PROXY",
        default: "",
        secret: false,
        help: "the addresses or networks of the proxies in front of the app, such as 10.0.0.0/8, \
               whose X-Forwarded-For names the client",
    },
    Setting {
        key: "serve.worker",
        env: "LADDER_SERVE_WORKER",
        default: "true",
        secret: false,
        help: "false to run the workers elsewhere (`ladder worker`)",
    },
    Setting {
        key: "worker.concurrency",
        env: "LADDER_WORKER_CONCURRENCY",
        default: "1",
        secret: false,
        help: "jobs run side by side, 1 to 64",
    },
    Setting {
        key: "worker.lease_seconds",
        env: "LADDER_WORKER_LEASE_SECONDS",
        default: "30",
        secret: false,
        help: "how long a claimed job is held before another worker may take it over, 3 to 3600",
    },
    Setting {
        key: "schedule.nightly_scoring",
        env: "LADDER_NIGHTLY_SCORING",
        default: "0 3 * * *",
        secret: false,
        help: "when to score every night, as cron in the shop's time zone; empty turns it off",
    },
    Setting {
        key: "schedule.playbooks",
        env: "LADDER_PLAYBOOKS_SCHEDULE",
        default: "30 3 * * *",
        secret: false,
        help: "when to evaluate the playbooks every day (catching up missed days), as cron in the shop's time zone; empty turns it off",
    },
    Setting {
        key: "schedule.task_digest",
        env: "LADDER_TASK_DIGEST_SCHEDULE",
        default: "0 8 * * *",
        secret: false,
        help: "when to mail each user the digest of their open tasks (with a mail server set), as cron in the shop's time zone; empty turns it off",
    },
    Setting {
        key: "schedule.housekeeping",
        env: "LADDER_HOUSEKEEPING",
        default: "17 * * * *",
        secret: false,
        help: "when to forget the files of finished jobs (after a day) and finished jobs (after 90 days), as cron; empty turns it off",
    },
    Setting {
        key: "smtp_url",
        env: "LADDER_SMTP_URL",
        default: "",
        secret: true,
        help: "the mail server: smtps://USER:PASSWORD@HOST:465, smtp://USER:PASSWORD@HOST:587?tls=required, \
               or smtp://127.0.0.1:25 on the same machine (&sslrootcert=PATH trusts a private authority); \
               empty sends no email",
    },
    Setting {
        key: "mail_from",
        env: "LADDER_MAIL_FROM",
        default: "",
        secret: false,
        help: "who the shop's email comes from, such as \"Café Ladder <hello@shop.example>\"",
    },
    Setting {
        key: "public_url",
        env: "LADDER_PUBLIC_URL",
        default: "",
        secret: false,
        help: "where customers reach this Ladder (https://shop.example/ladder): the base of unsubscribe and \
               preference links; http only for a loopback address",
    },
    Setting {
        key: "dkim.selector",
        env: "LADDER_DKIM_SELECTOR",
        default: "",
        secret: false,
        help: "the DKIM selector published in DNS (ladder for ladder._domainkey.shop.example); empty: unsigned",
    },
    Setting {
        key: "dkim.domain",
        env: "LADDER_DKIM_DOMAIN",
        default: "",
        secret: false,
        help: "the signing domain; the sender's domain when empty",
    },
    Setting {
        key: "dkim.key_file",
        env: "LADDER_DKIM_KEY_FILE",
        default: "",
        secret: false,
        help: "the private key's file: RSA as PKCS#1 PEM, Ed25519 as the base64 of its 32-byte seed",
    },
    Setting {
        key: "sms.preset",
        env: "LADDER_SMS_PRESET",
        default: "",
        secret: false,
        help: "twilio, 99digital, smsru or kavenegar; empty sends no text messages",
    },
    Setting {
        key: "sms.account",
        env: "LADDER_SMS_ACCOUNT",
        default: "",
        secret: false,
        help: "the provider's account (Twilio's Account SID)",
    },
    Setting {
        key: "sms.secret",
        env: "LADDER_SMS_SECRET",
        default: "",
        secret: true,
        help: "the provider's token or API key (best from a file: LADDER_SMS_SECRET_FILE)",
    },
    Setting {
        key: "sms.from",
        env: "LADDER_SMS_FROM",
        default: "",
        secret: false,
        help: "the sender number or approved name; the account's default when empty",
    },
    Setting {
        key: "sms.base_url",
        env: "LADDER_SMS_BASE_URL",
        default: "",
        secret: false,
        help: "another address for the provider's API (a test server); the provider's own when empty",
    },
    Setting {
        key: "fax.address_pattern",
        env: "LADDER_FAX_ADDRESS_PATTERN",
        default: "",
        secret: false,
        help: "the email-to-fax gateway's address for a number, such as {digits}@fax.example; empty sends no fax",
    },
    Setting {
        key: "worker.messages_in_flight",
        env: "LADDER_WORKER_MESSAGES_IN_FLIGHT",
        default: "32",
        secret: false,
        help: "messages a worker sends at once, 1 to 256: after a crash at most these go twice",
    },
];

/// Where a value came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Ladder's default.
    Default,
    /// A line of the configuration file.
    File { path: PathBuf, line: usize },
    /// An environment variable.
    Env { name: String },
    /// A file named by an environment variable.
    EnvFile { name: String, path: PathBuf },
    /// A flag.
    Flag { name: String },
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Default => write!(f, "default"),
            Origin::File { path, line } => write!(f, "{} line {line}", path.display()),
            Origin::Env { name } => write!(f, "{name}"),
            Origin::EnvFile { name, path } => write!(f, "{name} ({})", path.display()),
            Origin::Flag { name } => write!(f, "--{name}"),
        }
    }
}

/// How log lines look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LogFormat {
    /// One readable line per event.
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

/// A value that must not be printed: `Debug` and `Display` show it redacted.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// The value itself, to use (never to print).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The value as it may be shown: passwords in URLs hidden.
    pub fn redacted(&self) -> String {
        ladder_store_postgres::redact(&self.0)
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.redacted())
    }
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// The effective configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The database URL or path.
    pub database: Secret,
    /// The language of the command line's words.
    pub lang: Locale,
    /// The log filter.
    pub log_level: String,
    /// How log lines look.
    pub log_format: LogFormat,
    /// Where `ladder serve` listens.
    pub bind: SocketAddr,
    /// Cookies only over HTTPS.
    pub secure_cookies: bool,
    /// Proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: ladder_web::TrustedProxies,
    /// Whether `ladder serve` runs workers too.
    pub serve_worker: bool,
    /// Jobs a worker process runs side by side.
    pub concurrency: usize,
    /// How long a claim holds a job.
    pub lease_seconds: u64,
    /// The nightly scoring's cron expression; empty: none.
    pub nightly_scoring: String,
    /// Housekeeping's cron expression; empty: none.
    pub housekeeping: String,
    /// The playbooks' daily evaluation's cron expression; empty: none.
    pub playbooks: String,
    /// The daily digest of open tasks' cron expression; empty: none.
    pub task_digest: String,
    /// How messages go out.
    pub messaging: Messaging,
    /// Each setting's value as text and where it came from, for `ladder config show`.
    sources: Layers,
}

/// Each setting's value as text and where it came from; `Debug` redacts the secrets.
#[derive(Clone)]
struct Layers(BTreeMap<&'static str, (String, Origin)>);

impl std::fmt::Debug for Layers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.shown().into_iter().map(|s| (s.setting, (s.value, s.from)))).finish()
    }
}

impl Layers {
    fn shown(&self) -> Vec<Shown> {
        SETTINGS
            .iter()
            .map(|s| {
                let (value, origin) = &self.0[s.key];
                let value = if s.secret { ladder_store_postgres::redact(value) } else { value.clone() };
                Shown { setting: s.key, value, from: origin.to_string(), env: s.env, help: s.help }
            })
            .collect()
    }
}

/// One line of `ladder config show`.
#[derive(Debug, Serialize)]
pub struct Shown {
    /// The key in `ladder.toml`.
    pub setting: &'static str,
    /// Its value, secrets redacted.
    pub value: String,
    /// Where it came from.
    pub from: String,
    /// The environment variable that sets it.
    pub env: &'static str,
    /// What it takes.
    pub help: &'static str,
}

/// How messages go out: the mail server, the SMS gateway, the links' base.
#[derive(Debug, Clone)]
pub struct Messaging {
    /// The mail server's URL; no email without it.
    pub smtp_url: Option<Secret>,
    /// Who the mail is from.
    pub mail_from: Option<String>,
    /// The base of the links customers get.
    pub public_url: Option<String>,
    /// DKIM: selector, domain and key file.
    pub dkim: Option<(String, String, PathBuf)>,
    /// The SMS gateway: preset, account, secret, sender, another base URL.
    pub sms: Option<SmsSettings>,
    /// The email-to-fax gateway's address for a number.
    pub fax_pattern: Option<String>,
    /// Messages a worker sends at once.
    pub in_flight: u32,
}

/// The SMS gateway's settings.
#[derive(Debug, Clone)]
pub struct SmsSettings {
    /// `twilio`, `99digital`, `smsru` or `kavenegar`.
    pub preset: String,
    /// The account.
    pub account: Option<String>,
    /// The token or key.
    pub secret: Secret,
    /// The sender.
    pub from: Option<String>,
    /// Another base URL.
    pub base_url: Option<String>,
}

/// The layers below the flags, as read from the process: its environment and its working folder.
pub struct Sources<'a> {
    /// The file `--config` named.
    pub file: Option<&'a Path>,
    /// Reads an environment variable.
    pub env: &'a dyn Fn(&str) -> Option<String>,
    /// The flags given, by setting key, with the flag's name.
    pub flags: Vec<(&'static str, &'static str, String)>,
}

impl Config {
    /// Reads the layers in order; an error names the file and line, variable or flag at fault.
    pub fn load(sources: &Sources<'_>) -> Result<Config> {
        let mut values: BTreeMap<&'static str, (String, Origin)> =
            SETTINGS.iter().map(|s| (s.key, (s.default.to_owned(), Origin::Default))).collect();
        let named = sources.file.map(Path::to_path_buf).or_else(|| (sources.env)("LADDER_CONFIG").map(PathBuf::from));
        let file = match named {
            Some(path) => Some(path),
            None => Some(PathBuf::from(DEFAULT_FILE)).filter(|p| p.is_file()),
        };
        if let Some(path) = file {
            for (key, value, line) in read_file(&path)? {
                values.insert(key, (value, Origin::File { path: path.clone(), line }));
            }
        }
        for setting in SETTINGS {
            let from_file = format!("{}_FILE", setting.env);
            if let Some(value) = (sources.env)(setting.env) {
                values.insert(setting.key, (value, Origin::Env { name: setting.env.to_owned() }));
            } else if setting.key == "log.level"
                && let Some(value) = (sources.env)("RUST_LOG")
            {
                values.insert(setting.key, (value, Origin::Env { name: "RUST_LOG".to_owned() }));
            } else if let Some(path) = (sources.env)(&from_file) {
                let value = std::fs::read_to_string(&path)
                    .map_err(|e| anyhow::anyhow!("{from_file} names {path:?}, which cannot be read: {e}"))?;
                let value = value.trim_end_matches(['\n', '\r']).to_owned();
                values.insert(setting.key, (value, Origin::EnvFile { name: from_file, path: PathBuf::from(path) }));
            }
        }
        for (key, flag, value) in &sources.flags {
            values.insert(key, (value.clone(), Origin::Flag { name: (*flag).to_owned() }));
        }
        Self::parse(values)
    }

    fn parse(sources: BTreeMap<&'static str, (String, Origin)>) -> Result<Config> {
        let get = |key: &str| -> (&str, &Origin) {
            let (value, origin) = &sources[key];
            (value.as_str(), origin)
        };
        let refuse = |key: &str, wants: &str| -> anyhow::Error {
            let (value, origin) = get(key);
            let setting = SETTINGS.iter().find(|s| s.key == key);
            let shown =
                if setting.is_some_and(|s| s.secret) { ladder_store_postgres::redact(value) } else { value.to_owned() };
            anyhow::anyhow!("{key} from {origin}: {shown:?} is not {wants}; use {}", setting.map_or("", |s| s.help))
        };
        let flag = |key: &str| -> Result<bool> {
            match get(key).0.trim().to_ascii_lowercase().as_str() {
                "true" | "yes" | "1" | "on" => Ok(true),
                "false" | "no" | "0" | "off" => Ok(false),
                _ => Err(refuse(key, "true or false")),
            }
        };
        let number = |key: &str, range: std::ops::RangeInclusive<u64>| -> Result<u64> {
            get(key)
                .0
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|n| range.contains(n))
                .ok_or_else(|| refuse(key, "a number in range"))
        };
        let database = get("database").0.trim().to_owned();
        if database.is_empty() {
            bail!("database from {} is empty; name a SQLite file or a postgres:// URL", get("database").1);
        }
        let lang = Locale::parse(get("lang").0.trim()).ok_or_else(|| refuse("lang", "a language Ladder speaks"))?;
        let log_format = match get("log.format").0.trim() {
            "text" => LogFormat::Text,
            "json" => LogFormat::Json,
            _ => return Err(refuse("log.format", "a log format")),
        };
        let log_level = get("log.level").0.trim().to_owned();
        if tracing_subscriber::EnvFilter::try_new(&log_level).is_err() {
            return Err(refuse("log.level", "a log filter"));
        }
        let bind = get("serve.bind").0.trim().parse().map_err(|_| refuse("serve.bind", "an address"))?;
        let trusted_proxies = ladder_web::TrustedProxies::parse(get("serve.trusted_proxy").0).map_err(|problem| {
            anyhow::anyhow!("serve.trusted_proxy from {}: {problem}", get("serve.trusted_proxy").1)
        })?;
        let nightly_scoring = get("schedule.nightly_scoring").0.trim().to_owned();
        if let Err(problem) = ladder_app::jobs::schedule::standard(&nightly_scoring, "") {
            bail!("schedule.nightly_scoring from {}: {problem}", get("schedule.nightly_scoring").1);
        }
        let playbooks = get("schedule.playbooks").0.trim().to_owned();
        if let Err(problem) = ladder_app::jobs::schedule::playbooks(&playbooks) {
            bail!("schedule.playbooks from {}: {problem}", get("schedule.playbooks").1);
        }
        let task_digest = get("schedule.task_digest").0.trim().to_owned();
        if let Err(problem) = ladder_app::jobs::schedule::task_digest(&task_digest) {
            bail!("schedule.task_digest from {}: {problem}", get("schedule.task_digest").1);
        }
        let housekeeping = get("schedule.housekeeping").0.trim().to_owned();
        if let Err(problem) = ladder_app::jobs::schedule::standard("", &housekeeping) {
            bail!("schedule.housekeeping from {}: {problem}", get("schedule.housekeeping").1);
        }
        let text = |key: &str| Some(get(key).0.trim().to_owned()).filter(|v| !v.is_empty());
        let smtp_url = text("smtp_url").map(Secret);
        let mail_from = text("mail_from");
        if smtp_url.is_some() && mail_from.is_none() {
            bail!("smtp_url is set but mail_from is not: set mail_from to the address the shop's email comes from");
        }
        let public_url = text("public_url").map(|u| u.trim_end_matches('/').to_owned());
        if let Some(url) = &public_url {
            ladder_app::links::check_public_url(url)
                .map_err(|problem| anyhow::anyhow!("public_url from {}: {problem}", get("public_url").1))?;
        }
        let dkim = match (text("dkim.selector"), text("dkim.key_file")) {
            (None, None) => None,
            (Some(selector), Some(key_file)) => {
                let domain = text("dkim.domain")
                    .or_else(|| {
                        mail_from
                            .as_deref()
                            .and_then(|m| m.rsplit_once('@'))
                            .map(|(_, d)| d.trim_end_matches('>').to_owned())
                    })
                    .ok_or_else(|| anyhow::anyhow!("dkim.domain is not set and mail_from names no domain"))?;
                Some((selector, domain, PathBuf::from(key_file)))
            }
            _ => bail!("DKIM needs both dkim.selector and dkim.key_file (or neither, to send unsigned)"),
        };
        let sms = match text("sms.preset") {
            None => None,
            Some(preset) => Some(SmsSettings {
                secret: Secret(
                    text("sms.secret")
                        .ok_or_else(|| anyhow::anyhow!("sms.preset is {preset} but sms.secret is not set"))?,
                ),
                preset,
                account: text("sms.account"),
                from: text("sms.from"),
                base_url: text("sms.base_url"),
            }),
        };
        if text("fax.address_pattern").is_some() && smtp_url.is_none() {
            bail!("fax.address_pattern is set but smtp_url is not: faxes go through the mail server");
        }
        let messaging = Messaging {
            smtp_url,
            mail_from,
            public_url,
            dkim,
            sms,
            fax_pattern: text("fax.address_pattern"),
            in_flight: number("worker.messages_in_flight", 1..=256)? as u32,
        };
        Ok(Config {
            database: Secret(database),
            lang,
            log_level,
            log_format,
            bind,
            secure_cookies: flag("serve.secure_cookies")?,
            trusted_proxies,
            serve_worker: flag("serve.worker")?,
            concurrency: number("worker.concurrency", 1..=64)? as usize,
            lease_seconds: number("worker.lease_seconds", 3..=3600)?,
            nightly_scoring,
            housekeeping,
            playbooks,
            task_digest,
            messaging,
            sources: Layers(sources),
        })
    }

    /// Every setting with its value (secrets redacted) and where it came from.
    pub fn shown(&self) -> Vec<Shown> {
        self.sources.shown()
    }
}

/// The settings a `ladder.toml` sets: (key, value as text, line). Unknown keys and sections are refused
/// with their line, so a typo does not pass silently.
fn read_file(path: &Path) -> Result<Vec<(&'static str, String, usize)>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("the configuration file {} cannot be read: {e}", path.display()))?;
    let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
    let table: toml::Spanned<toml::Table> = toml::from_str(&text).map_err(|e| {
        let line = e.span().map(|s| format!(" line {}", line_of(s.start))).unwrap_or_default();
        anyhow::anyhow!("{}{line}: {}", path.display(), e.message())
    })?;
    let mut found = Vec::new();
    let mut visit = |key: String, value: &toml::Value| -> Result<()> {
        let line = find_line(&text, &key);
        let Some(setting) = SETTINGS.iter().find(|s| s.key == key) else {
            let known: Vec<&str> = SETTINGS.iter().map(|s| s.key).collect();
            bail!("{} line {line}: {key} is not a setting; the settings are {}", path.display(), known.join(", "));
        };
        let text = match value {
            toml::Value::String(s) => s.clone(),
            toml::Value::Integer(n) => n.to_string(),
            toml::Value::Boolean(b) => b.to_string(),
            toml::Value::Float(f) => f.to_string(),
            _ => bail!("{} line {line}: {key} takes a single value ({})", path.display(), setting.help),
        };
        found.push((setting.key, text, line));
        Ok(())
    };
    for (name, value) in table.get_ref() {
        match value {
            toml::Value::Table(section) => {
                for (inner, value) in section {
                    visit(format!("{name}.{inner}"), value)?;
                }
            }
            other => visit(name.clone(), other)?,
        }
    }
    Ok(found)
}

/// The line that sets `key` (`serve.bind`: `bind` under `[serve]`), for messages; 1 when not found.
fn find_line(text: &str, key: &str) -> usize {
    let (section, name) = key.split_once('.').map_or(("", key), |(s, n)| (s, n));
    let mut current = String::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = header.trim().to_owned();
            continue;
        }
        let Some((left, _)) = line.split_once('=') else { continue };
        let left = left.trim();
        if (current == section && left == name) || (current.is_empty() && left == key) {
            return i + 1;
        }
    }
    1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(
        file: Option<&str>,
        env: &[(&str, &str)],
        flags: Vec<(&'static str, &'static str, String)>,
    ) -> Result<Config> {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("ladder.toml");
        if let Some(text) = file {
            std::fs::write(&path, text).expect("write");
        }
        let env: BTreeMap<String, String> = env.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        let lookup = move |name: &str| env.get(name).cloned();
        let sources = Sources { file: file.map(|_| path.as_path()), env: &lookup, flags };
        Config::load(&sources)
    }

    #[test]
    fn each_layer_overrides_the_one_below() {
        let file = "database = \"from-file.db\"\n[serve]\nbind = \"127.0.0.1:9000\"\nworker = false\n";
        let c = load(Some(file), &[], vec![]).expect("config");
        assert_eq!(c.database.expose(), "from-file.db");
        assert_eq!(c.bind.port(), 9000);
        assert!(!c.serve_worker);
        assert_eq!(c.concurrency, 1, "a default");
        let c = load(Some(file), &[("LADDER_DATABASE_URL", "from-env.db")], vec![]).expect("config");
        assert_eq!(c.database.expose(), "from-env.db");
        let flags = vec![("database", "database", "from-flag.db".to_owned())];
        let c = load(Some(file), &[("LADDER_DATABASE_URL", "from-env.db")], flags).expect("config");
        assert_eq!(c.database.expose(), "from-flag.db");
        let shown = c.shown();
        let bind = shown.iter().find(|s| s.setting == "serve.bind").expect("bind");
        assert!(bind.from.ends_with("ladder.toml line 3"), "{}", bind.from);
        assert_eq!(shown.iter().find(|s| s.setting == "database").map(|s| s.from.as_str()), Some("--database"));
    }

    #[test]
    fn secrets_come_from_files_and_never_print() {
        let dir = tempfile::tempdir().expect("dir");
        let secret = dir.path().join("db-url");
        std::fs::write(&secret, "postgres://shop:hunter2@db/ladder?password=hunter3\n").expect("write");
        let path = secret.display().to_string();
        let c = load(None, &[("LADDER_DATABASE_URL_FILE", &path)], vec![]).expect("config");
        assert_eq!(c.database.expose(), "postgres://shop:hunter2@db/ladder?password=hunter3");
        let printed = format!("{c:?} {} {}", c.database, serde_json::to_string(&c.shown()).expect("json"));
        assert!(!printed.contains("hunter"), "{printed}");
        let refused = load(None, &[("LADDER_DATABASE_URL", "postgres://a:hunter2@h/d"), ("LADDER_LANG", "xx")], vec![]);
        let message = refused.expect_err("refused").to_string();
        assert!(message.contains("LADDER_LANG") && message.contains("\"xx\""), "{message}");
    }

    #[test]
    fn bad_values_name_where_they_came_from() {
        let e = load(Some("[serve]\n\nbind = \"nowhere\"\n"), &[], vec![]).expect_err("refused").to_string();
        assert!(e.contains("serve.bind") && e.contains("line 3") && e.contains("\"nowhere\""), "{e}");
        let e = load(Some("[serve]\nbindd = \"x\"\n"), &[], vec![]).expect_err("refused").to_string();
        assert!(e.contains("line 2") && e.contains("serve.bindd is not a setting"), "{e}");
        let e = load(Some("database = \n"), &[], vec![]).expect_err("refused").to_string();
        assert!(e.contains("line 1"), "{e}");
        let e = load(None, &[("LADDER_WORKER_CONCURRENCY", "0")], vec![]).expect_err("refused").to_string();
        assert!(e.contains("LADDER_WORKER_CONCURRENCY"), "{e}");
        let e = load(None, &[("LADDER_NIGHTLY_SCORING", "at three")], vec![]).expect_err("refused").to_string();
        assert!(e.contains("cron"), "{e}");
        let off = load(None, &[("LADDER_NIGHTLY_SCORING", "")], vec![]).expect("config");
        assert_eq!(off.nightly_scoring, "", "empty turns the schedule off");
        let rust_log = load(None, &[("RUST_LOG", "debug")], vec![]).expect("config");
        assert_eq!(rust_log.log_level, "debug");
        let both = load(None, &[("RUST_LOG", "debug"), ("LADDER_LOG", "warn")], vec![]).expect("config");
        assert_eq!(both.log_level, "warn", "LADDER_LOG wins over RUST_LOG");
    }
}
