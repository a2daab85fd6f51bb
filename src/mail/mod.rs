//! The lab's own pages, printed beside the photo sheets: what the mailroom prints to pack and
//! send (packing lists, shipping labels) and the calibration sheet a technician prints to
//! measure a printer. Shipments, scans and their rules are `domain::shipment`,
//! `domain::tracking` and the services in `app::shipments` and `app::scan`; sending a page to a
//! printer is `print`. This module only lays out pages.

pub mod calibration;
pub mod documents;
