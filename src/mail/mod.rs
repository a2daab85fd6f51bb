//! The mailroom's paper: what it prints to pack and send (packing lists, shipping labels).
//! Shipments, scans and their rules are `domain::shipment`, `domain::tracking` and the
//! services in `app::shipments` and `app::scan`; this module only lays out pages.

pub mod documents;
