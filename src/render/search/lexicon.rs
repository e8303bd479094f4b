//! The words of one language, each folded and stemmed once: a word as written → its
//! folded form and folded stem, both numbered, so that indexing a page hashes each of its
//! words once and does the rest with numbers.

use pagefind_stem::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::text::fold;

/// A folded form's number in its [`Lexicon`].
pub(super) type FormId = u32;
/// A folded stem's number in its [`Lexicon`].
pub(super) type StemId = u32;

pub(super) struct Lexicon {
    /// The language's Snowball stemmer, if there is one.
    stemmer: Option<Stemmer>,
    /// Each word as written (`Paramètres`) → its form and stem.
    words: FxHashMap<Box<str>, (FormId, StemId)>,
    /// Each form (`parametres`) and its stem, by number.
    forms: Vec<(Box<str>, StemId)>,
    form_ids: FxHashMap<Box<str>, FormId>,
    /// Each stem (`parametr`), by number.
    stems: Vec<Box<str>>,
    stem_ids: FxHashMap<Box<str>, StemId>,
}

impl Lexicon {
    /// The lexicon of a language (`fr`).
    pub(super) fn new(language: &str) -> Lexicon {
        Lexicon {
            stemmer: stemmer_for(language),
            words: FxHashMap::default(),
            forms: Vec::new(),
            form_ids: FxHashMap::default(),
            stems: Vec::new(),
            stem_ids: FxHashMap::default(),
        }
    }

    /// The form and stem of `word`, learnt now if new.
    pub(super) fn ids_of(&mut self, word: &str) -> (FormId, StemId) {
        if let Some(ids) = self.words.get(word) {
            return *ids;
        }
        let lower = word.to_lowercase();
        let form = fold(&lower);
        let stem = match &self.stemmer {
            Some(s) => fold(&s.stem(&lower)),
            None => form.clone(),
        };
        let stem = self.stem_id(&stem);
        let ids = (self.form_id(&form, stem), stem);
        self.words.insert(word.into(), ids);
        ids
    }

    fn stem_id(&mut self, stem: &str) -> StemId {
        if let Some(id) = self.stem_ids.get(stem) {
            return *id;
        }
        let id = number(self.stems.len());
        self.stems.push(stem.into());
        self.stem_ids.insert(stem.into(), id);
        id
    }

    /// The number of `form`. Two words may fold to one form yet stem apart (`été` and
    /// `ete`): the form keeps the smaller stem, so that the index does not depend on which
    /// page came first.
    fn form_id(&mut self, form: &str, stem: StemId) -> FormId {
        if let Some(&id) = self.form_ids.get(form) {
            let kept = self.forms[id as usize].1;
            if kept != stem && self.stem(stem) < self.stem(kept) {
                self.forms[id as usize].1 = stem;
            }
            return id;
        }
        let id = number(self.forms.len());
        self.forms.push((form.into(), stem));
        self.form_ids.insert(form.into(), id);
        id
    }

    pub(super) fn stem(&self, id: StemId) -> &str {
        self.stems.get(id as usize).map_or("", |s| s)
    }

    /// A form and its stem.
    pub(super) fn form(&self, id: FormId) -> (&str, &str) {
        self.forms
            .get(id as usize)
            .map_or(("", ""), |(form, stem)| (form, self.stem(*stem)))
    }

    /// Learns `other`'s forms and stems; returns how its numbers map to this one's
    /// (forms, stems). Its word cache is left: it only saves work.
    pub(super) fn absorb(&mut self, other: &Lexicon) -> (Vec<FormId>, Vec<StemId>) {
        let stems: Vec<StemId> = other.stems.iter().map(|s| self.stem_id(s)).collect();
        let forms = other
            .forms
            .iter()
            .map(|(form, stem)| self.form_id(form, stems[*stem as usize]))
            .collect();
        (forms, stems)
    }

