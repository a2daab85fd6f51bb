//! One arm per command: call the service and hand its result to the one printer
//! ([`output::emit`]), which also says what the command came to. The human text of the results
//! made here is written beside them, as their [`Report`] impls.

use super::bar::Bar;
use super::output::{self, Created, Format, Report, emit, say};
use super::{
    AuditCmd, BatchCmd, Cli, Command, JobCmd, LayoutCmd, QrCmd, RosterCmd, SchoolCmd, StoreCmd, StudentCmd, printing,
    requests, shipping, walkin,
};
use crate::app::{self, Outcome, Workspace};
use crate::domain::job::SheetContent;
use crate::error::Result;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Run a command, telling the workspace's log (`logs/gradlab.log`) that it began and how it
/// ended. A command that makes the workspace (`init`, `restore`, `demo`) logs its end there.
pub fn run(cli: Cli) -> Result<Outcome> {
    let root = Workspace::resolve(cli.workspace.as_deref());
    let logged = match &cli.command {
        Command::Demo { dir } => dir.clone(),
        _ => root.clone(),
    };
    crate::support_log::start(&logged);
    let args: Vec<String> = std::env::args().skip(1).collect();
    let action = crate::support_log::Action::begin(format!("command `gradlab {}`", args.join(" ")));
    let result = run_command(cli);
    crate::support_log::start(&logged);
    match &result {
        Ok(outcome) => action.ended(match outcome {
            Outcome::Done => "done",
            Outcome::Partly => "done with some items refused (exit 3)",
            Outcome::Nothing => "nothing done (exit 1)",
        }),
        Err(e) => action.failed(e),
    }
    result
}

