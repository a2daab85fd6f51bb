//! The lab's time zone (`[lab] timezone`, an IANA name, `Asia/Shanghai` unless set) and how
//! times are shown in it. The store keeps every time in UTC (RFC 3339, or milliseconds for a
//! collection time); a person reads it here as local time to the minute, `2026-11-29 21:01`,
//! and a date derived from a time (采集日期, the day a promise runs from) is the day it falls
//! on in this zone. Nothing here reads a file or the environment; only [`Zone::today`] and
//! [`Zone::now`] read the clock.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// How a time is written for a person.
pub const SHOWN: &str = "%Y-%m-%d %H:%M";

/// A time zone of the IANA database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Zone(Tz);

impl Default for Zone {
    fn default() -> Self {
        Zone::CHINA
    }
}

impl Zone {
    /// China Standard Time: the lab's zone unless `[lab] timezone` says otherwise, and the zone
    /// the collection side writes its date-times in.
    pub const CHINA: Zone = Zone(Tz::Asia__Shanghai);

    /// An IANA name such as `Asia/Shanghai` or `Europe/Berlin`, exactly as the database spells it.
    pub fn parse(name: &str) -> Result<Zone, String> {
        let name = name.trim();
        name.parse::<Tz>().map(Zone).map_err(|_| {
            format!(
                "{name:?} is not a time zone name; give an IANA name such as \"Asia/Shanghai\" or \"Europe/Berlin\""
            )
        })
    }

    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    /// A stored time (RFC 3339) as a person reads it, `2026-11-29 21:01`; anything that is not
    /// a stored time is shown as it is.
    pub fn show(&self, stored: &str) -> String {
        match DateTime::parse_from_rfc3339(stored) {
            Ok(t) => t.with_timezone(&self.0).format(SHOWN).to_string(),
            Err(_) => stored.to_string(),
        }
    }

    /// The day a stored time (RFC 3339) falls on here.
    pub fn day(&self, stored: &str) -> Option<NaiveDate> {
        DateTime::parse_from_rfc3339(stored).ok().map(|t| t.with_timezone(&self.0).date_naive())
    }

    /// The day a time in milliseconds since the epoch (a collection time, `sjc`) falls on here.
    pub fn day_of_millis(&self, ms: i64) -> Option<NaiveDate> {
        DateTime::from_timestamp_millis(ms).map(|t| t.with_timezone(&self.0).date_naive())
    }

    /// The collection date (采集日期) of a collection time, `YYYY-MM-DD`.
    pub fn collection_date(&self, sjc_ms: i64) -> String {
        self.day_of_millis(sjc_ms).map(|d| d.to_string()).unwrap_or_default()
    }

    /// A wall-clock time here as milliseconds since the epoch; in the hour a clock goes back,
    /// the earlier of the two, and in the hour it skips, None.
    pub fn millis_of(&self, local: NaiveDateTime) -> Option<i64> {
        self.0.from_local_datetime(&local).earliest().map(|t| t.timestamp_millis())
    }

    /// A moment as the clocks here show it.
    pub fn at(&self, t: DateTime<Utc>) -> DateTime<Tz> {
        t.with_timezone(&self.0)
    }

    /// Now, here.
    pub fn now(&self) -> DateTime<Tz> {
        self.at(Utc::now())
    }

    /// Today, here.
    pub fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }
}

impl std::fmt::Display for Zone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// `timezone = "Asia/Shanghai"` in `gradlab.toml`; an unknown name is refused naming the key.
impl<'de> serde::Deserialize<'de> for Zone {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Zone::parse(&name).map_err(|e| serde::de::Error::custom(format!("[lab] timezone: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_times_show_in_the_zone_to_the_minute() {
        let china = Zone::CHINA;
        assert_eq!(china.show("2026-11-29T13:01:28.111Z"), "2026-11-29 21:01");
        assert_eq!(china.show("2026-11-29T23:52:02+08:00"), "2026-11-29 23:52");
        assert_eq!(china.show("2026-11-30"), "2026-11-30", "not a stored time: as it is");
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        assert_eq!(berlin.show("2026-11-29T13:01:28.111Z"), "2026-11-29 14:01", "winter: UTC+1");
        assert_eq!(berlin.show("2026-07-01T13:01:28Z"), "2026-07-01 15:01", "summer: UTC+2");
        assert_eq!(Zone::parse("UTC").unwrap().show("2026-11-29T13:01:28.111Z"), "2026-11-29 13:01");
    }

    #[test]
    fn a_collection_at_seven_in_the_morning_in_beijing_is_dated_that_day() {
        // 07:00 on the 17th in Beijing is 23:00 UTC on the 16th.
        let sjc = Utc.with_ymd_and_hms(2026, 5, 16, 23, 0, 0).unwrap().timestamp_millis();
        assert_eq!(Zone::CHINA.collection_date(sjc), "2026-05-17");
        assert_eq!(Zone::CHINA.day("2026-05-16T23:00:00.000Z"), NaiveDate::from_ymd_opt(2026, 5, 17));
        assert_eq!(Zone::parse("UTC").unwrap().collection_date(sjc), "2026-05-16");
        let local = NaiveDate::from_ymd_opt(2026, 5, 17).unwrap().and_hms_opt(7, 0, 0).unwrap();
        assert_eq!(Zone::CHINA.millis_of(local), Some(sjc));
    }

    #[test]
    fn an_unknown_name_is_refused_with_the_name() {
        let e = Zone::parse("Asia/Beijing").unwrap_err();
        assert!(e.contains("\"Asia/Beijing\"") && e.contains("IANA"), "{e}");
        assert_eq!(Zone::parse(" Europe/Berlin ").unwrap().name(), "Europe/Berlin");
        assert_eq!(Zone::default().name(), "Asia/Shanghai");
    }
}
