//! Registering schools and looking them up.

use super::Workspace;
use crate::domain::school::{BackgroundColour, check_email, same_address};
use crate::domain::{School, SchoolCode};
use crate::error::{Error, Result};
use crate::i18n::{Arg, Msg};
use crate::msg;
use crate::store::{BatchRecord, RosterInfo, SchoolSummary};
use serde::Serialize;

/// What `school add` is given, unchecked.
#[derive(Debug, Clone, Default)]
pub struct NewSchool {
    pub code: String,
    pub name: String,
    pub emails: Vec<String>,
    pub address: Option<String>,
    pub contact: Option<String>,
    pub phone: Option<String>,
}

pub fn parse_code(raw: &str) -> Result<SchoolCode> {
    Ok(SchoolCode::parse(raw)?)
}

fn non_empty(v: &Option<String>) -> Option<String> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

pub fn add(ws: &Workspace, new: &NewSchool) -> Result<SchoolCode> {
    let code = parse_code(&new.code)?;
    let name = new.name.trim();
    if name.is_empty() {
        return Err(msg!("school-name-empty").into());
    }
    let mut emails: Vec<String> = Vec::new();
    for e in &new.emails {
        let e = check_email(e).map_err(|m| Error::from(msg!("school-bad-email-flag", error = m)))?;
        if !emails.iter().any(|have| same_address(have, &e)) {
            emails.push(e);
        }
    }
    let school = School {
        code: code.clone(),
        name: name.to_string(),
        emails,
        address: non_empty(&new.address),
        contact: non_empty(&new.contact),
        phone: non_empty(&new.phone),
        background: None,
    };
    let mut store = ws.store()?;
    let tx = store.write()?;
    tx.insert_school(&school)?;
    tx.commit()?;
    Ok(code)
}

/// Change where a school's shipments go and whom to call.
pub fn set_contact(
    ws: &Workspace,
    code: &str,
    address: Option<&str>,
    contact: Option<&str>,
    phone: Option<&str>,
) -> Result<School> {
    let code = parse_code(code)?;
    let clean = |v: Option<&str>| v.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let (address, contact, phone) = (clean(address), clean(contact), clean(phone));
    if address.is_none() && contact.is_none() && phone.is_none() {
        return Err(msg!("school-contact-nothing").into());
    }
    let mut store = ws.store()?;
    let tx = store.write()?;
    require(&tx, &code)?;
    tx.update_school_contact(code.as_str(), address.as_deref(), contact.as_deref(), phone.as_deref())?;
    let school = require(&tx, &code)?;
    tx.commit()?;
    Ok(school)
}

/// `--background`: one of the standard's colours the school requires, or `any`.
pub fn parse_background(raw: &str) -> Result<Option<BackgroundColour>> {
    if raw.trim().eq_ignore_ascii_case("any") {
        return Ok(None);
    }
    BackgroundColour::parse(raw).map(Some).map_err(|e| msg!("school-bad-background-flag", error = e).into())
}

/// Require one background colour of a school's photos from now on (None: any the standard
/// allows); the photo check on import warns about any other (audited).
pub fn set_background(ws: &Workspace, code: &str, colour: Option<BackgroundColour>) -> Result<School> {
    let code = parse_code(code)?;
    let mut store = ws.store()?;
    let tx = store.write()?;
    require(&tx, &code)?;
    tx.set_school_background(code.as_str(), colour)?;
    let detail =
        msg!("imp-audit-school-background", colour = colour.map(BackgroundColour::as_str).unwrap_or("any")).to_string();
    tx.audit(&ws.settings.operator(), "school.background", &format!("school {code}"), &detail)?;
    let school = require(&tx, &code)?;
    tx.commit()?;
    Ok(school)
}

pub fn list(ws: &Workspace) -> Result<Vec<SchoolSummary>> {
    ws.store()?.read()?.schools()
}

#[derive(Debug, Serialize)]
pub struct ClassCount {
    pub bh: String,
    pub students: i64,
}

#[derive(Debug, Serialize)]
pub struct SchoolDetail {
    #[serde(flatten)]
    pub school: School,
    pub students: i64,
    pub classes: Vec<ClassCount>,
    pub roster: Option<RosterInfo>,
    pub rosters_kept: i64,
    pub batches: Vec<BatchRecord>,
}

