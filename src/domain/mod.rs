//! Plain types and rules of the lab's domain, with no I/O: collection codes (采集码), school
//! codes, student numbers (学号), masked names, ID last-4, the print order and the lab's time
//! zone. Everything here is pure so it can be tested on its own and shared by every stage.

pub mod audit_chain;
pub mod calendar;
pub mod collection_code;
pub mod correction;
pub mod ecopy;
pub mod id_number;
pub mod ids;
pub mod job;
pub mod local_time;
pub mod name;
pub mod order;
pub mod printing;
pub mod privacy;
pub mod request;
pub mod roster;
pub mod school;
pub mod shipment;
pub mod student;
pub mod suggest;
pub mod text;
pub mod tracking;

pub use collection_code::CollectionCode;
pub use roster::RosterRow;
pub use school::{School, SchoolCode};
pub use student::{PrintedStudent, Student};
