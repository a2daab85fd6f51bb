//! The command line: flags are data, defined here in one place with clap; `run` calls one
//! service per command and prints its result as text or, with `--json`, as JSON. No SQL and no
//! business rules here.

mod bar;
mod commands;
mod output;

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
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a workspace: the store, the photo store and a commented gradlab.toml
    Init,
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
}

#[derive(Debug, Subcommand)]
pub enum JobCmd {
    /// Freeze a school's students in print order and a copy of the layout into a new job
    Create {
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
    },
    /// List jobs
    List,
    /// Show a job: packets, sheets with their barcodes and the students on each, in order
    Show { job: String },
    /// Write the job's PDF parts under the workspace's output folder
    Render { job: String },
    /// Draw one sheet to a PNG to look at before printing
    Preview {
        job: String,
        /// Sheet number (default: the first sheet with photos)
        #[arg(long)]
        sheet: Option<usize>,
        #[arg(long, value_name = "FILE.png")]
        out: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum LayoutCmd {
    /// List the layouts: the workspace's layouts/ folder and the shipped ones
    List,
    /// Load and check a layout (name or .toml file); says what overflows and by how much
    Check { layout: String },
}

#[derive(Debug, Subcommand)]
pub enum SchoolCmd {
    /// Register a school
    Add(SchoolAdd),
    /// List registered schools
    List,
    /// Show one school: addresses, classes, roster, batches
    Show {
        /// School code (院校代码), 5 digits
        code: String,
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
    /// Postal address for shipments
    #[arg(long, value_name = "A")]
    pub address: Option<String>,
    /// Contact person
    #[arg(long, value_name = "C")]
    pub contact: Option<String>,
    /// Contact phone
    #[arg(long, value_name = "P")]
    pub phone: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum BatchCmd {
    /// Import an approved batch: a folder or .zip of JPEGs and one data table (CSV or XLSX)
    Import {
        path: PathBuf,
        /// Replace a stored photo that differs (the old one is kept in history)
        #[arg(long)]
        replace: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum RosterCmd {
    /// Import a school's roster (xlsx, xls, ods or CSV); it becomes the print order
    Import {
        file: PathBuf,
        /// School code (院校代码)
        #[arg(long, value_name = "CODE")]
        school: String,
        /// Sheet to read (default: the first)
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum StudentCmd {
    /// List a school's students in print order
    List {
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
        #[arg(required = true)]
        images: Vec<PathBuf>,
    },
    /// Parse the text a 2D scanner typed from a collection code
    Parse { text: String },
}
