//! Communication support. At least 60 % of young people in youth justice have speech,
//! language and communication needs, so a young person (or their worker, with them) can
//! turn on a mode that makes every page easier: bigger words and buttons, read-aloud on
//! every page, faces on every scale, one question to a screen, and "I don't understand
//! this" beside each question and plan target, which tells their worker which one.
//! Justice words are explained where they appear, from the glossary here.

use serde::{Deserialize, Serialize};

use crate::ids::{ExplainId, VersionId};
use crate::language::Language;

/// What "I don't understand this" was pressed on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Item {
    /// A question of a published version, by its key.
    Question { version: VersionId, key: String },
    /// A target of the young person's plan, by its key ("t1").
    Target { key: String },
}

/// Keys are short and plain ("q12", "t3"); anything else is not an item.
fn key_ok(key: &str) -> bool {
    (2..=12).contains(&key.len()) && key.chars().all(|c| c.is_ascii_alphanumeric())
}

impl Item {
    /// As stored and as posted: `question:<version>:<key>`, `target:<key>`.
    pub fn as_string(&self) -> String {
        match self {
            Item::Question { version, key } => format!("question:{version}:{key}"),
            Item::Target { key } => format!("target:{key}"),
        }
    }

    pub fn parse(raw: &str) -> Option<Item> {
        let mut parts = raw.trim().split(':');
        let item = match (parts.next()?, parts.next(), parts.next()) {
            ("question", Some(version), Some(key)) if key_ok(key) => Item::Question {
                version: VersionId::parse(version)?,
                key: key.to_owned(),
            },
            ("target", Some(key), None) if key_ok(key) => Item::Target {
                key: key.to_owned(),
            },
            _ => return None,
        };
        parts.next().is_none().then_some(item)
    }
}

/// Something a young person did not understand, waiting for their worker to explain it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotUnderstood {
    pub id: ExplainId,
    /// The question or target as they saw it.
    pub words: String,
    pub asked_at: String,
}

/// A justice word and what it means, in plain words (reading age 9), in each language.
pub struct Term {
    /// For `id` attributes: `court-order`.
    pub id: &'static str,
    pub english: &'static str,
    pub english_meaning: &'static str,
    pub welsh: &'static str,
    pub welsh_meaning: &'static str,
}

impl Term {
    /// The word in `language`; none in a parent's language (`language::Reach`), whose
    /// pages explain no words yet.
    pub fn word(&self, language: Language) -> Option<&'static str> {
        match language {
            Language::English => Some(self.english),
            Language::Welsh => Some(self.welsh),
            Language::Polish | Language::Romanian | Language::Urdu => None,
        }
    }

    pub fn meaning(&self, language: Language) -> Option<&'static str> {
        match language {
            Language::English => Some(self.english_meaning),
            Language::Welsh => Some(self.welsh_meaning),
            Language::Polish | Language::Romanian | Language::Urdu => None,
        }
    }
}

/// The words young people meet in youth justice and early help. Longer phrases come first,
/// so "referral order" is explained as itself rather than as "order".
pub const GLOSSARY: &[Term] = &[
    Term {
        id: "out-of-court-disposal",
        english: "out-of-court disposal",
        english_meaning: "A way of dealing with what happened without going to court. You work with us instead.",
        welsh: "gwarediad y tu allan i'r llys",
        welsh_meaning: "Ffordd o ddelio â beth ddigwyddodd heb fynd i'r llys. Rwyt ti'n gweithio gyda ni yn lle hynny.",
    },
    Term {
        id: "community-resolution",
        english: "community resolution",
        english_meaning: "The police sort out what happened without court. You may say sorry or put things right.",
        welsh: "datrysiad cymunedol",
        welsh_meaning: "Mae'r heddlu'n datrys beth ddigwyddodd heb lys. Efallai byddi di'n dweud sori neu'n unioni pethau.",
    },
    Term {
        id: "referral-order",
        english: "referral order",
        english_meaning: "The court asks a panel of local people to make a plan with you. You follow the plan for a set time.",
        welsh: "gorchymyn atgyfeirio",
        welsh_meaning: "Mae'r llys yn gofyn i banel o bobl leol wneud cynllun gyda ti. Rwyt ti'n dilyn y cynllun am amser penodol.",
    },
    Term {
        id: "youth-rehabilitation-order",
        english: "youth rehabilitation order",
        english_meaning: "The court says what you must do for a time, with help from your worker.",
        welsh: "gorchymyn adsefydlu ieuenctid",
        welsh_meaning: "Mae'r llys yn dweud beth sy'n rhaid i ti ei wneud am gyfnod, gyda help gan dy weithiwr.",
    },
    Term {
        id: "court-order",
        english: "court order",
        english_meaning: "Something a court says you must do. If you do not, you may have to go back to court.",
        welsh: "gorchymyn llys",
        welsh_meaning: "Rhywbeth mae llys yn dweud bod rhaid i ti ei wneud. Os nad wyt ti'n ei wneud, efallai bydd rhaid i ti fynd yn ôl i'r llys.",
    },
    Term {
        id: "review",
        english: "review",
        english_meaning: "A meeting to look at your plan again: what went well and what to change.",
        welsh: "adolygiad",
        welsh_meaning: "Cyfarfod i edrych ar dy gynllun eto: beth aeth yn dda a beth i'w newid.",
    },
    Term {
        id: "referral",
        english: "referral",
        english_meaning: "When someone asks our service to help you.",
        welsh: "atgyfeiriad",
        welsh_meaning: "Pan fydd rhywun yn gofyn i'n gwasanaeth dy helpu di.",
    },
    Term {
        id: "consequences",
        english: "consequences",
        english_meaning: "What happens because of something you did.",
        welsh: "canlyniadau",
        welsh_meaning: "Beth sy'n digwydd oherwydd rhywbeth wnest ti.",
    },
    Term {
        id: "exploitation",
        english: "exploitation",
        english_meaning: "When someone uses you to get what they want, like making you carry or sell things.",
        welsh: "camfanteisio",
        welsh_meaning: "Pan fydd rhywun yn dy ddefnyddio di i gael beth maen nhw eisiau, fel gwneud i ti gario neu werthu pethau.",
    },
];

