//! Text messages through an HTTP gateway: a request the shop describes (URL, method, headers, a form or
//! a JSON body with placeholders, where the provider's message id is in its answer, how it says yes),
//! and presets for providers whose API documentation we could read: Twilio (any country, Israel among
//! them), 99digital (Israel), SMS.ru (Russia) and Kavenegar (Iran). docs/MESSAGING.md shows each
//! preset's request.
//!
//! Placeholders, in the URL, the form's values, the JSON body's strings and the pointers: `{to}` (the
//! number in E.164, `+972…`), `{to_digits}` (without the `+`), `{to_local}` (an Iranian or Israeli number
//! in its national form with the trunk 0, `0912…`, `050…`; others as `{to_digits}`),
//! `{text}`, `{from}` and `{message_id}` (the outbox's, for a provider that keeps a reference).

use crate::ChannelError;
use ladder_app::delivery::{Outgoing, SendError, Transport};
use serde_json::Value;
use std::time::Duration;

/// The HTTP method of the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `POST`, the body a form or JSON.
    Post,
    /// `GET`, everything in the URL.
    Get,
}

/// The request a gateway expects, and how to read its answer.
#[derive(Clone, PartialEq, Eq)]
pub struct SmsGateway {
    /// The provider's name, for messages.
    pub name: String,
    /// The URL, with placeholders (URL-encoded when filled).
    pub url: String,
    /// The method.
    pub method: Method,
    /// Headers (an API key's header, say): secrets, never logged.
    pub headers: Vec<(String, String)>,
    /// The form's fields, when the body is a form (or a GET's query).
    pub form: Vec<(String, String)>,
    /// The JSON body, when it is JSON: its string values are filled in.
    pub json: Option<Value>,
    /// HTTP basic authentication (user, password): a secret.
    pub basic_auth: Option<(String, String)>,
    /// The sender: a number or an approved name.
    pub from: Option<String>,
    /// A JSON pointer to a value the answer must hold for a yes, and that value (`/status`, `"OK"`).
    pub success: Option<(String, Value)>,
    /// A JSON pointer to the provider's id of the message in its answer.
    pub message_id: Option<String>,
}

impl std::fmt::Debug for SmsGateway {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmsGateway")
            .field("name", &self.name)
            .field("method", &self.method)
            .field("from", &self.from)
            .finish_non_exhaustive()
    }
}

/// The presets' names.
pub const PRESETS: [&str; 4] = ["twilio", "99digital", "smsru", "kavenegar"];

impl SmsGateway {
    /// A preset: `twilio` (`account` is the Account SID, `secret` the Auth Token), `99digital` (`secret`
    /// is the apiKey; `from` is required), `smsru` (`secret` is the api_id) or `kavenegar` (`secret` is
    /// the API key). `base` replaces the provider's address (a
    /// test server).
    pub fn preset(
        name: &str,
        account: Option<&str>,
        secret: &str,
        from: Option<&str>,
        base: Option<&str>,
    ) -> Result<Self, ChannelError> {
        let from = from.map(str::to_owned);
        let at = |real: &str| base.map_or_else(|| real.to_owned(), |b| b.trim_end_matches('/').to_owned());
        let field = |k: &str, v: &str| (k.to_owned(), v.to_owned());
        match name {
            // https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource
            "twilio" => {
                let account = account.filter(|a| !a.is_empty()).ok_or_else(|| {
                    ChannelError::Config("the twilio preset needs sms.account (the Account SID)".into())
                })?;
                let mut form = vec![field("To", "{to}"), field("Body", "{text}")];
                if from.is_some() {
                    form.push(field("From", "{from}"));
                }
                Ok(Self {
                    name: "twilio".into(),
                    url: format!("{}/2010-04-01/Accounts/{account}/Messages.json", at("https://api.twilio.com")),
                    method: Method::Post,
                    headers: Vec::new(),
                    form,
                    json: None,
                    basic_auth: Some((account.to_owned(), secret.to_owned())),
                    from,
                    success: None,
                    message_id: Some("/sid".into()),
                })
            }
            // https://docs.99digital.co.il/sms-api/send-sms: documented as a "form-data" body; Ladder sends
            // the four fields as a form. The number without +972, the trunk 0 kept (0501234567).
            "99digital" => {
                let from = from.filter(|f| !f.is_empty()).ok_or_else(|| {
                    ChannelError::Config(
                        "the 99digital preset needs sms.from (a number 99digital approved, or a name of up to 11 letters)"
                            .into(),
                    )
                })?;
                Ok(Self {
                    name: "99digital".into(),
                    url: format!("{}/sms/sendMessage", at("https://api.99digital.co.il")),
                    method: Method::Post,
                    headers: Vec::new(),
                    form: vec![
                        field("apiKey", secret),
                        field("from", "{from}"),
                        field("to", "{to_local}"),
                        field("text", "{text}"),
                    ],
                    json: None,
                    basic_auth: None,
                    from: Some(from),
                    success: Some(("/status".into(), Value::String("OK".into()))),
                    message_id: Some("/unique".into()),
                })
            }
            // https://sms.ru/api/send
            "smsru" => Ok(Self {
                name: "smsru".into(),
                url: format!("{}/sms/send", at("https://sms.ru")),
                method: Method::Post,
                headers: Vec::new(),
                form: [
                    Some(field("api_id", secret)),
                    Some(field("to", "{to_digits}")),
                    Some(field("msg", "{text}")),
                    Some(field("json", "1")),
                    from.as_ref().map(|_| field("from", "{from}")),
                ]
                .into_iter()
                .flatten()
                .collect(),
                json: None,
                basic_auth: None,
                from,
                success: Some(("/sms/{to_digits}/status".into(), Value::String("OK".into()))),
                message_id: Some("/sms/{to_digits}/sms_id".into()),
            }),
            // https://kavenegar.com/rest.html (sms/send)
            "kavenegar" => Ok(Self {
                name: "kavenegar".into(),
                url: format!("{}/v1/{secret}/sms/send.json", at("https://api.kavenegar.com")),
                method: Method::Post,
                headers: Vec::new(),
                form: [
                    Some(field("receptor", "{to_local}")),
                    Some(field("message", "{text}")),
                    from.as_ref().map(|_| field("sender", "{from}")),
                ]
                .into_iter()
                .flatten()
                .collect(),
                json: None,
                basic_auth: None,
                from,
                success: Some(("/return/status".into(), Value::from(200))),
                message_id: Some("/entries/0/messageid".into()),
            }),
            other => Err(ChannelError::Config(format!(
                "sms.preset {other:?} is not one Ladder knows ({}); describe the request with sms.url and sms.form instead",
                PRESETS.join(", ")
            ))),
        }
    }

