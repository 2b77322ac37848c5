//! The URLs an agency answers in ITAS, checked as an advisor will open
//! them: offline, each is a well-formed `https` address on the
//! organization's own domains (the `url` crate's WHATWG parser); online,
//! when a network is present, each answers without an error and without a
//! redirect to an error page (`ureq`, the OS's TLS and certificates, so a
//! government CA the machine trusts is trusted).

use std::time::Duration;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What is wrong with an answer's URL, found without a network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LinkProblem {
    /// The item is answered มี with no URL.
    Missing,
    /// Not a web address a browser opens.
    Malformed { detail: String },
    /// `http://`: ITAS asks for `https`.
    NotHttps,
    /// On another domain than the organization's website.
    ForeignDomain { host: String },
}

/// What a URL did when opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Online {
    /// No network, or not asked.
    NotChecked,
    /// Answered directly (2xx).
    Answered { status: u16 },
    /// Redirected, and the page it ends on answers.
    Redirected { to: String, status: u16 },
    /// Redirected to what looks like an error page, or to another site.
    ErrorPage { to: String, status: u16 },
    /// An HTTP error, or no answer at all.
    Failed { status: Option<u16>, reason: String },
}

impl Online {
    /// Whether an advisor opening the URL would find a problem.
    pub fn is_problem(&self) -> bool {
        matches!(self, Online::ErrorPage { .. } | Online::Failed { .. })
    }
}

/// One item's URL, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LinkCheck {
    pub code: String,
    pub url: String,
    pub problems: Vec<LinkProblem>,
    pub online: Online,
    /// No problem offline, and none online when opened ([`LinkCheck::is_ok`]).
    pub ok: bool,
}

impl LinkCheck {
    /// A URL checked offline: its problems, not opened yet.
    pub fn offline(code: &str, url: &str, domains: &[String]) -> LinkCheck {
        let problems = check_offline(url, domains);
        LinkCheck {
            code: code.to_owned(),
            url: url.to_owned(),
            ok: problems.is_empty(),
            problems,
            online: Online::NotChecked,
        }
    }

    /// The same, with what opening it did.
    pub fn opened(mut self, online: Online) -> LinkCheck {
        self.online = online;
        self.ok = self.is_ok();
        self
    }

    pub fn is_ok(&self) -> bool {
        self.problems.is_empty() && !self.online.is_problem()
    }
}

/// The domains of the organization's website as stored: lower case, no
/// scheme, path or leading "www." ("https://www.ipthailand.go.th/th" →
/// "ipthailand.go.th"); `None` for what is not a domain.
pub fn normalise_domain(text: &str) -> Option<String> {
    let t = text.trim().to_lowercase();
    let host = match url::Url::parse(&t) {
        Ok(u) if u.host_str().is_some() => u.host_str()?.to_owned(),
        _ => url::Url::parse(&format!("https://{t}")).ok()?.host_str()?.to_owned(),
    };
    let host = host.strip_prefix("www.").unwrap_or(&host).to_owned();
    (host.contains('.') && !host.starts_with('.') && !host.ends_with('.')).then_some(host)
}

/// Whether `host` is `domain` or one of its subdomains.
fn on_domain(host: &str, domain: &str) -> bool {
    host == domain || host.ends_with(&format!(".{domain}"))
}

/// The offline problems of `url` for an item answered มี, given the
/// organization's website domains (none set: the domain is not checked).
pub fn check_offline(url: &str, domains: &[String]) -> Vec<LinkProblem> {
    let url = url.trim();
    if url.is_empty() {
        return vec![LinkProblem::Missing];
    }
    if url.chars().any(char::is_whitespace) {
        return vec![LinkProblem::Malformed {
            detail: "it contains a space".into(),
        }];
    }
    let parsed = match url::Url::parse(url) {
        Ok(u) => u,
        Err(e) => return vec![LinkProblem::Malformed { detail: e.to_string() }],
    };
    let mut problems = Vec::new();
    match parsed.scheme() {
        "https" => {}
        "http" => problems.push(LinkProblem::NotHttps),
        other => {
            return vec![LinkProblem::Malformed {
                detail: format!("{other}: is not a web address"),
            }];
        }
    }
    let Some(host) = parsed.host_str().filter(|h| h.contains('.')) else {
        return vec![LinkProblem::Malformed {
            detail: "it names no web site".into(),
        }];
    };
    let host = host.to_lowercase();
    if !domains.is_empty() && !domains.iter().any(|d| on_domain(&host, d)) {
        problems.push(LinkProblem::ForeignDomain { host });
    }
    problems
}

