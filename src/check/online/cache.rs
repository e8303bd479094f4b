//! The link cache: what each page fetch found, and when, kept between runs.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::Outcome;

#[derive(Default, Serialize, Deserialize)]
pub struct Cache {
    entries: BTreeMap<String, Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    /// Seconds since the Unix epoch.
    checked: u64,
    outcome: Outcome,
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl Cache {
    /// Reads the cache; a missing or unreadable one is empty.
    pub fn load(path: &Path) -> Cache {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }

    /// The cached outcome when younger than `ttl` (and holding anchors, when they are needed).
    pub fn fresh(&self, url: &str, ttl: Duration, needs_anchors: bool) -> Option<Outcome> {
        let e = self.entries.get(url)?;
        if now().saturating_sub(e.checked) > ttl.as_secs() {
            return None;
        }
        match &e.outcome {
            Outcome::Ok { anchors: None, .. } if needs_anchors => None,
            o => Some(o.clone()),
        }
    }

    pub fn store(&mut self, url: &str, outcome: &Outcome) {
        self.entries.insert(
            url.to_string(),
            Entry {
                checked: now(),
                outcome: outcome.clone(),
            },
        );
    }

    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let text = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        std::fs::write(path, text)
    }
}
