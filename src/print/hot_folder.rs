//! Hot folders: a RIP watches a folder and prints every PDF that appears in it. A file is
//! written under a hidden temporary name, synced, then renamed to its final name, so the RIP
//! never sees half a file, even if we are killed mid-write. All a hot folder can tell us later
//! is whether the RIP has taken the file yet. A hot folder is often shared with other accounts,
//! so nothing here is opened under a name another account could guess and plant a link at:
//! temporary files are created new (O_EXCL) under a random name and renamed without replacing.

use super::{Found, JobStatus, PrintError, Submission, Submitted};
use crate::domain::printing::PartState;
use std::fs;
use std::io::{Read, Write};
use std::path::Path;

fn unreachable(dir: &Path, reason: impl ToString) -> PrintError {
    PrintError::Unreachable { target: folder(dir), reason: reason.to_string() }
}

fn folder(dir: &Path) -> String {
    crate::msg!("hot-folder-target", dir = dir.display().to_string()).to_string()
}

pub(super) fn check_ready(dir: &Path) -> Result<String, PrintError> {
    if !dir.is_dir() {
        return Err(unreachable(dir, crate::i18n::tr("hot-folder-missing")));
    }
    tempfile::Builder::new()
        .prefix(".gradlab-probe-")
        .tempfile_in(dir)
        .map_err(|e| unreachable(dir, crate::msg!("hot-folder-not-writable", error = e.to_string())))?;
    Ok(crate::i18n::tr("hot-folder-writable"))
}

/// The final names of a submission's files: one per copy, since a folder has no copies count.
fn file_names(stem: &str, copies: u32) -> Vec<String> {
    if copies <= 1 {
        vec![format!("{stem}.pdf")]
    } else {
        (1..=copies).map(|c| format!("{stem}-copy{c}of{copies}.pdf")).collect()
    }
}

/// The temporary name a final name is written under: hidden and not ending in `.pdf`, so no
/// RIP picks it up.
fn temp_prefix(name: &str) -> String {
    format!(".{name}.")
}

pub(super) fn drop_file(dir: &Path, s: &Submission) -> Result<Submitted, PrintError> {
    check_ready(dir)?;
    let names = file_names(s.file_stem, s.copies);
    let mut done: Vec<String> = Vec::new();
    for name in &names {
        if let Err(e) = write_one(dir, s.file, name) {
            // Copies already handed over may be taken back only while the RIP has not got them.
            for d in &done {
                let _ = fs::remove_file(dir.join(d));
            }
            return Err(e);
        }
        done.push(name.clone());
    }
    Ok(Submitted {
        printer_job_id: None,
        files: names,
        state: PartState::Pending,
        message: crate::i18n::tr("hot-folder-waiting"),
    })
}

fn write_one(dir: &Path, source: &Path, name: &str) -> Result<(), PrintError> {
    let target = dir.join(name);
    if target.symlink_metadata().is_ok() {
        return Err(PrintError::Other(
            crate::msg!("hot-folder-exists", file = target.display().to_string()).to_string(),
        ));
    }
    let failed =
        |e: std::io::Error| unreachable(dir, crate::msg!("hot-folder-writing", file = name, error = e.to_string()));
    // Created new under a random hidden name; dropped (and so removed) on any failure.
    let mut tmp =
        tempfile::Builder::new().prefix(&temp_prefix(name)).suffix(".tmp").tempfile_in(dir).map_err(failed)?;
    let mut from = fs::File::open(source).map_err(failed)?;
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = from.read(&mut buf).map_err(failed)?;
        if n == 0 {
            break;
        }
        tmp.write_all(&buf[..n]).map_err(failed)?;
    }
    // The RIP usually runs under its own account: it must be able to read what we hand it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(fs::Permissions::from_mode(0o644)).map_err(failed)?;
    }
    tmp.as_file().sync_all().map_err(failed)?;
    tmp.persist_noclobber(&target).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            PrintError::Other(crate::msg!("hot-folder-exists", file = target.display().to_string()).to_string())
        } else {
            failed(e.error)
        }
    })?;
    // The rename itself must survive a power cut, or the RIP could see the file vanish.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

pub(super) fn status(dir: &Path, files: &[String]) -> JobStatus {
    let present = files.iter().filter(|f| dir.join(f).exists()).count();
    match present {
        0 => JobStatus { state: PartState::Completed, message: crate::i18n::tr("hot-folder-taken") },
        n if n == files.len() => {
            JobStatus { state: PartState::Pending, message: crate::i18n::tr("hot-folder-waiting") }
        }
        n => JobStatus {
            state: PartState::Processing,
            message: crate::msg!("hot-folder-taken-some", taken = files.len() - n, all = files.len()).to_string(),
        },
    }
}

