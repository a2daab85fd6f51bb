//! Corrections (勘误): `correction add` fixes one field of one student's strip, `correction
//! import` applies a school's correction table, `correction list` shows what was corrected and
//! whether the prints were redone. Only strip fields may change, the old value must be the one
//! stored, and every correction is applied with its audit entry in the same transaction. A
//! correction of a student already in a job marks him as needing a reprint; `job create
//! --needs-reprint` makes that job (see [`keep_needing_reprint`] and [`record_reprint_job`]).
//!
//! A correction table is applied row by row, in file order, in one transaction: a refused row
//! is named and skipped and the good rows are applied together (as a batch import does). Each
//! row is checked against the values the rows above it left, and a row may still name a
//! student by the 学号 a row above it corrected.

use super::Outcome;
use super::students::StudentLine;
use super::{Workspace, schools};
use crate::domain::SchoolCode;
use crate::domain::correction::{self, chinese_name};
use crate::domain::ids::JobCode;
use crate::domain::student::{Field, check_cjm, check_student_number};
use crate::error::{Error, Result};
use crate::import::Finding;
use crate::import::corrections::read_corrections;
use crate::msg;
use crate::render::font::Font;
use crate::store::{Correction, CorrectionRecord, NewCorrection, StoredStudent, Tx};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// What `correction add` is given, unchecked.
#[derive(Debug, Clone, Default)]
pub struct CorrectionRequest {
    pub school: String,
    /// The student's 学号 (or, when two students share one, his 采集码).
    pub student: String,
    /// Field key (xh, xm, bh, cc, xllb) or Chinese name (学号, 姓名, 班级, 层次, 学历类别).
    pub field: String,
    /// The value stored (and printed) now.
    pub from: String,
    pub to: String,
    /// Where it was entered: `cli`, or the window and its station.
    pub source: String,
}

/// One correction applied.
#[derive(Debug, Clone, Serialize)]
pub struct Applied {
    /// What changed; its 学号 is the student's after the correction.
    #[serde(flatten)]
    pub correction: Correction,
    /// The correction table's row, for an import.
    pub row: Option<usize>,
    /// The student has printed photos, which now need redoing.
    pub needs_reprint: bool,
    pub warnings: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ImportReport {
    pub school: String,
    pub file: String,
    pub sheet: String,
    pub rows: usize,
    pub applied: Vec<Applied>,
    pub rejected: Vec<Finding>,
}

impl ImportReport {
    /// Done when every row was applied, partly when some were refused, nothing when every row
    /// was refused (nothing changed).
    pub fn outcome(&self) -> Outcome {
        Outcome::of(self.applied.len(), self.rejected.len())
    }
}

/// A stored correction as `correction list` shows it.
#[derive(Debug, Serialize)]
pub struct CorrectionLine {
    #[serde(flatten)]
    pub record: CorrectionRecord,
    /// The reprint job that redid the student's prints (`J12X`), once made.
    pub reprint_job: Option<JobCode>,
}

/// One correction as asked, before checking.
struct Ask<'a> {
    student: &'a str,
    field: &'a str,
    from: &'a str,
    to: &'a str,
    source: String,
    row: Option<usize>,
}

fn shown(v: &str) -> String {
    if v.is_empty() { crate::i18n::tr("imp-correction-empty") } else { v.to_string() }
}

fn current(s: &StoredStudent, field: Field) -> &str {
    let st = &s.student;
    match field {
        Field::Xh => &st.xh,
        Field::Xm => &st.xm,
        Field::Bh => &st.bh,
        Field::Cc => &st.cc,
        Field::Xllb => &st.xllb,
        _ => "",
    }
}

/// The student a correction names: by 学号 in the school; failing that, by the 学号 a row
/// above in the same table changed (`renamed`), or by his 采集码.
fn find_student(
    tx: &Tx<'_>,
    code: &SchoolCode,
    raw: &str,
    renamed: &HashMap<String, String>,
) -> Result<Result<StoredStudent, String>> {
    let xh = match check_student_number(raw) {
        Ok(x) => x,
        Err(e) => return Ok(Err(msg!("imp-correction-bad-student", error = e.to_string()).to_string())),
    };
    let cjms = tx.codes_with_student_number(code, &xh)?;
    let cjm = match cjms.as_slice() {
        [one] => one.clone(),
        [] => match renamed.get(&xh) {
            Some(c) => c.clone(),
            None => match check_cjm(&xh).ok().map(|c| tx.student(&c)).transpose()?.flatten() {
                Some(s) if s.student.school == *code => return Ok(Ok(s)),
                _ => return Ok(Err(no_student(code, &xh))),
            },
        },
        many => {
            return Ok(Err(msg!(
                "imp-correction-many-students",
                school = code.to_string(),
                count = many.len().to_string(),
                xh = &xh,
                cjms = many.join(", ")
            )
            .to_string()));
        }
    };
    match tx.student(&cjm)? {
        Some(s) => Ok(Ok(s)),
        None => Ok(Err(no_student(code, &xh))),
    }
}