fn run_command(cli: Cli) -> Result<Outcome> {
    let lang = cli.lang;
    crate::i18n::set(lang.unwrap_or_else(crate::i18n::Lang::from_locale));
    let root = Workspace::resolve(cli.workspace.as_deref());
    let operator = cli.operator.clone();
    if let Some(name) = operator.as_deref() {
        crate::domain::text::refuse_controls("--operator", name).map_err(crate::error::Error::Input)?;
    }
    let open = || {
        Workspace::open(&root).map(|mut ws| {
            output::set_zone(ws.zone());
            if let (None, Some(l)) = (lang, ws.settings.lab.language) {
                crate::i18n::set(l);
            }
            for w in &ws.warnings {
                eprintln!("{}", crate::msg!("cli-warning", warning = w));
            }
            if let Some(name) = operator.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
                ws.settings.lab.operator = name.to_string();
            }
            ws
        })
    };
    let fmt = if cli.json { Format::Json } else { Format::Human };
    match cli.command {
        Command::Init { lab_name, sender_address, sender_phone, store, password_env, password_file } => {
            let mut id = app::settings::LabIdentity { name: lab_name, sender_address, sender_phone };
            // A program reading JSON is not asked questions.
            if !root.join(app::workspace::SETTINGS_FILE).exists() && fmt == Format::Human {
                ask_identity(&mut id);
            }
            let store = store.map(|url| app::settings::StoreChoice { url, password_env, password_file });
            let (ws, created) = Workspace::init_with_store(&root, &id, store.as_ref())?;
            Ok(emit(&Init { created, workspace: ws.root() }, fmt))
        }
        Command::Demo { dir } => {
            let bar = Bar::new();
            let demo = app::demo::run(&dir, &bar)?;
            drop(bar);
            Ok(emit(&demo, fmt))
        }
        Command::School(cmd) => school(cmd, &open()?, fmt),
        Command::Job(cmd) => job(cmd, &open()?, fmt),
        Command::Layout(cmd) => layouts(cmd, &open()?, fmt),
        Command::Printer(cmd) => printing::printer(cmd, &open()?, fmt),
        Command::Sheet(cmd) => printing::sheet(cmd, &open()?, fmt),
        Command::Shipment(cmd) => shipping::shipment(cmd, &open()?, fmt),
        Command::Report(cmd) => shipping::report(cmd, &open()?, fmt),
        Command::Store(StoreCmd::Info) => Ok(emit(&open()?.store_info()?, fmt)),
        Command::Store(StoreCmd::Migrate { to, password_env, password_file }) => {
            let ws = open()?;
            let bar = Bar::new();
            let to = app::settings::StoreChoice { url: to, password_env, password_file };
            let moved = app::migrate::to_postgres(&ws, &to, &bar)?;
            drop(bar);
            Ok(emit(&moved, fmt))
        }
        Command::Check => {
            let ws = open()?;
            let bar = Bar::new();
            let report = app::check::check(&ws, &bar)?;
            drop(bar);
            Ok(emit(&report, fmt))
        }
        Command::Backup { dir } => {
            let ws = open()?;
            let bar = Bar::new();
            let report = app::backup::backup(&ws, &dir, &bar)?;
            drop(bar);
            Ok(emit(&report, fmt))
        }
        Command::Restore { dir } => {
            let bar = Bar::new();
            let report = app::backup::restore(&dir, &root, &bar)?;
            drop(bar);
            Ok(emit(&report, fmt))
        }
        Command::Audit(AuditCmd::Verify) => Ok(emit(&app::audit::verify(&open()?)?, fmt)),
        Command::Gui { station, screenshots, scans, import, size } => {
            let (workspace, operator) = (root.clone(), operator.clone());
            let opts = crate::gui::Options { workspace, operator, station, lang, screenshots, scans, import, size };
            crate::gui::run(&opts)?;
            Ok(Outcome::Done)
        }
        Command::Ecopy(cmd) => super::ecopy::run(cmd, &open()?, fmt),
        Command::Request(cmd) => requests::request(cmd, &open()?, fmt),
        Command::Correction(cmd) => super::corrections::run(cmd, &open()?, fmt),
        Command::Walkin { code, code_image, photo, layout, printer, replace } => {
            let code = match (code, code_image) {
                (Some(text), _) => app::walkin::CodeSource::Text(text),
                (None, Some(image)) => app::walkin::CodeSource::Image(image),
                (None, None) => {
                    return Err(crate::msg!("cli-code-needed").into());
                }
            };
            let req = app::walkin::WalkinRequest { code, photo, layout, printer, replace };
            walkin::run(&open()?, &req, fmt)
        }
        Command::Scan { code, shipment, station, carrier, force: _, reason } => {
            let shipment = shipment.as_deref().map(str::parse).transpose()?;
            let req = app::scan::ScanRequest { code, shipment, station, carrier, reuse_reason: reason };
            Ok(emit(&app::scan::scan(&open()?, &req)?, fmt))
        }
        Command::Batch(BatchCmd::Import { path, replace }) => {
            let ws = open()?;
            let bar = Bar::new();
            let report = app::batch::import(&ws, &path, replace, &bar)?;
            drop(bar);
            Ok(emit(&report, fmt))
        }
        Command::Roster(RosterCmd::Import { file, school, sheet, replace_all }) => {
            let ws = open()?;
            Ok(emit(&app::roster::import(&ws, &file, &school, sheet.as_deref(), replace_all)?, fmt))
        }
        Command::Student(StudentCmd::List { school, classes }) => {
            Ok(emit(&app::students::list(&open()?, &school, &classes)?, fmt))
        }
        Command::Qr(cmd) => {
            // Reading a code needs no workspace, but the collection date is shown in the zone of
            // the one there is.
            output::set_zone(app::settings::Settings::load(&root.join(app::workspace::SETTINGS_FILE))?.lab.timezone);
            match cmd {
                QrCmd::Parse { text } => Ok(emit(&app::qr::parse(&text)?, fmt)),
                QrCmd::Decode { images } => Ok(emit(&app::qr::decode_files(&images), fmt)),
            }
        }
    }
}

