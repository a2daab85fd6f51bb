//! How the domain's states are written in the store: each enum goes into and out of its TEXT
//! column through its one name (`as_str`/`parse` in `domain`), here and nowhere else, so no
//! query or service compares a state with a string of its own. The schema's CHECK constraints
//! list the same names.

use crate::domain::ecopy::EcopyPartState;
use crate::domain::job::{JobPurpose, SheetContent};
use crate::domain::printing::PartState;
use crate::domain::request::RequestStatus;
use crate::domain::shipment::ShipmentState;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

/// A stored enum by its one name.
pub(super) trait Stored: Copy {
    fn name(self) -> &'static str;
}

macro_rules! stored {
    ($($t:ty => $what:literal),* $(,)?) => {$(
        impl Stored for $t {
            fn name(self) -> &'static str {
                self.as_str()
            }
        }

        impl ToSql for $t {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }

        impl FromSql for $t {
            fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
                let s = v.as_str()?;
                <$t>::parse(s).ok_or_else(|| FromSqlError::Other(format!("unknown {} {s:?}", $what).into()))
            }
        }
    )*};
}

stored!(
    ShipmentState => "shipment state",
    RequestStatus => "request status",
    PartState => "printer part state",
    EcopyPartState => "e-copy part state",
    JobPurpose => "job purpose",
    SheetContent => "sheet content",
);

/// States as a list of SQL literals (`'shipped', 'delivered'`), for the counting queries that
/// are built as text; written by the same names as the columns.
pub(super) fn sql_list<T: Stored>(states: impl IntoIterator<Item = T>) -> String {
    states.into_iter().map(|s| format!("'{}'", s.name())).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_goes_in_and_comes_out_the_same() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        fn round<T: ToSql + FromSql + PartialEq + std::fmt::Debug>(conn: &rusqlite::Connection, v: T) {
            let back: T = conn.query_row("SELECT ?1", [&v], |r| r.get(0)).unwrap();
            assert_eq!(back, v);
        }
        ShipmentState::ALL.into_iter().for_each(|s| round(&conn, s));
        RequestStatus::ALL.into_iter().for_each(|s| round(&conn, s));
        PartState::ALL.into_iter().for_each(|s| round(&conn, s));
        EcopyPartState::ALL.into_iter().for_each(|s| round(&conn, s));
        JobPurpose::ALL.into_iter().for_each(|s| round(&conn, s));
        SheetContent::ALL.into_iter().for_each(|s| round(&conn, s));
        let bad: rusqlite::Result<ShipmentState> = conn.query_row("SELECT 'lost'", [], |r| r.get(0));
        assert!(bad.unwrap_err().to_string().contains("unknown shipment state \"lost\""));
        assert_eq!(sql_list([ShipmentState::Shipped, ShipmentState::Delivered]), "'shipped', 'delivered'");
    }
}
