//! Which language a page is in. A person's choice is kept on their record and in a cookie
//! (so it holds before they sign in again, on the same phone); with neither, the browser's
//! `Accept-Language` decides; with nothing usable, English.

use serde::{Deserialize, Serialize};

use crate::i18n::Locale;

/// The languages Waypoint is written in, as stored and as sent in forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Language {
    #[serde(rename = "en")]
    English,
    #[serde(rename = "cy")]
    Welsh,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::English, Language::Welsh];

    /// The BCP 47 tag: `lang` attributes, the cookie, the database.
    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Welsh => "cy",
        }
    }

    /// The language's name in itself: a switch must be readable by someone who does not
    /// read the page's language.
    pub fn own_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::Welsh => "Cymraeg",
        }
    }

    pub fn parse(tag: &str) -> Option<Language> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Language::ALL.into_iter().find(|l| l.tag() == primary)
    }

    pub fn locale(self) -> Locale {
        match self {
            Language::English => Locale::en,
            Language::Welsh => Locale::cy,
        }
    }

    pub fn of_locale(locale: Locale) -> Language {
        match locale {
            Locale::en => Language::English,
            Locale::cy => Language::Welsh,
        }
    }

    /// The first language of an `Accept-Language` header that Waypoint is written in, by
    /// the weights the browser gives (`cy;q=0.9, en;q=0.8`); a weight of 0 means "not this".
    pub fn from_accept_language(header: &str) -> Option<Language> {
        let mut offered: Vec<(Language, f32)> = header
            .split(',')
            .filter_map(|item| {
                let mut parts = item.split(';');
                let language = Language::parse(parts.next()?)?;
                let weight = parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (weight > 0.0).then_some((language, weight))
            })
            .collect();
        // A stable sort keeps the browser's order between equal weights.
        offered.sort_by(|a, b| b.1.total_cmp(&a.1));
        offered.first().map(|(l, _)| *l)
    }
}

/// The language of the page being rendered; English where there is none (a CSV file).
pub fn of_page() -> Language {
    leptos::prelude::use_context::<leptos_i18n::I18nContext<Locale>>()
        .map_or(Language::English, |i18n| {
            Language::of_locale(i18n.get_locale_untracked())
        })
}

/// The cookie a chosen language is kept in between visits.
pub const COOKIE: &str = "waypoint_language";

/// The language of the page being rendered: the chosen one, else the browser's, else
/// English.
#[cfg(feature = "ssr")]
pub fn of_request(
    parts: &axum::http::request::Parts,
    cookies: crate::api::server_side::CookiePolicy,
) -> Language {
    of_headers(&parts.headers, cookies)
}

/// As [`of_request`], for a plain route (a download) that has only the headers.
#[cfg(feature = "ssr")]
pub fn of_headers(
    headers: &axum::http::HeaderMap,
    cookies: crate::api::server_side::CookiePolicy,
) -> Language {
    crate::api::server_side::cookie_in(headers, cookies, COOKIE)
        .and_then(|tag| Language::parse(&tag))
        .or_else(|| {
            headers
                .get(axum::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Language::from_accept_language)
        })
        .unwrap_or(Language::English)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_s_preference_is_read_by_weight_and_region_is_ignored() {
        assert_eq!(
            Language::from_accept_language("cy-GB,cy;q=0.9,en-GB;q=0.8"),
            Some(Language::Welsh)
        );
        assert_eq!(
            Language::from_accept_language("en-GB;q=0.5, cy;q=0.9"),
            Some(Language::Welsh)
        );
        assert_eq!(
            Language::from_accept_language("pl-PL, en;q=0.7"),
            Some(Language::English)
        );
        assert_eq!(Language::from_accept_language("cy;q=0, de"), None);
        assert_eq!(Language::from_accept_language(""), None);
        assert_eq!(Language::from_accept_language("cy;q=abc"), None);
    }

    #[test]
    fn tags_round_trip_and_unknown_ones_are_refused() {
        for language in Language::ALL {
            assert_eq!(Language::parse(language.tag()), Some(language));
            assert_eq!(Language::of_locale(language.locale()), language);
        }
        assert_eq!(Language::parse("CY"), Some(Language::Welsh));
        assert_eq!(Language::parse("xx"), None);
        assert_eq!(Language::parse(""), None);
    }

    /// Every message exists in every language with the same placeholders: a missing one
    /// would show English on a Welsh page, a lost placeholder would drop a name or a date.
    #[test]
    fn every_message_is_in_every_language_with_the_same_placeholders() {
        let catalogues = [
            ("en", include_str!("../locales/en.json")),
            ("cy", include_str!("../locales/cy.json")),
        ];
        fn parse(
            (tag, raw): (&'static str, &'static str),
        ) -> (&'static str, serde_json::Map<String, serde_json::Value>) {
            let map = serde_json::from_str(raw).unwrap_or_else(|e| panic!("{tag}.json: {e}"));
            (tag, map)
        }
        let placeholders = |text: &str| {
            let mut found: Vec<String> = text
                .split("{{")
                .skip(1)
                .filter_map(|rest| {
                    rest.split_once("}}")
                        .map(|(name, _)| name.trim().to_owned())
                })
                .collect();
            found.sort();
            found
        };
        let [(_, english), (tag, other)] = catalogues.map(parse);
        let mut problems = Vec::new();
        for (key, text) in &english {
            match other.get(key) {
                None => problems.push(format!("{tag} has no {key}")),
                Some(theirs) => {
                    let (ours, theirs) = (
                        placeholders(text.as_str().unwrap_or_default()),
                        placeholders(theirs.as_str().unwrap_or_default()),
                    );
                    if ours != theirs {
                        problems.push(format!("{tag} {key}: {theirs:?} instead of {ours:?}"));
                    }
                }
            }
        }
        for key in other.keys().filter(|k| !english.contains_key(*k)) {
            problems.push(format!("{tag} has {key}, which English does not"));
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