/// What `init` made: the workspace, and whether it is new.
#[derive(Serialize)]
struct Init<'a> {
    created: bool,
    workspace: &'a Path,
}

impl Report for Init<'_> {
    fn human(&self) {
        if self.created {
            say!("{}", crate::msg!("cli-workspace-created", path = self.workspace.display().to_string()));
        } else {
            say!("{}", crate::msg!("cli-workspace-exists", path = self.workspace.display().to_string()));
        }
    }
}

impl Report for app::migrate::Moved {
    fn human(&self) {
        let c = &self.copied;
        say!(
            "{}",
            crate::msg!(
                "cli-store-moved",
                server = &c.server,
                rows = c.rows.to_string(),
                tables = c.tables.len().to_string(),
                photos = c.photos.to_string(),
                megabytes = format!("{:.1}", c.photo_bytes as f64 / 1e6),
                seconds = format!("{:.1}", self.seconds)
            )
        );
        say!("{}", crate::i18n::tr("cli-store-moved-checked"));
        say!("{}", crate::msg!("cli-store-moved-settings", settings = self.settings.display().to_string()));
        say!(
            "{}",
            crate::msg!(
                "cli-store-moved-old-copy",
                file = self.sqlite_file.display().to_string(),
                folder = self.photo_folder.display().to_string()
            )
        );
    }
}

impl Report for crate::store::StoreInfo {
    fn human(&self) {
        say!("{}", crate::msg!("cli-store-info", kind = self.kind.to_string(), location = self.location.to_string()));
        say!(
            "{}",
            crate::msg!(
                "cli-store-schema",
                version = self.schema_version.to_string(),
                program = self.program_schema_version.to_string()
            )
        );
        if let Some(v) = &self.server_version {
            say!("{}", crate::msg!("cli-store-server", version = v.to_string()));
            match &self.tls {
                Some(tls) => say!("{}", crate::msg!("cli-store-encrypted", tls = tls.to_string())),
                None => say!("{}", crate::i18n::tr("cli-store-not-encrypted")),
            }
        }
    }
}

impl Report for app::demo::Demo {
    fn human(&self) {
        say!("{}", self.summary().trim_end());
    }
}

impl Report for crate::domain::audit_chain::Verdict {
    fn human(&self) {
        if let Some(problem) = &self.problem {
            say!(
                "{}",
                crate::msg!("cli-audit-broken", problem = problem.to_string(), entries = self.entries.to_string())
            );
        } else {
            say!(
                "{}",
                crate::msg!("cli-audit-whole", chained = self.entries - self.unchained, unchained = self.unchained)
            );
        }
    }

    fn outcome(&self) -> Outcome {
        app::audit::outcome(self)
    }
}

impl Report for app::batch::BatchReport {
    fn human(&self) {
        let report = self;
        say!(
            "{}{}",
            crate::msg!(
                "cli-batch-summary",
                source = report.source.to_string(),
                accepted = report.accepted.len().to_string(),
                skipped = report.skipped.len().to_string(),
                rejected = report.rejected.len().to_string(),
                warnings = report.warnings.len()
            ),
            report.id.map(|id| crate::msg!("cli-batch-id", id = id.to_string()).to_string()).unwrap_or_default()
        );
        let replaced = report.accepted.iter().filter(|a| a.replaced).count();
        if replaced > 0 {
            say!("{}", crate::msg!("cli-batch-replaced", replaced = replaced.to_string()));
        }
        output::findings(&crate::i18n::tr("cli-findings-rejected"), &report.rejected);
        output::findings(&crate::i18n::tr("cli-findings-warnings"), &report.warnings);
        if report.id.is_none() {
            say!("{}", crate::i18n::tr("cli-batch-nothing-stored"));
        }
    }

    fn outcome(&self) -> Outcome {
        app::batch::BatchReport::outcome(self)
    }
}

