//! Calendar days as people type them in a date field (`2026-11-23`): a cohort's first
//! session, a plan's next review. A `CalendarDate` is always a real day, so the rest of the
//! code never meets "31 February".

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CalendarDate {
    year: u16,
    month: u8,
    day: u8,
}

fn days_in_month(year: u16, month: u8) -> u8 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl CalendarDate {
    /// `YYYY-MM-DD` between 2000 and 2100 (a wider year is a typing slip, not a plan).
    pub fn parse(raw: &str) -> Option<Self> {
        let raw = raw.trim();
        let parts: Vec<&str> = raw.split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return None;
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let (year, month, day) = (
            y.parse::<u16>().ok()?,
            m.parse::<u8>().ok()?,
            d.parse().ok()?,
        );
        let real = (2000..=2100).contains(&year)
            && (1..=12).contains(&month)
            && (1..=days_in_month(year, month)).contains(&day);
        real.then_some(CalendarDate { year, month, day })
    }

    /// A date as a person in the UK types it: day, month and year in that order, with
    /// slashes, dashes, dots or spaces ("27/3/2026", "27 03 2026"); a two-digit year is
    /// this century's. The ISO form (`2026-03-27`), used in addresses and links, is
    /// accepted too. Never the US order.
    pub fn parse_typed(raw: &str) -> Option<Self> {
        let raw = raw.trim();
        if let Some(iso) = Self::parse(raw) {
            return Some(iso);
        }
        let parts: Vec<&str> = raw
            .split(['/', '-', '.', ' '])
            .filter(|p| !p.is_empty())
            .collect();
        let [d, m, y] = parts.as_slice() else {
            return None;
        };
        if d.len() > 2 || m.len() > 2 || !(y.len() == 2 || y.len() == 4) {
            return None;
        }
        let (day, month, year) = (
            d.parse::<u8>().ok()?,
            m.parse::<u8>().ok()?,
            y.parse::<u16>().ok()?,
        );
        let year = if year < 100 { 2000 + year } else { year };
        Self::parse(&format!("{year:04}-{month:02}-{day:02}"))
    }

    /// What a date box shows for a value: a date in the UK order, or what was typed as it
    /// was typed (so a mistake comes back to be corrected).
    pub fn typed_value(raw: &str) -> String {
        Self::parse(raw.trim()).map_or_else(|| raw.to_owned(), Self::uk)
    }

    /// As UK forms show a date: `27/03/2026`.
    pub fn uk(self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }

    /// The day part of a stored timestamp (`2026-11-23T10:00:00Z`).
    pub fn of_timestamp(stored: &str) -> Option<Self> {
        Self::parse(stored.get(..10)?)
    }

    /// Whole minutes from one stored timestamp to a later one (`2026-11-23T10:05:…Z`);
    /// `None` if either is malformed or the second is earlier.
    pub fn minutes_between(earlier: &str, later: &str) -> Option<u64> {
        let minutes = |stored: &str| -> Option<i64> {
            let day = Self::of_timestamp(stored)?.day_number();
            let hour: i64 = stored.get(11..13)?.parse().ok()?;
            let minute: i64 = stored.get(14..16)?.parse().ok()?;
            Some((day * 24 + hour) * 60 + minute)
        };
        u64::try_from(minutes(later)? - minutes(earlier)?).ok()
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    fn day_number(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    fn from_day_number(z: i64) -> Option<Self> {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Self::parse(&format!("{year:04}-{month:02}-{day:02}"))
    }

    /// Today in the United Kingdom (Europe/London), by the server's clock: a session on
    /// Tuesday is Tuesday's at half past midnight in summer too.
    #[cfg(feature = "ssr")]
    pub fn today() -> Self {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let minutes = i64::try_from(seconds / 60).unwrap_or(0);
        Self::uk_local(minutes).0
    }

    /// 0 = Sunday.
    fn weekday(self) -> i64 {
        (self.day_number() + 4).rem_euclid(7)
    }

    /// The last Sunday of a month, where UK clocks change (March and October).
    fn last_sunday(year: u16, month: u8) -> Option<Self> {
        let last = Self::parse(&format!(
            "{year:04}-{month:02}-{:02}",
            days_in_month(year, month)
        ))?;
        Self::from_day_number(last.day_number() - last.weekday())
    }

    /// The UK local day and minute of the day for minutes since 1970 UTC: British Summer
    /// Time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday
    /// of October (the law since 1998), so no time-zone database is needed.
    pub fn uk_local(utc_minutes: i64) -> (Self, u16) {
        let day = utc_minutes.div_euclid(1440);
        let fallback = CalendarDate {
            year: 2000,
            month: 1,
            day: 1,
        };
        let date = Self::from_day_number(day).unwrap_or(fallback);
        let summer = match (
            Self::last_sunday(date.year, 3),
            Self::last_sunday(date.year, 10),
        ) {
            (Some(spring), Some(autumn)) => {
                let begins = spring.day_number() * 1440 + 60;
                let ends = autumn.day_number() * 1440 + 60;
                (begins..ends).contains(&utc_minutes)
            }
            _ => false,
        };
        let local = utc_minutes + if summer { 60 } else { 0 };
        let local_day = Self::from_day_number(local.div_euclid(1440)).unwrap_or(fallback);
        (
            local_day,
            u16::try_from(local.rem_euclid(1440)).unwrap_or(0),
        )
    }

    /// A stored UTC timestamp (`2026-06-01T23:30:…Z`) as UK local day and `HH:MM`.
    pub fn uk_time_of(stored: &str) -> Option<(Self, String)> {
        let day = Self::of_timestamp(stored)?.day_number();
        let hour: i64 = stored.get(11..13)?.parse().ok()?;
        let minute: i64 = stored.get(14..16)?.parse().ok()?;
        if hour > 23 || minute > 59 {
            return None;
        }
        let (date, of_day) = Self::uk_local((day * 24 + hour) * 60 + minute);
        Some((date, format!("{:02}:{:02}", of_day / 60, of_day % 60)))
    }

    /// The first day of the month eleven months before this one: with this date as the
    /// end, a period of twelve whole calendar months (the report's default).
    pub fn start_of_year_to(self) -> Self {
        let months = i32::from(self.year) * 12 + i32::from(self.month) - 1 - 11;
        match (u16::try_from(months / 12), u8::try_from(months % 12 + 1)) {
            (Ok(year), Ok(month)) if year >= 2000 => CalendarDate {
                year,
                month,
                day: 1,
            },
            _ => CalendarDate {
                year: 2000,
                month: 1,
                day: 1,
            },
        }
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Whole days from `earlier` to this date; `None` if `earlier` is later.
    pub fn days_since(self, earlier: Self) -> Option<u32> {
        u32::try_from(self.day_number() - earlier.day_number()).ok()
    }

    /// The day `days` earlier, if it is still within the years a date may have.
    pub fn minus_days(self, days: u32) -> Option<Self> {
        Self::from_day_number(self.day_number() - i64::from(days))
    }

    /// The day `days` later, if it is still within the years a date may have.
    pub fn plus_days(self, days: u32) -> Option<Self> {
        Self::from_day_number(self.day_number() + i64::from(days))
    }
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl TryFrom<String> for CalendarDate {
    type Error = String;
    fn try_from(raw: String) -> Result<Self, String> {
        Self::parse(&raw).ok_or(raw)
    }
}

impl From<CalendarDate> for String {
    fn from(date: CalendarDate) -> String {
        date.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_to_a_date_starts_on_the_first_of_a_month() {
        let start = |d: &str| {
            CalendarDate::parse(d)
                .expect("a date")
                .start_of_year_to()
                .to_string()
        };
        assert_eq!(start("2026-11-23"), "2025-12-01");
        assert_eq!(start("2026-12-31"), "2026-01-01");
        assert_eq!(start("2026-01-15"), "2025-02-01");
        assert_eq!(
            start("2000-03-01"),
            "2000-01-01",
            "never before the earliest year a date may have"
        );
    }

    #[test]
    fn minutes_between_stored_times_cross_days_and_months() {
        let between = CalendarDate::minutes_between;
        assert_eq!(
            between("2026-11-23T10:00:00.000000Z", "2026-11-23T10:45:59.000000Z"),
            Some(45)
        );
        assert_eq!(
            between("2026-10-31T23:30:00.000000Z", "2026-11-01T00:15:00.000000Z"),
            Some(45)
        );
        assert_eq!(
            between("2026-11-23T10:00:00.000000Z", "2026-11-22T10:00:00.000000Z"),
            None
        );
        assert_eq!(between("garbage", "2026-11-22T10:00:00.000000Z"), None);
    }

    #[test]
    fn only_real_days_parse() {
        assert!(CalendarDate::parse("2028-02-29").is_some());
        for bad in [
            "2027-02-29",
            "2026-04-31",
            "2026-13-01",
            "26-01-01",
            "2026-1-1",
            "1999-12-31",
            "",
            "tomorrow",
        ] {
            assert_eq!(CalendarDate::parse(bad), None, "{bad}");
        }
        assert_eq!(
            CalendarDate::parse(" 2026-11-23 ")
                .expect("as the test set up")
                .to_string(),
            "2026-11-23"
        );
    }

    #[test]
    fn adding_days_crosses_months_years_and_leap_days() {
        let d = |s| CalendarDate::parse(s).expect("as the test set up");
        assert_eq!(d("2026-11-23").plus_days(42), Some(d("2027-01-04")));
        assert_eq!(d("2028-02-28").plus_days(1), Some(d("2028-02-29")));
        assert_eq!(d("2027-02-28").plus_days(1), Some(d("2027-03-01")));
        assert_eq!(d("2026-01-01").plus_days(0), Some(d("2026-01-01")));
        assert_eq!(d("2100-12-31").plus_days(1), None);
        assert_eq!(
            CalendarDate::of_timestamp("2026-11-23T10:00:00.000000Z"),
            Some(d("2026-11-23"))
        );
    }

    #[test]
    fn uk_time_follows_british_summer_time() {
        let d = |s| CalendarDate::parse(s).expect("as the test set up");
        let at = |s: &str| CalendarDate::uk_time_of(s).expect("a timestamp");
        // Winter: UTC.
        assert_eq!(
            at("2026-11-30T09:05:00.000000Z"),
            (d("2026-11-30"), "09:05".into())
        );
        // Summer: an hour ahead, into the next day near midnight.
        assert_eq!(
            at("2026-06-01T23:30:00.000000Z"),
            (d("2026-06-02"), "00:30".into())
        );
        // 2026's changes: 29 March and 25 October, at 01:00 UTC.
        assert_eq!(at("2026-03-29T00:59:00.000000Z").1, "00:59");
        assert_eq!(at("2026-03-29T01:00:00.000000Z").1, "02:00");
        assert_eq!(at("2026-10-25T00:59:00.000000Z").1, "01:59");
        assert_eq!(at("2026-10-25T01:00:00.000000Z").1, "01:00");
        assert_eq!(CalendarDate::uk_time_of("2026-10-34T10:00:00Z"), None);
        assert_eq!(CalendarDate::uk_time_of("2026-10-30T25:00:00Z"), None);
    }

    #[test]
    fn typed_dates_are_read_day_first_as_in_the_uk() {
        let d = |s| CalendarDate::parse(s).expect("as the test set up");
        for typed in [
            "27/3/2026",
            "27/03/2026",
            "27-3-2026",
            "27.3.26",
            " 27 3 2026 ",
            "2026-03-27",
        ] {
            assert_eq!(
                CalendarDate::parse_typed(typed),
                Some(d("2026-03-27")),
                "{typed}"
            );
        }
        // 3/4 is the 3rd of April, never March 4th.
        assert_eq!(CalendarDate::parse_typed("3/4/2026"), Some(d("2026-04-03")));
        for bad in [
            "3/27/2026",
            "31/2/2026",
            "27/3",
            "2026/3/27/1",
            "twelfth",
            "",
            "1/1/20266",
        ] {
            assert_eq!(CalendarDate::parse_typed(bad), None, "{bad}");
        }
        assert_eq!(d("2026-03-07").uk(), "07/03/2026");
    }
}