fn no_student(code: &SchoolCode, xh: &str) -> String {
    msg!("imp-correction-no-student", school = code.to_string(), xh = xh).to_string()
}

/// Check one correction against the store and apply it; `Ok(Err(reason))` when refused (and
/// then nothing was changed for it).
fn apply_one(
    tx: &Tx<'_>,
    code: &SchoolCode,
    ask: &Ask<'_>,
    operator: &str,
    renamed: &mut HashMap<String, String>,
) -> Result<Result<Applied, String>> {
    let field = match correction::parse_field(ask.field) {
        Ok(f) => f,
        Err(e) => return Ok(Err(e)),
    };
    let new = match correction::check_value(field, ask.to) {
        Ok(v) => v,
        Err(e) => return Ok(Err(e)),
    };
    let s = match find_student(tx, code, ask.student, renamed)? {
        Ok(s) => s,
        Err(e) => return Ok(Err(e)),
    };
    let (xh, cjm) = (s.student.xh.clone(), s.student.cjm.clone());
    let name = chinese_name(field);
    let old = current(&s, field).trim().to_string();
    let from = ask.from.trim();
    if from != old {
        return Ok(Err(
            msg!("imp-correction-not-from", xh = &xh, field = name, now = shown(&old), from = shown(from)).to_string()
        ));
    }
    if new == old {
        return Ok(Err(msg!("imp-correction-already", xh = &xh, field = name, new = &new).to_string()));
    }
    if field == Field::Xh {
        let others: Vec<String> = tx.codes_with_student_number(code, &new)?.into_iter().filter(|c| *c != cjm).collect();
        if !others.is_empty() {
            return Ok(Err(msg!(
                "imp-correction-xh-taken",
                new = &new,
                school = code.to_string(),
                cjms = others.join(", ")
            )
            .to_string()));
        }
    }
    let missing = Font::bundled().missing_chars(&new);
    if !missing.is_empty() {
        let chars: Vec<String> = missing.iter().map(|c| format!("{c} (U+{:04X})", *c as u32)).collect();
        return Ok(
            Err(msg!("imp-correction-no-glyph", field = name, new = &new, chars = chars.join(", ")).to_string()),
        );
    }

    tx.set_student_field(&cjm, field, &new)?;
    let id = tx.insert_correction(&NewCorrection {
        cjm: &cjm,
        school: code,
        field,
        old_value: &old,
        new_value: &new,
        source: &ask.source,
        applied_by: operator,
    })?;
    let needs_reprint = tx.student_in_any_job(&cjm)?;
    if needs_reprint {
        tx.set_needs_reprint(&cjm, true)?;
    }
    let detail = format!("{}: {old} -> {new} ({})", field.key(), ask.source);
    tx.audit(operator, "correction.apply", &format!("student {cjm}"), &detail)?;

    let mut warnings = Vec::new();
    if field == Field::Xh {
        renamed.insert(old.clone(), cjm.clone());
        if let Some((_, rows)) = tx.current_roster(code)?
            && let Some(r) = rows.iter().find(|r| r.cjm.is_none() && r.xh.as_deref() == Some(old.as_str()))
        {
            warnings.push(
                msg!(
                    "imp-correction-old-xh-on-roster",
                    school = code.to_string(),
                    old = &old,
                    row = r.source_row.to_string(),
                    new = &new
                )
                .to_string(),
            );
        }
    }
    Ok(Ok(Applied {
        correction: Correction {
            id,
            school: code.to_string(),
            cjm,
            xh: if field == Field::Xh { new.clone() } else { xh },
            field: field.key().to_string(),
            old_value: old,
            new_value: new,
            source: ask.source.clone(),
        },
        row: ask.row,
        needs_reprint,
        warnings,
    }))
}