/// Whether a page's address looks like a site's error page.
fn looks_like_error(url: &url::Url) -> bool {
    let path = url.path().to_lowercase();
    ["404", "error", "notfound", "not-found", "not_found"]
        .iter()
        .any(|w| path.contains(w))
}

/// Whether `a` and `b` are one site: the same host, or one a subdomain of
/// the other once "www." is dropped (ipthailand.go.th → www.ipthailand.go.th).
fn same_site(a: &str, b: &str) -> bool {
    let bare = |h: &str| h.strip_prefix("www.").unwrap_or(h).to_lowercase();
    let (a, b) = (bare(a), bare(b));
    on_domain(&a, &b) || on_domain(&b, &a)
}

/// Opens `url` as a browser would, following at most five redirects one by
/// one within `timeout` in all, and says what it did. Blocking: run it off
/// the async threads.
pub fn check_online(url: &str, timeout: Duration) -> Online {
    use ureq::tls::{RootCerts, TlsConfig, TlsProvider};
    let Ok(start) = url::Url::parse(url.trim()) else {
        return Online::Failed {
            status: None,
            reason: "not a web address".into(),
        };
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .timeout_global(Some(timeout))
        .user_agent(concat!("Prongsai/", env!("CARGO_PKG_VERSION"), " (ITA link check)"))
        .tls_config(
            TlsConfig::builder()
                .provider(TlsProvider::NativeTls)
                .root_certs(RootCerts::PlatformVerifier)
                .build(),
        )
        .build()
        .into();
    let deadline = std::time::Instant::now() + timeout;
    let mut at = start.clone();
    for _ in 0..=5 {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return Online::Failed {
                status: None,
                reason: format!("no answer within {} s", timeout.as_secs()),
            };
        }
        let request = agent.get(at.as_str()).config().timeout_global(Some(left)).build();
        let response = match request.call() {
            Ok(r) => r,
            Err(e) => {
                return Online::Failed {
                    status: None,
                    reason: e.to_string(),
                };
            }
        };
        let status = response.status().as_u16();
        if response.status().is_redirection() {
            let next = response
                .headers()
                .get("location")
                // A Thai slug may come as raw UTF-8, which `to_str` refuses.
                .and_then(|l| std::str::from_utf8(l.as_bytes()).ok())
                .and_then(|l| at.join(l).ok());
            match next {
                Some(next) => {
                    at = next;
                    continue;
                }
                None => {
                    return Online::Failed {
                        status: Some(status),
                        reason: "a redirect without a location".into(),
                    };
                }
            }
        }
        if status >= 400 {
            return Online::Failed {
                status: Some(status),
                reason: response.status().canonical_reason().unwrap_or("").into(),
            };
        }
        if at == start {
            return Online::Answered { status };
        }
        let other_site = !same_site(at.host_str().unwrap_or(""), start.host_str().unwrap_or(""));
        return if looks_like_error(&at) || other_site {
            Online::ErrorPage {
                to: at.to_string(),
                status,
            }
        } else {
            Online::Redirected {
                to: at.to_string(),
                status,
            }
        };
    }
    Online::Failed {
        status: None,
        reason: "more than five redirects".into(),
    }
}

