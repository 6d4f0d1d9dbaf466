//! The manager's team overview: for each worker, how many open cases they hold, what is
//! waiting for them, and how quickly "What I think" entries get an answer. The response
//! time is the median (one slow week does not hide a usual day) over the last 90 days.

use serde::{Deserialize, Serialize};

use crate::calendar::CalendarDate;
use crate::ids::PersonId;

/// How far back response times look.
pub const RESPONSE_WINDOW_DAYS: u32 = 90;

/// One "What I think" entry on a worker's caseload, as the overview needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryTimes {
    pub urgent: bool,
    pub written_at: String,
    pub seen_at: Option<String>,
    pub responded_at: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkerLoad {
    pub worker: PersonId,
    pub name: String,
    pub open_cases: u32,
    pub urgent_waiting: u32,
    pub entries_unseen: u32,
    pub feedback_unseen: u32,
    /// Entries answered in the window, and the median minutes from writing to answer.
    pub answered: u32,
    pub median_minutes: Option<u64>,
    /// The entry that has waited longest for an answer, in minutes up to `now`.
    pub longest_waiting_minutes: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamOverview {
    pub workers: Vec<WorkerLoad>,
    /// The whole team's median over the same window.
    pub team_median_minutes: Option<u64>,
    pub team_answered: u32,
}

fn median(mut values: Vec<u64>) -> Option<u64> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2),
    }
}

/// Answer times, in minutes, of the entries answered since `since`.
fn answer_times<'a>(entries: impl Iterator<Item = &'a EntryTimes>, since: &str) -> Vec<u64> {
    entries
        .filter(|e| e.written_at.as_str() >= since)
        .filter_map(|e| CalendarDate::minutes_between(&e.written_at, e.responded_at.as_deref()?))
        .collect()
}

impl WorkerLoad {
    /// `since` starts the response-time window; `now` measures the longest wait.
    pub fn from_entries(
        worker: PersonId,
        name: String,
        open_cases: u32,
        feedback_unseen: u32,
        entries: &[EntryTimes],
        since: &str,
        now: &str,
    ) -> Self {
        let times = answer_times(entries.iter(), since);
        let waiting = entries.iter().filter(|e| e.responded_at.is_none());
        WorkerLoad {
            worker,
            name,
            open_cases,
            urgent_waiting: waiting.clone().filter(|e| e.urgent).count() as u32,
            entries_unseen: entries.iter().filter(|e| e.seen_at.is_none()).count() as u32,
            feedback_unseen,
            answered: times.len() as u32,
            median_minutes: median(times),
            longest_waiting_minutes: waiting
                .filter_map(|e| CalendarDate::minutes_between(&e.written_at, now))
                .max(),
        }
    }
}

impl TeamOverview {
    /// An entry on two workers' caseloads counts once in the team's median.
    pub fn new(
        workers: Vec<WorkerLoad>,
        all_entries: &[(String, EntryTimes)],
        since: &str,
    ) -> Self {
        let mut seen = std::collections::HashSet::new();
        let unique = all_entries
            .iter()
            .filter(|(id, _)| seen.insert(id.clone()))
            .map(|(_, e)| e);
        let times = answer_times(unique, since);
        TeamOverview {
            workers,
            team_answered: times.len() as u32,
            team_median_minutes: median(times),
        }
    }
}

impl TeamOverview {
    /// The table as CSV; times in minutes, blank where there is nothing to measure.
    pub fn csv(&self, language: crate::language::Language) -> String {
        let minutes = |m: Option<u64>| m.map(|m| m.to_string()).unwrap_or_default();
        let mut rows = vec![[
            "Worker",
            "Open cases",
            "Urgent, not answered",
            "Entries not seen",
            "Feedback not seen",
            "Answered in the last 90 days",
            "Median minutes to answer",
            "Longest wait now (minutes)",
        ]
        .map(|heading| crate::report::csv_word(language, heading).to_owned())
        .to_vec()];
        rows.extend(self.workers.iter().map(|w| {
            vec![
                w.name.clone(),
                w.open_cases.to_string(),
                w.urgent_waiting.to_string(),
                w.entries_unseen.to_string(),
                w.feedback_unseen.to_string(),
                w.answered.to_string(),
                minutes(w.median_minutes),
                minutes(w.longest_waiting_minutes),
            ]
        }));
        crate::report::csv(rows)
    }
}

/// "3 days 4 hours", "2 hours 5 minutes", "12 minutes": as a manager would say it.
pub fn duration_words(minutes: u64) -> (u64, u64, u64) {
    (minutes / (24 * 60), minutes / 60 % 24, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(urgent: bool, written: &str, seen: bool, responded: Option<&str>) -> EntryTimes {
        EntryTimes {
            urgent,
            written_at: written.into(),
            seen_at: seen.then(|| written.into()),
            responded_at: responded.map(Into::into),
        }
    }

    #[test]
    fn a_workers_load_and_median_answer_time() {
        let since = "2026-09-01T00:00:00.000000Z";
        let now = "2026-11-23T12:00:00.000000Z";
        let entries = vec![
            entry(
                false,
                "2026-11-20T10:00:00.000000Z",
                true,
                Some("2026-11-20T11:00:00.000000Z"),
            ),
            entry(
                false,
                "2026-11-21T10:00:00.000000Z",
                true,
                Some("2026-11-21T13:00:00.000000Z"),
            ),
            entry(
                false,
                "2026-11-22T10:00:00.000000Z",
                true,
                Some("2026-11-23T10:00:00.000000Z"),
            ),
            // Before the window: not in the median.
            entry(
                false,
                "2026-01-01T10:00:00.000000Z",
                true,
                Some("2026-03-01T10:00:00.000000Z"),
            ),
            entry(true, "2026-11-23T09:00:00.000000Z", false, None),
            entry(false, "2026-11-22T12:00:00.000000Z", true, None),
        ];
        let load = WorkerLoad::from_entries(
            PersonId(uuid::Uuid::from_u128(1)),
            "Jo".into(),
            12,
            2,
            &entries,
            since,
            now,
        );
        assert_eq!(load.answered, 3);
        assert_eq!(
            load.median_minutes,
            Some(180),
            "1 h, 3 h, 24 h: the middle one"
        );
        assert_eq!(load.urgent_waiting, 1);
        assert_eq!(load.entries_unseen, 1);
        assert_eq!(
            load.longest_waiting_minutes,
            Some(24 * 60),
            "since 12:00 yesterday"
        );
        assert_eq!(load.feedback_unseen, 2);
        assert_eq!(load.open_cases, 12);
    }

    #[test]
    fn medians_of_even_counts_and_the_team_counts_shared_entries_once() {
        assert_eq!(median(vec![60, 10, 30, 20]), Some(25));
        assert_eq!(median(Vec::new()), None);
        let since = "2026-09-01T00:00:00.000000Z";
        let shared = entry(
            false,
            "2026-11-20T10:00:00.000000Z",
            true,
            Some("2026-11-20T10:30:00.000000Z"),
        );
        let other = entry(
            false,
            "2026-11-21T10:00:00.000000Z",
            true,
            Some("2026-11-21T12:00:00.000000Z"),
        );
        let team = TeamOverview::new(
            Vec::new(),
            &[
                ("a".into(), shared.clone()),
                ("a".into(), shared),
                ("b".into(), other),
            ],
            since,
        );
        assert_eq!(team.team_answered, 2);
        assert_eq!(team.team_median_minutes, Some(75));
        assert_eq!(duration_words(3 * 24 * 60 + 4 * 60 + 5), (3, 4, 5));
    }
}