    /// How many words it has cached (the larger cache is kept when two are merged).
    pub(super) fn cached(&self) -> usize {
        self.words.len()
    }

    /// Takes `other`'s word cache (its numbers mapped by `absorb`'s result).
    pub(super) fn adopt_words(&mut self, other: Lexicon, forms: &[FormId], stems: &[StemId]) {
        self.words = other
            .words
            .into_iter()
            .map(|(word, (f, s))| (word, (forms[f as usize], stems[s as usize])))
            .collect();
    }
}

/// A [`Lexicon`]'s forms and stems as a sharded build stores them (its word cache only
/// saves work, and its stemmer is the language's).
#[derive(Serialize, Deserialize)]
pub(super) struct StoredLexicon {
    forms: Vec<(Box<str>, StemId)>,
    stems: Vec<Box<str>>,
}

impl Lexicon {
    pub(super) fn into_stored(self) -> StoredLexicon {
        StoredLexicon {
            forms: self.forms,
            stems: self.stems,
        }
    }

    /// The lexicon of `language` stored; `None` if a form names a stem it lacks.
    pub(super) fn from_stored(language: &str, stored: StoredLexicon) -> Option<Lexicon> {
        let stem_count = stored.stems.len();
        if stored.forms.iter().any(|(_, s)| *s as usize >= stem_count) {
            return None;
        }
        let stem_ids = stored
            .stems
            .iter()
            .enumerate()
            .map(|(id, stem)| (stem.clone(), number(id)))
            .collect();
        let form_ids = stored
            .forms
            .iter()
            .enumerate()
            .map(|(id, (form, _))| (form.clone(), number(id)))
            .collect();
        Some(Lexicon {
            stemmer: stemmer_for(language),
            words: FxHashMap::default(),
            forms: stored.forms,
            form_ids,
            stems: stored.stems,
            stem_ids,
        })
    }

    pub(super) fn form_count(&self) -> usize {
        self.forms.len()
    }

    pub(super) fn stem_count(&self) -> usize {
        self.stems.len()
    }
}

/// A count as a number of the index (the index never holds 4 billion of anything).
pub(super) fn number(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The Snowball stemmer of a language (`fr`), if there is one.
fn stemmer_for(language: &str) -> Option<Stemmer> {
    let algorithm = match language {
        "fr" => Algorithm::French,
        "en" => Algorithm::English,
        "de" => Algorithm::German,
        "es" => Algorithm::Spanish,
        "it" => Algorithm::Italian,
        "pt" => Algorithm::Portuguese,
        "nl" => Algorithm::Dutch,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(lexicon: &mut Lexicon, word: &str) -> (FormId, StemId) {
        lexicon.ids_of(word)
    }

    #[test]
    fn forms_of_one_stem_share_its_number() {
        let mut lexicon = Lexicon::new("fr");
        let (plural, stem) = ids(&mut lexicon, "Paramètres");
        let (singular, same) = ids(&mut lexicon, "paramètre");
        assert_ne!(plural, singular);
        assert_eq!(stem, same);
        assert_eq!(lexicon.form(plural).0, "parametres");
        assert_eq!(lexicon.form(singular), ("parametre", lexicon.stem(stem)));
        assert_eq!(ids(&mut lexicon, "Paramètres"), (plural, stem));
    }

    #[test]
    fn absorbing_maps_the_other_numbers() {
        let mut ours = Lexicon::new("fr");
        ids(&mut ours, "compte");
        let mut theirs = Lexicon::new("fr");
        let (form, stem) = ids(&mut theirs, "paramètres");
        let (_, compte) = ids(&mut theirs, "comptes");
        let (forms, stems) = ours.absorb(&theirs);
        assert_eq!(ours.form(forms[form as usize]).0, "parametres");
        assert_eq!(ours.stem(stems[stem as usize]), theirs.stem(stem));
        // "comptes" stems as "compte" did: one stem.
        assert_eq!(stems[compte as usize], ids(&mut ours, "compte").1);
    }
}