pub fn show(ws: &Workspace, code: &str) -> Result<SchoolDetail> {
    let code = parse_code(code)?;
    let mut store = ws.store()?;
    let tx = store.read()?;
    let school = require(&tx, &code)?;
    let classes: Vec<ClassCount> =
        tx.classes(&code)?.into_iter().map(|(bh, students)| ClassCount { bh, students }).collect();
    Ok(SchoolDetail {
        school,
        students: classes.iter().map(|c| c.students).sum(),
        classes,
        roster: tx.current_roster(&code)?.map(|(info, _)| info),
        rosters_kept: tx.roster_count(&code)?,
        batches: tx.batches_of_school(&code)?,
    })
}

/// Register another e-mail address for a school's electronic copies (audited).
pub fn add_email(ws: &Workspace, code: &str, email: &str) -> Result<School> {
    let code = parse_code(code)?;
    let email = check_email(email)?;
    let mut store = ws.store()?;
    let tx = store.write()?;
    let school = require(&tx, &code)?;
    if let Some(have) = school.emails.iter().find(|e| same_address(e, &email)) {
        return Err(msg!("school-email-known", email = have, school = code.to_string()).into());
    }
    tx.add_school_email(code.as_str(), &email)?;
    tx.audit(
        &ws.settings.operator(),
        "school.add-email",
        &format!("school {code}"),
        &msg!("imp-audit-school-email-added", email = &email).to_string(),
    )?;
    let school = require(&tx, &code)?;
    tx.commit()?;
    Ok(school)
}

/// Stop sending electronic copies to an address of a school (audited). Requests already made
/// to it keep their record.
pub fn remove_email(ws: &Workspace, code: &str, email: &str) -> Result<School> {
    let code = parse_code(code)?;
    let email = email.trim();
    let mut store = ws.store()?;
    let tx = store.write()?;
    let school = require(&tx, &code)?;
    let Some(have) = school.emails.iter().find(|e| same_address(e, email)).cloned() else {
        return Err(if school.emails.is_empty() {
            msg!("school-email-unknown-none", email = email, school = code.to_string())
        } else {
            msg!(
                "school-email-unknown",
                email = email,
                school = code.to_string(),
                registered = school.emails.join(", ")
            )
        }
        .into());
    };
    tx.remove_school_email(code.as_str(), &have)?;
    tx.audit(
        &ws.settings.operator(),
        "school.remove-email",
        &format!("school {code}"),
        &msg!("imp-audit-school-email-removed", email = &have).to_string(),
    )?;
    let school = require(&tx, &code)?;
    tx.commit()?;
    Ok(school)
}

/// The school, or an error that names the registered schools closest to a mistyped code and
/// says how to register a new one.
pub fn require(tx: &crate::store::Tx<'_>, code: &SchoolCode) -> Result<School> {
    match tx.school(code)? {
        Some(s) => Ok(s),
        None => Err(match did_you_mean(tx, code.as_str())? {
            None => msg!("school-not-registered", school = code.to_string()),
            Some(close) => msg!("school-not-registered-close", school = code.to_string(), close = close),
        }
        .into()),
    }
}

/// "; did you mean 10418 南山大学?" for the registered codes close to `typed`, or "".
/// The registered schools whose codes are closest to `typed` ("10418 测试大学 or 10419 …").
pub fn did_you_mean(tx: &crate::store::Tx<'_>, typed: &str) -> Result<Option<Arg>> {
    let schools = tx.schools()?;
    let close = crate::domain::suggest::closest(typed, schools.iter().map(|s| s.code.as_str()), 3);
    let named: Vec<Arg> = close
        .iter()
        .filter_map(|c| schools.iter().find(|s| s.code == *c))
        .map(|s| msg!("school-named", code = s.code.to_string(), name = &s.name).into())
        .collect();
    Ok(or_list(named))
}

/// `a`, `a or b`, `a or b or c` in the reader's language; None for none.
pub fn or_list<T: Into<Arg>>(items: impl IntoIterator<Item = T>) -> Option<Arg> {
    items
        .into_iter()
        .map(Into::into)
        .reduce(|first, second| Msg::new("list-or").arg("first", first).arg("second", second).into())
}
