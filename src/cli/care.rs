//! What `check`, `backup` and `restore` print: a verdict line, then each problem named.

use super::output::{Report, say};
use crate::app::Outcome;
use crate::app::backup::{BackupReport, RestoreReport};
use crate::app::check::CheckReport;

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn seconds(s: f64) -> String {
    format!("{s:.1}")
}

impl Report for CheckReport {
    fn human(&self) {
        if self.problems.is_empty() {
            say!(
                "{}",
                crate::msg!(
                    "cli-check-passed",
                    store = self.store,
                    photos = self.photos,
                    size = megabytes(self.photo_bytes),
                    files = self.files,
                    seconds = seconds(self.seconds)
                )
            );
            return;
        }
        say!(
            "{}",
            crate::msg!(
                "cli-check-failed",
                problems = self.problems.len(),
                store = self.store,
                photos = self.photos,
                files = self.files,
                seconds = seconds(self.seconds)
            )
        );
        for p in &self.problems {
            say!("  {}", p.detail);
        }
    }

    fn outcome(&self) -> Outcome {
        CheckReport::outcome(self)
    }
}

impl Report for BackupReport {
    fn human(&self) {
        say!(
            "{}",
            crate::msg!(
                "cli-backup-done",
                dir = self.dir.display().to_string(),
                photos = self.photos,
                photos_copied = self.photos_copied,
                files = self.files,
                files_copied = self.files_copied,
                size = megabytes(self.bytes_copied),
                seconds = seconds(self.seconds)
            )
        );
        for l in &self.left_out {
            say!("  {}", l.detail);
        }
    }

    fn outcome(&self) -> Outcome {
        BackupReport::outcome(self)
    }
}

impl Report for RestoreReport {
    fn human(&self) {
        say!(
            "{}",
            crate::msg!(
                "cli-restore-done",
                workspace = self.workspace.display().to_string(),
                made_at = super::output::time(&self.made_at),
                photos = self.photos,
                files = self.files
            )
        );
        self.check.human();
    }

    fn outcome(&self) -> Outcome {
        RestoreReport::outcome(self)
    }
}
