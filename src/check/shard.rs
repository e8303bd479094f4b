//! `--shard i/n`: one machine's part of a check split across several (a CI matrix), so
//! that a large site is checked in the time of its largest part. The split is by path and
//! deterministic, and keeps a file's translations together: `fr-fr/a/b.md` goes where
//! `en-us/a/b.md` goes, so the rules comparing a translation with its source run on one
//! machine. Every shard still reads the whole site, so links into another shard's pages
//! are checked against the anchors those pages really have; each reports only its own
//! files, and `diglot merge` joins the reports into the unsharded one.

use std::fmt;
use std::str::FromStr;

use crate::config::Locale;

/// Shard `index` of `count` (1-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    index: u32,
    count: u32,
}

impl Shard {
    /// Which shard this is (1-based).
    pub fn index(&self) -> u32 {
        self.index
    }

    /// How many shards the site is split into.
    pub fn count(&self) -> u32 {
        self.count
    }

    /// Whether this shard reports on the content file at `path`.
    pub fn owns(&self, path: &str, locales: &[Locale]) -> bool {
        // The locale folder is left out of the key: a file and its translations share it.
        let key = match path.split_once('/') {
            Some((first, rest)) if locales.iter().any(|l| l.as_str() == first) => rest,
            _ => path,
        };
        fnv1a(key.as_bytes()) % u64::from(self.count) == u64::from(self.index - 1)
    }
}

/// FNV-1a, 64 bits: stable across platforms and releases (std's hasher promises neither),
/// so every machine of a matrix splits the site alike.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || format!("`{s}` is no shard: write i/n, 1 ≤ i ≤ n (`2/3`)");
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u32 = i.trim().parse().map_err(|_| bad())?;
        let count: u32 = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_has_one_shard_and_translations_share_it() {
        let locales: Vec<Locale> = ["en-us", "fr-fr"]
            .iter()
            .filter_map(|l| Locale::parse(l))
            .collect();
        let shards: Vec<Shard> = (1..=3)
            .map(|i| format!("{i}/3").parse().expect("shard"))
            .collect();
        let mut sizes = [0usize; 3];
        for n in 0..300 {
            let en = format!("en-us/topic-{n}.md");
            let fr = format!("fr-fr/topic-{n}.md");
            let owners: Vec<usize> = (0..3).filter(|s| shards[*s].owns(&en, &locales)).collect();
            assert_eq!(owners.len(), 1, "{en}");
            assert!(shards[owners[0]].owns(&fr, &locales), "{fr} goes with {en}");
            sizes[owners[0]] += 1;
        }
        assert!(sizes.iter().all(|s| *s > 60), "a fair split: {sizes:?}");
    }

    #[test]
    fn shards_are_read_as_i_of_n() {
        assert_eq!("2/3".parse::<Shard>(), Ok(Shard { index: 2, count: 3 }));
        for bad in ["0/3", "4/3", "3", "a/b", "1/0"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
        assert_eq!(Shard { index: 1, count: 2 }.to_string(), "1/2");
    }
}
