//! The cohort report a service gives its management board each quarter: for one programme
//! and the cohorts that started in a period, the average group score at the start and end
//! of each session topic, each young person's first and last programme scores, engagement
//! and how complete the data is.
//!
//! The store gathers facts (who was in which cohort, the register, the latest score of each
//! kind); everything counted or averaged is worked out here, so the arithmetic and the
//! small-number rule are tested without a database.
//!
//! The small-number rule: a figure that describes fewer than [`SMALLEST_GROUP`] young
//! people could identify them once the report leaves the team, so it is replaced by
//! "fewer than 5". Zero describes nobody and is shown.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::calendar::CalendarDate;
use crate::ids::{CohortId, PersonId, SessionNumber};
use crate::programme::{Measure, MeasureScores};
use crate::scaling::Score;

/// The fewest young people a published figure may describe.
pub const SMALLEST_GROUP: u32 = 5;

/// A figure that may be withheld.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cell<T> {
    Shown(T),
    /// It would describe between 1 and 4 young people.
    Suppressed,
    /// Nobody to describe (an average of no scores).
    Empty,
}

impl<T: Copy> Cell<T> {
    fn describing(people: u32, value: impl FnOnce() -> T) -> Self {
        match people {
            0 => Cell::Empty,
            n if n < SMALLEST_GROUP => Cell::Suppressed,
            _ => Cell::Shown(value()),
        }
    }

    pub fn shown(self) -> Option<T> {
        match self {
            Cell::Shown(v) => Some(v),
            _ => None,
        }
    }
}

impl Cell<u32> {
    /// A count of young people: zero is a fact about nobody, so it is shown.
    fn count(people: u32) -> Self {
        match people {
            0 => Cell::Shown(0),
            n => Cell::describing(n, || n),
        }
    }
}

/// An average to one decimal place, kept in tenths so it is exact and prints the same
/// everywhere (7.0, not 7 or 6.999).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Tenths(u32);

impl Tenths {
    /// Rounds half up: 7.25 is 7.3.
    fn mean(sum: u32, n: u32) -> Self {
        Tenths((sum * 20 + n) / (2 * n))
    }

    pub fn value(self) -> u32 {
        self.0
    }
}

impl std::fmt::Display for Tenths {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.0 / 10, self.0 % 10)
    }
}

/// A whole-number percentage, rounded half up.
fn percent(part: u32, whole: u32) -> u32 {
    if whole == 0 {
        0
    } else {
        (part * 200 + whole) / (2 * whole)
    }
}

/// One session as the register and the scores describe it for one young person.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SessionFacts {
    /// The register: `None` if it was not taken for them.
    pub register: Option<bool>,
    pub start: Option<Score>,
    pub end: Option<Score>,
}

impl SessionFacts {
    /// Present if the register says so; where no register was kept, a score shows they
    /// were there. A register saying "absent" wins over a stray score.
    pub fn attended(&self) -> bool {
        self.register
            .unwrap_or(self.start.is_some() || self.end.is_some())
    }

    /// A pair counts only for a session they were at: a register saying "absent" wins over
    /// scores given anyway (or before the register was corrected).
    pub fn paired(&self) -> Option<(Score, Score)> {
        if self.register == Some(false) {
            return None;
        }
        Some((self.start?, self.end?))
    }
}

/// One young person's place in one cohort.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Participant {
    pub young_person: PersonId,
    pub cohort: CohortId,
    pub sessions: BTreeMap<SessionNumber, SessionFacts>,
    pub programme_start: MeasureScores,
    pub programme_end: MeasureScores,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionPlan {
    pub number: SessionNumber,
    pub topic: String,
    pub scored: bool,
}

/// Everything the report is computed from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportFacts {
    pub programme: String,
    pub from: CalendarDate,
    pub to: CalendarDate,
    /// The names of the groups counted, in the order they started.
    pub cohorts: Vec<String>,
    pub sessions: Vec<SessionPlan>,
    pub participants: Vec<Participant>,
}

