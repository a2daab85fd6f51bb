//! The command line: flags are data, defined here in one place with clap; `run` calls one
//! service per command and prints its result as text or, with `--json`, as JSON. No SQL and no
//! business rules here.

mod bar;
mod care;
mod commands;
mod corrections;
mod ecopy;
mod output;
mod printing;
mod requests;
mod shipping;
mod verify;
mod walkin;

pub use commands::run;

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "gradlab",
    version,
    about = "Graduation-photo lab: import approved batches and rosters, lay out and print sheets, ship them",
    after_help = "Exit codes: 0 success, 1 error (nothing changed), 2 usage, 3 done with some items refused (each named)."
)]
pub struct Cli {
    /// Workspace folder (default: the platform data folder for gradlab)
    #[arg(long, global = true, env = "GRADLAB_HOME", value_name = "DIR")]
    pub workspace: Option<PathBuf>,
    /// Print results as JSON (listings, reports, created ids)
    #[arg(long, global = true)]
    pub json: bool,
    /// Who is at the keyboard, for the audit log (default: [lab] operator, else the OS user)
    #[arg(long, global = true, env = "GRADLAB_OPERATOR", value_name = "NAME")]
    pub operator: Option<String>,
    /// Language of the messages: zh or en (default: [lab] language, else the locale's)
    #[arg(long, global = true, value_name = "zh|en")]
    pub lang: Option<crate::i18n::Lang>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a workspace: the store, the photo store and a commented gradlab.toml with the
    /// lab's name and sender (asked for when run in a terminal and not given)
    Init {
        /// The lab's name, printed on labels, packing lists and e-mails
        #[arg(long, value_name = "NAME")]
        lab_name: Option<String>,
        /// The return address printed on shipping labels
        #[arg(long, value_name = "ADDRESS")]
        sender_address: Option<String>,
        /// The phone number printed on shipping labels
        #[arg(long, value_name = "PHONE")]
        sender_phone: Option<String>,
        /// Keep the store on a PostgreSQL server shared by the lab's stations
        /// (postgres://USER@HOST:PORT/DB): creates it in an empty database or joins it
        #[arg(long, value_name = "URL")]
        store: Option<String>,
        /// With --store: the environment variable that holds the store's password
        #[arg(long, value_name = "NAME", requires = "store", conflicts_with = "password_file")]
        password_env: Option<String>,
        /// With --store: a file whose first line is the store's password (chmod 600)
        #[arg(long, value_name = "FILE", requires = "store")]
        password_file: Option<String>,
    },
    /// Make a fresh demo workspace with a synthetic school, photos and roster, and import them
    Demo {
        /// Folder for the demo workspace (replaced if it holds an earlier demo)
        #[arg(long, default_value = "gradlab-demo")]
        dir: PathBuf,
    },
    /// Schools (院校) the lab serves
    #[command(subcommand)]
    School(SchoolCmd),
    /// Approved photo batches
    #[command(subcommand)]
    Batch(BatchCmd),
    /// School rosters (学校数据表)
    #[command(subcommand)]
    Roster(RosterCmd),
    /// Students in print order
    #[command(subcommand)]
    Student(StudentCmd),
    /// Collection codes (采集码)
    #[command(subcommand)]
    Qr(QrCmd),
    /// Print jobs: sheets laid out in print order, rendered to PDF
    #[command(subcommand)]
    Job(JobCmd),
    /// Sheet layouts (layouts/*.toml)
    #[command(subcommand)]
    Layout(LayoutCmd),
    /// Printers: IPP printers and RIP hot folders, with each one's offset and scale correction
    #[command(subcommand)]
    Printer(PrinterCmd),
    /// Single sheets of a job
    #[command(subcommand)]
    Sheet(SheetCmd),
    /// Shipments to schools (or to one person): packets, label, packing lists, states
    #[command(subcommand)]
    Shipment(ShipmentCmd),
    /// Record one mailroom scan: a packet, a shipment or a courier's tracking number
    Scan {
        /// What was scanned: a packet (P…) or shipment (H…) barcode, or a courier's tracking number
        code: String,
        /// Shipment to fill (default: the station's current one, set by scanning its barcode)
        #[arg(long, value_name = "ID")]
        shipment: Option<String>,
        /// Station name for the scan log (default: [lab] station in gradlab.toml, else the computer's name)
        #[arg(long, value_name = "NAME")]
        station: Option<String>,
        /// Carrier of a tracking number: upu, ems, sf, or other for a format we do not check
        #[arg(long, value_name = "C")]
        carrier: Option<String>,
        /// Attach a tracking number another shipment already carries (needs --reason; audited)
        #[arg(long, requires = "reason")]
        force: bool,
        /// Why the number is used twice (with --force)
        #[arg(long, value_name = "TEXT", requires = "force")]
        reason: Option<String>,
    },
    /// Reports: what is late or due, and each school's progress
    #[command(subcommand)]
    Report(ReportCmd),
    /// The audit log: prove it was not changed outside gradlab
    #[command(subcommand)]
    Audit(AuditCmd),
    /// The store: which one this workspace uses
    #[command(subcommand)]
    Store(StoreCmd),
    /// Prove the store whole: the database's own check, every photo hashed against its name,
    /// stray photo files, rows whose photo is gone, rendered parts changed since recorded;
    /// exit 3 naming each problem
    Check,
    /// Copy the workspace into DIR while other commands and the window go on working: a
    /// consistent snapshot of the store, its photos (only those not already in DIR), rendered
    /// parts, settings, layouts and calendar
    #[command(after_help = "Passwords are never in a workspace's files and are not copied. \
                      A store on a PostgreSQL server is backed up with pg_dump; the command says how.")]
    Backup {
        /// The backup folder: new, empty, or an earlier backup of this workspace
        dir: PathBuf,
    },
    /// Put the backup in DIR into a new or empty workspace (--workspace), then check it
    Restore {
        /// A folder `gradlab backup` made
        dir: PathBuf,
    },
    /// Open the desktop window (Simplified Chinese): technician, mailroom and administrator
    /// screens over the same workspace and services as these commands
    Gui {
        /// This station's name (default: [lab] station in gradlab.toml, else the computer's name)
        #[arg(long, value_name = "NAME")]
        station: Option<String>,
        /// Save a PNG of each screen into DIR and exit (scripts/gui-screenshots)
        #[arg(long, value_name = "DIR", hide = true)]
        screenshots: Option<PathBuf>,
        /// With --screenshots: a code to scan in the mailroom first (repeatable)
        #[arg(long = "scan", value_name = "CODE", hide = true)]
        scans: Vec<String>,
        /// With --screenshots: a batch folder to import through the file chooser first
        #[arg(long, value_name = "DIR", hide = true)]
        import: Option<PathBuf>,
        /// The window's size at start, WIDTHxHEIGHT in logical pixels (default 1280x800; the
        /// screens are laid out for 1024x700 and up)
        #[arg(long, value_name = "WxH", value_parser = crate::gui::parse_size)]
        size: Option<(u32, u32)>,
    },
    /// Electronic copies (电子版): a school's letter, its photos e-mailed as numbered zip parts
    /// to an address registered for it
    #[command(subcommand)]
    Ecopy(ecopy::EcopyCmd),
    /// Reprint requests (补洗/补片): lost, never printed or damaged prints
    #[command(subcommand)]
    Request(RequestCmd),
    /// Corrections (勘误) of what a student's strip prints: 学号, 姓名, 班级, 层次, 学历类别
    #[command(subcommand)]
    Correction(CorrectionCmd),
    /// A walk-in (散拍/补拍): decode the student's collection code (采集码), check and store his
    /// photo as a one-student batch, make and render a job for him and, with --printer, print it
    #[command(
        group(clap::ArgGroup::new("collection_code").required(true).args(["code", "code_image"])),
        after_help = "The photo is checked exactly as in `batch import`; a refused photo or an unregistered school stores nothing (exit 1).\n\
                      If printing fails (printer unreachable), the student, his batch and the job stay: the error names the job; print it later with `gradlab job print JOB --printer NAME` (exit 1)."
    )]
    Walkin {
        /// The text a 2D scanner typed from the collection code (its JSON payload)
        #[arg(long, value_name = "TEXT")]
        code: Option<String>,
        /// A picture (PNG, JPEG) of the collection code's QR code
        #[arg(long, value_name = "FILE")]
        code_image: Option<PathBuf>,
        /// The student's approved photo (JPEG, 480x640)
        #[arg(long, value_name = "FILE")]
        photo: PathBuf,
        /// Layout name (workspace layouts/ or shipped) or a .toml file
        #[arg(long, value_name = "NAME|FILE")]
        layout: Option<String>,
        /// Print at once on this printer
        #[arg(long, value_name = "NAME")]
        printer: Option<String>,
        /// Replace a different photo already stored for this code (the old one is kept in history)
        #[arg(long)]
        replace: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum RequestCmd {
    /// Record a request; it is matched when what it gives points at exactly one student
    Add(Box<RequestAdd>),
    /// Record the requests in a school's table (xlsx, xls, ods or CSV)
    Import {
        /// The school's table of requests (xlsx, xls, ods or CSV)
        file: std::path::PathBuf,
        /// The school, when the table has no 院校代码 column
        #[arg(long, value_name = "CODE")]
        school: Option<String>,
    },
    /// Settle an unmatched request: the student it means
    Match {
        /// The request's id (R12)
        id: String,
        /// The 学号 of the student the request means
        #[arg(long, value_name = "XH")]
        student: String,
    },
    /// Approve; the fee for its kind comes from [requests] in gradlab.toml unless given
    Approve {
        /// The request's id (R12)
        id: String,
        /// Fee in yuan (default: the fee for its kind in [requests])
        #[arg(long, value_name = "YUAN")]
        fee: Option<f64>,
    },
    /// Refuse a request, saying why
    Reject {
        /// The request's id (R12)
        id: String,
        /// Why the request is rejected
        #[arg(long, value_name = "R")]
        reason: String,
    },
    /// Make the reprint job for the request's student (then `job print` it)
    Print {
        /// The request's id (R12)
        id: String,
        /// Layout name (workspace layouts/ or shipped) or a .toml file
        #[arg(long, value_name = "NAME|FILE")]
        layout: Option<String>,
    },
    /// Ship the printed reprint: to the student's address, or with the school's next shipment
    Ship {
        /// The request's id (R12)
        id: String,
    },
    /// Close by hand once its shipment has left (delivery closes it by itself)
    Close {
        /// The request's id (R12)
        id: String,
    },
    /// List requests
    List {
        /// Only requests in this state: received, matched, approved, printing, printed, shipped, closed or rejected
        #[arg(long, value_name = "S")]
        status: Option<String>,
        /// Only this school (院校代码)
        #[arg(long, value_name = "CODE")]
        school: Option<String>,
    },
    /// Show a request with its candidates and full history
    Show {
        /// The request's id (R12)
        id: String,
    },
}

#[derive(Debug, Args)]
pub struct RequestAdd {
    /// lost (丢失), missing (漏洗: never printed) or damaged (损坏)
    #[arg(long, value_name = "KIND")]
    pub kind: String,
    /// School code (院校代码)
    #[arg(long, value_name = "CODE")]
    pub school: String,
    /// The student's 学号
    #[arg(long, value_name = "XH")]
    pub student: Option<String>,
    /// The student's 采集码
    #[arg(long, value_name = "CJM")]
    pub code: Option<String>,
    /// Last 4 of the ID number (a whole number is cut to its last 4 before it is stored)
    #[arg(long, value_name = "NNNN")]
    pub id_last4: Option<String>,
    /// The masked name as printed (张*三)
    #[arg(long, value_name = "MASKED")]
    pub name: Option<String>,
    /// student or school
    #[arg(long, value_name = "WHO")]
    pub requester: String,
    // Where to send the reprint, and to whom when not the student himself.
    #[command(flatten)]
    pub send_to: ContactArgs,
    /// What the request says, in a line
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ShipmentCmd {
    /// Open a shipment to a school with the packets of its printed jobs not yet shipped
    Create {
        /// School code (院校代码)
        #[arg(long, value_name = "CODE")]
        school: String,
        /// Only this job's packets (repeatable)
        #[arg(long = "job", value_name = "JOB")]
        jobs: Vec<String>,
        /// Ship to one person at this address instead of the school (with --recipient)
        #[arg(long, value_name = "ADDRESS")]
        to: Option<String>,
        /// Who receives a shipment sent --to one person
        #[arg(long, value_name = "NAME")]
        recipient: Option<String>,
        /// Recipient's phone (default: the school's)
        #[arg(long, value_name = "P")]
        phone: Option<String>,
    },
    /// List shipments
    List {
        /// open, sealed, shipped, delivered or returned
        #[arg(long, value_name = "S")]
        status: Option<String>,
    },
    /// Show a shipment: recipient, state, packets expected and scanned
    Show {
        /// The shipment's barcode (H…) or number
        id: String,
    },
    /// Close a shipment once every packet is scanned (--force --reason to leave missing ones out)
    Seal {
        /// The shipment's barcode (H…) or number
        id: String,
        /// Seal without the packets not scanned yet; they wait for the next shipment (needs --reason)
        #[arg(long)]
        force: bool,
        /// Why the shipment leaves without those packets (with --force)
        #[arg(long, value_name = "R")]
        reason: Option<String>,
    },
    /// Hand a sealed shipment to the courier
    Ship {
        /// The shipment's barcode (H…) or number
        id: String,
        /// The courier's tracking number (if it was not scanned already)
        #[arg(long, value_name = "NO")]
        tracking: Option<String>,
        /// upu, ems, sf or other
        #[arg(long, value_name = "C")]
        carrier: Option<String>,
        /// Attach a tracking number another shipment already carries (needs --reason; audited)
        #[arg(long, requires = "reason")]
        force: bool,
        /// Why the number is used twice (with --force)
        #[arg(long, value_name = "TEXT", requires = "force")]
        reason: Option<String>,
    },
    /// The school received it
    Deliver {
        /// The shipment's barcode (H…) or number
        id: String,
    },
    /// The courier brought it back; its packets can go out again
    Return {
        /// The shipment's barcode (H…) or number
        id: String,
        /// Why the shipment came back
        #[arg(long, value_name = "R")]
        reason: String,
    },
    /// Write the label and packing lists again
    Documents {
        /// The shipment's barcode (H…) or number
        id: String,
    },
    /// Print the shipment's label, or with --packing-lists its packing lists, on a printer
    Print {
        /// The shipment's barcode (H…) or number
        id: String,
        /// The printer to send to (`gradlab printer list`)
        #[arg(long, value_name = "NAME")]
        printer: String,
        /// The shipment's and its packets' packing lists instead of the label
        #[arg(long)]
        packing_lists: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum CorrectionCmd {
    /// Correct one field of one student; the old value must be the one stored. A student with
    /// printed photos is marked for a reprint (`job create --needs-reprint`)
    Add {
        /// School code (院校代码)
        #[arg(long, value_name = "CODE")]
        school: String,
        /// The student's 学号 (or his 采集码 when two students share a 学号)
        #[arg(long, value_name = "XH")]
        student: String,
        /// xh, xm, bh, cc, xllb, or 学号, 姓名, 班级, 层次/学历层次, 类别/学历类别
        #[arg(long, value_name = "F")]
        field: String,
        /// The value stored now
        #[arg(long, value_name = "OLD", allow_hyphen_values = true)]
        from: String,
        /// The corrected value (姓名 masked, as CHSI sends it: 张*三)
        #[arg(long, value_name = "NEW", allow_hyphen_values = true)]
        to: String,
    },
    /// Apply a school's correction table (勘误表: xlsx, xls, ods or CSV with columns 学号, 字段,
    /// 原值, 新值); refused rows are named and skipped, the others applied (exit 3 if any refused)
    Import {
        /// The school's correction table (勘误表)
        file: PathBuf,
        /// School code (院校代码)
        #[arg(long, value_name = "CODE")]
        school: String,
        /// Sheet to read (default: the first)
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
    },
    /// List corrections: student, field, old -> new, source, who, when, reprint job
    List {
        /// Only this school (院校代码)
        #[arg(long, value_name = "CODE")]
        school: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum StoreCmd {
    /// Say which store the workspace uses (SQLite or PostgreSQL), its schema version and the
    /// server's version
    Info,
    /// Move this workspace's SQLite store, every table and every photo, into an empty PostgreSQL
    /// store, check the copy (row counts, photo hashes), and only then point gradlab.toml at it
    #[command(after_help = "A target that holds any gradlab data is refused and nothing changes on either side. \
                      The SQLite file and the photos folder are left in place, unchanged, as the old copy.")]
    Migrate {
        /// The empty PostgreSQL store: postgres://USER@HOST:PORT/DB (with ?sslmode=... as for init)
        #[arg(long, value_name = "URL")]
        to: String,
        /// The environment variable that holds the store's password
        #[arg(long, value_name = "NAME", conflicts_with = "password_file")]
        password_env: Option<String>,
        /// A file whose first line is the store's password (chmod 600), relative to the workspace
        #[arg(long, value_name = "FILE")]
        password_file: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCmd {
    /// Walk the audit log's hash chain from its first entry; exits 1 where it breaks
    Verify,
}

#[derive(Debug, Subcommand)]
pub enum ReportCmd {
    /// Jobs late or due within a week against the promise of N working days from collection
    Due {
        /// Report as of this day (YYYY-MM-DD) instead of today
        #[arg(long, value_name = "DATE")]
        today: Option<String>,
    },
    /// Per school: students imported, printed, packed, shipped, delivered; open reprint requests
    Schools,
}

#[derive(Debug, Subcommand)]
pub enum PrinterCmd {
    /// Set up a printer: an IPP printer or CUPS queue (--ipp), or a RIP's hot folder
    Add {
        /// The printer's name
        name: String,
        /// IPP address, e.g. ipp://printer.local:631/ipp/print or http://cups:631/printers/QUEUE
        #[arg(long, value_name = "URI", conflicts_with = "hot_folder", required_unless_present = "hot_folder")]
        ipp: Option<String>,
        /// Folder a RIP watches; PDFs are written there atomically
        #[arg(long, value_name = "DIR")]
        hot_folder: Option<PathBuf>,
        #[command(flatten)]
        adjust: PrinterAdjust,
    },
    /// Change a printer's correction or paper after printing a calibration sheet
    Set {
        /// The printer's name
        name: String,
        #[command(flatten)]
        adjust: PrinterAdjust,
    },
    /// List the printers in use
    List,
    /// Stop using a printer (what was sent through it stays on record)
    Remove {
        /// The printer's name
        name: String,
    },
    /// Print a calibration sheet (rulers in mm, crosshairs at known positions) to measure the
    /// printer's offset and scale
    Test {
        /// The printer's name
        name: String,
    },
}

/// A printer's correction and paper; `printer add` takes what is not given as none (0 mm,
/// 100 %), `printer set` leaves it as it was.
#[derive(Debug, Args)]
pub struct PrinterAdjust {
    /// Move everything sent to this printer right by MM (negative: left) [new printer: 0]
    #[arg(long, value_name = "MM", allow_negative_numbers = true)]
    pub offset_x: Option<f64>,
    /// Move everything sent to this printer down by MM (negative: up) [new printer: 0]
    #[arg(long, value_name = "MM", allow_negative_numbers = true)]
    pub offset_y: Option<f64>,
    /// Scale everything sent to this printer by PCT percent about the page centre [new printer: 100]
    #[arg(long, value_name = "PCT")]
    pub scale: Option<f64>,
    /// Paper loaded: A4, 6inch, 5inch, A5, A6, ... or a PWG name such as iso_a4_210x297mm
    #[arg(long, value_name = "NAME")]
    pub media: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum SheetCmd {
    /// Print sheets again (jammed, damaged): scan each sheet's barcode, or a student's barcode on it
    Reprint {
        /// Sheet barcodes (S…) or student barcodes (T…)
        #[arg(required = true, value_name = "CODE")]
        codes: Vec<String>,
        /// Printer (default: the one the job was last sent to)
        #[arg(long, value_name = "NAME")]
        printer: Option<String>,
        /// Why the sheet is printed again; kept on record
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// Reprint sheets as they were printed although a student on them was corrected since
        /// (audited); otherwise such a reprint is refused
        #[arg(long)]
        as_printed: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum JobCmd {
    /// Freeze a school's students in print order and a copy of the layout into a new job
    Create {
        /// School code (院校代码)
        #[arg(long, value_name = "CODE")]
        school: String,
        /// Only these classes (班级); repeatable
        #[arg(long = "class", value_name = "BH")]
        classes: Vec<String>,
        /// Only these students (学号); repeatable
        #[arg(long = "student", value_name = "XH")]
        students: Vec<String>,
        /// Layout name (workspace layouts/ or shipped) or a .toml file
        #[arg(long, value_name = "NAME|FILE")]
        layout: Option<String>,
        /// Only the students whose printed photos a correction (勘误) made wrong; clears their mark
        #[arg(long)]
        needs_reprint: bool,
        /// Print students who are already in a job again, on purpose (needs --reason; audited)
        #[arg(long, requires = "reason", conflicts_with_all = ["needs_reprint", "new_only"])]
        again: bool,
        /// Why students already in a job are printed again (with --again)
        #[arg(long, value_name = "TEXT", requires = "again")]
        reason: Option<String>,
        /// Only the students in no job yet (leave out those already printed or waiting to print)
        #[arg(long, conflicts_with = "needs_reprint")]
        new_only: bool,
    },
    /// List jobs
    List,
    /// Show a job: packets, sheets with their barcodes and the students on each, in order
    Show {
        /// The job's barcode (J…) or number
        job: String,
    },
    /// Write the job's PDF parts under the workspace's output folder (and verify them, unless
    /// [render] verify_after_render = false)
    Render {
        /// The job's barcode (J…) or number
        job: String,
    },
    /// Read every rendered part back and prove it shows what the job froze: each photo's bytes
    /// and place, each caption's text and glyphs, each barcode decoded from a 300 dpi raster,
    /// sheet order and file hash; failures are named by sheet and student (exit 3)
    Verify {
        /// The job's barcode (J…) or number
        job: String,
    },
    /// Send the job's PDF parts to a printer (rendering them first if needed); a part already
    /// sent is skipped unless --force
    Print {
        /// The job's barcode (J…) or number
        job: String,
        /// Printer name (see `printer list`)
        #[arg(long, value_name = "NAME")]
        printer: String,
        /// Copies of each part
        #[arg(long, default_value_t = 1, value_name = "N")]
        copies: u32,
        /// Send parts again even if they were sent before, and parts that did not pass
        /// verification (recorded in the audit log)
        #[arg(long)]
        force: bool,
    },
    /// Ask the printers how each part is doing and record it; a job is printed when every
    /// part has completed
    Status {
        /// The job's barcode (J…) or number
        job: String,
    },
    /// Cancel every part of the job still waiting or printing
    Cancel {
        /// The job's barcode (J…) or number
        job: String,
    },
    /// Write each packet's packing list (students in order, packet barcode)
    PackingLists {
        /// The job's barcode (J…) or number
        job: String,
    },
    /// Draw one sheet to a PNG to look at before printing
    Preview {
        /// The job's barcode (J…) or number
        job: String,
        /// Sheet number (default: the first sheet with photos)
        #[arg(long)]
        sheet: Option<usize>,
        /// Where to write the picture: a .png file, or .jpg for a JPEG
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum LayoutCmd {
    /// List the layouts: the workspace's layouts/ folder and the shipped ones
    List,
    /// Load and check a layout (name or .toml file); says what overflows and by how much
    Check {
        /// Layout name (workspace layouts/ or shipped) or a .toml file
        layout: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum SchoolCmd {
    /// Register a school
    Add(SchoolAdd),
    /// List registered schools
    List,
    /// Change a school's postal address, contact or phone, or the background colour it requires
    Set {
        /// School code (院校代码), 5 digits
        code: String,
        #[command(flatten)]
        contact: ContactArgs,
        /// Require this background of the school's photos: blue, white or grey (any: whichever
        /// the standard allows); the photo check warns about any other
        #[arg(long, value_name = "COLOUR")]
        background: Option<String>,
    },
    /// Show one school: addresses, classes, roster, batches
    Show {
        /// School code (院校代码), 5 digits
        code: String,
    },
    /// Register another e-mail address for the school's electronic copies (audited)
    AddEmail {
        /// School code (院校代码), 5 digits
        code: String,
        /// The address the school confirmed for its electronic copies
        email: String,
    },
    /// Stop sending electronic copies to one of the school's addresses (audited)
    RemoveEmail {
        /// School code (院校代码), 5 digits
        code: String,
        /// The registered address to stop using
        email: String,
    },
}

#[derive(Debug, Args)]
pub struct SchoolAdd {
    /// School code (院校代码), 5 digits
    pub code: String,
    /// School name
    pub name: String,
    /// Registered e-mail address for electronic copies (repeatable)
    #[arg(long = "email", value_name = "E")]
    pub emails: Vec<String>,
    #[command(flatten)]
    pub contact: ContactArgs,
}

/// Where shipments go and who receives them: a school's address and contact person, or a
/// student's own for a reprint request.
#[derive(Debug, Args)]
pub struct ContactArgs {
    /// Postal address to send to (a school's shipments; a student's own, for a reprint)
    #[arg(long, value_name = "A")]
    pub address: Option<String>,
    /// Who receives what is sent there (a school's contact person; for a reprint, whoever
    /// receives it when not the student himself)
    #[arg(long, value_name = "C")]
    pub contact: Option<String>,
    /// The phone of whoever receives it
    #[arg(long, value_name = "P")]
    pub phone: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum BatchCmd {
    /// Import an approved batch: a folder or .zip of JPEGs and one data table (CSV or XLSX)
    Import {
        /// The batch: a folder or .zip of JPEGs with one data table (CSV, xlsx, xls or ods)
        path: PathBuf,
        /// Replace a stored photo that differs (the old one is kept in history)
        #[arg(long)]
        replace: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum RosterCmd {
    /// Import a school's roster (xlsx, xls, ods or CSV); it becomes the print order of the
    /// classes it holds, and the other classes keep the order an earlier roster gave them
    Import {
        /// The roster file (xlsx, xls, ods or CSV)
        file: PathBuf,
        /// School code (院校代码)
        #[arg(long, value_name = "CODE")]
        school: String,
        /// Sheet to read (default: the first)
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// Start over: the file replaces the whole roster, classes it does not hold included
        #[arg(long)]
        replace_all: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum StudentCmd {
    /// List a school's students in print order
    List {
        /// School code (院校代码)
        #[arg(long, value_name = "CODE")]
        school: String,
        /// Only these classes (班级); repeatable
        #[arg(long = "class", value_name = "BH")]
        classes: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum QrCmd {
    /// Decode collection-code QR pictures (PNG, JPEG)
    Decode {
        /// Pictures of collection-code QR codes (PNG, JPEG)
        #[arg(required = true)]
        images: Vec<PathBuf>,
    },
    /// Parse the text a 2D scanner typed from a collection code
    Parse {
        /// The text a 2D scanner typed (the code's JSON payload)
        text: String,
    },
}

#[cfg(test)]
mod tests {
    use super::{Cli, Command, ContactArgs, RequestCmd, SchoolCmd};
    use clap::{CommandFactory, Parser};

    /// `--address`, `--contact` and `--phone` are one set of flags, the same wherever given.
    #[test]
    fn address_contact_and_phone_are_read_alike_by_every_command() {
        let parse = |args: &[&str]| {
            let flags = ["--address", "深圳市学苑大道1号", "--contact", "王老师", "--phone", "13800000000"];
            Cli::try_parse_from(["gradlab"].iter().chain(args).chain(&flags)).map(|cli| cli.command)
        };
        let seen = |c: ContactArgs| (c.address, c.contact, c.phone);
        let want = (Some("深圳市学苑大道1号".into()), Some("王老师".into()), Some("13800000000".into()));
        let given = [
            match parse(&["school", "add", "10418", "南山示范大学"]) {
                Ok(Command::School(SchoolCmd::Add(a))) => seen(a.contact),
                other => panic!("school add: {other:?}"),
            },
            match parse(&["school", "set", "10418"]) {
                Ok(Command::School(SchoolCmd::Set { contact, .. })) => seen(contact),
                other => panic!("school set: {other:?}"),
            },
            match parse(&["request", "add", "--kind", "lost", "--school", "10418", "--requester", "student"]) {
                Ok(Command::Request(RequestCmd::Add(a))) => seen(a.send_to),
                other => panic!("request add: {other:?}"),
            },
        ];
        for g in given {
            assert_eq!(g, want);
        }
    }

    /// Every argument and option of every command says what it is for in `--help`.
    #[test]
    fn every_argument_and_option_has_help() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" || arg.is_hide_set() {
                    continue;
                }
                if arg.get_help().is_none() && arg.get_long_help().is_none() {
                    missing.push(format!("{path} {id}"));
                }
            }
            for sub in cmd.get_subcommands() {
                if sub.get_about().is_none() && sub.get_long_about().is_none() {
                    missing.push(format!("{path} {} (the command itself)", sub.get_name()));
                }
                walk(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "gradlab", &mut missing);
        assert!(missing.is_empty(), "no help text for:\n{}", missing.join("\n"));
    }
}
