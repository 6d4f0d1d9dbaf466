//! Configuration from environment variables, each with a default that works on a laptop.

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::client_address::{TrustedProxies, TrustedProxiesError};

#[derive(Clone, Debug)]
pub struct Config {
    /// `DATABASE_URL`: where the data lives.
    pub database_url: String,
    /// `WAYPOINT_ADDR`: the address to listen on.
    pub addr: SocketAddr,
    /// `WAYPOINT_SITE_ROOT`: the built browser files (scripts/build-site.sh writes them).
    pub site_root: PathBuf,
    /// `WAYPOINT_DEMO_DATA`: seed the fictional demo service into an empty database.
    pub demo_data: bool,
    /// `WAYPOINT_PUBLIC_URL`: the address people use (links in QR codes; HTTPS here turns
    /// on `Secure`, `__Host-` cookies). Defaults to `http://` + the listening address.
    pub public_url: String,
    /// `WAYPOINT_QUICK_EXIT_URL`: the neutral page "quick exit" leaves for.
    pub quick_exit_url: String,
    /// `WAYPOINT_TRUSTED_PROXIES`: load balancers whose `X-Forwarded-For` names the client
    /// (addresses or ranges, comma-separated). None by default.
    pub trusted_proxies: TrustedProxies,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "{name} is not a valid socket address (expected something like 127.0.0.1:3000): {value}"
    )]
    Addr { name: &'static str, value: String },
    #[error("{name} must be a web address starting with https:// (or http:// for the public address): {value}")]
    Url { name: &'static str, value: String },
    #[error("{name} must be true or false, not {value}")]
    Bool { name: &'static str, value: String },
    #[error(transparent)]
    Proxies(#[from] TrustedProxiesError),
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads settings through `lookup`, so tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let addr_raw = lookup("WAYPOINT_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let addr = addr_raw.parse().map_err(|_| ConfigError::Addr {
            name: "WAYPOINT_ADDR",
            value: addr_raw.clone(),
        })?;
        let demo_data = match lookup("WAYPOINT_DEMO_DATA").as_deref().map(str::trim) {
            None | Some("") | Some("false") | Some("0") => false,
            Some("true") | Some("1") => true,
            Some(other) => {
                return Err(ConfigError::Bool {
                    name: "WAYPOINT_DEMO_DATA",
                    value: other.into(),
                })
            }
        };
        let public_url = lookup("WAYPOINT_PUBLIC_URL")
            .map(|u| u.trim().trim_end_matches('/').to_owned())
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| format!("http://{addr}"));
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(ConfigError::Url {
                name: "WAYPOINT_PUBLIC_URL",
                value: public_url,
            });
        }
        let quick_exit_url = lookup("WAYPOINT_QUICK_EXIT_URL")
            .unwrap_or_else(|| "https://www.bbc.co.uk/weather".into());
        if !quick_exit_url.starts_with("https://") {
            return Err(ConfigError::Url {
                name: "WAYPOINT_QUICK_EXIT_URL",
                value: quick_exit_url,
            });
        }
        let trusted_proxies =
            TrustedProxies::parse(&lookup("WAYPOINT_TRUSTED_PROXIES").unwrap_or_default())?;
        Ok(Config {
            trusted_proxies,
            public_url,
            quick_exit_url,
            database_url: lookup("DATABASE_URL")
                .unwrap_or_else(|| "sqlite://data/waypoint.db?mode=rwc".into()),
            addr,
            site_root: lookup("WAYPOINT_SITE_ROOT")
                .unwrap_or_else(|| "target/site".into())
                .into(),
            demo_data,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_serve_locally_from_a_sqlite_file() {
        let c = config(&[]).expect("defaults are valid");
        assert_eq!(c.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(c.database_url, "sqlite://data/waypoint.db?mode=rwc");
        assert_eq!(c.site_root, PathBuf::from("target/site"));
        assert!(!c.demo_data);
    }

    #[test]
    fn settings_override_defaults() {
        let c = config(&[
            ("WAYPOINT_ADDR", "127.0.0.1:0"),
            ("DATABASE_URL", "sqlite://x.db"),
            ("WAYPOINT_DEMO_DATA", "true"),
        ])
        .expect("valid");
        assert_eq!(c.addr.port(), 0);
        assert_eq!(c.database_url, "sqlite://x.db");
        assert!(c.demo_data);
    }

    #[test]
    fn bad_values_are_named_in_the_error() {
        let e = config(&[("WAYPOINT_ADDR", "localhost")]).expect_err("not an address");
        assert!(e.to_string().contains("WAYPOINT_ADDR"));
        let e = config(&[("WAYPOINT_DEMO_DATA", "yes please")]).expect_err("not a bool");
        assert!(e.to_string().contains("WAYPOINT_DEMO_DATA"));
        let e = config(&[("WAYPOINT_TRUSTED_PROXIES", "10.0.0.1, lb.internal")])
            .expect_err("not an address");
        assert!(e.to_string().contains("WAYPOINT_TRUSTED_PROXIES"));
        assert!(e.to_string().contains("lb.internal"));
    }
}