impl Report for app::roster::RosterReport {
    fn human(&self) {
        let r = self;
        say!(
            "{}",
            crate::msg!(
                "cli-roster-summary",
                file = r.file.to_string(),
                school = r.school.to_string(),
                rows = r.rows,
                matched = r.matched.to_string(),
                id = r.id.to_string()
            )
        );
        say!("{}", roster_changes(r));
        if !r.without_photo.is_empty() {
            say!("{}", crate::msg!("cli-roster-without-photo", count = r.without_photo.len().to_string()));
            for l in &r.without_photo {
                say!(
                    "  {}",
                    crate::msg!(
                        "cli-roster-row-no-photo",
                        row = l.row.to_string(),
                        xh = l.xh.as_deref().unwrap_or("-"),
                        cjm = l.cjm.as_deref().unwrap_or("-")
                    )
                );
            }
        }
        if !r.not_on_roster.is_empty() {
            say!("{}", crate::msg!("cli-roster-not-on-roster", count = r.not_on_roster.len().to_string()));
            for s in &r.not_on_roster {
                say!("  {} {} {}", s.xh, s.cjm, s.bh);
            }
        }
        for m in &r.name_mismatches {
            say!(
                "{}",
                crate::msg!(
                    "cli-roster-name-mismatch",
                    row = m.row.to_string(),
                    roster_name = m.roster_name.to_string(),
                    masked_name = m.masked_name.to_string(),
                    xh = m.xh.to_string(),
                    cjm = m.cjm.to_string()
                )
            );
        }
        output::findings(&crate::i18n::tr("cli-findings-rejected"), &r.rejected);
        output::findings(&crate::i18n::tr("cli-findings-warnings"), &r.warnings);
    }

    fn outcome(&self) -> Outcome {
        app::roster::RosterReport::outcome(self)
    }
}

impl Report for Vec<app::students::StudentLine> {
    fn human(&self) {
        let rows: Vec<Vec<String>> = self
            .iter()
            .enumerate()
            .map(|(i, l)| {
                vec![
                    (i + 1).to_string(),
                    l.roster_position.map(|p| p.to_string()).unwrap_or_else(|| "-".into()),
                    l.student.xh.clone(),
                    l.student.xm.clone(),
                    l.student.bh.clone(),
                    l.student.cjm.clone(),
                ]
            })
            .collect();
        let roster = crate::i18n::tr("cli-heading-roster-position");
        output::table(&["#", &roster, "学号", "姓名", "班级", "采集码"], &rows);
    }
}

impl Report for crate::domain::CollectionCode {
    fn human(&self) {
        print_code(self);
    }
}

impl Report for Vec<app::qr::Decoded> {
    fn human(&self) {
        for r in self {
            match (&r.code, &r.error) {
                (Some(c), _) => {
                    say!("{}:", r.file);
                    print_code(c);
                }
                (None, Some(e)) => eprintln!("{}", crate::msg!("error-line", message = e)),
                (None, None) => {}
            }
        }
    }

    fn outcome(&self) -> Outcome {
        app::qr::outcome(self)
    }
}

/// Ask in a terminal for what `init` was not given; a script (no terminal) gets the defaults.
fn ask_identity(id: &mut app::settings::LabIdentity) {
    use std::io::{BufRead, IsTerminal, Write};
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return;
    }
    let ask = |prompt: &str, value: &mut Option<String>| {
        if value.is_some() {
            return;
        }
        eprint!("{prompt}: ");
        let _ = std::io::stderr().flush();
        let mut line = String::new();
        if std::io::stdin().lock().read_line(&mut line).is_ok() && !line.trim().is_empty() {
            *value = Some(line.trim().to_string());
        }
    };
    eprintln!("{}", crate::i18n::tr("cli-init-ask"));
    ask(&crate::i18n::tr("cli-init-ask-name"), &mut id.name);
    ask(&crate::i18n::tr("cli-init-ask-address"), &mut id.sender_address);
    ask(&crate::i18n::tr("cli-init-ask-phone"), &mut id.sender_phone);
}

