//! How the domain's states are written in the store: each enum goes into and out of its TEXT
//! column through its one name (`as_str`/`parse` in `domain`), here and nowhere else, so no
//! query or service compares a state with a string of its own. The schema's CHECK constraints
//! list the same names.

use super::db::{FromValue, ToParam, Value};
use crate::domain::ecopy::EcopyPartState;
use crate::domain::job::{JobPurpose, SheetContent};
use crate::domain::printing::PartState;
use crate::domain::request::RequestStatus;
use crate::domain::shipment::ShipmentState;

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

        impl ToParam for $t {
            fn param(&self) -> Value<'_> {
                Value::Text(self.as_str())
            }
        }

        impl FromValue for $t {
            fn from_value(v: Value<'_>) -> Result<Self, String> {
                let s = String::from_value(v)?;
                <$t>::parse(&s).ok_or_else(|| format!("unknown {} {s:?}", $what))
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

/// A school's code is written as its text.
impl ToParam for crate::domain::SchoolCode {
    fn param(&self) -> Value<'_> {
        Value::Text(self.as_str())
    }
}

/// States as a list of SQL literals (`'shipped', 'delivered'`), for the counting queries that
/// are built as text; written by the same names as the columns.
pub(super) fn sql_list<T: Stored>(states: impl IntoIterator<Item = T>) -> String {
    states.into_iter().map(|s| format!("'{}'", s.name())).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::store::db::{Db, params};

    #[test]
    fn every_state_goes_in_and_comes_out_the_same() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        let db = Db::sqlite(conn.transaction().unwrap());
        fn round<T: ToParam + FromValue + PartialEq + std::fmt::Debug>(db: &Db<'_>, v: T) {
            let back: T = db.query_one("SELECT ?1", params![v], |r| r.get(0)).unwrap();
            assert_eq!(back, v);
        }
        ShipmentState::ALL.into_iter().for_each(|s| round(&db, s));
        RequestStatus::ALL.into_iter().for_each(|s| round(&db, s));
        PartState::ALL.into_iter().for_each(|s| round(&db, s));
        EcopyPartState::ALL.into_iter().for_each(|s| round(&db, s));
        JobPurpose::ALL.into_iter().for_each(|s| round(&db, s));
        SheetContent::ALL.into_iter().for_each(|s| round(&db, s));
        let bad = db.query_one("SELECT 'lost'", params![], |r| r.get::<ShipmentState>(0));
        assert!(bad.unwrap_err().to_string().contains("unknown shipment state \"lost\""));
        assert_eq!(sql_list([ShipmentState::Shipped, ShipmentState::Delivered]), "'shipped', 'delivered'");
    }
}