/// A run of text, or a glossary word found in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// The word as written in the text (keeping its capitals), and its term.
    Term(String, &'static str),
}

/// Splits `text` at each glossary word in `language`, matched without regard to capitals
/// and only as whole words ("review" but not "reviewed"). Each term is explained once per
/// text: the first time it appears.
pub fn glossed(text: &str, language: Language) -> Vec<Piece> {
    let lower = text.to_lowercase();
    // Lowercasing can change byte lengths outside ASCII; fall back to no glossing then, as
    // the positions would not line up.
    if lower.len() != text.len() {
        return vec![Piece::Text(text.to_owned())];
    }
    let word_edge = |at: usize| {
        at == 0
            || at >= text.len()
            || !text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
    };
    let mut found: Vec<(usize, usize, &'static Term)> = Vec::new();
    for term in GLOSSARY {
        let Some(word) = term.word(language) else {
            break;
        };
        let mut from = 0;
        while let Some(offset) = lower[from..].find(word) {
            let start = from + offset;
            let end = start + word.len();
            let after_ok = text[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            let free = !found.iter().any(|(s, e, _)| start < *e && *s < end);
            if word_edge(start) && after_ok && free {
                found.push((start, end, term));
                break;
            }
            from = end;
        }
    }
    found.sort_by_key(|(start, _, _)| *start);
    let mut pieces = Vec::new();
    let mut at = 0;
    for (start, end, term) in found {
        if start > at {
            pieces.push(Piece::Text(text[at..start].to_owned()));
        }
        pieces.push(Piece::Term(text[start..end].to_owned(), term.id));
        at = end;
    }
    if at < text.len() {
        pieces.push(Piece::Text(text[at..].to_owned()));
    }
    pieces
}

pub fn term(id: &str) -> Option<&'static Term> {
    GLOSSARY.iter().find(|t| t.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_round_trip_and_nothing_else_is_one() {
        let version = VersionId(uuid::Uuid::nil());
        for item in [
            Item::Question {
                version,
                key: "q3".into(),
            },
            Item::Target { key: "t12".into() },
        ] {
            assert_eq!(Item::parse(&item.as_string()), Some(item));
        }
        for bad in [
            "",
            "target:",
            "target:t1:extra",
            "target:<b>",
            "question:not-a-uuid:q1",
            "question:00000000-0000-0000-0000-000000000000",
            "plan:t1",
        ] {
            assert_eq!(Item::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn justice_words_are_found_whole_longest_first_and_once() {
        let pieces = glossed(
            "Your Referral order review: a review of the order, reviewed weekly.",
            Language::English,
        );
        assert_eq!(
            pieces,
            vec![
                Piece::Text("Your ".into()),
                Piece::Term("Referral order".into(), "referral-order"),
                Piece::Text(" ".into()),
                Piece::Term("review".into(), "review"),
                Piece::Text(": a review of the order, reviewed weekly.".into()),
            ]
        );
        assert_eq!(
            glossed("Dy adolygiad nesaf", Language::Welsh),
            vec![
                Piece::Text("Dy ".into()),
                Piece::Term("adolygiad".into(), "review"),
                Piece::Text(" nesaf".into()),
            ]
        );
        assert_eq!(
            glossed("Nothing here", Language::English),
            vec![Piece::Text("Nothing here".into())]
        );
        // Every term has words and a meaning in every language, and a unique id.
        for (i, t) in GLOSSARY.iter().enumerate() {
            for language in Language::ALL {
                if language.reach() != crate::language::Reach::WholeSite {
                    assert_eq!((t.word(language), t.meaning(language)), (None, None));
                    continue;
                }
                let (word, meaning) = (t.word(language).unwrap_or_default(), t.meaning(language));
                assert!(!word.is_empty() && meaning.is_some_and(|m| !m.is_empty()));
                assert_eq!(word, word.to_lowercase());
            }
            assert!(GLOSSARY[..i].iter().all(|u| u.id != t.id));
        }
    }
}
