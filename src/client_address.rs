//! The address of the client behind a request: the peer's, or, when the peer
//! is a trusted reverse proxy, the address that proxy forwarded in
//! `X-Forwarded-For`. The sign-in throttle counts failures per client
//! address and the access log names it, so a client must not be able to
//! choose it: the header is read only from trusted proxies, from the right
//! (the end each proxy appends to), and only as far as the hops are trusted.

use std::future::{ready, Ready};
use std::net::IpAddr;
use std::str::FromStr;

use actix_web::dev::ServiceRequest;
use actix_web::http::header::HeaderMap;
use actix_web::{web, FromRequest, HttpRequest};
use ipnet::IpNet;

pub const FORWARDED_FOR: &str = "x-forwarded-for";

/// The reverse proxies whose `X-Forwarded-For` is believed
/// (`TAPBALLOT_TRUSTED_PROXIES`: addresses or networks, comma-separated).
/// Empty by default: then the peer is the client, whatever it sends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    pub fn contains(&self, address: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&address))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromStr for TrustedProxies {
    type Err = String;

    /// `127.0.0.1, 10.0.0.0/8, ::1`: a bare address is a network of one.
    fn from_str(list: &str) -> Result<Self, Self::Err> {
        list.split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(|item| {
                item.parse::<IpNet>()
                    .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| {
                        format!("{item:?} is not an IP address or network (e.g. 10.0.0.0/8)")
                    })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(TrustedProxies)
    }
}

/// The client's address, from the peer's and the `X-Forwarded-For` values
/// it sent (each header line as received, in order). Walking from the peer
/// towards the client, each trusted hop vouches for the next one to its
/// left; the first hop not trusted is the client. When every hop is
/// trusted, the left-most is. A hop that is not an address (a proxy passed
/// garbage on) stops the walk at the hop that vouched for it.
pub fn client_address(peer: IpAddr, forwarded_for: &[&str], trusted: &TrustedProxies) -> IpAddr {
    let mut client = peer.to_canonical();
    if !trusted.contains(client) {
        return client;
    }
    let hops = forwarded_for.iter().flat_map(|line| line.split(','));
    for hop in hops.collect::<Vec<_>>().into_iter().rev() {
        match parse_hop(hop.trim()) {
            Some(address) => client = address,
            None => return client,
        }
        if !trusted.contains(client) {
            return client;
        }
    }
    client
}

/// A hop as proxies write it: an address, possibly with a port
/// (`192.0.2.1:4711`, `[2001:db8::1]:4711`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    hop.parse::<IpAddr>()
        .ok()
        .or_else(|| hop.parse::<std::net::SocketAddr>().ok().map(|s| s.ip()))
        .map(|a| a.to_canonical())
}

fn of_parts(
    peer: Option<std::net::SocketAddr>,
    headers: &HeaderMap,
    trusted: &TrustedProxies,
) -> Option<IpAddr> {
    let peer = peer?.ip();
    let lines: Vec<&str> = headers
        .get_all(FORWARDED_FOR)
        .filter_map(|v| v.to_str().ok())
        .collect();
    Some(client_address(peer, &lines, trusted))
}

/// The client address of a request, by the application's trusted proxies
/// (its `web::Data<TrustedProxies>`; none: the peer is the client).
pub fn of_request(req: &HttpRequest) -> Option<IpAddr> {
    let none = TrustedProxies::default();
    let trusted = match req.app_data::<web::Data<TrustedProxies>>() {
        Some(trusted) => trusted.get_ref(),
        None => &none,
    };
    of_parts(req.peer_addr(), req.headers(), trusted)
}

/// As `of_request`, for middleware (the access log).
pub fn of_service_request(req: &ServiceRequest) -> Option<IpAddr> {
    of_request(req.request())
}

/// The client address, for a handler; None only where the connection has no
/// peer address (never over TCP).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub Option<IpAddr>);