/// "Average group score at start and at end" for one session topic. Averages use only the
/// young people who gave both scores, so the change from start to end is like for like.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRow {
    pub number: SessionNumber,
    pub topic: String,
    pub attended: Cell<u32>,
    pub paired: Cell<u32>,
    pub start: Cell<Tenths>,
    pub end: Cell<Tenths>,
}

/// The group's first and last programme scores on one measure (paired, as above).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureRow {
    pub measure: Measure,
    pub paired: Cell<u32>,
    pub start: Cell<Tenths>,
    pub end: Cell<Tenths>,
}

/// One young person's first and last programme scores. Rows carry a number, never a name,
/// and come in an order unrelated to names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRow {
    pub number: u32,
    pub scores: Vec<(Measure, Option<Score>, Option<Score>)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Engagement {
    pub sessions: u32,
    /// At least two thirds of the sessions: 4 of 6.
    pub threshold: u32,
    pub engaged: Cell<u32>,
    pub percent: Cell<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completeness {
    /// Scored sessions attended, summed over young people.
    pub attended: u32,
    /// Of those, how many have both a start and an end score.
    pub paired: u32,
    pub paired_percent: Cell<u32>,
    /// Young people with all three programme scores at the start and at the end.
    pub programme_paired: Cell<u32>,
    pub programme_percent: Cell<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortReport {
    pub programme: String,
    pub from: CalendarDate,
    pub to: CalendarDate,
    /// The groups counted, by name, so a reader knows exactly what the figures cover.
    pub cohorts: Vec<String>,
    pub participants: Cell<u32>,
    pub sessions: Vec<SessionRow>,
    pub measures: Vec<MeasureRow>,
    /// Empty when fewer than five young people took part: each row is one person.
    pub people: Vec<PersonRow>,
    pub engagement: Engagement,
    pub completeness: Completeness,
}

/// The mean of paired scores, with how many people it describes.
fn paired_means(
    pairs: impl Iterator<Item = (Score, Score)>,
) -> (Cell<u32>, Cell<Tenths>, Cell<Tenths>) {
    let (mut n, mut start, mut end) = (0u32, 0u32, 0u32);
    for (s, e) in pairs {
        n += 1;
        start += u32::from(s.value());
        end += u32::from(e.value());
    }
    (
        Cell::count(n),
        Cell::describing(n, || Tenths::mean(start, n)),
        Cell::describing(n, || Tenths::mean(end, n)),
    )
}

/// Engagement and completeness percentages are withheld with the count they come from.
fn share(count: u32, whole: u32) -> (Cell<u32>, Cell<u32>) {
    let cell = Cell::count(count);
    let pct = match cell {
        Cell::Shown(n) => Cell::Shown(percent(n, whole)),
        other => other,
    };
    (cell, pct)
}

impl CohortReport {
    pub fn from_facts(facts: ReportFacts) -> Self {
        let people = &facts.participants;
        let total = people.len() as u32;

        let sessions = facts
            .sessions
            .iter()
            .filter(|s| s.scored)
            .map(|s| {
                let here = || people.iter().filter_map(|p| p.sessions.get(&s.number));
                let attended = here().filter(|f| f.attended()).count() as u32;
                let (paired, start, end) = paired_means(here().filter_map(SessionFacts::paired));
                SessionRow {
                    number: s.number,
                    topic: s.topic.clone(),
                    attended: Cell::count(attended),
                    paired,
                    start,
                    end,
                }
            })
            .collect();

        let measures = Measure::ALL
            .into_iter()
            .map(|m| {
                let pairs = people
                    .iter()
                    .filter_map(|p| Some((p.programme_start.get(m)?, p.programme_end.get(m)?)));
                let (paired, start, end) = paired_means(pairs);
                MeasureRow {
                    measure: m,
                    paired,
                    start,
                    end,
                }
            })
            .collect();

        let person_rows = if total >= SMALLEST_GROUP {
            // Ordered by the random identifiers, so row 1 is nobody in particular.
            let mut ordered: Vec<&Participant> = people.iter().collect();
            ordered.sort_by_key(|p| (p.young_person, p.cohort));
            ordered
                .into_iter()
                .zip(1..)
                .map(|(p, number)| PersonRow {
                    number,
                    scores: Measure::ALL
                        .into_iter()
                        .map(|m| (m, p.programme_start.get(m), p.programme_end.get(m)))
                        .collect(),
                })
                .collect()
        } else {
            Vec::new()
        };

        let session_count = facts.sessions.len() as u32;
        let threshold = (session_count * 2).div_ceil(3);
        let engaged = people
            .iter()
            .filter(|p| {
                let came = p.sessions.values().filter(|f| f.attended()).count() as u32;
                session_count > 0 && came >= threshold
            })
            .count() as u32;
        let (engaged, engaged_percent) = share(engaged, total);

        let scored: Vec<SessionNumber> = facts
            .sessions
            .iter()
            .filter(|s| s.scored)
            .map(|s| s.number)
            .collect();
        let scored_facts = || {
            people
                .iter()
                .flat_map(|p| scored.iter().filter_map(|n| p.sessions.get(n)))
        };
        let attended = scored_facts().filter(|f| f.attended()).count() as u32;
        let paired = scored_facts().filter(|f| f.paired().is_some()).count() as u32;
        let programme_paired = people
            .iter()
            .filter(|p| p.programme_start.is_complete() && p.programme_end.is_complete())
            .count() as u32;
        let (programme_paired, programme_percent) = share(programme_paired, total);

        CohortReport {
            programme: facts.programme,
            from: facts.from,
            to: facts.to,
            cohorts: facts.cohorts,
            participants: Cell::count(total),
            sessions,
            measures,
            people: person_rows,
            engagement: Engagement {
                sessions: session_count,
                threshold,
                engaged,
                percent: engaged_percent,
            },
            completeness: Completeness {
                attended,
                paired,
                // Session pairs are counted across many people; the percentage is withheld
                // only when the group as a whole is too small.
                paired_percent: Cell::describing(total, || percent(paired, attended)),
                programme_paired,
                programme_percent,
            },
        }
    }
}

/// The report's tables, each downloadable as CSV.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Table {
    Sessions,
    Measures,
    People,
    Engagement,
}

impl Table {
    pub const ALL: [Table; 4] = [
        Table::Sessions,
        Table::Measures,
        Table::People,
        Table::Engagement,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Table::Sessions => "sessions",
            Table::Measures => "programme-scores",
            Table::People => "young-people",
            Table::Engagement => "engagement",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Table::ALL.into_iter().find(|t| t.as_str() == raw.trim())
    }
}

/// How a withheld figure is written in a download.
const SUPPRESSED: &str = "fewer than 5";

/// The words of the downloads (headings and labels) in English and Welsh, side by side so
/// a missing one is plain to see. Downloads are made outside a page, so they cannot use
/// the catalogue; a test checks that every word used has its Welsh.
const CSV_WORDS: &[(&str, &str)] = &[
    (SUPPRESSED, "llai na 5"),
    ("Session", "Sesiwn"),
    ("Topic", "Pwnc"),
    ("Young people who came", "Pobl ifanc a ddaeth"),
    ("Gave both scores", "Rhoddodd y ddau sgôr"),
    ("Average at start", "Cyfartaledd ar y dechrau"),
    ("Average at end", "Cyfartaledd ar y diwedd"),
    ("Change", "Newid"),
    ("Question", "Cwestiwn"),
    ("Average at first", "Cyfartaledd y tro cyntaf"),
    ("Average at last", "Cyfartaledd y tro olaf"),
    ("Young person", "Person ifanc"),
    ("first", "cyntaf"),
    ("last", "olaf"),
    ("change", "newid"),
    ("Figure", "Ffigur"),
    ("Count", "Nifer"),
    ("Percent", "Canran"),
    ("Young people", "Pobl ifanc"),
    (
        "Came to at least {} of {} sessions",
        "Daeth i o leiaf {} o {} sesiwn",
    ),
    ("Scored sessions attended", "Sesiynau â sgôr a fynychwyd"),
    (
        "Of those, with start and end scores",
        "O'r rheini, gyda sgôr ar y dechrau a'r diwedd",
    ),
    (
        "Programme scores at start and end",
        "Sgorau'r rhaglen ar y dechrau a'r diwedd",
    ),
    ("Knows about the topics", "Yn gwybod am y pynciau"),
    ("Likely to take risks", "Yn debygol o gymryd risgiau"),
    ("Knows the consequences", "Yn gwybod y canlyniadau"),
    ("Worker", "Gweithiwr"),
    ("Open cases", "Achosion agored"),
    ("Urgent, not answered", "Brys, heb ateb"),
    ("Entries not seen", "Cofnodion heb eu gweld"),
    ("Feedback not seen", "Adborth heb ei weld"),
    (
        "Answered in the last 90 days",
        "Atebwyd yn y 90 diwrnod diwethaf",
    ),
    ("Median minutes to answer", "Canolrif munudau i ateb"),
    ("Longest wait now (minutes)", "Aros hiraf nawr (munudau)"),
    ("From", "Gan"),
    ("Month", "Mis"),
    ("Words", "Geiriau"),
    ("A parent or carer", "Rhiant neu ofalwr"),
    ("A young person", "Person ifanc"),
];

/// A download's word in `language`; English where the table has no Welsh (never, by the
/// test below). Downloads are staff pages, which a parent's language does not cover
/// (`language::Reach`), so those are English.
pub fn csv_word(language: crate::language::Language, english: &'static str) -> &'static str {
    match language {
        crate::language::Language::Welsh => CSV_WORDS
            .iter()
            .find(|(en, _)| *en == english)
            .map_or(english, |(_, cy)| cy),
        _ => english,
    }
}

fn cell_text<T: std::fmt::Display + Copy>(
    language: crate::language::Language,
    cell: Cell<T>,
) -> String {
    match cell {
        Cell::Shown(v) => v.to_string(),
        Cell::Suppressed => csv_word(language, SUPPRESSED).into(),
        Cell::Empty => String::new(),
    }
}

/// The change from the average at the start to the average at the end, signed ("+1.2",
/// "-0.5"), under the same small-number rule as the averages it comes from.
pub fn change_text(
    language: crate::language::Language,
    start: Cell<Tenths>,
    end: Cell<Tenths>,
) -> String {
    match (start, end) {
        (Cell::Shown(s), Cell::Shown(e)) => {
            let diff = i64::from(e.value()) - i64::from(s.value());
            let sign = match diff {
                d if d > 0 => "+",
                d if d < 0 => "-",
                _ => "",
            };
            let size = diff.unsigned_abs();
            format!("{sign}{}.{}", size / 10, size % 10)
        }
        (Cell::Suppressed, _) | (_, Cell::Suppressed) => csv_word(language, SUPPRESSED).into(),
        _ => String::new(),
    }
}

/// One young person's change on one measure ("+5"), when both scores were given.
pub fn score_change(start: Option<Score>, end: Option<Score>) -> String {
    match (start, end) {
        (Some(s), Some(e)) => {
            let diff = i16::from(e.value()) - i16::from(s.value());
            if diff > 0 {
                format!("+{diff}")
            } else {
                diff.to_string()
            }
        }
        _ => String::new(),
    }
}

fn score_text(score: Option<Score>) -> String {
    score.map(|s| s.value().to_string()).unwrap_or_default()
}

pub fn measure_title(language: crate::language::Language, measure: Measure) -> &'static str {
    csv_word(language, measure_english(measure))
}

fn measure_english(measure: Measure) -> &'static str {
    match measure {
        // The same words as the page's (report_measure_* in the catalogue).
        Measure::Learning => "Knows about the topics",
        Measure::RiskTaking => "Likely to take risks",
        Measure::Consequences => "Knows the consequences",
    }
}

