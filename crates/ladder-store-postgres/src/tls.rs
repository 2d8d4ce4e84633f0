//! Encrypted connections, with libpq's `sslmode` so that a URL that works with `psql` works here.
//!
//! | `sslmode`      | encrypted                     | certificate checked                      |
//! |----------------|-------------------------------|------------------------------------------|
//! | `disable`      | no                            | –                                        |
//! | `prefer` (default) | when the server offers it | no                                       |
//! | `require`      | always                        | no (as verify-ca when `sslrootcert` is given) |
//! | `verify-ca`    | always                        | signed by a trusted authority            |
//! | `verify-full`  | always                        | trusted, and issued for the host name    |
//!
//! Trusted authorities are those of `sslrootcert=PATH` (PEM), or else the system's. TLS is rustls (no
//! OpenSSL to install); the driver only knows `disable`, `prefer` and `require`, so the verifying modes
//! and `sslrootcert` are taken off the URL here and become the connector's policy.

use ladder_store::{StoreError, StoreResult};
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};
use std::sync::Arc;
pub(crate) use tokio_postgres_rustls::MakeRustlsConnect as Tls;

/// How much of the server's certificate is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    Nothing,
    Authority,
    AuthorityAndHost,
}

/// The URL for the driver (TLS parameters it does not know removed) and the TLS connector it implies.
pub(crate) fn split(url: &str, shown: &str) -> StoreResult<(String, Tls)> {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut kept = Vec::new();
    let (mut mode, mut root) = (None, None);
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.split_once('=') {
            Some(("sslmode", value)) => mode = Some(value.to_owned()),
            Some(("sslrootcert", value)) => root = Some(value.to_owned()),
            _ => kept.push(pair.to_owned()),
        }
    }
    let (driver_mode, check) = match (mode.as_deref(), &root) {
        (None | Some("prefer"), _) => ("prefer", Check::Nothing),
        (Some("disable"), _) => ("disable", Check::Nothing),
        (Some("require"), None) => ("require", Check::Nothing),
        (Some("require" | "verify-ca"), _) => ("require", Check::Authority),
        (Some("verify-full"), _) => ("require", Check::AuthorityAndHost),
        (Some(other), _) => {
            return Err(StoreError::Configuration(format!(
                "{shown}: sslmode={other} is not known; use disable, prefer, require, verify-ca or verify-full"
            )));
        }
    };
    kept.push(format!("sslmode={driver_mode}"));
    let url = format!("{base}?{}", kept.join("&"));
    Ok((url, connector(check, root.as_deref(), shown)?))
}

fn connector(check: Check, root: Option<&str>, shown: &str) -> StoreResult<Tls> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let authorities = match check {
        Check::Nothing => None,
        Check::Authority | Check::AuthorityAndHost => {
            let roots = Arc::new(trusted(root, shown)?);
            let verifier = WebPkiServerVerifier::builder_with_provider(roots, provider.clone())
                .build()
                .map_err(|e| StoreError::Configuration(format!("{shown}: cannot check certificates: {e}")))?;
            Some(verifier)
        }
    };
    let verifier = Verifier { check, authorities, algorithms: provider.signature_verification_algorithms };
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| StoreError::Configuration(format!("{shown}: cannot set up TLS: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    Ok(Tls::new(config))
}

/// The authorities from `sslrootcert`, or the system's.
fn trusted(root: Option<&str>, shown: &str) -> StoreResult<RootCertStore> {
    let mut store = RootCertStore::empty();
    match root {
        Some(path) => {
            let unreadable = |e: &dyn std::fmt::Display| {
                StoreError::Configuration(format!("{shown}: cannot read the certificate file sslrootcert={path}: {e}"))
            };
            for cert in CertificateDer::pem_file_iter(path).map_err(|e| unreadable(&e))? {
                store.add(cert.map_err(|e| unreadable(&e))?).map_err(|e| unreadable(&e))?;
            }
        }
        None => {
            let found = rustls_native_certs::load_native_certs();
            for cert in found.certs {
                let _ = store.add(cert);
            }
        }
    }
    if store.is_empty() {
        return Err(StoreError::Configuration(format!(
            "{shown}: no trusted certificate authority found; give the server's authority with sslrootcert=PATH"
        )));
    }
    Ok(store)
}

/// Checks the server's certificate as much as the mode asks, and always the handshake's signatures.
#[derive(Debug)]
struct Verifier {
    check: Check,
    authorities: Option<Arc<WebPkiServerVerifier>>,
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let Some(authorities) = &self.authorities else {
            return Ok(ServerCertVerified::assertion());
        };
        match authorities.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now) {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) if self.check == Check::Authority => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}