impl FromRequest for ClientAddress {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        ready(Ok(ClientAddress(of_request(req))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn proxies(s: &str) -> TrustedProxies {
        s.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client() {
        let none = TrustedProxies::default();
        assert_eq!(
            client_address(ip("192.0.2.7"), &["198.51.100.1"], &none),
            ip("192.0.2.7")
        );
        assert_eq!(client_address(ip("127.0.0.1"), &[], &none), ip("127.0.0.1"));
    }

    #[test]
    fn an_untrusted_peer_cannot_name_another_client() {
        let trusted = proxies("10.0.0.1");
        assert_eq!(
            client_address(ip("192.0.2.7"), &["10.0.0.1, 198.51.100.1"], &trusted),
            ip("192.0.2.7")
        );
    }

    #[test]
    fn a_trusted_proxy_names_the_client_it_saw() {
        let trusted = proxies("10.0.0.1");
        assert_eq!(
            client_address(ip("10.0.0.1"), &["192.0.2.7"], &trusted),
            ip("192.0.2.7")
        );
    }

    #[test]
    fn what_the_client_wrote_itself_is_left_of_what_the_proxy_saw() {
        // nginx's $proxy_add_x_forwarded_for appends the address it saw to
        // whatever the client sent.
        let trusted = proxies("10.0.0.1");
        assert_eq!(
            client_address(ip("10.0.0.1"), &["203.0.113.9, 192.0.2.7"], &trusted),
            ip("192.0.2.7")
        );
        // Also over several header lines: they read as one list, in order.
        assert_eq!(
            client_address(ip("10.0.0.1"), &["203.0.113.9", "192.0.2.7"], &trusted),
            ip("192.0.2.7")
        );
    }

    #[test]
    fn a_chain_of_trusted_proxies_is_walked_to_the_first_untrusted_hop() {
        let trusted = proxies("10.0.0.0/8, 2001:db8::/32");
        assert_eq!(
            client_address(
                ip("10.0.0.1"),
                &["203.0.113.9, 192.0.2.7, 10.1.2.3, 2001:db8::5"],
                &trusted
            ),
            ip("192.0.2.7")
        );
        // Every hop trusted: the left-most is the client.
        assert_eq!(
            client_address(ip("10.0.0.1"), &["10.9.9.9, 10.1.2.3"], &trusted),
            ip("10.9.9.9")
        );
        // No header at all: the proxy itself.
        assert_eq!(
            client_address(ip("10.0.0.1"), &[], &trusted),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn garbage_stops_the_walk_at_the_hop_that_passed_it_on() {
        let trusted = proxies("10.0.0.0/8");
        assert_eq!(
            client_address(ip("10.0.0.1"), &["192.0.2.7, unknown, 10.0.0.2"], &trusted),
            ip("10.0.0.2")
        );
        assert_eq!(
            client_address(ip("10.0.0.1"), &[""], &trusted),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn hops_with_ports_and_mapped_addresses_are_read() {
        let trusted = proxies("127.0.0.1");
        assert_eq!(
            client_address(ip("::ffff:127.0.0.1"), &["192.0.2.7:4711"], &trusted),
            ip("192.0.2.7")
        );
        assert_eq!(
            client_address(ip("127.0.0.1"), &["[2001:db8::1]:443"], &trusted),
            ip("2001:db8::1")
        );
        assert_eq!(
            client_address(ip("127.0.0.1"), &["::ffff:192.0.2.7"], &trusted),
            ip("192.0.2.7")
        );
    }

    #[test]
    fn trusted_proxies_parse_addresses_and_networks() {
        let t = proxies(" 127.0.0.1, 10.0.0.0/8 ,::1,");
        assert!(t.contains(ip("127.0.0.1")));
        assert!(!t.contains(ip("127.0.0.2")));
        assert!(t.contains(ip("10.200.0.1")));
        assert!(t.contains(ip("::1")));
        assert!(proxies("").is_empty());
        let bad = "10.0.0.0/8, proxy.example"
            .parse::<TrustedProxies>()
            .unwrap_err();
        assert!(bad.contains("proxy.example"), "{bad}");
        assert!("10.0.0.0/33".parse::<TrustedProxies>().is_err());
    }
}
