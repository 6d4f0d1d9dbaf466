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
    #[serde(rename = "pl")]
    Polish,
    #[serde(rename = "ro")]
    Romanian,
    #[serde(rename = "ur")]
    Urdu,
}

/// How much of Waypoint a language covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// Every page, for every role (English, and Welsh under the Welsh Language Standards).
    WholeSite,
    /// The pages a parent or carer uses (sign-in, their home, the plan and their part of
    /// it, feedback, help): the languages parents in England most often speak at home
    /// when it is not English. Elsewhere the page is shown in English, saying so.
    ParentsPages,
}

impl Language {
    pub const ALL: [Language; 5] = [
        Language::English,
        Language::Welsh,
        Language::Polish,
        Language::Romanian,
        Language::Urdu,
    ];

    /// The BCP 47 tag: `lang` attributes, the cookie, the database.
    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Welsh => "cy",
            Language::Polish => "pl",
            Language::Romanian => "ro",
            Language::Urdu => "ur",
        }
    }

    /// The language's name in itself: a switch must be readable by someone who does not
    /// read the page's language.
    pub fn own_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::Welsh => "Cymraeg",
            Language::Polish => "Polski",
            Language::Romanian => "Română",
            Language::Urdu => "اردو",
        }
    }

    /// The writing direction, for `dir` on the page and on anything in this language.
    pub fn dir(self) -> &'static str {
        match self {
            Language::Urdu => "rtl",
            _ => "ltr",
        }
    }

    pub fn reach(self) -> Reach {
        match self {
            Language::English | Language::Welsh => Reach::WholeSite,
            Language::Polish | Language::Romanian | Language::Urdu => Reach::ParentsPages,
        }
    }

    /// The language a page at `path` is shown in for someone who chose this one: theirs
    /// where the page is written in it, else English (never a page half in each). A
    /// server function called from a page (`/api/…`) answers in theirs: it renders no
    /// page, and the content it reads falls back to English, marked, where it has none.
    pub fn on_page(self, path: &str) -> Language {
        match self.reach() {
            Reach::WholeSite => self,
            Reach::ParentsPages if is_parents_page(path) || path.starts_with("/api/") => self,
            Reach::ParentsPages => Language::English,
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
            Language::Polish => Locale::pl,
            Language::Romanian => Locale::ro,
            Language::Urdu => Locale::ur,
        }
    }

    pub fn of_locale(locale: Locale) -> Language {
        match locale {
            Locale::en => Language::English,
            Locale::cy => Language::Welsh,
            Locale::pl => Language::Polish,
            Locale::ro => Language::Romanian,
            Locale::ur => Language::Urdu,
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

/// The pages written in every language of [`Reach::ParentsPages`]: signing in, a
/// parent's home, the plan (reading it, agreeing it, writing their part of a target, the
/// printed copy), feedback (giving it, reading the answer) and help. The catalogue test
/// below holds these pages' messages to being in each of those languages.
pub fn is_parents_page(path: &str) -> bool {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let path = path
        .strip_suffix('/')
        .filter(|p| !p.is_empty())
        .unwrap_or(path);
    const WHOLE: [&str; 6] = [
        "/",
        "/join",
        "/unlock",
        "/signed-out",
        "/family",
        "/help-now",
    ];
    if WHOLE.contains(&path) {
        return true;
    }
    let parts: Vec<&str> = path.split('/').skip(1).collect();
    matches!(
        parts.as_slice(),
        ["young-people", _, "plan"]
            | ["young-people", _, "plan", "print"]
            | ["young-people", _, "plan", "targets", _]
            | ["young-people", _, "feedback"]
            | ["young-people", _, "questionnaires", "carer_feedback"]
    )
}

/// What language a page is in, and what its reader chose: they differ where the chosen
/// language does not cover the page (it is then shown in English, and says so in theirs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageLanguage {
    pub chosen: Language,
    pub page: Language,
    /// Whether the page is one of [`is_parents_page`], where every language is offered.
    pub parents_page: bool,
}

impl PageLanguage {
    pub fn of_path(chosen: Language, path: &str) -> Self {
        PageLanguage {
            chosen,
            page: chosen.on_page(path),
            parents_page: is_parents_page(path),
        }
    }

    /// The languages the switch offers: every language this page is written in but the
    /// chosen one (so English is offered on a page shown in English for want of the
    /// chosen language: choosing it makes the note go).
    pub fn offered(self) -> Vec<Language> {
        Language::ALL
            .into_iter()
            .filter(|l| *l != self.chosen)
            .filter(|l| self.parents_page || l.reach() == Reach::WholeSite)
            .collect()
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

/// The language of the page being rendered: the chosen one where the page is written in
/// it, else English.
#[cfg(feature = "ssr")]
pub fn of_request(
    parts: &axum::http::request::Parts,
    cookies: crate::api::server_side::CookiePolicy,
) -> PageLanguage {
    PageLanguage::of_path(chosen(&parts.headers, cookies), parts.uri.path())
}

/// The page language of the request being answered, worked out once and kept in its
/// context, so the shell's `<html lang>`, the catalogue and every server function the page
/// calls read the same answer without parsing cookies and headers again.
#[cfg(feature = "ssr")]
pub fn of_this_request() -> PageLanguage {
    use leptos::prelude::{provide_context, use_context};
    if let Some(known) = use_context::<PageLanguage>() {
        return known;
    }
    let cookies = crate::api::server_side::site().cookies();
    let language = use_context::<axum::http::request::Parts>()
        .map_or(PageLanguage::of_path(Language::English, "/"), |parts| {
            of_request(&parts, cookies)
        });
    provide_context(language);
    language
}

/// The language the person chose: their cookie, else the browser's, else English.
#[cfg(feature = "ssr")]
pub fn chosen(
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
            Some(Language::Polish)
        );
        assert_eq!(
            Language::from_accept_language("de-DE, ur;q=0.5, en;q=0.3"),
            Some(Language::Urdu)
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

    fn catalogue(tag: &str, raw: &str) -> serde_json::Map<String, serde_json::Value> {
        serde_json::from_str(raw).unwrap_or_else(|e| panic!("{tag}.json: {e}"))
    }

    fn placeholders(text: &serde_json::Value) -> Vec<String> {
        let mut found: Vec<String> = text
            .as_str()
            .unwrap_or_default()
            .split("{{")
            .skip(1)
            .filter_map(|rest| {
                rest.split_once("}}")
                    .map(|(name, _)| name.trim().to_owned())
            })
            .collect();
        found.sort();
        found
    }

    /// `other`'s messages against English: each of `required` is there with the same
    /// placeholders, and nothing is there that English does not have.
    fn problems(
        tag: &str,
        english: &serde_json::Map<String, serde_json::Value>,
        other: &serde_json::Map<String, serde_json::Value>,
        required: &[&String],
    ) -> Vec<String> {
        let mut problems = Vec::new();
        for key in required {
            match other.get(key.as_str()) {
                None => problems.push(format!("{tag} has no {key}")),
                Some(theirs) if theirs.as_str().is_none_or(|t| t.trim().is_empty()) => {
                    if !english[key.as_str()]
                        .as_str()
                        .unwrap_or_default()
                        .is_empty()
                    {
                        problems.push(format!("{tag} {key} is empty"));
                    }
                }
                Some(_) => {}
            }
        }
        for (key, theirs) in other {
            match english.get(key) {
                None => problems.push(format!("{tag} has {key}, which English does not")),
                Some(ours) if placeholders(ours) != placeholders(theirs) => problems.push(format!(
                    "{tag} {key}: {:?} instead of {:?}",
                    placeholders(theirs),
                    placeholders(ours)
                )),
                Some(_) => {}
            }
        }
        problems
    }

    /// Every message exists in Welsh with the same placeholders: a missing one would show
    /// English on a Welsh page, a lost placeholder would drop a name or a date.
    #[test]
    fn every_message_is_in_welsh_with_the_same_placeholders() {
        let english = catalogue("en", include_str!("../locales/en.json"));
        let welsh = catalogue("cy", include_str!("../locales/cy.json"));
        let all: Vec<&String> = english.keys().collect();
        let problems = problems("cy", &english, &welsh, &all);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// The source files of the parents' pages ([`is_parents_page`]) and of everything
    /// they show: the frame, the components, every error.
    const PARENTS_PAGES_SOURCES: &[&str] = &[
        "pages/home.rs",
        "pages/join.rs",
        "pages/me.rs",
        "pages/plan.rs",
        "pages/plan_target.rs",
        "pages/feedback.rs",
        "pages/questionnaire.rs",
        "pages/voice.rs",
        "pages/not_found.rs",
        "components/",
        "messages.rs",
    ];

    /// The message keys a source file uses (`t!(i18n, key…`, `t_string!`, `td_string!`).
    fn keys_used(source: &str) -> Vec<String> {
        let mut keys = Vec::new();
        for (at, _) in source.match_indices("!(") {
            let before = &source[..at];
            let named = ["t", "t_string", "td", "td_string"].iter().any(|m| {
                before.ends_with(m)
                    && !before[..before.len() - m.len()]
                        .ends_with(|c: char| c.is_alphanumeric() || c == '_')
            });
            if !named {
                continue;
            }
            let args = &source[at + 2..];
            let Some((_, rest)) = args.split_once(',') else {
                continue;
            };
            let key: String = rest
                .trim_start()
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !key.is_empty() {
                keys.push(key);
            }
        }
        keys
    }

    fn source_files(relative: &str) -> Vec<std::path::PathBuf> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src")
            .join(relative);
        if path.is_dir() {
            let mut files: Vec<_> = std::fs::read_dir(&path)
                .expect("source folder")
                .map(|e| e.expect("entry").path())
                .filter(|p| p.extension().is_some_and(|e| e == "rs"))
                .collect();
            files.sort();
            files
        } else {
            vec![path]
        }
    }

    /// Polish, Romanian and Urdu have every message the parents' pages use, with the same
    /// placeholders, and none that English lacks: a page in one of them is never half in
    /// English. Adding a message to one of those pages fails here until it is translated.
    #[test]
    fn the_parents_pages_messages_are_in_every_parents_language() {
        let english = catalogue("en", include_str!("../locales/en.json"));
        let mut used: Vec<String> = PARENTS_PAGES_SOURCES
            .iter()
            .flat_map(|s| source_files(s))
            .flat_map(|file| keys_used(&std::fs::read_to_string(&file).expect("source file")))
            .collect();
        used.sort();
        used.dedup();
        // The reading of sources is itself checked: it must find the plan page's heading
        // and the frame's messages, and every key it finds must be a real message.
        for known in [
            "plan_title",
            "quick_exit",
            "error_internal",
            "language_page_in_english",
        ] {
            assert!(
                used.iter().any(|k| k == known),
                "{known} not found in the sources"
            );
        }
        let unknown: Vec<_> = used
            .iter()
            .filter(|k| !english.contains_key(k.as_str()))
            .collect();
        assert!(unknown.is_empty(), "not in the catalogue: {unknown:?}");
        assert!(used.len() > 300, "only {} keys found", used.len());
        let required: Vec<&String> = used.iter().collect();
        let mut problems = Vec::new();
        for (tag, raw) in [
            ("pl", include_str!("../locales/pl.json")),
            ("ro", include_str!("../locales/ro.json")),
            ("ur", include_str!("../locales/ur.json")),
        ] {
            problems.extend(self::problems(
                tag,
                &english,
                &catalogue(tag, raw),
                &required,
            ));
            // Each says, on every page, that no fluent speaker has checked it yet.
            let note = catalogue(tag, raw).get("translation_unreviewed").cloned();
            if note
                .as_ref()
                .and_then(|n| n.as_str())
                .is_none_or(str::is_empty)
            {
                problems.push(format!("{tag} does not say it is not yet reviewed"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn a_parents_language_covers_the_parents_pages_and_no_others() {
        let young_person = "/young-people/5b0c4b52-6f55-4b0e-9d43-3f1f4b6c2a11";
        for page in [
            "/".to_owned(),
            "/join?code=X".to_owned(),
            "/unlock".to_owned(),
            "/family".to_owned(),
            "/family/".to_owned(),
            "/help-now".to_owned(),
            format!("{young_person}/plan"),
            format!("{young_person}/plan/print"),
            format!("{young_person}/plan/targets/t1"),
            format!("{young_person}/feedback"),
            format!("{young_person}/questionnaires/carer_feedback"),
        ] {
            assert_eq!(Language::Urdu.on_page(&page), Language::Urdu, "{page}");
        }
        assert_eq!(
            Language::Polish.on_page("/api/questionnaire"),
            Language::Polish
        );
        for page in [
            "/caseload".to_owned(),
            "/me".to_owned(),
            "/sign-in".to_owned(),
            "/words".to_owned(),
            "/reports/cohorts".to_owned(),
            young_person.to_owned(),
            format!("{young_person}/what-i-think"),
            format!("{young_person}/questionnaires/self_assessment"),
            format!("{young_person}/plan/review"),
            format!("{young_person}/plan/targets/t1/extra"),
        ] {
            assert_eq!(Language::Polish.on_page(&page), Language::English, "{page}");
            assert_eq!(Language::Welsh.on_page(&page), Language::Welsh, "{page}");
        }
        assert_eq!(Language::Urdu.dir(), "rtl");
        assert_eq!(Language::Romanian.dir(), "ltr");
    }

    #[test]
    fn the_switch_offers_only_the_languages_a_page_is_written_in() {
        let parents = PageLanguage::of_path(Language::English, "/family");
        assert_eq!(
            parents.offered(),
            vec![
                Language::Welsh,
                Language::Polish,
                Language::Romanian,
                Language::Urdu
            ]
        );
        // A parent's language chosen, on a staff page: shown in English, which is offered
        // as a choice so the note can go, beside Welsh.
        let staff = PageLanguage::of_path(Language::Polish, "/caseload");
        assert_eq!(staff.page, Language::English);
        assert_eq!(staff.offered(), vec![Language::English, Language::Welsh]);
        let welsh = PageLanguage::of_path(Language::Welsh, "/caseload");
        assert_eq!(welsh.offered(), vec![Language::English]);
    }
}