pub(super) fn cancel(dir: &Path, files: &[String]) -> Result<JobStatus, PrintError> {
    let mut taken = 0;
    for f in files {
        match fs::remove_file(dir.join(f)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => taken += 1,
            Err(e) => {
                return Err(unreachable(
                    dir,
                    crate::msg!("hot-folder-removing", file = f.as_str(), error = e.to_string()),
                ));
            }
        }
    }
    if taken == 0 {
        Ok(JobStatus { state: PartState::Canceled, message: crate::i18n::tr("hot-folder-removed") })
    } else {
        Err(PrintError::Refused {
            target: folder(dir),
            what: crate::i18n::tr("hot-folder-what-cancel"),
            reason: crate::msg!("hot-folder-cancel-too-late", taken = taken as i64, files = files.len()).to_string(),
        })
    }
}

pub(super) fn find_sent(dir: &Path, stem: &str, copies: u32) -> Found {
    let names = file_names(stem, copies);
    if names.iter().all(|n| dir.join(n).exists()) {
        return Found::Delivered(Submitted {
            printer_job_id: None,
            files: names,
            state: PartState::Pending,
            message: crate::i18n::tr("hot-folder-found"),
        });
    }
    // A temporary file left behind means we died before its rename: the RIP never saw it.
    let mut half_written = false;
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if names.iter().any(|f| n.starts_with(&temp_prefix(f)) && n.ends_with(".tmp")) {
                let _ = fs::remove_file(e.path());
                half_written = true;
            }
        }
    }
    let present: Vec<String> = names.iter().filter(|n| dir.join(n).exists()).cloned().collect();
    match (half_written, present.is_empty()) {
        (true, true) => Found::NotDelivered,
        // Killed between copies: those already renamed are the RIP's now.
        (true, false) => Found::Delivered(Submitted {
            printer_job_id: None,
            message: crate::msg!("hot-folder-interrupted", handed = present.len(), all = names.len()).to_string(),
            files: present,
            state: PartState::Pending,
        }),
        (false, _) => Found::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn submission<'a>(file: &'a Path, stem: &'a str, copies: u32) -> Submission<'a> {
        Submission { file, job_name: "J1X part 1/1", file_stem: stem, user: "t", copies, paper: None }
    }

    #[test]
    fn drops_one_file_per_copy_and_reports_what_the_rip_took() {
        let d = tempfile::tempdir().unwrap();
        let src = d.path().join("part.pdf");
        fs::write(&src, b"%PDF-1.7 test").unwrap();
        let hot = d.path().join("hot");
        fs::create_dir(&hot).unwrap();
        let sent = drop_file(&hot, &submission(&src, "J1X-part01-D1", 2)).unwrap();
        assert_eq!(sent.files, ["J1X-part01-D1-copy1of2.pdf", "J1X-part01-D1-copy2of2.pdf"]);
        for f in &sent.files {
            assert_eq!(fs::read(hot.join(f)).unwrap(), b"%PDF-1.7 test");
        }
        assert_eq!(fs::read_dir(&hot).unwrap().count(), 2, "no temporary file is left behind");
        assert_eq!(status(&hot, &sent.files).state, PartState::Pending);
        fs::remove_file(hot.join(&sent.files[0])).unwrap();
        assert_eq!(status(&hot, &sent.files).state, PartState::Processing);
        assert!(cancel(&hot, &sent.files).is_err(), "a copy already taken cannot be cancelled");
        fs::remove_file(hot.join(&sent.files[1])).ok();
        assert_eq!(status(&hot, &sent.files).state, PartState::Completed);
    }

    #[test]
    fn never_overwrites_and_refuses_a_missing_folder() {
        let d = tempfile::tempdir().unwrap();
        let src = d.path().join("part.pdf");
        fs::write(&src, b"x").unwrap();
        drop_file(d.path(), &submission(&src, "a", 1)).unwrap();
        assert!(drop_file(d.path(), &submission(&src, "a", 1)).is_err());
        let e = drop_file(&d.path().join("gone"), &submission(&src, "b", 1)).unwrap_err();
        assert!(e.to_string().contains("does not exist"), "{e}");
    }

    #[test]
    fn an_interrupted_write_is_found_and_cleaned() {
        let d = tempfile::tempdir().unwrap();
        fs::write(d.path().join(".J1-D3.pdf.4242.tmp"), b"half").unwrap();
        assert_eq!(find_sent(d.path(), "J1-D3", 1), Found::NotDelivered);
        assert_eq!(fs::read_dir(d.path()).unwrap().count(), 0);
        assert_eq!(find_sent(d.path(), "J1-D3", 1), Found::Unknown);
        fs::write(d.path().join("J1-D3.pdf"), b"whole").unwrap();
        assert!(matches!(find_sent(d.path(), "J1-D3", 1), Found::Delivered(_)));
        // Killed while writing copy 2 of 3: copy 1 is the RIP's, copy 2 never was.
        fs::write(d.path().join("J1-D4-copy1of3.pdf"), b"whole").unwrap();
        fs::write(d.path().join(".J1-D4-copy2of3.pdf.77.tmp"), b"ha").unwrap();
        match find_sent(d.path(), "J1-D4", 3) {
            Found::Delivered(s) => assert_eq!(s.files, ["J1-D4-copy1of3.pdf"]),
            other => panic!("{other:?}"),
        }
    }
}
