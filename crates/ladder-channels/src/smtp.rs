//! Speaking to the shop's mail server. lettre speaks the protocol (EHLO, STARTTLS, AUTH, MAIL/RCPT/DATA,
//! dot-stuffing); this module opens the connections and keeps them. It opens them itself for one reason:
//! lettre 0.11.23 leaves Nagle's algorithm on, and it writes a message's body and the closing dot
//! separately — so the dot waits for the server's delayed acknowledgement (about 40 ms a message on
//! Linux), which held a connection to ~22 messages a second. Here every socket has `TCP_NODELAY`.
//!
//! `smtp_url` reads as lettre reads it: `smtp://HOST[:25]` (no TLS), `smtp://HOST[:587]?tls=required` or
//! `?tls=opportunistic` (STARTTLS), `smtps://HOST[:465]` (TLS from the first byte); `USER:PASSWORD@` for
//! AUTH (PLAIN or LOGIN, percent-encoded), a path for the EHLO name. `sslrootcert=PATH` (as for
//! PostgreSQL) trusts the authorities in that PEM file instead of the system's — for a relay whose
//! certificate a private authority signed.

use crate::ChannelError;
use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
use lettre::transport::smtp::client::{AsyncSmtpConnection, AsyncTokioStream, CertificateStore, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

/// How long to wait for the server at each step.
const TIMEOUT: Duration = Duration::from_secs(30);
/// An idle connection older than this is closed rather than reused: servers drop quiet clients.
const IDLE_FOR: Duration = Duration::from_secs(50);
/// An idle connection quiet for longer than this is checked with a NOOP before it carries a message.
const CHECK_AFTER: Duration = Duration::from_secs(5);

/// Why a message did not go.
#[derive(Debug)]
pub enum SmtpFailure {
    /// The server said the mailbox is not there (550, 551, 553): nothing more goes to it.
    Refused(String),
    /// Anything else — a full mailbox, a refused login, a server down: try again later.
    Retry(String),
}

/// Where the mail server is and how to speak to it.
struct Server {
    host: String,
    port: u16,
    security: Security,
    credentials: Option<Credentials>,
    hello: ClientId,
    /// The authorities from `sslrootcert`, if given (PEM).
    authorities: Option<Vec<u8>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Security {
    Plain,
    StartTls { required: bool },
    Implicit,
}

/// A pool of connections to one mail server, used from many threads at once.
pub struct SmtpClient {
    server: Server,
    idle: Mutex<Vec<(AsyncSmtpConnection, Instant)>>,
    keep: usize,
    /// The connections' IO runs here; callers block on their own message.
    runtime: Option<tokio::runtime::Runtime>,
    /// The TLS configuration for `smtps://`, made once.
    implicit: Option<tokio_rustls::TlsConnector>,
}

impl SmtpClient {
    /// A client for `url` that keeps up to `keep` idle connections; connects on the first message.
    pub fn new(url: &str, keep: u32) -> Result<Self, ChannelError> {
        let server = Server::parse(url)?;
        let implicit = match server.security {
            Security::Implicit => Some(implicit_tls(&server, url)?),
            _ => None,
        };
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("ladder-smtp")
            .enable_io()
            .enable_time()
            .build()
            .map_err(|e| ChannelError::Config(format!("cannot start the mail client: {e}")))?;
        Ok(Self { server, idle: Mutex::new(Vec::new()), keep: keep.max(1) as usize, runtime: Some(runtime), implicit })
    }

    /// Sends `message` on an idle connection, or a new one; blocks until the server has answered.
    pub fn send(&self, message: &lettre::Message) -> Result<(), SmtpFailure> {
        let runtime = self.runtime.as_ref().expect("the runtime lives as long as the client");
        let bytes = message.formatted();
        runtime.block_on(async {
            let mut connection = match self.idle_connection().await {
                Some(c) => c,
                None => self
                    .connect()
                    .await
                    .map_err(|e| SmtpFailure::Retry(format!("cannot reach the mail server: {e}")))?,
            };
            let sent = tokio::time::timeout(TIMEOUT, connection.send(message.envelope(), &bytes)).await;
            match sent {
                Ok(Ok(_)) => {
                    self.put_idle(connection);
                    Ok(())
                }
                Ok(Err(e)) => {
                    // lettre has closed a connection an answer broke; one that still stands is kept.
                    if !connection.has_broken() {
                        self.put_idle(connection);
                    }
                    Err(match e.status().map(|c| c.to_string()).as_deref() {
                        Some("550" | "551" | "553") => SmtpFailure::Refused(e.to_string()),
                        _ => SmtpFailure::Retry(e.to_string()),
                    })
                }
                Err(_) => Err(SmtpFailure::Retry(format!("the mail server did not answer in {}s", TIMEOUT.as_secs()))),
            }
        })
    }

    /// An idle connection that still stands. One quiet for a few seconds is asked first (NOOP): a
    /// server that dropped it meanwhile would otherwise fail the message, sending it to a retry later.
    async fn idle_connection(&self) -> Option<AsyncSmtpConnection> {
        loop {
            let (mut connection, since) = {
                let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
                idle.pop()?
            };
            let quiet = since.elapsed();
            if quiet >= IDLE_FOR {
                continue;
            }
            if quiet < CHECK_AFTER || tokio::time::timeout(TIMEOUT, connection.test_connected()).await.unwrap_or(false)
            {
                return Some(connection);
            }
        }
    }

    fn put_idle(&self, connection: AsyncSmtpConnection) {
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        if idle.len() < self.keep {
            idle.push((connection, Instant::now()));
        }
    }

    /// A new connection: TCP with `TCP_NODELAY`, TLS as the URL says, EHLO, AUTH.
    async fn connect(&self) -> Result<AsyncSmtpConnection, String> {
        let server = &self.server;
        let tcp = tokio::time::timeout(TIMEOUT, TcpStream::connect((server.host.as_str(), server.port)))
            .await
            .map_err(|_| format!("{}:{} did not answer in {}s", server.host, server.port, TIMEOUT.as_secs()))?
            .map_err(|e| format!("{}:{}: {e}", server.host, server.port))?;
        tcp.set_nodelay(true).map_err(|e| e.to_string())?;
        let stream: Box<dyn AsyncTokioStream> = match &self.implicit {
            Some(tls) => {
                let name = rustls::pki_types::ServerName::try_from(server.host.clone()).map_err(|e| e.to_string())?;
                let stream = tokio::time::timeout(TIMEOUT, tls.connect(name, tcp))
                    .await
                    .map_err(|_| "the TLS handshake did not finish".to_owned())?
                    .map_err(|e| format!("TLS with {}: {e}", server.host))?;
                Box::new(ImplicitTls(stream))
            }
            None => Box::new(tcp),
        };
        let steps = async {
            let mut connection =
                AsyncSmtpConnection::connect_with_transport(stream, &server.hello).await.map_err(|e| e.to_string())?;
            if let Security::StartTls { required } = server.security {
                if connection.can_starttls() {
                    connection.starttls(server.tls_parameters()?, &server.hello).await.map_err(|e| e.to_string())?;
                } else if required {
                    return Err(format!("{} does not offer STARTTLS, and the URL says tls=required", server.host));
                }
            }
            if let Some(credentials) = &server.credentials {
                connection.auth(DEFAULT_MECHANISMS, credentials).await.map_err(|e| format!("sign-in refused: {e}"))?;
            }
            Ok(connection)
        };
        tokio::time::timeout(TIMEOUT, steps).await.map_err(|_| "the mail server stopped answering".to_owned())?
    }
}

impl Drop for SmtpClient {
    fn drop(&mut self) {
        // Dropped inside a web server's runtime too: never block there.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

impl Server {
    fn parse(url: &str) -> Result<Self, ChannelError> {
        let shown = crate::email::redacted(url);
        let bad = |why: String| ChannelError::Config(format!("smtp_url {shown} cannot be used: {why}"));
        let parsed = url::Url::parse(url).map_err(|e| bad(e.to_string()))?;
        let host = parsed.host_str().ok_or_else(|| bad("no host".into()))?.trim_matches(['[', ']']).to_owned();
        let query = |key: &str| parsed.query_pairs().find(|(k, _)| k == key).map(|(_, v)| v.into_owned());
        let (security, default_port) = match (parsed.scheme(), query("tls").as_deref()) {
            ("smtp", None) => (Security::Plain, 25),
            ("smtp", Some("required")) => (Security::StartTls { required: true }, 587),
            ("smtp", Some("opportunistic")) => (Security::StartTls { required: false }, 587),
            ("smtps", _) => (Security::Implicit, 465),
            (scheme, tls) => {
                return Err(bad(format!(
                    "{scheme}://{} is not known; use smtps://HOST:465, smtp://HOST:587?tls=required or smtp://HOST:25",
                    tls.map(|t| format!(" with tls={t}")).unwrap_or_default()
                )));
            }
        };
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .map(|s| s.into_owned())
                .map_err(|e| bad(e.to_string()))
        };
        let credentials = match parsed.password() {
            Some(password) => Some(Credentials::new(decode(parsed.username())?, decode(password)?)),
            None => None,
        };
        let hello = match parsed.path().trim_matches('/') {
            "" => ClientId::default(),
            name => ClientId::Domain(name.to_owned()),
        };
        let authorities = match query("sslrootcert") {
            Some(path) => Some(
                std::fs::read(&path)
                    .map_err(|e| bad(format!("cannot read the certificate file sslrootcert={path}: {e}")))?,
            ),
            None => None,
        };
        Ok(Self { port: parsed.port().unwrap_or(default_port), host, security, credentials, hello, authorities })
    }

    /// lettre's TLS settings for STARTTLS: the same authorities as `smtps://` trusts.
    fn tls_parameters(&self) -> Result<TlsParameters, String> {
        let mut builder = TlsParameters::builder(self.host.clone());
        if let Some(pem) = &self.authorities {
            let certificate = lettre::transport::smtp::client::Certificate::from_pem(pem).map_err(|e| e.to_string())?;
            builder = builder.certificate_store(CertificateStore::None).add_root_certificate(certificate);
        }
        builder.build_rustls().map_err(|e| e.to_string())
    }
}

/// The TLS connector for `smtps://`: the authorities of `sslrootcert`, or the system's.
fn implicit_tls(server: &Server, url: &str) -> Result<tokio_rustls::TlsConnector, ChannelError> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let bad = |why: String| ChannelError::Config(format!("smtp_url {}: {why}", crate::email::redacted(url)));
    let mut roots = rustls::RootCertStore::empty();
    match &server.authorities {
        Some(pem) => {
            for certificate in CertificateDer::pem_slice_iter(pem) {
                let certificate = certificate.map_err(|e| bad(format!("sslrootcert is not PEM: {e}")))?;
                roots.add(certificate).map_err(|e| bad(format!("sslrootcert: {e}")))?;
            }
        }
        None => {
            for certificate in rustls_native_certs::load_native_certs().certs {
                let _ = roots.add(certificate);
            }
        }
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .map_err(|e| bad(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(tokio_rustls::TlsConnector::from(Arc::new(config)))
}

/// A TLS stream lettre can speak over (it needs the peer's address and `Debug`).
struct ImplicitTls(tokio_rustls::client::TlsStream<TcpStream>);

impl std::fmt::Debug for ImplicitTls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ImplicitTls")
    }
}

impl AsyncTokioStream for ImplicitTls {
    fn peer_addr(&self) -> std::io::Result<std::net::SocketAddr> {
        self.0.get_ref().0.peer_addr()
    }
}

impl AsyncRead for ImplicitTls {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.0).poll_read(cx, buf)
    }
}

impl AsyncWrite for ImplicitTls {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.0).poll_write(cx, buf)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.0).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.0).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_says_where_how_and_who() {
        let s = Server::parse("smtps://hello%40shop.example:p%40ss@mail.shop.example/ladder.shop.example").unwrap();
        assert_eq!((s.host.as_str(), s.port, s.security), ("mail.shop.example", 465, Security::Implicit));
        assert!(s.credentials.is_some());
        assert_eq!(s.hello, ClientId::Domain("ladder.shop.example".into()));
        let s = Server::parse("smtp://relay:2587?tls=required").unwrap();
        assert_eq!((s.port, s.security), (2587, Security::StartTls { required: true }));
        let s = Server::parse("smtp://127.0.0.1").unwrap();
        assert_eq!((s.port, s.security, s.credentials.is_none()), (25, Security::Plain, true));
        let wrong = Server::parse("smtp://u:secret@relay?tls=sometimes").err().unwrap().to_string();
        assert!(wrong.contains("tls=sometimes") && !wrong.contains("secret"), "{wrong}");
        let missing = Server::parse("smtps://relay?sslrootcert=/nonexistent/ca.pem").err().unwrap().to_string();
        assert!(missing.contains("sslrootcert=/nonexistent/ca.pem"), "{missing}");
    }
}
