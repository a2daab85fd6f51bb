//! Schema migrations, applied in order; `PRAGMA user_version` records how far a file has come.
//! Never edit a migration that has shipped: add a new one.

use rusqlite::Connection;

const MIGRATIONS: &[&str] = &[
    // 1: schools, photos, batches, students, photo history, rosters.
    r#"
    CREATE TABLE schools (
        code        TEXT PRIMARY KEY CHECK (length(code) = 5),
        name        TEXT NOT NULL,
        address     TEXT,
        contact     TEXT,
        phone       TEXT,
        created_at  TEXT NOT NULL
    );
    CREATE TABLE school_emails (
        school_code TEXT NOT NULL REFERENCES schools(code),
        email       TEXT NOT NULL,
        PRIMARY KEY (school_code, email)
    );
    CREATE TABLE photos (
        sha256      TEXT PRIMARY KEY,
        bytes       INTEGER NOT NULL,
        stored_at   TEXT NOT NULL
    );
    CREATE TABLE batches (
        id          INTEGER PRIMARY KEY,
        source      TEXT NOT NULL,
        data_table  TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        accepted    INTEGER NOT NULL,
        skipped     INTEGER NOT NULL,
        rejected    INTEGER NOT NULL
    );
    CREATE TABLE students (
        cjm          TEXT PRIMARY KEY,
        school_code  TEXT NOT NULL REFERENCES schools(code),
        xh           TEXT NOT NULL,
        xm           TEXT NOT NULL,
        bh           TEXT NOT NULL,
        cc           TEXT NOT NULL,
        xllb         TEXT NOT NULL,
        zjhm4        TEXT NOT NULL CHECK (length(zjhm4) IN (0, 4)),
        sjc          INTEGER,
        shooting_seq INTEGER,
        photo_sha256 TEXT NOT NULL REFERENCES photos(sha256),
        batch_id     INTEGER NOT NULL REFERENCES batches(id),
        updated_at   TEXT NOT NULL
    );
    CREATE INDEX students_by_school ON students(school_code, xh);
    CREATE INDEX students_by_photo ON students(photo_sha256);
    CREATE TABLE photo_history (
        id            INTEGER PRIMARY KEY,
        cjm           TEXT NOT NULL REFERENCES students(cjm),
        photo_sha256  TEXT NOT NULL REFERENCES photos(sha256),
        from_batch    INTEGER NOT NULL REFERENCES batches(id),
        replaced_by   INTEGER NOT NULL REFERENCES batches(id),
        replaced_at   TEXT NOT NULL
    );
    CREATE TABLE rosters (
        id            INTEGER PRIMARY KEY,
        school_code   TEXT NOT NULL REFERENCES schools(code),
        source        TEXT NOT NULL,
        sheet         TEXT NOT NULL,
        imported_at   TEXT NOT NULL,
        superseded_at TEXT
    );
    CREATE UNIQUE INDEX one_current_roster ON rosters(school_code) WHERE superseded_at IS NULL;
    CREATE TABLE roster_rows (
        roster_id   INTEGER NOT NULL REFERENCES rosters(id),
        position    INTEGER NOT NULL,
        source_row  INTEGER NOT NULL,
        cjm         TEXT,
        xh          TEXT,
        full_name   TEXT,
        id_last4    TEXT CHECK (id_last4 IS NULL OR length(id_last4) = 4),
        bh          TEXT,
        department  TEXT,
        major       TEXT,
        PRIMARY KEY (roster_id, position)
    );
    "#,
    // 2: print jobs. A job freezes its students (a copy of the fields it prints) and its
    // layout, so later corrections or layout edits never change a job already made.
    r#"
    CREATE TABLE jobs (
        id           INTEGER PRIMARY KEY,
        school_code  TEXT NOT NULL REFERENCES schools(code),
        layout_name  TEXT NOT NULL,
        layout_toml  TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        created_by   TEXT NOT NULL
    );
    CREATE TABLE packets (
        id         INTEGER PRIMARY KEY,
        job_id     INTEGER NOT NULL REFERENCES jobs(id),
        position   INTEGER NOT NULL,
        bh         TEXT NOT NULL,
        UNIQUE (job_id, position)
    );
    CREATE TABLE job_students (
        id           INTEGER PRIMARY KEY,
        job_id       INTEGER NOT NULL REFERENCES jobs(id),
        position     INTEGER NOT NULL,
        packet_id    INTEGER NOT NULL REFERENCES packets(id),
        cjm          TEXT NOT NULL REFERENCES students(cjm),
        xh           TEXT NOT NULL,
        xm           TEXT NOT NULL,
        bh           TEXT NOT NULL,
        cc           TEXT NOT NULL,
        xllb         TEXT NOT NULL,
        yxdm         TEXT NOT NULL,
        zjhm4        TEXT NOT NULL,
        sjc          INTEGER,
        full_name    TEXT,
        photo_sha256 TEXT NOT NULL REFERENCES photos(sha256),
        UNIQUE (job_id, position)
    );
    CREATE TABLE sheets (
        id         INTEGER PRIMARY KEY,
        job_id     INTEGER NOT NULL REFERENCES jobs(id),
        number     INTEGER NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('separator', 'photos')),
        packet_id  INTEGER NOT NULL REFERENCES packets(id),
        UNIQUE (job_id, number)
    );
    CREATE TABLE sheet_slots (
        sheet_id       INTEGER NOT NULL REFERENCES sheets(id),
        slot           INTEGER NOT NULL,
        job_student_id INTEGER NOT NULL REFERENCES job_students(id),
        PRIMARY KEY (sheet_id, slot)
    );
    CREATE TABLE job_parts (
        id          INTEGER PRIMARY KEY,
        job_id      INTEGER NOT NULL REFERENCES jobs(id),
        part        INTEGER NOT NULL,
        first_sheet INTEGER NOT NULL,
        last_sheet  INTEGER NOT NULL,
        path        TEXT NOT NULL,
        bytes       INTEGER NOT NULL,
        sha256      TEXT NOT NULL,
        rendered_at TEXT NOT NULL,
        UNIQUE (job_id, part)
    );
    "#,
    // 3: printers, what was sent to them (dispatches) and sheet reprints. A removed printer
    // keeps its row, because dispatches made through it must still say where they went.
    r#"
    CREATE TABLE printers (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL,
        ipp_uri     TEXT,
        hot_folder  TEXT,
        offset_x_mm REAL NOT NULL DEFAULT 0,
        offset_y_mm REAL NOT NULL DEFAULT 0,
        scale_pct   REAL NOT NULL DEFAULT 100,
        media       TEXT,
        added_at    TEXT NOT NULL,
        added_by    TEXT NOT NULL,
        removed_at  TEXT,
        removed_by  TEXT,
        CHECK ((ipp_uri IS NULL) <> (hot_folder IS NULL))
    );
    CREATE UNIQUE INDEX one_printer_per_name ON printers(name) WHERE removed_at IS NULL;
    CREATE TABLE reprints (
        id           INTEGER PRIMARY KEY,
        job_id       INTEGER NOT NULL REFERENCES jobs(id),
        reason       TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        requested_by TEXT NOT NULL,
        requested_at TEXT NOT NULL,
        path         TEXT NOT NULL,
        bytes        INTEGER NOT NULL,
        sha256       TEXT NOT NULL
    );
    CREATE TABLE reprint_sheets (
        reprint_id INTEGER NOT NULL REFERENCES reprints(id),
        sheet_id   INTEGER NOT NULL REFERENCES sheets(id),
        scanned    TEXT NOT NULL,
        PRIMARY KEY (reprint_id, sheet_id)
    );
    CREATE TABLE dispatches (
        id             INTEGER PRIMARY KEY,
        job_id         INTEGER NOT NULL REFERENCES jobs(id),
        part           INTEGER,
        reprint_id     INTEGER REFERENCES reprints(id),
        printer_id     INTEGER NOT NULL REFERENCES printers(id),
        copies         INTEGER NOT NULL CHECK (copies >= 1),
        file           TEXT NOT NULL,
        sha256         TEXT NOT NULL,
        job_name       TEXT NOT NULL,
        file_stem      TEXT NOT NULL,
        printer_job_id INTEGER,
        files          TEXT NOT NULL DEFAULT '',
        state          TEXT NOT NULL CHECK (state IN
                       ('sending', 'pending', 'held', 'processing', 'stopped', 'completed', 'aborted', 'canceled')),
        state_message  TEXT NOT NULL DEFAULT '',
        forced         INTEGER NOT NULL DEFAULT 0,
        sent_by        TEXT NOT NULL,
        started_at     TEXT NOT NULL,
        sent_at        TEXT,
        checked_at     TEXT,
        CHECK ((part IS NULL) <> (reprint_id IS NULL))
    );
    CREATE INDEX dispatches_by_job ON dispatches(job_id);
    ALTER TABLE jobs ADD COLUMN printed_at TEXT;
    "#,
    // 4: the mailroom. A shipment goes to a school (or to one person) with the packets expected
    // in it; a packet counts as packed once scanned. Every scan is logged, whatever its result.
    r#"
    CREATE TABLE shipments (
        id             INTEGER PRIMARY KEY,
        school_code    TEXT NOT NULL REFERENCES schools(code),
        to_person      INTEGER NOT NULL DEFAULT 0,
        recipient      TEXT NOT NULL,
        address        TEXT NOT NULL,
        contact        TEXT NOT NULL DEFAULT '',
        phone          TEXT NOT NULL DEFAULT '',
        state          TEXT NOT NULL CHECK (state IN ('open', 'sealed', 'shipped', 'delivered', 'returned')),
        carrier        TEXT,
        tracking       TEXT,
        note           TEXT NOT NULL DEFAULT '',
        created_at     TEXT NOT NULL,
        created_by     TEXT NOT NULL,
        sealed_at      TEXT,
        seal_reason    TEXT,
        shipped_at     TEXT,
        delivered_at   TEXT,
        returned_at    TEXT,
        return_reason  TEXT,
        changed_by     TEXT
    );
    CREATE TABLE shipment_packets (
        shipment_id INTEGER NOT NULL REFERENCES shipments(id),
        packet_id   INTEGER NOT NULL REFERENCES packets(id),
        added_at    TEXT NOT NULL,
        scanned_at  TEXT,
        scanned_by  TEXT,
        station     TEXT,
        PRIMARY KEY (shipment_id, packet_id)
    );
    CREATE INDEX shipment_packets_by_packet ON shipment_packets(packet_id);
    CREATE TABLE scans (
        id          INTEGER PRIMARY KEY,
        scanned_at  TEXT NOT NULL,
        station     TEXT NOT NULL,
        operator    TEXT NOT NULL,
        code        TEXT NOT NULL,
        kind        TEXT NOT NULL,
        shipment_id INTEGER REFERENCES shipments(id),
        result      TEXT NOT NULL CHECK (result IN ('accepted', 'confirmed', 'refused', 'shown')),
        message     TEXT NOT NULL
    );
    CREATE TABLE stations (
        name        TEXT PRIMARY KEY,
        shipment_id INTEGER REFERENCES shipments(id)
    );
    "#,
    // 5: administration. The audit log takes new rows only: triggers refuse any change or
    // deletion, so a record of who did what can never be rewritten through gradlab or SQL.
    r#"
    CREATE TABLE audit (
        id       INTEGER PRIMARY KEY,
        at       TEXT NOT NULL,
        operator TEXT NOT NULL,
        action   TEXT NOT NULL,
        subject  TEXT NOT NULL,
        detail   TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX audit_by_subject ON audit(subject);
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;
    CREATE TABLE requests (
        id             INTEGER PRIMARY KEY,
        kind           TEXT NOT NULL CHECK (kind IN ('lost', 'missing', 'damaged')),
        school_code    TEXT NOT NULL REFERENCES schools(code),
        given_xh       TEXT,
        given_cjm      TEXT,
        given_id_last4 TEXT CHECK (given_id_last4 IS NULL OR length(given_id_last4) = 4),
        given_name     TEXT,
        cjm            TEXT REFERENCES students(cjm),
        requester      TEXT NOT NULL CHECK (requester IN ('student', 'school')),
        address        TEXT,
        phone          TEXT,
        contact        TEXT,
        note           TEXT NOT NULL DEFAULT '',
        status         TEXT NOT NULL CHECK (status IN
                       ('received', 'matched', 'approved', 'printed', 'shipped', 'closed', 'rejected')),
        fee_cents      INTEGER,
        reject_reason  TEXT,
        job_id         INTEGER REFERENCES jobs(id),
        shipment_id    INTEGER REFERENCES shipments(id),
        source         TEXT NOT NULL,
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
    );
    CREATE TABLE corrections (
        id             INTEGER PRIMARY KEY,
        cjm            TEXT NOT NULL REFERENCES students(cjm),
        school_code    TEXT NOT NULL REFERENCES schools(code),
        field          TEXT NOT NULL CHECK (field IN ('xh', 'xm', 'bh', 'cc', 'xllb')),
        old_value      TEXT NOT NULL,
        new_value      TEXT NOT NULL,
        source         TEXT NOT NULL,
        applied_at     TEXT NOT NULL,
        applied_by     TEXT NOT NULL,
        reprint_job_id INTEGER REFERENCES jobs(id)
    );
    ALTER TABLE students ADD COLUMN needs_reprint INTEGER NOT NULL DEFAULT 0;
    "#,
    // 6: electronic copies (电子版). A request is a school's letter asking for its graduates'
    // photos at one registered address; it is sent as numbered zip parts, each recorded with
    // the server's answer, so an accepted part is never sent twice by accident.
    r#"
    CREATE TABLE ecopy_requests (
        id          INTEGER PRIMARY KEY,
        school_code TEXT NOT NULL REFERENCES schools(code),
        classes     TEXT NOT NULL DEFAULT '',
        naming      TEXT NOT NULL CHECK (naming IN ('xh', 'xh-name', 'cjm')),
        to_email    TEXT NOT NULL,
        letter_ref  TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL,
        created_by  TEXT NOT NULL
    );
    CREATE TABLE ecopy_parts (
        id           INTEGER PRIMARY KEY,
        request_id   INTEGER NOT NULL REFERENCES ecopy_requests(id),
        part         INTEGER NOT NULL,
        parts        INTEGER NOT NULL,
        photos       INTEGER NOT NULL,
        bytes        INTEGER NOT NULL,
        sha256       TEXT NOT NULL,
        message_id   TEXT,
        state        TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'failed')),
        server_reply TEXT NOT NULL DEFAULT '',
        attempts     INTEGER NOT NULL DEFAULT 0,
        sent_at      TEXT,
        sent_by      TEXT,
        UNIQUE (request_id, part)
    );
    -- The students of a request, frozen when it is made (like a job's), in print order, with
    -- the file name each photo gets and, once the request is first sent, the part it is in.
    -- A full name is kept only for xh-name requests where the school's roster supplied it.
    CREATE TABLE ecopy_students (
        request_id   INTEGER NOT NULL REFERENCES ecopy_requests(id),
        position     INTEGER NOT NULL,
        cjm          TEXT NOT NULL REFERENCES students(cjm),
        xh           TEXT NOT NULL,
        xm           TEXT NOT NULL,
        bh           TEXT NOT NULL,
        full_name    TEXT,
        photo_sha256 TEXT NOT NULL REFERENCES photos(sha256),
        file_name    TEXT NOT NULL,
        part         INTEGER,
        PRIMARY KEY (request_id, position),
        UNIQUE (request_id, file_name)
    );
    "#,
    // 7: what a lab's day taught. A job says why it was made (a school's set, a second set on
    // purpose, a request's reprint, a correction's reprint, a walk-in), so a school is never
    // printed twice by accident; a request waits in `printing` until its reprint job has
    // printed; a roster row remembers the roster it was kept from when a school sends one
    // roster per class; tracking numbers are looked up to refuse one used twice.
    r#"
    ALTER TABLE jobs ADD COLUMN purpose TEXT NOT NULL DEFAULT 'school'
        CHECK (purpose IN ('school', 'again', 'reprint', 'correction', 'walkin'));
    ALTER TABLE jobs ADD COLUMN again_reason TEXT;
    UPDATE jobs SET purpose = 'reprint' WHERE id IN (SELECT job_id FROM requests WHERE job_id IS NOT NULL);
    UPDATE jobs SET purpose = 'correction'
        WHERE id IN (SELECT reprint_job_id FROM corrections WHERE reprint_job_id IS NOT NULL);
    CREATE TABLE requests_v7 (
        id             INTEGER PRIMARY KEY,
        kind           TEXT NOT NULL CHECK (kind IN ('lost', 'missing', 'damaged')),
        school_code    TEXT NOT NULL REFERENCES schools(code),
        given_xh       TEXT,
        given_cjm      TEXT,
        given_id_last4 TEXT CHECK (given_id_last4 IS NULL OR length(given_id_last4) = 4),
        given_name     TEXT,
        cjm            TEXT REFERENCES students(cjm),
        requester      TEXT NOT NULL CHECK (requester IN ('student', 'school')),
        address        TEXT,
        phone          TEXT,
        contact        TEXT,
        note           TEXT NOT NULL DEFAULT '',
        status         TEXT NOT NULL CHECK (status IN
                       ('received', 'matched', 'approved', 'printing', 'printed', 'shipped', 'closed', 'rejected')),
        fee_cents      INTEGER,
        reject_reason  TEXT,
        job_id         INTEGER REFERENCES jobs(id),
        shipment_id    INTEGER REFERENCES shipments(id),
        source         TEXT NOT NULL,
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
    );
    INSERT INTO requests_v7 SELECT * FROM requests;
    DROP TABLE requests;
    ALTER TABLE requests_v7 RENAME TO requests;
    CREATE INDEX requests_by_student ON requests(cjm);
    -- A request "printed" under the old rules whose job has not printed is still printing; one
    -- "shipped" whose shipment has not left is printed and packed.
    UPDATE requests SET status = 'printing'
        WHERE status = 'printed' AND job_id IN (SELECT id FROM jobs WHERE printed_at IS NULL);
    UPDATE requests SET status = 'printed'
        WHERE status = 'shipped' AND shipment_id IN (SELECT id FROM shipments WHERE state IN ('open', 'sealed'));
    ALTER TABLE roster_rows ADD COLUMN from_roster INTEGER REFERENCES rosters(id);
    CREATE INDEX shipments_by_tracking ON shipments(tracking);
    "#,
    // 8: the audit log is chained by hash (each entry's hash covers it and the one before, so a
    // change made with sqlite3 after dropping the triggers shows) and records the OS account
    // that ran the program beside the operator it declared. Older entries keep an empty hash.
    r#"
    ALTER TABLE audit ADD COLUMN os_account TEXT NOT NULL DEFAULT '';
    ALTER TABLE audit ADD COLUMN hash TEXT NOT NULL DEFAULT '';
    "#,
    // 9: preflight. Every verification of a rendered part is kept: when, by whom, the hash of
    // the file it read, which render of the part it checked (the part's rendered_at), passed
    // or failed, what it looked at and each failure (JSON). `job print` trusts a part only when
    // its latest verification passed for the file as it is.
    r#"
    CREATE TABLE part_verifications (
        id          INTEGER PRIMARY KEY,
        job_id      INTEGER NOT NULL REFERENCES jobs(id),
        part        INTEGER NOT NULL,
        sha256      TEXT NOT NULL,
        rendered_at TEXT NOT NULL,
        result      TEXT NOT NULL CHECK (result IN ('passed', 'failed')),
        checked     TEXT NOT NULL DEFAULT '{}',
        failures    TEXT NOT NULL DEFAULT '[]',
        verified_at TEXT NOT NULL,
        verified_by TEXT NOT NULL
    );
    CREATE INDEX part_verifications_by_job ON part_verifications(job_id, part);
    "#,
    // 10: the photo check against the standard's geometry. A school may require one of the
    // standard's background colours; each photo's measure is kept by the photo's SHA-256 (and
    // the version of the measuring that made it), so a photo is never measured twice.
    r#"
    ALTER TABLE schools ADD COLUMN background TEXT
        CHECK (background IS NULL OR background IN ('blue', 'white', 'grey'));
    CREATE TABLE face_checks (
        photo_sha256 TEXT PRIMARY KEY,
        version      INTEGER NOT NULL,
        measure      TEXT NOT NULL,
        checked_at   TEXT NOT NULL
    );
    "#,
    // 11: the station (computer) each audit entry and each dispatch came from, so a lab with
    // several stations on one store can say which did what.
    r#"
    ALTER TABLE audit ADD COLUMN station TEXT NOT NULL DEFAULT '';
    ALTER TABLE dispatches ADD COLUMN station TEXT NOT NULL DEFAULT '';
    "#,
    // 12: who is at each station, as chosen in the window and remembered for the next start.
    r#"
    ALTER TABLE stations ADD COLUMN operator TEXT NOT NULL DEFAULT '';
    "#,
    // 13: the lookups that scanned every printed student once per row at a lab's scale (100,000
    // students made the due report take minutes): who is in a job, a packet's students, the
    // sheets a student is on. PostgreSQL had the first from its start.
    r#"
    CREATE INDEX IF NOT EXISTS job_students_by_student ON job_students(cjm);
    CREATE INDEX job_students_by_packet ON job_students(packet_id);
    CREATE INDEX sheet_slots_by_student ON sheet_slots(job_student_id);
    "#,
];

