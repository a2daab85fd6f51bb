//! Working days in China, for the delivery dates the lab promises: weekends and official
//! holidays are days off, and the make-up working days (调休上班, a Saturday or Sunday that is
//! officially a working day) are working days. The holidays come from a user-editable TOML
//! file, because the State Council announces each year's arrangement only the November before;
//! the lab's copy ships as `calendars/china.toml`. Pure rules: reading the file is the caller's.

use std::collections::BTreeSet;
use std::ops::Bound::{Excluded, Included};

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Deserialize;

/// The calendar shipped with gradlab.
pub const SHIPPED: &str = include_str!("../../calendars/china.toml");

/// Days off and make-up working days. The default has none: weekends only.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    holidays: BTreeSet<NaiveDate>,
    /// Always Saturdays or Sundays, and never holidays: `parse` makes sure.
    workdays: BTreeSet<NaiveDate>,
    years: BTreeSet<i32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarFile {
    #[serde(default)]
    year: Vec<YearEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct YearEntry {
    year: i32,
    /// For the people who check the dates; accepted so that `deny_unknown_fields` allows it.
    #[serde(default)]
    #[allow(dead_code)]
    source: String,
    // Values rather than strings so that a bare TOML date (2026-10-01, unquoted) is taken too.
    #[serde(default)]
    holidays: Vec<toml::Value>,
    #[serde(default)]
    workdays: Vec<toml::Value>,
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

fn weekday_name(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// A date written "YYYY-MM-DD", quoted or as a bare TOML date.
fn date_of(v: &toml::Value) -> Result<NaiveDate, String> {
    let bad = || format!("{v} is not a date: write it as \"YYYY-MM-DD\", e.g. \"2026-10-01\"");
    match v {
        toml::Value::String(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| bad()),
        toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt
            .date
            .and_then(|d| NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day)))
            .ok_or_else(bad),
        _ => Err(bad()),
    }
}

/// Monday to Friday among the `days` days after `from`.
fn weekdays_after(from: NaiveDate, days: i64) -> i64 {
    let start = i64::from(from.weekday().num_days_from_monday());
    let partial = (1..=days % 7).filter(|k| (start + k) % 7 < 5).count() as i64;
    days / 7 * 5 + partial
}

impl Calendar {
    /// Parse the file; `origin` (a file name) is used in error messages, which name the year
    /// entry and the bad date.
    pub fn parse(text: &str, origin: &str) -> Result<Calendar, String> {
        let file: CalendarFile = toml::from_str(text).map_err(|e| format!("{origin}: {e}"))?;
        let mut cal = Calendar::default();
        for entry in &file.year {
            let year = entry.year;
            let at = |list: &str| format!("{origin}: year {year}: {list}");
            if !cal.years.insert(year) {
                return Err(format!("{origin}: year {year} has two [[year]] entries: merge them into one"));
            }
            for (list, values, set) in
                [("holidays", &entry.holidays, &mut cal.holidays), ("workdays", &entry.workdays, &mut cal.workdays)]
            {
                for v in values {
                    let d = date_of(v).map_err(|e| format!("{}: {e}", at(list)))?;
                    // A date under the wrong year is most likely a typo in the year or the
                    // entry, and would leave the year it belongs to looking covered when it is not.
                    if d.year() != year {
                        return Err(format!("{}: {d} is not in {year}", at(list)));
                    }
                    // Listed twice is harmless as such, but usually a neighbouring day was meant.
                    if !set.insert(d) {
                        return Err(format!("{}: {d} is listed twice", at(list)));
                    }
                }
            }
            for &d in cal.workdays.iter().filter(|d| d.year() == year) {
                // A make-up day moves a weekend day to work; a weekday in the list would be a
                // typo, and counting it would change nothing while hiding the mistake.
                if !is_weekend(d) {
                    return Err(format!(
                        "{}: {d} is a {}, but a make-up working day is always a Saturday or Sunday",
                        at("workdays"),
                        weekday_name(d)
                    ));
                }
                if cal.holidays.contains(&d) {
                    return Err(format!("{origin}: year {year}: {d} is listed both in holidays and in workdays"));
                }
            }
        }
        Ok(cal)
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        if self.workdays.contains(&d) {
            return true;
        }
        !is_weekend(d) && !self.holidays.contains(&d)
    }

    /// The date `n` working days after `from` (from itself not counted; n = 0 gives from).
    /// Saturates at `NaiveDate::MAX` for an `n` that runs off the end of the calendar.
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let last_listed = self.holidays.last().into_iter().chain(self.workdays.last()).max().copied();
        let mut d = from;
        let mut left = n;
        while left > 0 {
            // Past the last listed day every 7 days hold exactly 5 working days, so a large n
            // skips whole weeks instead of walking them; at least one working day is left to
            // walk to, so the result lands on a working day.
            if left > 5 && last_listed.is_none_or(|last| d >= last) {
                let weeks = (left - 1) / 5;
                let Some(next) = d.checked_add_days(Days::new(u64::from(weeks) * 7)) else {
                    return NaiveDate::MAX;
                };
                d = next;
                left -= weeks * 5;
            }
            let Some(next) = d.succ_opt() else {
                return NaiveDate::MAX;
            };
            d = next;
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        d
    }

    /// Working days after `from` up to and including `to` (0 if to <= from).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to <= from {
            return 0;
        }
        // Count Monday to Friday, then correct by the listed days in the range: a holiday on a
        // weekday takes one off, a make-up weekend day adds one.
        let range = (Excluded(from), Included(to));
        let holidays = self.holidays.range(range).filter(|d| !is_weekend(**d)).count() as i64;
        let workdays = self.workdays.range(range).filter(|d| is_weekend(**d)).count() as i64;
        weekdays_after(from, (to - from).num_days()) - holidays + workdays
    }

    /// Years the file covers; a date outside them is computed with weekends only.
    pub fn covers(&self, year: i32) -> bool {
        self.years.contains(&year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn shipped() -> Calendar {
        Calendar::parse(SHIPPED, "calendars/china.toml").unwrap()
    }

    #[test]
    fn shipped_file_parses_and_covers_2025_and_2026() {
        let cal = shipped();
        assert!(cal.covers(2025) && cal.covers(2026));
        assert!(!cal.covers(2024) && !cal.covers(2027));
    }

    #[test]
    fn shipped_years_net_the_thirteen_statutory_days_off() {
        // Since 2025 the law (全国年节及纪念日放假办法) gives 13 days off a year, and each
        // make-up day pays back one extra weekday off: so weekdays minus working days in a
        // year is 13. A typo in the file almost always breaks this.
        let cal = shipped();
        for year in [2025, 2026] {
            let (from, to) = (date(&format!("{}-12-31", year - 1)), date(&format!("{year}-12-31")));
            let weekdays = Calendar::default().working_days_between(from, to);
            assert_eq!(weekdays - cal.working_days_between(from, to), 13, "{year}");
        }
    }

    #[test]
    fn national_day_2026() {
        let cal = shipped();
        for day in 1..=7 {
            assert!(!cal.is_working_day(date(&format!("2026-10-0{day}"))), "10-0{day}");
        }
        assert!(cal.is_working_day(date("2026-09-20")), "make-up Sunday");
        assert!(cal.is_working_day(date("2026-10-10")), "make-up Saturday");
        assert!(!cal.is_working_day(date("2026-10-11")), "an ordinary Sunday");
        assert!(!cal.is_working_day(date("2026-09-25")), "中秋, a Friday");
        // From Friday 2026-09-18: 09-19 Sat off; 09-20 Sun make-up (1); 09-21..24 Mon-Thu (2-5);
        // 09-25..27 中秋 off; 09-28..30 Mon-Wed (6-8); 10-01..07 国庆 off; 10-08 Thu (9);
        // 10-09 Fri (10).
        assert_eq!(cal.add_working_days(date("2026-09-18"), 10), date("2026-10-09"));
        // From Wednesday 09-30: 10-08 (1), 10-09 (2), 10-10 Sat make-up (3), 10-12 Mon (4).
        assert_eq!(cal.add_working_days(date("2026-09-30"), 3), date("2026-10-10"));
        assert_eq!(cal.add_working_days(date("2026-09-30"), 4), date("2026-10-12"));
        assert_eq!(cal.add_working_days(date("2026-10-03"), 0), date("2026-10-03"));
    }

    #[test]
    fn spring_festival_2026() {
        let cal = shipped();
        // From Thursday 2026-02-12: 02-13 Fri (1); 02-14 Sat make-up (2); 02-15..23 春节 off;
        // 02-24..27 Tue-Fri (3-6); 02-28 Sat make-up (7); 03-01 Sun off; 03-02 Mon (8).
        assert_eq!(cal.add_working_days(date("2026-02-12"), 2), date("2026-02-14"));
        assert_eq!(cal.add_working_days(date("2026-02-12"), 3), date("2026-02-24"));
        assert_eq!(cal.add_working_days(date("2026-02-12"), 8), date("2026-03-02"));
        assert_eq!(cal.working_days_between(date("2026-02-12"), date("2026-03-02")), 8);
    }

    #[test]
    fn between_agrees_with_add() {
        let cal = shipped();
        let mut from = date("2024-12-01");
        while from < date("2027-02-01") {
            for n in 0..40 {
                let to = cal.add_working_days(from, n);
                assert_eq!(cal.working_days_between(from, to), i64::from(n), "{from} + {n}");
                assert!(n == 0 || cal.is_working_day(to), "{from} + {n} = {to}");
            }
            from = from.succ_opt().unwrap();
        }
        assert_eq!(cal.working_days_between(date("2026-10-09"), date("2026-10-09")), 0);
        assert_eq!(cal.working_days_between(date("2026-10-09"), date("2026-10-01")), 0);
    }

    #[test]
    fn large_counts_skip_whole_weeks_correctly() {
        let cal = shipped();
        let walk = |from: NaiveDate, n: u32| {
            let (mut d, mut left) = (from, n);
            while left > 0 {
                d = d.succ_opt().unwrap();
                left -= u32::from(cal.is_working_day(d));
            }
            d
        };
        for from in ["2026-09-18", "2026-12-30", "2026-12-31", "2027-01-02", "2027-01-03"] {
            for n in [5, 6, 7, 11, 100, 1001] {
                assert_eq!(cal.add_working_days(date(from), n), walk(date(from), n), "{from} + {n}");
            }
        }
        // Beyond the calendar, 5 working days from a Monday is the next Monday.
        assert_eq!(cal.add_working_days(date("2027-03-01"), 5_000_000), date("2027-03-01") + Days::new(7_000_000));
        assert_eq!(cal.add_working_days(date("2026-01-01"), u32::MAX), NaiveDate::MAX);
    }

    #[test]
    fn outside_the_file_only_weekends_are_off() {
        let cal = Calendar::default();
        assert!(cal.is_working_day(date("2026-10-01")));
        assert!(!cal.is_working_day(date("2026-10-10")));
        // Friday 2027-01-01 (New Year, not in the shipped file) + 1 is Monday 01-04.
        assert_eq!(shipped().add_working_days(date("2027-01-01"), 1), date("2027-01-04"));
    }

    #[test]
    fn bare_toml_dates_are_taken() {
        let cal =
            Calendar::parse("[[year]]\nyear = 2026\nholidays = [2026-10-01]\nworkdays = [2026-10-10]\n", "t").unwrap();
        assert!(!cal.is_working_day(date("2026-10-01")) && cal.is_working_day(date("2026-10-10")));
        assert!(Calendar::parse("", "t").unwrap().years.is_empty());
    }

    #[test]
    fn bad_files_are_refused_naming_the_date() {
        let parse = |body: &str| Calendar::parse(&format!("[[year]]\nyear = 2026\n{body}\n"), "my.toml").unwrap_err();
        let e = parse("holidays = [\"2026-10-10\"]\nworkdays = [\"2026-10-10\"]");
        assert_eq!(e, "my.toml: year 2026: 2026-10-10 is listed both in holidays and in workdays");
        let e = parse("workdays = [\"2026-10-09\"]");
        assert_eq!(
            e,
            "my.toml: year 2026: workdays: 2026-10-09 is a Friday, but a make-up working day is always a Saturday or Sunday"
        );
        let e = parse("holidays = [\"2025-10-01\"]");
        assert_eq!(e, "my.toml: year 2026: holidays: 2025-10-01 is not in 2026");
        let e = parse("workdays = [\"2027-01-02\"]");
        assert_eq!(e, "my.toml: year 2026: workdays: 2027-01-02 is not in 2026");
        let e = parse("holidays = [\"2026-02-30\"]");
        assert!(e.starts_with("my.toml: year 2026: holidays: \"2026-02-30\" is not a date"), "{e}");
        let e = parse("holidays = [\"2026-10-01\", \"2026-10-01\"]");
        assert_eq!(e, "my.toml: year 2026: holidays: 2026-10-01 is listed twice");
        let e = parse("holidays = [20261001]");
        assert!(e.contains("holidays: 20261001 is not a date"), "{e}");
        let e = parse("holiday = [\"2026-10-01\"]");
        assert!(e.starts_with("my.toml: ") && e.contains("holiday"), "{e}");
        let e = Calendar::parse("yaer = 2026\n", "my.toml").unwrap_err();
        assert!(e.starts_with("my.toml: ") && e.contains("yaer"), "{e}");
        let e = parse("[[year]]\nyear = 2026");
        assert!(e.contains("year 2026 has two [[year]] entries"), "{e}");
        assert!(Calendar::parse("[[year]]\nholidays = []\n", "my.toml").unwrap_err().contains("year"));
    }
}