    fn fill(&self, text: &str, m: &Outgoing) -> String {
        let digits = m.to.trim_start_matches('+');
        let local = digits
            .strip_prefix("98")
            .or_else(|| digits.strip_prefix("972"))
            .map_or_else(|| digits.to_owned(), |rest| format!("0{rest}"));
        text.replace("{to_digits}", digits)
            .replace("{to_local}", &local)
            .replace("{to}", &m.to)
            .replace("{from}", self.from.as_deref().unwrap_or_default())
            .replace("{message_id}", &m.message_id)
            .replace("{text}", &m.body)
    }

    fn fill_json(&self, value: &Value, m: &Outgoing) -> Value {
        match value {
            Value::String(s) => Value::String(self.fill(s, m)),
            Value::Array(items) => Value::Array(items.iter().map(|v| self.fill_json(v, m)).collect()),
            Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), self.fill_json(v, m))).collect()),
            other => other.clone(),
        }
    }

    fn url_for(&self, m: &Outgoing) -> String {
        let encoded = Outgoing { to: m.to.clone(), body: encode(&m.body), ..m.clone() };
        let mut url = self.fill(&self.url, &encoded);
        if self.method == Method::Get && !self.form.is_empty() {
            let query: Vec<String> =
                self.form.iter().map(|(k, v)| format!("{}={}", encode(k), encode(&self.fill(v, m)))).collect();
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str(&query.join("&"));
        }
        url
    }
}

/// Percent-encodes a URL component.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Text messages through a gateway.
pub struct SmsSender {
    gateway: SmsGateway,
    agent: ureq::Agent,
}

impl SmsSender {
    /// A sender through `gateway`.
    pub fn new(gateway: SmsGateway) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(30)))
            .http_status_as_error(false)
            .build()
            .into();
        Self { gateway, agent }
    }
}

impl Transport for SmsSender {
    fn send(&self, m: &Outgoing) -> Result<(), SendError> {
        use base64::Engine as _;
        let g = &self.gateway;
        let url = g.url_for(m);
        let auth = g.basic_auth.as_ref().map(|(user, password)| {
            format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}")))
        });
        // The provider's headers and authentication, on a request of either kind.
        fn signed<B>(mut r: ureq::RequestBuilder<B>, g: &SmsGateway, auth: Option<&String>) -> ureq::RequestBuilder<B> {
            for (k, v) in &g.headers {
                r = r.header(k, v);
            }
            match auth {
                Some(auth) => r.header("Authorization", auth),
                None => r,
            }
        }
        let answer = match g.method {
            Method::Get => signed(self.agent.get(&url), g, auth.as_ref()).call(),
            Method::Post => {
                let request = signed(self.agent.post(&url), g, auth.as_ref());
                match &g.json {
                    Some(body) => {
                        request.header("Content-Type", "application/json").send(g.fill_json(body, m).to_string())
                    }
                    None => {
                        let form: Vec<(String, String)> =
                            g.form.iter().map(|(k, v)| (k.clone(), g.fill(v, m))).collect();
                        request.send_form(form.iter().map(|(k, v)| (k.as_str(), v.as_str())))
                    }
                }
            }
        };
        let mut answer = answer.map_err(|e| SendError::Retry(format!("{} cannot be reached: {e}", g.name)))?;
        let status = answer.status().as_u16();
        let text = answer.body_mut().read_to_string().unwrap_or_default();
        if !(200..300).contains(&status) {
            return Err(SendError::Retry(format!("{} answered {status}: {}", g.name, short(&text))));
        }
        let json: Option<Value> = serde_json::from_str(&text).ok();
        if let Some((pointer, expected)) = &g.success {
            let found = json.as_ref().and_then(|j| j.pointer(&g.fill(pointer, m)));
            if found != Some(expected) {
                return Err(SendError::Retry(format!("{} did not accept the message: {}", g.name, short(&text))));
            }
        }
        if let Some(pointer) = &g.message_id {
            let id = json.as_ref().and_then(|j| j.pointer(&g.fill(pointer, m))).map(|v| v.to_string());
            tracing::info!(gateway = %g.name, provider_id = id.as_deref().unwrap_or("none"), message_id = %m.message_id, "text message accepted");
        }
        Ok(())
    }
}

fn short(text: &str) -> String {
    text.chars().take(200).collect()
}