/// `correction add`: one correction from the command line, applied or refused whole.
pub fn add(ws: &Workspace, req: &CorrectionRequest) -> Result<Applied> {
    let code = schools::parse_code(&req.school)?;
    let mut store = ws.store()?;
    let tx = store.write()?;
    schools::require(&tx, &code)?;
    let ask = Ask {
        student: &req.student,
        field: &req.field,
        from: &req.from,
        to: &req.to,
        source: req.source.clone(),
        row: None,
    };
    let applied = apply_one(&tx, &code, &ask, &ws.settings.operator(), &mut HashMap::new())?.map_err(Error::Input)?;
    tx.commit()?;
    Ok(applied)
}

/// `correction import`: a school's correction table (勘误表), row by row in file order.
pub fn import(ws: &Workspace, file: &Path, school: &str, sheet: Option<&str>) -> Result<ImportReport> {
    let code = schools::parse_code(school)?;
    let mut store = ws.store()?;
    schools::require(&store.read()?, &code)?;
    let table = read_corrections(file, sheet)?;
    if table.rows.is_empty() {
        return Err(msg!("correction-no-rows", file = &table.file).into());
    }
    let operator = ws.settings.operator();
    let tx = store.write()?;
    let mut renamed = HashMap::new();
    let mut applied = Vec::new();
    let mut rejected = Vec::new();
    for r in &table.rows {
        let refuse = |reason: String| Finding::new(&table.file, Some(r.row), None, reason);
        if let Some(s) = &r.school
            && s != code.as_str()
        {
            rejected
                .push(refuse(msg!("imp-correction-wrong-school", given = s, school = code.to_string()).to_string()));
            continue;
        }
        let ask = Ask {
            student: &r.xh,
            field: &r.field,
            from: &r.from,
            to: &r.to,
            source: format!("{} row {}", table.file, r.row),
            row: Some(r.row),
        };
        match apply_one(&tx, &code, &ask, &operator, &mut renamed)? {
            Ok(a) => applied.push(a),
            Err(reason) => rejected.push(refuse(reason)),
        }
    }
    tx.commit()?;
    Ok(ImportReport {
        school: code.to_string(),
        file: table.file,
        sheet: table.sheet,
        rows: table.rows.len(),
        applied,
        rejected,
    })
}

/// `correction list`: every correction (or one school's), oldest first.
pub fn list(ws: &Workspace, school: Option<&str>) -> Result<Vec<CorrectionLine>> {
    let code = school.map(schools::parse_code).transpose()?;
    let mut store = ws.store()?;
    let tx = store.read()?;
    if let Some(c) = &code {
        schools::require(&tx, c)?;
    }
    Ok(tx
        .corrections(code.as_ref())?
        .into_iter()
        .map(|record| CorrectionLine { reprint_job: record.reprint_job_id.map(JobCode), record })
        .collect())
}

/// `job create --needs-reprint`: keep only the students whose printed photos a correction
/// made wrong. None at all is an error that says so.
pub(super) fn keep_needing_reprint(tx: &Tx<'_>, code: &SchoolCode, lines: &mut Vec<StudentLine>) -> Result<()> {
    let need: HashSet<String> = tx.students_needing_reprint(code)?.into_iter().collect();
    if need.is_empty() {
        return Err(msg!("correction-none-needed", school = code.to_string()).into());
    }
    lines.retain(|l| need.contains(&l.student.cjm));
    if lines.is_empty() {
        return Err(msg!("correction-chosen-not-needed", school = code.to_string(), count = need.len()).into());
    }
    Ok(())
}

/// The reprint job `job` redoes these students' prints: clear their flags, note the job on
/// their corrections, and say so in the audit log. Runs in the job's own transaction.
pub(super) fn record_reprint_job(tx: &Tx<'_>, job: i64, cjms: &[String], operator: &str) -> Result<()> {
    let corrections = tx.record_reprint_job(job, cjms)?;
    let detail = msg!(
        "imp-audit-reprint-job",
        students = cjms.len().to_string(),
        corrections = corrections.to_string(),
        cjms = cjms.join(", ")
    )
    .to_string();
    tx.audit(operator, "correction.reprint-job", &format!("job {}", JobCode(job)), &detail)?;
    Ok(())
}
