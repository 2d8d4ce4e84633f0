//! Each SMS preset against a local HTTP server that checks the request the provider's documentation
//! shows (method, path, authentication, form fields) and answers as the provider does.

use ladder_app::delivery::{Outgoing, SendError, Transport};
use ladder_channels::sms::{SmsGateway, SmsSender};
use ladder_domain::messaging::MessagePurpose;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;

/// A request as the server read it.
#[derive(Debug)]
struct Request {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The form's fields, decoded.
    fn form(&self) -> Vec<(String, String)> {
        self.body
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                (decode(k), decode(v))
            })
            .collect()
    }
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).expect("hex"));
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).expect("utf-8")
}

/// Serves one request with `answer` (status, JSON) and hands back what it read; the base URL.
fn one_request(status: u16, answer: &'static str) -> (String, mpsc::Receiver<Request>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let (stream, _) = listener.accept().expect("accept");
        let mut reader = BufReader::new(stream.try_clone().expect("clone"));
        let mut line = String::new();
        reader.read_line(&mut line).expect("request line");
        let mut parts = line.split_whitespace();
        let (method, path) = (parts.next().unwrap_or_default().to_owned(), parts.next().unwrap_or_default().to_owned());
        let mut headers = Vec::new();
        loop {
            let mut h = String::new();
            reader.read_line(&mut h).expect("header");
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            let (k, v) = h.split_once(':').expect("a header");
            headers.push((k.trim().to_owned(), v.trim().to_owned()));
        }
        let length: usize = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
            .map_or(0, |(_, v)| v.parse().expect("length"));
        let mut body = vec![0; length];
        reader.read_exact(&mut body).expect("body");
        let mut stream = stream;
        write!(
            stream,
            "HTTP/1.1 {status} OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
            answer.len()
        )
        .expect("answer");
        tx.send(Request { method, path, headers, body: String::from_utf8(body).expect("utf-8") }).expect("hand over");
    });
    (base, rx)
}

fn text_to(number: &str) -> Outgoing {
    Outgoing {
        message_id: "<ladder.broadcast-1.7.sms@shop.example>".into(),
        channel: ladder_domain::Channel::Sms,
        to: number.into(),
        to_name: None,
        language: "he".into(),
        right_to_left: true,
        subject: None,
        body: "פרסומת: שלום & תודה".into(),
        purpose: MessagePurpose::Offer,
        unsubscribe_url: None,
    }
}

fn field<'a>(form: &'a [(String, String)], name: &str) -> Option<&'a str> {
    form.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