/// "replaces the roster of 物理2101班 (31 rows); keeps 化学2102班 from 2026-11-28".
fn roster_changes(r: &app::roster::RosterReport) -> String {
    let replaced: Vec<String> = r
        .replaced_classes
        .iter()
        .map(|c| {
            let class = if c.class.is_empty() { crate::i18n::tr("cli-roster-no-class") } else { c.class.clone() };
            crate::msg!("cli-roster-class-rows", class = class, rows = c.rows as i64).to_string()
        })
        .collect();
    let classes = replaced.join(&crate::i18n::tr("cli-comma"));
    let mut s = if r.replaced_all {
        crate::msg!("cli-roster-replaces-all", classes = classes).to_string()
    } else {
        crate::msg!("cli-roster-replaces", classes = classes).to_string()
    };
    for k in &r.kept_classes {
        let day = output::zone().day(&k.imported_at).map(|d| d.to_string()).unwrap_or_default();
        s += &crate::msg!("cli-roster-keeps", class = k.class.to_string(), day = day).to_string();
    }
    s
}

fn print_code(c: &crate::domain::CollectionCode) {
    let s = &c.student;
    say!("  采集码 cjm   {}", s.cjm);
    say!("  院校代码 yxdm {}", s.school);
    say!("  学号 xh      {}", s.xh);
    say!("  姓名 xm      {}", s.xm);
    say!("  班级 bh      {}", s.bh);
    say!("  层次 cc      {}", s.cc);
    say!("  类别 xllb    {}", s.xllb);
    say!("  证件后4位    {}", s.zjhm4);
    if let Some(t) = s.sjc {
        say!("  采集日期     {}", output::zone().collection_date(t));
    }
    for w in &c.warnings {
        say!("  {}", crate::msg!("cli-warning", warning = w));
    }
}

fn school(cmd: SchoolCmd, ws: &Workspace, fmt: Format) -> Result<Outcome> {
    match cmd {
        SchoolCmd::Add(a) => {
            let new = app::schools::NewSchool {
                code: a.code,
                name: a.name,
                emails: a.emails,
                address: a.contact.address,
                contact: a.contact.contact,
                phone: a.contact.phone,
            };
            Ok(emit(&Created { id: app::schools::add(ws, &new)? }, fmt))
        }
        SchoolCmd::List => Ok(emit(&app::schools::list(ws)?, fmt)),
        SchoolCmd::Set { code, contact: super::ContactArgs { address, contact, phone }, background } => {
            // Everything given is checked before anything changes.
            let background = background.as_deref().map(app::schools::parse_background).transpose()?;
            let contact_given = address.is_some() || contact.is_some() || phone.is_some();
            if !contact_given && background.is_none() {
                return Err(crate::msg!("cli-school-set-nothing").into());
            }
            let mut s = None;
            if contact_given {
                s = Some(app::schools::set_contact(
                    ws,
                    &code,
                    address.as_deref(),
                    contact.as_deref(),
                    phone.as_deref(),
                )?);
            }
            if let Some(colour) = background {
                s = Some(app::schools::set_background(ws, &code, colour)?);
            }
            let Some(s) = s else { return Ok(Outcome::Done) };
            Ok(emit(&s, fmt))
        }
        SchoolCmd::AddEmail { code, email } => {
            Ok(emit(&super::ecopy::Emails::of(&app::schools::add_email(ws, &code, &email)?), fmt))
        }
        SchoolCmd::RemoveEmail { code, email } => {
            Ok(emit(&super::ecopy::Emails::of(&app::schools::remove_email(ws, &code, &email)?), fmt))
        }
        SchoolCmd::Show { code } => Ok(emit(&app::schools::show(ws, &code)?, fmt)),
    }
}