/// The triggers that keep the audit log append-only; recreated on open if someone dropped them.
pub const AUDIT_GUARDS: &[(&str, &str)] = &[
    (
        "audit_no_update",
        "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit \
         BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END",
    ),
    (
        "audit_no_delete",
        "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit \
         BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END",
    ),
];

/// The schema version this program writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// Bring the file's schema up to this program's; returns the version it has now (higher than
/// [`VERSION`] when a newer gradlab made it, which this program then only reads).
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<i64> {
    let have: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if have >= VERSION {
        return Ok(have);
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // Another process may have migrated while we waited for the lock.
    let have: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(have as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
    }
    tx.commit()?;
    Ok(have.max(VERSION))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lookups the lists and reports make once per student, packet or sheet find their rows
    /// through an index: a scan there is a scan per row, minutes at a lab's 100,000 students.
    #[test]
    fn per_row_lookups_use_an_index() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(migrate(&mut conn).unwrap(), VERSION);
        for lookup in [
            "SELECT 1 FROM job_students WHERE cjm = ?1",
            "SELECT count(*) FROM job_students WHERE packet_id = ?1",
            "SELECT sheet_id FROM sheet_slots WHERE job_student_id = ?1",
            "SELECT count(*) FROM job_students WHERE job_id = ?1",
            "SELECT 1 FROM students WHERE school_code = ?1",
        ] {
            let plan: Vec<String> = conn
                .prepare(&format!("EXPLAIN QUERY PLAN {lookup}"))
                .unwrap()
                .query_map([""], |r| r.get::<_, String>(3))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            assert!(plan.iter().any(|p| p.contains("USING") && p.contains("INDEX")), "{lookup}: {plan:?}");
        }
    }
}