/// One CSV field. Quoted when it must be, and a leading `= + - @` is defused so a
/// spreadsheet never runs a topic someone typed as a formula.
fn field(raw: &str) -> String {
    // A plain number ("-0.5", "+1.0") is data, not a formula: it stays as it is.
    let number = raw.parse::<f64>().is_ok_and(f64::is_finite);
    // Full-width ＝ ＋ － ＠ are read as formulas by some spreadsheets too.
    let risky = raw.starts_with([
        '=', '+', '-', '@', '\t', '\r', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
    ]);
    let text = if !number && risky {
        format!("'{raw}")
    } else {
        raw.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// Rows as RFC 4180 CSV, every field through [`field`]. Shared by every report download.
pub fn csv(rows: Vec<Vec<String>>) -> String {
    rows.into_iter()
        .map(|row| row.iter().map(|f| field(f)).collect::<Vec<_>>().join(",") + "\r\n")
        .collect()
}

impl CohortReport {
    /// One table as RFC 4180 CSV, with the same small-number rule as the page.
    pub fn csv(&self, table: Table, language: crate::language::Language) -> String {
        let s = |v: &'static str| csv_word(language, v).to_owned();
        let rows = match table {
            Table::Sessions => {
                let mut rows = vec![vec![
                    s("Session"),
                    s("Topic"),
                    s("Young people who came"),
                    s("Gave both scores"),
                    s("Average at start"),
                    s("Average at end"),
                    s("Change"),
                ]];
                rows.extend(self.sessions.iter().map(|r| {
                    vec![
                        r.number.to_string(),
                        r.topic.clone(),
                        cell_text(language, r.attended),
                        cell_text(language, r.paired),
                        cell_text(language, r.start),
                        cell_text(language, r.end),
                        change_text(language, r.start, r.end),
                    ]
                }));
                rows
            }
            Table::Measures => {
                let mut rows = vec![vec![
                    s("Question"),
                    s("Gave both scores"),
                    s("Average at first"),
                    s("Average at last"),
                    s("Change"),
                ]];
                rows.extend(self.measures.iter().map(|r| {
                    vec![
                        measure_title(language, r.measure).to_owned(),
                        cell_text(language, r.paired),
                        cell_text(language, r.start),
                        cell_text(language, r.end),
                        change_text(language, r.start, r.end),
                    ]
                }));
                rows
            }
            Table::People => {
                let mut header = vec![s("Young person")];
                for m in Measure::ALL {
                    for end in ["first", "last", "change"] {
                        header.push(format!(
                            "{}: {}",
                            measure_title(language, m),
                            csv_word(language, end)
                        ));
                    }
                }
                let mut rows = vec![header];
                rows.extend(self.people.iter().map(|p| {
                    let mut row = vec![p.number.to_string()];
                    for (_, start, end) in &p.scores {
                        row.push(score_text(*start));
                        row.push(score_text(*end));
                        row.push(score_change(*start, *end));
                    }
                    row
                }));
                rows
            }
            Table::Engagement => vec![
                vec![s("Figure"), s("Count"), s("Percent")],
                vec![
                    s("Young people"),
                    cell_text(language, self.participants),
                    String::new(),
                ],
                vec![
                    csv_word(language, "Came to at least {} of {} sessions")
                        .replacen("{}", &self.engagement.threshold.to_string(), 1)
                        .replacen("{}", &self.engagement.sessions.to_string(), 1),
                    cell_text(language, self.engagement.engaged),
                    cell_text(language, self.engagement.percent),
                ],
                vec![
                    s("Scored sessions attended"),
                    self.completeness.attended.to_string(),
                    String::new(),
                ],
                vec![
                    s("Of those, with start and end scores"),
                    self.completeness.paired.to_string(),
                    cell_text(language, self.completeness.paired_percent),
                ],
                vec![
                    s("Programme scores at start and end"),
                    cell_text(language, self.completeness.programme_paired),
                    cell_text(language, self.completeness.programme_percent),
                ],
            ],
        };
        csv(rows)
    }

    /// `programme-scores-2026-07-01-to-2026-09-30.csv`
    pub fn file_name(&self, table: Table) -> String {
        format!("{}-{}-to-{}.csv", table.as_str(), self.from, self.to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(v: u8) -> Option<Score> {
        Some(Score::new(v).expect("0..=10"))
    }

    fn n(v: u16) -> SessionNumber {
        SessionNumber::new(v).expect("from 1")
    }

    fn plan() -> Vec<SessionPlan> {
        [
            "County lines",
            "Gangs and knives",
            "Role models and peer influences",
            "Mental health and wellbeing",
            "Drugs and alcohol",
            "Celebration",
        ]
        .into_iter()
        .zip(1..)
        .map(|(topic, i)| SessionPlan {
            number: n(i),
            topic: topic.into(),
            scored: i < 6,
        })
        .collect()
    }

    fn came(start: u8, end: u8) -> SessionFacts {
        SessionFacts {
            register: Some(true),
            start: score(start),
            end: score(end),
        }
    }

    fn person(i: u128, sessions: &[(u16, SessionFacts)]) -> Participant {
        Participant {
            young_person: PersonId(uuid::Uuid::from_u128(i)),
            cohort: CohortId(uuid::Uuid::from_u128(1)),
            sessions: sessions.iter().map(|(s, f)| (n(*s), *f)).collect(),
            programme_start: MeasureScores::default(),
            programme_end: MeasureScores::default(),
        }
    }

    fn facts(participants: Vec<Participant>) -> ReportFacts {
        ReportFacts {
            programme: "Criminal exploitation".into(),
            from: CalendarDate::parse("2026-07-01").expect("a date"),
            to: CalendarDate::parse("2026-09-30").expect("a date"),
            cohorts: vec!["Summer group".into()],
            sessions: plan(),
            participants,
        }
    }

    /// The seed quarterly report's table: county lines 7 → 8, role models 6 → 9, mental
    /// health 5 → 8, from five young people whose scores were worked out by hand.
    fn seed_group() -> Vec<Participant> {
        // (county lines, role models, mental health) as (start, end) per person.
        let scores = [
            ((7, 8), (6, 9), (5, 8)),
            ((6, 7), (5, 9), (4, 7)),
            ((8, 9), (7, 10), (6, 9)),
            ((7, 8), (6, 8), (5, 8)),
            ((7, 8), (6, 9), (5, 8)),
        ];
        scores
            .iter()
            .zip(1u128..)
            .map(|(&(c, r, m), i)| {
                person(
                    i,
                    &[
                        (1, came(c.0, c.1)),
                        (3, came(r.0, r.1)),
                        (4, came(m.0, m.1)),
                        (
                            6,
                            SessionFacts {
                                register: Some(true),
                                ..SessionFacts::default()
                            },
                        ),
                    ],
                )
            })
            .collect()
    }

    #[test]
    fn session_averages_reproduce_the_seed_report() {
        let report = CohortReport::from_facts(facts(seed_group()));
        let row = |number: u16| {
            let r = report
                .sessions
                .iter()
                .find(|r| r.number == n(number))
                .expect("a scored session");
            (
                r.start.shown().map(|t| t.to_string()),
                r.end.shown().map(|t| t.to_string()),
            )
        };
        assert_eq!(row(1), (Some("7.0".into()), Some("8.0".into())));
        assert_eq!(row(3), (Some("6.0".into()), Some("9.0".into())));
        assert_eq!(row(4), (Some("5.0".into()), Some("8.0".into())));
        // Nobody scored session 2: empty, not zero and not withheld.
        assert_eq!(report.sessions[1].start, Cell::Empty);
        // The celebration is not scored and has no row.
        assert_eq!(report.sessions.len(), 5);
    }

    /// Every heading and label of every download has Welsh: a Welsh download's words
    /// differ from the English one's wherever the English is a word, not a figure or a name.
    #[test]
    fn welsh_downloads_have_no_english_words_left() {
        use crate::language::Language;
        let report = CohortReport::from_facts(facts(seed_group()));
        for table in Table::ALL {
            let english = report.csv(table, Language::English);
            let welsh = report.csv(table, Language::Welsh);
            let lines = |csv: &str| -> Vec<Vec<String>> {
                csv.lines()
                    .map(|l| l.split(',').map(str::to_owned).collect())
                    .collect()
            };
            let (english, welsh) = (lines(&english), lines(&welsh));
            for (cell_en, cell_cy) in english[0].iter().zip(&welsh[0]) {
                assert_ne!(cell_en, cell_cy, "{table:?} heading not in Welsh");
            }
            if table == Table::Engagement {
                for (row_en, row_cy) in english.iter().zip(&welsh) {
                    assert_ne!(row_en[0], row_cy[0], "label not in Welsh");
                }
            }
        }
        assert!(CSV_WORDS.iter().all(|(en, cy)| !cy.is_empty() && en != cy));
        assert_eq!(csv_word(Language::Welsh, SUPPRESSED), "llai na 5");
    }

    #[test]
    fn averages_round_half_up_to_one_decimal() {
        assert_eq!(Tenths::mean(29, 4).to_string(), "7.3"); // 7.25
        assert_eq!(Tenths::mean(22, 3).to_string(), "7.3"); // 7.33…
        assert_eq!(Tenths::mean(20, 3).to_string(), "6.7"); // 6.66…
        assert_eq!(Tenths::mean(0, 5).to_string(), "0.0");
        assert_eq!(Tenths::mean(50, 5).to_string(), "10.0");
    }

    #[test]
    fn unpaired_scores_are_left_out_of_averages_but_count_as_attendance() {
        let mut group = seed_group();
        // A sixth person scored the start of county lines only (a high 10).
        group.push(person(
            6,
            &[(
                1,
                SessionFacts {
                    register: None,
                    start: score(10),
                    end: None,
                },
            )],
        ));
        let report = CohortReport::from_facts(facts(group));
        let county = &report.sessions[0];
        assert_eq!(
            county.start.shown().map(|t| t.to_string()),
            Some("7.0".into())
        );
        assert_eq!(county.paired, Cell::Shown(5));
        assert_eq!(
            county.attended,
            Cell::Shown(6),
            "a score without a register means they came"
        );
    }

    #[test]
    fn figures_about_fewer_than_five_are_withheld() {
        let mut group = seed_group();
        group.truncate(4);
        let report = CohortReport::from_facts(facts(group));
        assert_eq!(report.participants, Cell::Suppressed);
        assert_eq!(report.sessions[0].start, Cell::Suppressed);
        assert_eq!(report.sessions[0].end, Cell::Suppressed);
        assert_eq!(report.sessions[0].paired, Cell::Suppressed);
        assert!(
            report.people.is_empty(),
            "one row per person needs a group of five"
        );
        assert_eq!(
            report.engagement.engaged,
            Cell::Suppressed,
            "all four came to 4 of 6"
        );
        assert_eq!(report.engagement.percent, Cell::Suppressed);
        assert_eq!(report.completeness.paired_percent, Cell::Suppressed);
        let csv = report.csv(Table::Sessions, crate::language::Language::English);
        assert!(
            csv.contains(
                "1,County lines,fewer than 5,fewer than 5,fewer than 5,fewer than 5,fewer than 5\r\n"
            ),
            "{csv}"
        );
        assert!(!csv.contains("7.0"));
    }

    #[test]
    fn engagement_is_at_least_four_of_six_sessions() {
        let attend = |count: u16| -> Vec<(u16, SessionFacts)> {
            (1..=count)
                .map(|s| {
                    (
                        s,
                        SessionFacts {
                            register: Some(true),
                            ..SessionFacts::default()
                        },
                    )
                })
                .collect()
        };
        // Six came to four or more, two came to three, one was marked absent everywhere.
        let mut group: Vec<Participant> = (1..=6u128)
            .map(|i| person(i, &attend(4 + (i % 3) as u16)))
            .collect();
        group.push(person(7, &attend(3)));
        group.push(person(8, &attend(3)));
        group.push(person(
            9,
            &(1..=6)
                .map(|s| {
                    (
                        s,
                        SessionFacts {
                            register: Some(false),
                            start: score(5),
                            end: score(6),
                        },
                    )
                })
                .collect::<Vec<_>>(),
        ));
        let report = CohortReport::from_facts(facts(group));
        assert_eq!(report.engagement.threshold, 4);
        assert_eq!(report.engagement.sessions, 6);
        assert_eq!(report.engagement.engaged, Cell::Shown(6));
        assert_eq!(report.engagement.percent, Cell::Shown(67)); // 6 of 9
    }

    #[test]
    fn completeness_counts_pairs_among_sessions_attended() {
        let mut group = seed_group();
        // Came to county lines but gave no end score.
        group.push(person(
            6,
            &[(
                1,
                SessionFacts {
                    register: Some(true),
                    start: score(4),
                    end: None,
                },
            )],
        ));
        let report = CohortReport::from_facts(facts(group));
        // 5 people × 3 scored sessions paired, plus one unpaired attendance.
        assert_eq!(report.completeness.attended, 16);
        assert_eq!(report.completeness.paired, 15);
        assert_eq!(report.completeness.paired_percent, Cell::Shown(94));
    }

    #[test]
    fn programme_scores_per_person_and_on_average() {
        let mut group = seed_group();
        for (p, (start, end)) in group
            .iter_mut()
            .zip([(3, 8), (4, 7), (2, 9), (5, 5), (6, 8)])
        {
            for m in Measure::ALL {
                *p.programme_start.slot(m) = score(start);
                *p.programme_end.slot(m) = score(end);
            }
        }
        // One person has no end scores yet.
        group[4].programme_end = MeasureScores::default();
        let report = CohortReport::from_facts(facts(group));
        assert_eq!(report.people.len(), 5);
        assert_eq!(report.people[0].number, 1);
        let first = &report.people[0].scores[0];
        assert_eq!(
            (first.1, first.2),
            (score(3), score(8)),
            "3 → 8, the brief's example"
        );
        let learning = &report.measures[0];
        assert_eq!(learning.paired, Cell::Suppressed, "four pairs");
        assert_eq!(report.completeness.programme_paired, Cell::Suppressed);
        let people_csv = report.csv(Table::People, crate::language::Language::English);
        assert!(people_csv.starts_with(
            "Young person,Knows about the topics: first,Knows about the topics: last,Knows about the topics: change,"
        ));
        assert!(people_csv.contains("\r\n5,6,,,6,,,6,,\r\n"), "{people_csv}");
        assert!(people_csv.contains(",3,8,+5,"), "3 → 8 is +5: {people_csv}");
    }

    #[test]
    fn changes_are_signed_and_follow_the_small_number_rule() {
        let t = |v| Cell::Shown(Tenths(v));
        assert_eq!(
            change_text(crate::language::Language::English, t(70), t(82)),
            "+1.2"
        );
        assert_eq!(
            change_text(crate::language::Language::English, t(82), t(77)),
            "-0.5"
        );
        assert_eq!(
            change_text(crate::language::Language::English, t(50), t(50)),
            "0.0"
        );
        assert_eq!(
            change_text(crate::language::Language::English, Cell::Suppressed, t(50)),
            SUPPRESSED
        );
        assert_eq!(
            change_text(crate::language::Language::English, Cell::Empty, Cell::Empty),
            ""
        );
        assert_eq!(score_change(Score::new(8).ok(), Score::new(3).ok()), "-5");
        assert_eq!(score_change(None, Score::new(3).ok()), "");
    }

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("Gangs, knives"), "\"Gangs, knives\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        // A number is data; anything else starting like a formula is defused.
        assert_eq!(field("-1"), "-1");
        assert_eq!(field("+1.0"), "+1.0");
        assert_eq!(field("-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0");
        assert_eq!(field("+inf"), "'+inf");
        for wide in [
            "\u{FF1D}HYPERLINK(1)",
            "\u{FF0B}1+1",
            "\u{FF0D}2",
            "\u{FF20}SUM(A1)",
        ] {
            assert!(field(wide).starts_with('\''), "{wide} is defused");
        }
    }

    #[test]
    fn tables_have_names_for_their_files() {
        for t in Table::ALL {
            assert_eq!(Table::parse(t.as_str()), Some(t));
        }
        let report = CohortReport::from_facts(facts(seed_group()));
        assert_eq!(
            report.file_name(Table::Sessions),
            "sessions-2026-07-01-to-2026-09-30.csv"
        );
    }
}