#[test]
fn twilio_gets_a_form_with_basic_authentication() {
    let (base, seen) = one_request(201, r#"{"sid": "SM123", "status": "queued"}"#);
    let gateway =
        SmsGateway::preset("twilio", Some("AC42"), "token-1", Some("+15005550006"), Some(&base)).expect("preset");
    SmsSender::new(gateway).send(&text_to("+972545678901")).expect("sent");
    let r = seen.recv().expect("a request");
    assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/2010-04-01/Accounts/AC42/Messages.json"));
    assert_eq!(r.header("authorization"), Some("Basic QUM0Mjp0b2tlbi0x"), "AccountSid:AuthToken");
    assert_eq!(r.header("content-type"), Some("application/x-www-form-urlencoded"));
    let form = r.form();
    assert_eq!(field(&form, "To"), Some("+972545678901"));
    assert_eq!(field(&form, "From"), Some("+15005550006"));
    assert_eq!(field(&form, "Body"), Some("פרסומת: שלום & תודה"));
}

#[test]
fn sms_ru_gets_its_api_id_and_the_number_without_plus_and_a_refusal_is_tried_again() {
    let answer = r#"{"status": "OK", "status_code": 100, "sms": {"79255070602": {"status": "OK", "status_code": 100, "sms_id": "000000-10000000"}}, "balance": 4122.56}"#;
    let (base, seen) = one_request(200, answer);
    let gateway = SmsGateway::preset("smsru", None, "api-key-9", None, Some(&base)).expect("preset");
    SmsSender::new(gateway).send(&text_to("+79255070602")).expect("sent");
    let r = seen.recv().expect("a request");
    assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/sms/send"));
    let form = r.form();
    assert_eq!(field(&form, "api_id"), Some("api-key-9"));
    assert_eq!(field(&form, "to"), Some("79255070602"));
    assert_eq!(field(&form, "msg"), Some("פרסומת: שלום & תודה"));
    assert_eq!(field(&form, "json"), Some("1"));

    let refused = r#"{"status": "OK", "status_code": 100, "sms": {"79255070602": {"status": "ERROR", "status_code": 207, "status_text": "На этот номер нельзя отправлять сообщения"}}}"#;
    let (base, _seen) = one_request(200, refused);
    let gateway = SmsGateway::preset("smsru", None, "api-key-9", None, Some(&base)).expect("preset");
    match SmsSender::new(gateway).send(&text_to("+79255070602")) {
        Err(SendError::Retry(why)) => assert!(why.contains("207"), "{why}"),
        other => panic!("a refusal in the answer is not a yes: {other:?}"),
    }
}

#[test]
fn kavenegar_gets_its_key_in_the_path_and_the_iranian_form_of_the_number() {
    let answer = r#"{"return": {"status": 200, "message": "تایید شد"}, "entries": [{"messageid": 8792343, "status": 1, "receptor": "09123456789"}]}"#;
    let (base, seen) = one_request(200, answer);
    let gateway = SmsGateway::preset("kavenegar", None, "KEY-77", Some("10004346"), Some(&base)).expect("preset");
    SmsSender::new(gateway).send(&text_to("+989123456789")).expect("sent");
    let r = seen.recv().expect("a request");
    assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/v1/KEY-77/sms/send.json"));
    let form = r.form();
    assert_eq!(field(&form, "receptor"), Some("09123456789"));
    assert_eq!(field(&form, "sender"), Some("10004346"));
    assert_eq!(field(&form, "message"), Some("פרסומת: שלום & תודה"));
}

#[test]
fn ninety_nine_digital_gets_its_api_key_the_sender_and_the_israeli_national_number() {
    let answer = r#"{"status": "OK", "unique": "63433453", "text": "your message", "timestamp": 1600115719, "from": "CafeLadder", "reason": 1}"#;
    let (base, seen) = one_request(200, answer);
    let gateway = SmsGateway::preset("99digital", None, "KEY-99", Some("CafeLadder"), Some(&base)).expect("preset");
    SmsSender::new(gateway).send(&text_to("+972501234567")).expect("sent");
    let r = seen.recv().expect("a request");
    assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/sms/sendMessage"));
    let form = r.form();
    assert_eq!(field(&form, "apiKey"), Some("KEY-99"));
    assert_eq!(field(&form, "from"), Some("CafeLadder"));
    assert_eq!(field(&form, "to"), Some("0501234567"), "without +972, the trunk 0 kept");
    assert_eq!(field(&form, "text"), Some("פרסומת: שלום & תודה"));

    let failed = r#"{"status": "FAIL", "unique": "", "reason": 3}"#;
    let (base, _seen) = one_request(200, failed);
    let gateway = SmsGateway::preset("99digital", None, "KEY-99", Some("0509999999"), Some(&base)).expect("preset");
    assert!(
        matches!(SmsSender::new(gateway).send(&text_to("+972501234567")), Err(SendError::Retry(_))),
        "a FAIL in the answer is not a yes"
    );
    let no_sender = SmsGateway::preset("99digital", None, "KEY-99", None, None).expect_err("needs a sender");
    assert!(no_sender.to_string().contains("sms.from"), "{no_sender}");
}

#[test]
fn a_gateway_that_fails_is_tried_again_and_an_unknown_preset_is_refused() {
    let (base, _seen) = one_request(503, r#"{"error": "busy"}"#);
    let gateway = SmsGateway::preset("twilio", Some("AC42"), "t", None, Some(&base)).expect("preset");
    assert!(matches!(SmsSender::new(gateway).send(&text_to("+972545678901")), Err(SendError::Retry(_))));
    let unknown = SmsGateway::preset("acme", None, "t", None, None).expect_err("unknown");
    assert!(unknown.to_string().contains("twilio, 99digital, smsru, kavenegar"), "{unknown}");
    let secret = SmsGateway::preset("smsru", None, "very-secret", None, None).expect("preset");
    assert!(!format!("{secret:?}").contains("very-secret"), "no secret in Debug");
}
