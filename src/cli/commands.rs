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

pub fn run(cli: Cli) -> Result<Outcome> {
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
                eprintln!("warning: {w}");
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
                    return Err(crate::Error::input("give the collection code with --code TEXT or --code-image FILE"));
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
            say!("created workspace {}", self.workspace.display());
        } else {
            say!("workspace {} already exists; its store is up to date", self.workspace.display());
        }
    }
}

impl Report for app::migrate::Moved {
    fn human(&self) {
        let c = &self.copied;
        say!(
            "moved the store to PostgreSQL server {}: {} rows in {} tables and {} photos ({:.1} MB), in {:.1} s",
            c.server,
            c.rows,
            c.tables.len(),
            c.photos,
            c.photo_bytes as f64 / 1e6,
            self.seconds
        );
        say!("checked: every table's row count and every photo's SHA-256 are the same on both sides");
        say!(
            "{} now names the shared store ([store] url); this workspace uses it from now on",
            self.settings.display()
        );
        say!(
            "the SQLite file {} and the photos folder {} are left in place, unchanged, as the old copy \
             (this station keeps its cache of the shared photos in that folder)",
            self.sqlite_file.display(),
            self.photo_folder.display()
        );
    }
}

impl Report for crate::store::StoreInfo {
    fn human(&self) {
        say!("store: {} ({})", self.kind, self.location);
        say!("schema version: {} (this gradlab: {})", self.schema_version, self.program_schema_version);
        if let Some(v) = &self.server_version {
            say!("server version: PostgreSQL {v}");
            match &self.tls {
                Some(tls) => say!("connection: encrypted ({tls})"),
                None => say!("connection: not encrypted"),
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
            say!("audit log BROKEN: {problem} (entries checked: {})", self.entries);
        } else {
            say!(
                "audit log whole: {} chained{}",
                crate::words::count((self.entries - self.unchained) as i64, "entry", "entries"),
                if self.unchained > 0 {
                    format!(", {} from before the chain came first", self.unchained)
                } else {
                    String::new()
                }
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
            "batch {}: {} accepted, {} already stored, {} rejected, {}{}",
            report.source,
            report.accepted.len(),
            report.skipped.len(),
            report.rejected.len(),
            crate::words::count(report.warnings.len() as i64, "warning", "warnings"),
            report.id.map(|id| format!(" (batch id {id})")).unwrap_or_default()
        );
        let replaced = report.accepted.iter().filter(|a| a.replaced).count();
        if replaced > 0 {
            say!("{replaced} stored photos replaced; the old ones are kept in history");
        }
        output::findings("rejected", &report.rejected);
        output::findings("warnings", &report.warnings);
        if report.id.is_none() {
            say!("nothing was stored");
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
            "roster {} for school {}: {}, {} matched to photos (roster id {})",
            r.file,
            r.school,
            crate::words::count(r.rows as i64, "row", "rows"),
            r.matched,
            r.id
        );
        say!("{}", roster_changes(r));
        if !r.without_photo.is_empty() {
            say!("roster rows with no photo ({}):", r.without_photo.len());
            for l in &r.without_photo {
                say!(
                    "  row {}: 学号 {} 采集码 {}",
                    l.row,
                    l.xh.as_deref().unwrap_or("-"),
                    l.cjm.as_deref().unwrap_or("-")
                );
            }
        }
        if !r.not_on_roster.is_empty() {
            say!("students not on the roster, printed after it ({}):", r.not_on_roster.len());
            for s in &r.not_on_roster {
                say!("  {} {} {}", s.xh, s.cjm, s.bh);
            }
        }
        for m in &r.name_mismatches {
            say!(
                "warning: row {}: possible wrong photo: roster name {} does not agree with {} ({} {})",
                m.row,
                m.roster_name,
                m.masked_name,
                m.xh,
                m.cjm
            );
        }
        output::findings("rejected", &r.rejected);
        output::findings("warnings", &r.warnings);
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
        output::table(&["#", "roster", "学号", "姓名", "班级", "采集码"], &rows);
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
                (None, Some(e)) => eprintln!("error: {e}"),
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
    eprintln!("A new workspace. Who is the lab? (Enter leaves a line empty; edit gradlab.toml later.)");
    ask("The lab's name, for labels and e-mails (实验室名称)", &mut id.name);
    ask("Return address on shipping labels (寄件地址)", &mut id.sender_address);
    ask("Phone on shipping labels (寄件电话)", &mut id.sender_phone);
}

/// "replaces the roster of 物理2101班 (31 rows); keeps 化学2102班 from 2026-11-28".
fn roster_changes(r: &app::roster::RosterReport) -> String {
    let replaced: Vec<String> = r
        .replaced_classes
        .iter()
        .map(|c| {
            let class = if c.class.is_empty() { "rows of no known class" } else { &c.class };
            format!("{class} ({})", crate::words::count(c.rows as i64, "row", "rows"))
        })
        .collect();
    let mut s = if r.replaced_all {
        format!("replaces the whole roster: {}", replaced.join(", "))
    } else {
        format!("replaces the roster of {}", replaced.join(", "))
    };
    for k in &r.kept_classes {
        let day = output::zone().day(&k.imported_at).map(|d| d.to_string()).unwrap_or_default();
        s += &format!("; keeps {} from {day}", k.class);
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
        say!("  warning: {w}");
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
                return Err(crate::Error::input("give at least one of --address, --contact, --phone, --background"));
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
                    if s.has_roster { "yes" } else { "no" }.into(),
                ]
            })
            .collect();
        output::table(&["code", "name", "students", "classes", "roster"], &rows);
    }
}