impl Report for Vec<crate::store::SchoolSummary> {
    fn human(&self) {
        let rows: Vec<Vec<String>> = self
            .iter()
            .map(|s| {
                vec![
                    s.code.clone(),
                    s.name.clone(),
                    s.students.to_string(),
                    s.classes.to_string(),
                    crate::i18n::tr(if s.has_roster { "cli-has-roster-yes" } else { "cli-has-roster-no" }),
                ]
            })
            .collect();
        let headings: Vec<String> = [
            "cli-heading-code",
            "cli-heading-name",
            "cli-heading-students",
            "cli-heading-classes",
            "cli-heading-roster",
        ]
        .into_iter()
        .map(crate::i18n::tr)
        .collect();
        output::table(&headings.iter().map(String::as_str).collect::<Vec<_>>(), &rows);
    }
}

/// A school after `school set`.
impl Report for crate::domain::School {
    fn human(&self) {
        let s = self;
        say!(
            "{}",
            crate::msg!(
                "cli-school-line",
                code = s.code.to_string(),
                name = s.name.to_string(),
                address = s.address.as_deref().unwrap_or("-"),
                contact = s.contact.as_deref().unwrap_or("-"),
                phone = s.phone.as_deref().unwrap_or(""),
                background = background(s.background)
            )
        );
    }
}

/// The background a school requires, as a person reads it.
fn background(colour: Option<crate::domain::school::BackgroundColour>) -> String {
    match colour {
        Some(b) => crate::msg!("cli-background-colour", colour = b.as_str()).to_string(),
        None => crate::i18n::tr("cli-background-any"),
    }
}

impl Report for app::schools::SchoolDetail {
    fn human(&self) {
        let d = self;
        let s = &d.school;
        say!("{} {}", s.code, s.name);
        let emails = if s.emails.is_empty() { "-".into() } else { s.emails.join(", ") };
        say!("  {}", crate::msg!("cli-school-email", emails = emails));
        say!("  {}", crate::msg!("cli-school-address", address = s.address.as_deref().unwrap_or("-")));
        say!(
            "  {}",
            crate::msg!(
                "cli-school-contact",
                contact = s.contact.as_deref().unwrap_or("-"),
                phone = s.phone.as_deref().unwrap_or("")
            )
        );
        say!("  {}", crate::msg!("cli-school-background", background = background(s.background)));
        say!(
            "  {}",
            crate::msg!(
                "cli-school-students",
                students = d.students.to_string(),
                classes = d.classes.len().to_string()
            )
        );
        for c in &d.classes {
            say!("    {}  {}", c.bh, c.students);
        }
        match &d.roster {
            Some(r) => say!(
                "  {}",
                crate::msg!(
                    "cli-school-roster",
                    source = r.source.to_string(),
                    rows = r.rows,
                    at = output::time(&r.imported_at),
                    kept = d.rosters_kept.to_string()
                )
            ),
            None => say!("  {}", crate::i18n::tr("cli-school-no-roster")),
        }
        for b in &d.batches {
            say!(
                "  {}",
                crate::msg!(
                    "cli-school-batch",
                    id = b.id.to_string(),
                    source = b.source.to_string(),
                    accepted = b.accepted.to_string(),
                    at = output::time(&b.imported_at)
                )
            );
        }
    }
}

