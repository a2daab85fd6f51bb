//! TLS to the lab's PostgreSQL server, chosen as PostgreSQL users expect, by `sslmode` in the
//! store's url: `disable`, `prefer` (the default, as libpq's), `require` (encrypted, the server
//! not checked), `verify-full` (encrypted, and the server's certificate checked against
//! `sslrootcert`, else `~/.postgresql/root.crt`, else the computer's trusted roots, and its
//! name against the url's host). tokio-postgres knows only the first three and checks no
//! certificate itself, so the url's TLS options are read here and the connection is given a
//! rustls connector (ring, as SMTP uses) that checks what the mode asks.

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};
use std::path::PathBuf;
use std::sync::Arc;
use tokio_postgres_rustls::MakeRustlsConnect;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    Disable,
    Prefer,
    Require,
    VerifyFull,
}

/// The url's TLS options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tls {
    pub mode: SslMode,
    pub root_cert: Option<PathBuf>,
}

impl Tls {
    /// The mode as the driver knows it: it only needs to know whether TLS may be skipped.
    pub fn driver_mode(&self) -> postgres::config::SslMode {
        match self.mode {
            SslMode::Disable => postgres::config::SslMode::Disable,
            SslMode::Prefer => postgres::config::SslMode::Prefer,
            SslMode::Require | SslMode::VerifyFull => postgres::config::SslMode::Require,
        }
    }

    /// A connector that encrypts and, for verify-full, checks the server's certificate.
    pub fn connector(&self) -> Result<MakeRustlsConnect, String> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())?;
        let config = if self.mode == SslMode::VerifyFull {
            builder.with_root_certificates(self.roots()?).with_no_client_auth()
        } else {
            builder.dangerous().with_custom_certificate_verifier(Arc::new(EncryptOnly(provider))).with_no_client_auth()
        };
        Ok(MakeRustlsConnect::new(config))
    }

    /// The certificates a verify-full server must chain to.
    fn roots(&self) -> Result<RootCertStore, String> {
        let mut roots = RootCertStore::empty();
        let file = self.root_cert.clone().or_else(|| {
            let home = std::env::var_os("HOME")?;
            Some(PathBuf::from(home).join(".postgresql/root.crt")).filter(|p| p.is_file())
        });
        match file {
            Some(path) => {
                let certs = CertificateDer::pem_file_iter(&path)
                    .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
                    .map_err(|e| format!("sslrootcert {}: {e}", path.display()))?;
                let (added, _) = roots.add_parsable_certificates(certs);
                if added == 0 {
                    return Err(format!("sslrootcert {}: no certificate in it", path.display()));
                }
            }
            None => {
                roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
            }
        }
        Ok(roots)
    }
}

/// Split a store url into the url the driver reads and its TLS options (`sslmode`,
/// `sslrootcert`), which the driver would refuse or not honour.
pub fn split_url(url: &str) -> Result<(String, Tls), String> {
    let mut tls = Tls { mode: SslMode::Prefer, root_cert: None };
    let Some((base, query)) = url.split_once('?') else { return Ok((url.to_string(), tls)) };
    let mut kept = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "sslmode" => {
                tls.mode = match value {
                    "disable" => SslMode::Disable,
                    "prefer" => SslMode::Prefer,
                    "require" => SslMode::Require,
                    "verify-full" => SslMode::VerifyFull,
                    "verify-ca" | "allow" => {
                        return Err(format!(
                            "sslmode={value} is not supported: use verify-full (or require, or disable)"
                        ));
                    }
                    other => {
                        return Err(format!(
                            "sslmode={other} is not a TLS mode: use disable, prefer, require or verify-full"
                        ));
                    }
                }
            }
            "sslrootcert" => tls.root_cert = Some(PathBuf::from(percent_decoded(value))),
            _ => kept.push(pair),
        }
    }
    if tls.root_cert.is_some() && tls.mode != SslMode::VerifyFull {
        return Err("sslrootcert is only read with sslmode=verify-full".into());
    }
    let url = if kept.is_empty() { base.to_string() } else { format!("{base}?{}", kept.join("&")) };
    Ok((url, tls))
}

/// `%2F` and the like in a url's value, as the url's writer meant them.
fn percent_decoded(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `prefer` and `require`: encrypted, but the server is not checked (libpq's meaning).
/// Signatures are still verified, so the handshake itself is sound.
#[derive(Debug)]
struct EncryptOnly(Arc<CryptoProvider>);

impl ServerCertVerifier for EncryptOnly {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tls_options_are_taken_out_of_the_url() {
        let (url, tls) = split_url(
            "postgres://lab@db:5432/gradlab?sslmode=verify-full&sslrootcert=%2Fetc%2Flab%20ca.crt&connect_timeout=5",
        )
        .unwrap();
        assert_eq!(url, "postgres://lab@db:5432/gradlab?connect_timeout=5");
        assert_eq!(tls, Tls { mode: SslMode::VerifyFull, root_cert: Some("/etc/lab ca.crt".into()) });
        let (url, tls) = split_url("postgres://lab@db/gradlab").unwrap();
        assert_eq!((url.as_str(), tls.mode), ("postgres://lab@db/gradlab", SslMode::Prefer), "libpq's default");
        assert_eq!(split_url("postgres://db/g?sslmode=disable").unwrap().1.mode, SslMode::Disable);
        assert_eq!(
            split_url("postgres://db/g?sslmode=require").unwrap().1.driver_mode(),
            postgres::config::SslMode::Require
        );
    }

    #[test]
    fn an_unknown_mode_is_refused_by_name() {
        let e = split_url("postgres://db/g?sslmode=verify-ca").unwrap_err();
        assert!(e.contains("verify-ca") && e.contains("verify-full"), "{e}");
        let e = split_url("postgres://db/g?sslmode=yes").unwrap_err();
        assert!(e.contains("sslmode=yes") && e.contains("disable, prefer, require or verify-full"), "{e}");
        let e = split_url("postgres://db/g?sslmode=require&sslrootcert=/ca.crt").unwrap_err();
        assert!(e.contains("verify-full"), "{e}");
    }
}
