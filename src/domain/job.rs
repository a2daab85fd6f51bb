//! Print jobs as the lab talks about them: why a job was made, and how far it has got, from
//! made to delivered, with the counts that say how far along a step it is. Pure rules; the
//! store counts, `app::jobs` asks.

use serde::Serialize;

/// Why a job was made. Only a school's ordinary set is checked for students printed before:
/// the other purposes print students again on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum JobPurpose {
    /// A school's set of prints.
    #[default]
    School,
    /// A second set of students already printed, made on purpose with a reason.
    Again,
    /// A reprint request's (补洗/补片) job.
    Reprint,
    /// The reprint of students a correction (勘误) made wrong.
    Correction,
    /// A walk-in (散拍) printed on the spot.
    Walkin,
}

impl JobPurpose {
    pub const ALL: [JobPurpose; 5] =
        [JobPurpose::School, JobPurpose::Again, JobPurpose::Reprint, JobPurpose::Correction, JobPurpose::Walkin];

    pub fn as_str(self) -> &'static str {
        match self {
            JobPurpose::School => "school",
            JobPurpose::Again => "again",
            JobPurpose::Reprint => "reprint",
            JobPurpose::Correction => "correction",
            JobPurpose::Walkin => "walkin",
        }
    }

    pub fn parse(s: &str) -> Option<JobPurpose> {
        JobPurpose::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// What a sheet of a job carries: students' photos, or the separator that opens a class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SheetContent {
    Photos,
    Separator,
}

impl SheetContent {
    pub const ALL: [SheetContent; 2] = [SheetContent::Photos, SheetContent::Separator];

    pub fn as_str(self) -> &'static str {
        match self {
            SheetContent::Photos => "photos",
            SheetContent::Separator => "separator",
        }
    }

    pub fn parse(s: &str) -> Option<SheetContent> {
        SheetContent::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Where a job stands, furthest step first reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum JobStage {
    /// Students frozen, sheets planned, nothing rendered yet.
    Made,
    Rendered,
    /// Sent to a printer; not every part has come out complete.
    Printing,
    Printed,
    /// Some or all packets scanned into a shipment that has not left.
    Packed,
    Shipped,
    Delivered,
}

impl JobStage {
    pub fn as_str(self) -> &'static str {
        match self {
            JobStage::Made => "made",
            JobStage::Rendered => "rendered",
            JobStage::Printing => "printing",
            JobStage::Printed => "printed",
            JobStage::Packed => "packed",
            JobStage::Shipped => "shipped",
            JobStage::Delivered => "delivered",
        }
    }
}

/// The counts a job's stage is read from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct JobProgress {
    /// PDF parts rendered.
    pub parts: i64,
    /// Parts sent to a printer at least once (and not all cancelled or aborted).
    pub parts_sent: i64,
    /// Parts that came out of a printer complete.
    pub parts_completed: i64,
    pub printed: bool,
    pub packets: i64,
    /// Packets scanned into a shipment that has not come back.
    pub packed: i64,
    /// Packets in a shipment that has left.
    pub shipped: i64,
    pub delivered: i64,
}

impl JobProgress {
    pub fn stage(&self) -> JobStage {
        if self.packets > 0 && self.delivered == self.packets {
            JobStage::Delivered
        } else if self.shipped > 0 {
            JobStage::Shipped
        } else if self.packed > 0 {
            JobStage::Packed
        } else if self.printed {
            JobStage::Printed
        } else if self.parts_sent > 0 {
            JobStage::Printing
        } else if self.parts > 0 {
            JobStage::Rendered
        } else {
            JobStage::Made
        }
    }

    /// The stage with how far along it is: `printing 1/3 parts`, `shipped 2/5 packets`.
    /// The stage and its counts as a person reads it, in the catalog's words.
    pub fn words(&self) -> crate::i18n::Msg {
        use crate::msg;
        match self.stage() {
            JobStage::Made => msg!("job-stage-made"),
            JobStage::Rendered => msg!("job-stage-rendered", parts = self.parts),
            JobStage::Printing => msg!("job-stage-printing", done = self.parts_completed, parts = self.parts),
            JobStage::Printed => msg!("job-stage-printed"),
            JobStage::Packed => msg!("job-stage-packed", done = self.packed, packets = self.packets),
            JobStage::Shipped => msg!("job-stage-shipped", done = self.shipped, packets = self.packets),
            JobStage::Delivered => msg!("job-stage-delivered"),
        }
    }

    /// The same in fixed English words, for `--json` and the store, which scripts read.
    pub fn describe(&self) -> String {
        let of = |n: i64, all: i64, what: &str| format!("{n}/{all} {what}");
        let stage = self.stage();
        let counts = match stage {
            JobStage::Made | JobStage::Printed | JobStage::Delivered => None,
            JobStage::Rendered => Some(crate::words::count(self.parts, "part", "parts")),
            JobStage::Printing => Some(format!("{} completed", of(self.parts_completed, self.parts, "parts"))),
            JobStage::Packed => Some(of(self.packed, self.packets, "packets")),
            JobStage::Shipped => Some(of(self.shipped, self.packets, "packets")),
        };
        match counts {
            Some(c) => format!("{} {c}", stage.as_str()),
            None => stage.as_str().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stage_reads_in_both_languages_with_plurals_in_english() {
        use crate::i18n::Lang;
        let p = JobProgress { parts: 3, parts_sent: 3, parts_completed: 1, ..Default::default() };
        assert_eq!(p.words().text(Lang::En), "printing 1/3 parts completed");
        assert_eq!(p.words().text(Lang::Zh), "打印中 1/3 段完成");
        let one = JobProgress { parts: 1, ..Default::default() };
        assert_eq!(one.words().text(Lang::En), "rendered 1 part");
        assert_eq!(JobProgress { parts: 2, ..one }.words().text(Lang::En), "rendered 2 parts");
        assert_eq!(one.words().text(Lang::Zh), "已渲染 1 段");
    }

    #[test]
    fn stages_follow_the_furthest_step_and_count_it() {
        let mut p = JobProgress::default();
        assert_eq!(p.describe(), "made");
        p.parts = 3;
        assert_eq!(p.describe(), "rendered 3 parts");
        p.parts_sent = 3;
        p.parts_completed = 1;
        assert_eq!(p.describe(), "printing 1/3 parts completed");
        p.parts_completed = 3;
        p.printed = true;
        p.packets = 4;
        assert_eq!(p.describe(), "printed");
        p.packed = 2;
        assert_eq!(p.describe(), "packed 2/4 packets");
        p.shipped = 4;
        assert_eq!(p.describe(), "shipped 4/4 packets");
        p.delivered = 4;
        assert_eq!(p.stage(), JobStage::Delivered);
    }

    #[test]
    fn purposes_round_trip() {
        for p in JobPurpose::ALL {
            assert_eq!(JobPurpose::parse(p.as_str()), Some(p));
        }
        assert_eq!(JobPurpose::parse("other"), None);
    }
}