fn job(cmd: JobCmd, ws: &Workspace, fmt: Format) -> Result<Outcome> {
    match cmd {
        JobCmd::Create { school, classes, students, layout, needs_reprint, again: _, reason, new_only } => {
            let req = app::jobs::JobRequest {
                school,
                classes,
                students,
                layout,
                needs_reprint,
                again_reason: reason,
                new_only,
                ..Default::default()
            };
            Ok(emit(&app::jobs::create(ws, &req)?, fmt))
        }
        JobCmd::List => Ok(emit(&app::jobs::list(ws)?, fmt)),
        JobCmd::Show { job } => Ok(emit(&app::jobs::show(ws, job.parse()?)?, fmt)),
        JobCmd::Render { job } => {
            let bar = Bar::new();
            let r = app::jobs::render(ws, job.parse()?, &bar)?;
            drop(bar);
            Ok(emit(&r, fmt))
        }
        JobCmd::Verify { job } => super::verify::verify(ws, &job, fmt),
        JobCmd::Print { job, printer, copies, force } => {
            printing::print(ws, &app::printing::PrintRequest { job: job.parse()?, printer, copies, force }, fmt)
        }
        JobCmd::Status { job } => Ok(emit(&app::printing::job_status(ws, job.parse()?)?, fmt)),
        JobCmd::Cancel { job } => Ok(emit(&app::printing::cancel_job(ws, job.parse()?)?, fmt)),
        JobCmd::PackingLists { job } => Ok(emit(&app::shipments::packing_lists(ws, job.parse()?)?, fmt)),
        JobCmd::Preview { job, sheet, out } => {
            Ok(emit(&Preview { preview: app::jobs::preview(ws, job.parse()?, sheet, &out)? }, fmt))
        }
    }
}

/// The picture `job preview` wrote.
#[derive(Serialize)]
struct Preview {
    preview: PathBuf,
}

impl Report for Preview {
    fn human(&self) {
        say!("{}", self.preview.display());
    }
}

impl Report for app::jobs::JobCreated {
    fn human(&self) {
        say!("{}", self.id);
        eprintln!("{}", self.said(crate::i18n::Msg::new("cli-job-created")));
    }
}

impl Report for Vec<app::jobs::JobListLine> {
    fn human(&self) {
        let rows: Vec<Vec<String>> = self
            .iter()
            .map(|j| {
                let mut cells = j.cells();
                cells.extend([j.purpose.as_str().to_string(), output::time(&j.created_at)]);
                cells
            })
            .collect();
        let headings: Vec<String> = [
            "cli-heading-job",
            "cli-heading-school",
            "cli-heading-layout",
            "cli-heading-students",
            "cli-heading-sheets",
            "cli-heading-state",
            "cli-heading-purpose",
            "cli-heading-created",
        ]
        .into_iter()
        .map(crate::i18n::tr)
        .collect();
        output::table(&headings.iter().map(String::as_str).collect::<Vec<_>>(), &rows);
    }
}

