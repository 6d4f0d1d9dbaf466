//! Which address a request came from, for the per-address sign-in limit. Behind a load
//! balancer every request arrives from the balancer, so one person's wrong guesses would
//! lock out everyone; the balancer names the real client in `X-Forwarded-For`. That header
//! is believed only from proxies the service names in `WAYPOINT_TRUSTED_PROXIES`: anyone
//! can send it, and believing it from anyone would let a guesser pick a fresh address for
//! every guess.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;

pub use app::api::server_side::ClientAddress;

/// One address, or a range written as `10.0.0.0/8` or `fd00::/8`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Range {
    base: IpAddr,
    prefix: u8,
}

impl Range {
    fn parse(text: &str) -> Option<Range> {
        let (addr, prefix) = match text.split_once('/') {
            Some((addr, prefix)) => (addr, Some(prefix.parse::<u8>().ok()?)),
            None => (text, None),
        };
        let base: IpAddr = addr.trim().parse().ok()?;
        let max = if base.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(max);
        (prefix <= max).then_some(Range { base, prefix })
    }

    fn contains(&self, ip: IpAddr) -> bool {
        fn bits(ip: IpAddr) -> (u128, u8) {
            match ip {
                IpAddr::V4(v4) => (u128::from(u32::from(v4)), 32),
                IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                    Some(v4) => (u128::from(u32::from(v4)), 32),
                    None => (u128::from(v6), 128),
                },
            }
        }
        let (base, width) = bits(self.base);
        let (ip, ip_width) = bits(ip);
        if width != ip_width {
            return false;
        }
        let host_bits = u32::from(width - self.prefix);
        let mask = u128::MAX.checked_shl(host_bits).unwrap_or(0);
        let mask = if width == 32 {
            mask & u128::from(u32::MAX)
        } else {
            mask
        };
        base & mask == ip & mask
    }
}

/// The proxies whose `X-Forwarded-For` is believed. Empty (the default) believes none.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(Vec<Range>);

#[derive(Debug, thiserror::Error)]
#[error("WAYPOINT_TRUSTED_PROXIES must list addresses or ranges such as 10.0.0.5, 10.0.0.0/8 or fd00::/8, separated by commas; this is not one: {0}")]
pub struct TrustedProxiesError(pub String);

impl TrustedProxies {
    pub fn parse(list: &str) -> Result<TrustedProxies, TrustedProxiesError> {
        list.split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(|item| Range::parse(item).ok_or_else(|| TrustedProxiesError(item.to_owned())))
            .collect::<Result<Vec<_>, _>>()
            .map(TrustedProxies)
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|range| range.contains(ip))
    }

    /// The client: the connection's address, unless that is a trusted proxy; then the
    /// nearest address in `X-Forwarded-For` that is not one of ours (each proxy appends
    /// the address it saw, so the right-hand end is the one we can vouch for).
    pub fn client_of(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusts(peer) {
            return peer;
        }
        let forwarded: Vec<IpAddr> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|part| part.trim().parse::<IpAddr>())
            .collect::<Result<_, _>>()
            // A list we cannot read is not evidence of anything: use the proxy's address.
            .unwrap_or_default();
        let mut client = peer;
        for hop in forwarded.into_iter().rev() {
            client = hop;
            if !self.trusts(hop) {
                break;
            }
        }
        client
    }
}

/// Puts the client's address on the request for the server functions to read.
pub async fn resolve(
    State(proxies): State<TrustedProxies>,
    mut req: Request,
    next: Next,
) -> Response {
    if let Some(ConnectInfo(peer)) = req.extensions().get::<ConnectInfo<SocketAddr>>().copied() {
        let client = proxies.client_of(peer.ip(), req.headers());
        req.extensions_mut().insert(ClientAddress(client));
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    fn forwarded(list: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", HeaderValue::from_static(list));
        h
    }

    #[test]
    fn ranges_match_what_they_say() {
        let r = Range::parse("10.0.0.0/8").expect("range");
        assert!(r.contains(ip("10.200.3.4")));
        assert!(!r.contains(ip("11.0.0.1")));
        assert!(r.contains(ip("::ffff:10.1.2.3")), "IPv4 seen through IPv6");
        let one = Range::parse("192.168.1.7").expect("one");
        assert!(one.contains(ip("192.168.1.7")) && !one.contains(ip("192.168.1.8")));
        let v6 = Range::parse("fd00::/8").expect("v6");
        assert!(v6.contains(ip("fd12::1")) && !v6.contains(ip("fe80::1")));
        assert!(Range::parse("0.0.0.0/0")
            .expect("all")
            .contains(ip("8.8.8.8")));
        for bad in ["10.0.0.0/33", "fd00::/129", "ten", "10.0.0/8", "10.0.0.0/x"] {
            assert!(Range::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn the_header_is_believed_only_from_a_trusted_proxy() {
        let proxies = TrustedProxies::parse("10.0.0.0/8, 127.0.0.1").expect("list");
        let headers = forwarded("203.0.113.9");
        assert_eq!(
            proxies.client_of(ip("10.0.0.2"), &headers),
            ip("203.0.113.9")
        );
        // From anyone else the header is ignored: a guesser cannot pick their address.
        assert_eq!(
            proxies.client_of(ip("198.51.100.1"), &headers),
            ip("198.51.100.1")
        );
        // Nothing trusted: nothing believed.
        let none = TrustedProxies::default();
        assert_eq!(none.client_of(ip("10.0.0.2"), &headers), ip("10.0.0.2"));
    }

    #[test]
    fn a_forged_left_end_is_skipped_and_our_own_hops_are_walked_past() {
        let proxies = TrustedProxies::parse("10.0.0.0/8").expect("list");
        // The client claimed 1.2.3.4; the balancer appended what it saw; an inner proxy too.
        let headers = forwarded("1.2.3.4, 203.0.113.9, 10.0.0.7");
        assert_eq!(
            proxies.client_of(ip("10.0.0.2"), &headers),
            ip("203.0.113.9")
        );
        // Only our own proxies in the list: the furthest of them.
        let ours = forwarded("10.0.0.9, 10.0.0.7");
        assert_eq!(proxies.client_of(ip("10.0.0.2"), &ours), ip("10.0.0.9"));
        // An unreadable list: the proxy's own address, never a made-up one.
        let junk = forwarded("1.2.3.4, not-an-address");
        assert_eq!(proxies.client_of(ip("10.0.0.2"), &junk), ip("10.0.0.2"));
        assert_eq!(
            proxies.client_of(ip("10.0.0.2"), &HeaderMap::new()),
            ip("10.0.0.2")
        );
    }

    #[test]
    fn the_setting_names_what_it_cannot_read() {
        assert!(TrustedProxies::parse("").expect("empty").0.is_empty());
        let err = TrustedProxies::parse("10.0.0.1, proxy.internal").expect_err("bad");
        assert_eq!(err.0, "proxy.internal");
    }
}