/// Whether a network is present: `host` resolves within three seconds.
pub fn network_present(host: &str) -> bool {
    use std::net::ToSocketAddrs;
    let (tx, rx) = std::sync::mpsc::channel();
    let host = host.to_owned();
    std::thread::spawn(move || {
        let found = (host.as_str(), 443).to_socket_addrs().map(|mut a| a.next().is_some());
        let _ = tx.send(found.unwrap_or(false));
    });
    rx.recv_timeout(Duration::from_secs(3)).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn domains() -> Vec<String> {
        vec!["ipthailand.go.th".to_owned()]
    }

    #[test]
    fn an_http_url_a_foreign_domain_and_a_malformed_url_are_each_flagged() {
        let d = domains();
        assert_eq!(check_offline("https://www.ipthailand.go.th/th/ita.html", &d), vec![]);
        assert_eq!(check_offline("https://ipthailand.go.th/x", &d), vec![]);
        assert_eq!(
            check_offline("http://www.ipthailand.go.th/th/ita.html", &d),
            vec![LinkProblem::NotHttps]
        );
        assert_eq!(
            check_offline("https://drive.google.com/file/d/1", &d),
            vec![LinkProblem::ForeignDomain {
                host: "drive.google.com".into()
            }]
        );
        // A look-alike is not a subdomain.
        assert_eq!(
            check_offline("https://fakeipthailand.go.th/", &d),
            vec![LinkProblem::ForeignDomain {
                host: "fakeipthailand.go.th".into()
            }]
        );
        for bad in [
            "www.ipthailand.go.th/ita",
            "https://",
            "https://ipthailand go.th/",
            "ftp://ipthailand.go.th/a",
        ] {
            assert!(
                matches!(check_offline(bad, &d).as_slice(), [LinkProblem::Malformed { .. }]),
                "{bad}: {:?}",
                check_offline(bad, &d)
            );
        }
        assert_eq!(check_offline("  ", &d), vec![LinkProblem::Missing]);
        // No domains set: only the form is checked.
        assert_eq!(check_offline("https://example.org/", &[]), vec![]);
    }

    #[test]
    fn domains_are_stored_bare() {
        assert_eq!(
            normalise_domain("https://www.IPThailand.go.th/th/").as_deref(),
            Some("ipthailand.go.th")
        );
        assert_eq!(normalise_domain("moc.go.th").as_deref(), Some("moc.go.th"));
        assert_eq!(normalise_domain("not a domain"), None);
        assert_eq!(normalise_domain("localhost"), None);
    }

    /// A web server on the loopback that answers each path as told.
    fn serve(routes: &'static [(&'static str, &'static str)]) -> u16 {
        use std::io::{BufRead, BufReader, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut first = String::new();
                reader.read_line(&mut first).unwrap();
                loop {
                    let mut l = String::new();
                    if reader.read_line(&mut l).unwrap() == 0 || l == "\r\n" {
                        break;
                    }
                }
                let path = first.split(' ').nth(1).unwrap_or("/");
                let head = routes
                    .iter()
                    .find(|(p, _)| *p == path)
                    .map_or("404 Not Found\r\n", |(_, h)| h);
                let mut s = stream;
                let _ = write!(s, "HTTP/1.1 {head}Content-Length: 2\r\nConnection: close\r\n\r\nok");
            }
        });
        port
    }

    #[test]
    fn online_a_redirect_to_an_error_page_and_a_missing_page_are_flagged() {
        let port = serve(&[
            ("/ok", "200 OK\r\n"),
            ("/moved", "301 Moved Permanently\r\nLocation: /ok\r\n"),
            ("/old", "302 Found\r\nLocation: /error/404.html\r\n"),
            ("/error/404.html", "200 OK\r\n"),
        ]);
        let t = Duration::from_secs(5);
        let at = |p: &str| format!("http://127.0.0.1:{port}{p}");
        assert_eq!(check_online(&at("/ok"), t), Online::Answered { status: 200 });
        assert_eq!(
            check_online(&at("/moved"), t),
            Online::Redirected {
                to: at("/ok"),
                status: 200
            }
        );
        assert!(
            matches!(check_online(&at("/old"), t), Online::ErrorPage { ref to, .. } if to.ends_with("/error/404.html"))
        );
        assert!(matches!(
            check_online(&at("/gone"), t),
            Online::Failed { status: Some(404), .. }
        ));
        // A redirect to one's own www. host is the same site.
        assert!(same_site("www.ipthailand.go.th", "ipthailand.go.th"));
        assert!(!same_site("ipthailand.go.th.example.com", "ipthailand.go.th"));
        // Nothing listens on the port any more once dropped: no answer at all.
        let closed = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        assert!(matches!(
            check_online(&format!("http://127.0.0.1:{closed}/"), t),
            Online::Failed { status: None, .. }
        ));
    }
}
