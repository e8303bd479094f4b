//! One page fetch: timeouts, redirects followed, retries with exponential backoff on 429,
//! 5xx and timeouts (honouring a short `Retry-After`).

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::config::OnlineSettings;

/// What fetching a page found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// Reached; `anchors` when the page was read for fragments (HTML only).
    Ok {
        status: u16,
        anchors: Option<Vec<String>>,
    },
    Broken {
        reason: String,
    },
}

pub struct Fetcher {
    agent: ureq::Agent,
    retries: u32,
    /// The first backoff; doubled after each retry.
    backoff: Duration,
}

/// A `Retry-After` longer than this is not waited for: the link is reported instead.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(10);
/// Pages read for their anchors are read up to this size.
const MAX_BODY: u64 = 8 * 1024 * 1024;

impl Fetcher {
    pub fn new(settings: &OnlineSettings) -> Self {
        let timeout = Duration::from_secs_f64(settings.timeout_secs.max(0.05));
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .max_redirects(10)
            .user_agent(concat!(
                "diglot/",
                env!("CARGO_PKG_VERSION"),
                " (link check)"
            ))
            .build()
            .into();
        Fetcher {
            agent,
            retries: settings.retries,
            backoff: Duration::from_millis(200),
        }
    }

    pub fn fetch(&self, url: &str, want_anchors: bool) -> Outcome {
        let mut wait = self.backoff;
        let mut attempt = 0;
        loop {
            let (outcome, retry_after) = self.once(url, want_anchors);
            let retryable = retry_after.is_some();
            if !retryable || attempt >= self.retries {
                return outcome;
            }
            attempt += 1;
            let pause = retry_after.flatten().unwrap_or(wait);
            if pause > MAX_RETRY_AFTER {
                return outcome;
            }
            std::thread::sleep(pause);
            wait *= 2;
        }
    }

    /// One request; the second value is `Some` when the failure is worth a retry (with the
    /// server's `Retry-After`, when it gave one).
    fn once(&self, url: &str, want_anchors: bool) -> (Outcome, Option<Option<Duration>>) {
        let mut response = match self.agent.get(url).call() {
            Ok(r) => r,
            Err(ureq::Error::Timeout(_)) => {
                return (
                    Outcome::Broken {
                        reason: "timed out".into(),
                    },
                    Some(None),
                );
            }
            Err(e) => {
                return (
                    Outcome::Broken {
                        reason: format!("request failed: {e}"),
                    },
                    None,
                );
            }
        };
        let status = response.status().as_u16();
        if status == 429 || (500..600).contains(&status) {
            let retry_after = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(Duration::from_secs);
            let reason = if status == 429 {
                "429 Too Many Requests (still limited after retries)".to_string()
            } else {
                format!("server error {status}")
            };
            return (Outcome::Broken { reason }, Some(retry_after));
        }
        if status >= 400 {
            return (
                Outcome::Broken {
                    reason: format!("HTTP {status}"),
                },
                None,
            );
        }
        let is_html = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("html"));
        let anchors = (want_anchors && is_html)
            .then(|| {
                response
                    .body_mut()
                    .with_config()
                    .limit(MAX_BODY)
                    .read_to_string()
                    .ok()
            })
            .flatten()
            .map(|html| super::page_anchors(&html));
        (Outcome::Ok { status, anchors }, None)
    }
}