/// A school after `school set`.
impl Report for crate::domain::School {
    fn human(&self) {
        let s = self;
        say!(
            "{} {}: {} / {} {}; background {}",
            s.code,
            s.name,
            s.address.as_deref().unwrap_or("-"),
            s.contact.as_deref().unwrap_or("-"),
            s.phone.as_deref().unwrap_or(""),
            s.background.map(|b| b.as_str()).unwrap_or("any standard colour")
        );
    }
}

impl Report for app::schools::SchoolDetail {
    fn human(&self) {
        let d = self;
        let s = &d.school;
        say!("{} {}", s.code, s.name);
        say!("  e-mail:   {}", if s.emails.is_empty() { "-".into() } else { s.emails.join(", ") });
        say!("  address:  {}", s.address.as_deref().unwrap_or("-"));
        say!("  contact:  {} {}", s.contact.as_deref().unwrap_or("-"), s.phone.as_deref().unwrap_or(""));
        say!("  background: {}", s.background.map(|b| b.as_str()).unwrap_or("any standard colour"));
        say!("  students: {} in {} classes", d.students, d.classes.len());
        for c in &d.classes {
            say!("    {}  {}", c.bh, c.students);
        }
        match &d.roster {
            Some(r) => say!(
                "  roster:   {} ({}, imported {}; {} kept in all)",
                r.source,
                crate::words::count(r.rows, "row", "rows"),
                output::time(&r.imported_at),
                d.rosters_kept
            ),
            None => say!("  roster:   none (print order: class, shooting sequence, 学号)"),
        }
        for b in &d.batches {
            say!("  batch {}: {} ({} accepted, {})", b.id, b.source, b.accepted, output::time(&b.imported_at));
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
        let made = self;
        say!("{}", made.id);
        eprintln!(
            "job {}: {} in {}, {}, layout {}",
            made.id,
            crate::words::count(made.students as i64, "student", "students"),
            crate::words::count(made.packets as i64, "packet", "packets"),
            crate::words::count(made.sheets as i64, "sheet", "sheets"),
            made.layout
        );
    }
}

impl Report for Vec<app::jobs::JobListLine> {
    fn human(&self) {
        let rows: Vec<Vec<String>> = self
            .iter()
            .map(|j| {
                vec![
                    j.id.to_string(),
                    j.school.clone(),
                    j.layout.clone(),
                    j.students.to_string(),
                    j.sheets.to_string(),
                    j.progress.words().to_string(),
                    j.purpose.as_str().to_string(),
                    output::time(&j.created_at),
                ]
            })
            .collect();
        output::table(&["job", "school", "layout", "students", "sheets", "state", "purpose", "created"], &rows);
    }
}

impl Report for app::jobs::JobDetail {
    fn human(&self) {
        let d = self;
        say!("job {}  school {} {}  layout {}", d.id, d.school, d.school_name, d.layout);
        say!(
            "  created {} by {}; {}",
            output::time(&d.created_at),
            d.created_by,
            crate::words::count(d.students as i64, "student", "students")
        );
        for p in &d.packets {
            let shipped = match (&p.shipment, p.packed) {
                (Some(s), true) => format!("  packed in {s}"),
                (Some(s), false) => format!("  expected in {s}"),
                _ => String::new(),
            };
            let students = crate::words::count(p.students, "student", "students");
            say!("  packet {}  {}  {students}{shipped}", p.barcode, p.class);
        }
        for s in &d.sheets {
            let who: Vec<String> = s.students.iter().map(|x| format!("{} {}", x.xh, x.xm)).collect();
            let what = if s.kind == SheetContent::Separator { "separator".to_string() } else { who.join(", ") };
            say!("  sheet {:>4}  {}  {}  {}", s.number, s.barcode, s.class, what);
        }
        for p in &d.parts {
            let verified = match d.verification.iter().find(|v| v.part == p.part) {
                None => "not verified".to_string(),
                Some(v) if v.stale => {
                    format!("rendered again since verified at {}; not verified", output::time(&v.verified_at))
                }
                Some(v) if v.passed => format!("verified at {}", output::time(&v.verified_at)),
                Some(v) => {
                    format!("FAILED verification at {} ({} problems)", output::time(&v.verified_at), v.failures.len())
                }
            };
            say!("  part {} (sheets {}-{}): {}; {verified}", p.part, p.first_sheet, p.last_sheet, p.path);
        }
        for x in &d.dispatches {
            let what = x.part.map(|n| format!("part {n}")).unwrap_or_else(|| "reprint".into());
            say!(
                "  sent {what} to {} at {}: {}",
                x.printer,
                x.sent_at.as_deref().map_or("-".into(), output::time),
                x.state
            );
        }
        for r in &d.reprints {
            let sheets: Vec<String> = r.sheets.iter().map(|(n, _)| n.to_string()).collect();
            say!(
                "  reprint {} of sheets {} by {} at {}: {}",
                r.id,
                sheets.join(", "),
                r.requested_by,
                output::time(&r.requested_at),
                r.reason
            );
        }
        if let Some(t) = &d.printed_at {
            say!("  printed: {}", output::time(t));
        }
    }
}

impl Report for app::jobs::Rendered {
    fn human(&self) {
        let r = self;
        say!(
            "job {}: {} in {}",
            r.id,
            crate::words::count(r.sheets as i64, "sheet", "sheets"),
            crate::words::count(r.parts.len() as i64, "part", "parts")
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
        output::table(&["layout", "from", "what"], &rows);
    }
}

/// A layout `layout check` found to fit.
impl Report for app::layouts::LayoutLine {
    fn human(&self) {
        say!("{}: fits; {}", self.name, self.summary);
    }
}