impl Report for app::jobs::JobDetail {
    fn human(&self) {
        let d = self;
        say!(
            "{}",
            crate::msg!(
                "cli-job-head",
                job = d.id.to_string(),
                school = d.school.to_string(),
                school_name = d.school_name.to_string(),
                layout = d.layout.to_string()
            )
        );
        say!(
            "  {}",
            crate::msg!(
                "cli-job-created-by",
                at = output::time(&d.created_at),
                by = d.created_by.to_string(),
                students = d.students as i64
            )
        );
        for p in &d.packets {
            let (place, shipment) = match (&p.shipment, p.packed) {
                (Some(s), true) => ("packed", s.to_string()),
                (Some(s), false) => ("expected", s.to_string()),
                _ => ("none", String::new()),
            };
            say!(
                "  {}",
                crate::msg!(
                    "cli-job-packet",
                    packet = p.barcode.to_string(),
                    class = p.class.to_string(),
                    students = p.students,
                    place = place,
                    shipment = shipment
                )
            );
        }
        for s in &d.sheets {
            let who: Vec<String> = s.students.iter().map(|x| format!("{} {}", x.xh, x.xm)).collect();
            let what = if s.kind == SheetContent::Separator {
                crate::i18n::tr("cli-job-separator")
            } else {
                who.join(&crate::i18n::tr("cli-comma"))
            };
            say!(
                "  {}",
                crate::msg!(
                    "cli-job-sheet",
                    number = format!("{:>4}", s.number),
                    barcode = s.barcode.to_string(),
                    class = s.class.to_string(),
                    what = what
                )
            );
        }
        for p in &d.parts {
            let verified = match d.verification.iter().find(|v| v.part == p.part) {
                None => crate::i18n::tr("cli-part-not-verified"),
                Some(v) if v.stale => crate::msg!("cli-part-stale", at = output::time(&v.verified_at)).to_string(),
                Some(v) if v.passed => crate::msg!("cli-part-verified", at = output::time(&v.verified_at)).to_string(),
                Some(v) => crate::msg!(
                    "cli-part-failed",
                    at = output::time(&v.verified_at),
                    problems = v.failures.len().to_string()
                )
                .to_string(),
            };
            say!(
                "  {}",
                crate::msg!(
                    "cli-job-part",
                    part = p.part.to_string(),
                    first = p.first_sheet.to_string(),
                    last = p.last_sheet.to_string(),
                    path = p.path.to_string(),
                    verified = verified
                )
            );
        }
        for x in &d.dispatches {
            let what = match x.part {
                Some(n) => crate::msg!("cli-dispatch-part", part = n.to_string()).to_string(),
                None => crate::i18n::tr("cli-dispatch-reprint"),
            };
            say!(
                "  {}",
                crate::msg!(
                    "cli-job-sent",
                    what = what,
                    printer = x.printer.to_string(),
                    at = x.sent_at.as_deref().map_or("-".into(), output::time),
                    state = x.state.to_string()
                )
            );
        }
        for r in &d.reprints {
            let sheets: Vec<String> = r.sheets.iter().map(|(n, _)| n.to_string()).collect();
            say!(
                "  {}",
                crate::msg!(
                    "cli-job-reprint",
                    id = r.id.to_string(),
                    sheets = sheets.join(&crate::i18n::tr("cli-comma")),
                    by = r.requested_by.to_string(),
                    at = output::time(&r.requested_at),
                    reason = r.reason.to_string()
                )
            );
        }
        if let Some(t) = &d.printed_at {
            say!("  {}", crate::msg!("cli-job-printed", at = output::time(t)));
        }
    }
}

impl Report for app::jobs::Rendered {
    fn human(&self) {
        let r = self;
        say!(
            "{}",
            crate::msg!("cli-job-rendered", job = r.id.to_string(), sheets = r.sheets as i64, parts = r.parts.len())
        );
        for p in &r.parts {
            say!("{}", p.path);
        }
        if let Some(v) = &r.verification {
            v.human();
        }
    }

    /// Partly done when the verification after rendering failed.
    fn outcome(&self) -> Outcome {
        self.verification.as_ref().map_or(Outcome::Done, |v| v.outcome())
    }
}

fn layouts(cmd: LayoutCmd, ws: &Workspace, fmt: Format) -> Result<Outcome> {
    match cmd {
        LayoutCmd::List => Ok(emit(&app::layouts::list(ws)?, fmt)),
        LayoutCmd::Check { layout } => Ok(emit(&app::layouts::check(ws, &layout)?, fmt)),
    }
}

impl Report for Vec<app::layouts::LayoutLine> {
    fn human(&self) {
        let rows: Vec<Vec<String>> =
            self.iter().map(|l| vec![l.name.clone(), l.source.clone(), l.summary.clone()]).collect();
        let headings: Vec<String> =
            ["cli-heading-layout", "cli-heading-from", "cli-heading-what"].into_iter().map(crate::i18n::tr).collect();
        output::table(&headings.iter().map(String::as_str).collect::<Vec<_>>(), &rows);
    }
}

/// A layout `layout check` found to fit.
impl Report for app::layouts::LayoutLine {
    fn human(&self) {
        say!("{}", crate::msg!("cli-layout-fits", name = self.name.to_string(), summary = self.summary.to_string()));
    }
}
