#include <prescreen/core/store.h>

namespace prescreen::core {

// Append new steps at the end; never change a released one (tests migrate from every version).
const std::vector<Migration>& migrations() {
    static const std::vector<Migration> steps = {
        {1, "workstation settings",
         R"SQL(
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
)SQL"},
        {2,
         "screening domain: officers, shipments, cases, scans, annotations, decisions, "
         "examinations, training sets, audit chain, outbox",
         R"SQL(
CREATE TABLE officers (
    id             TEXT PRIMARY KEY,
    badge          TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    roles          INTEGER NOT NULL CHECK (roles BETWEEN 1 AND 15),
    password_hash  TEXT NOT NULL,              -- libsodium crypto_pwhash_str (Argon2id)
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    failed_logins  INTEGER NOT NULL DEFAULT 0, -- consecutive, reset by a good login
    locked_until   TEXT,                       -- back-off after failed logins (UTC)
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

CREATE TABLE shipments (
    id                       TEXT PRIMARY KEY,
    cargo_control_number     TEXT NOT NULL UNIQUE,
    mode                     TEXT NOT NULL,
    origin                   TEXT NOT NULL,
    importer_business_number TEXT NOT NULL,
    scan_link_id             TEXT NOT NULL,
    manifest_json            TEXT NOT NULL,    -- the record as imported, format docs/manifest.md
    created_at               TEXT NOT NULL
) STRICT;
CREATE INDEX shipments_importer ON shipments(importer_business_number);
CREATE INDEX shipments_scan_link ON shipments(scan_link_id);

CREATE TABLE cases (
    id                  TEXT PRIMARY KEY,
    shipment_id         TEXT NOT NULL UNIQUE REFERENCES shipments(id),
    status              TEXT NOT NULL CHECK (status IN ('queued', 'open', 'decided')),
    assigned_officer_id TEXT REFERENCES officers(id),
    risk_score          INTEGER CHECK (risk_score BETWEEN 0 AND 100),
    risk_level          TEXT CHECK (risk_level IN ('low', 'medium', 'high')),
    risk_json           TEXT,                  -- factors with evidence, rules version
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
) STRICT;
CREATE INDEX cases_queue ON cases(status, risk_score DESC, created_at);
CREATE INDEX cases_assigned ON cases(assigned_officer_id, status);

CREATE TABLE scans (
    id                 TEXT PRIMARY KEY,
    case_id            TEXT NOT NULL REFERENCES cases(id),
    sha256             TEXT NOT NULL,          -- file name in the content-addressed cache
    file_name          TEXT NOT NULL,
    size_bytes         INTEGER NOT NULL,
    sop_instance_uid   TEXT NOT NULL DEFAULT '',
    sop_class_uid      TEXT NOT NULL DEFAULT '',
    study_instance_uid TEXT NOT NULL DEFAULT '',
    UNIQUE (case_id, sha256)
) STRICT;

CREATE TABLE annotations (
    id          TEXT NOT NULL,
    version     INTEGER NOT NULL CHECK (version >= 1),
    case_id     TEXT NOT NULL REFERENCES cases(id),
    view_key    TEXT NOT NULL,
    shape       TEXT NOT NULL CHECK (shape IN ('rectangle', 'ellipse', 'polygon')),
    points_json TEXT NOT NULL,                 -- [[x, y], ...] in image pixels
    category    TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    author_id   TEXT NOT NULL REFERENCES officers(id),
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at  TEXT NOT NULL,
    PRIMARY KEY (id, version)
) STRICT;
CREATE INDEX annotations_case ON annotations(case_id);

CREATE TABLE decisions (
    id              TEXT PRIMARY KEY,
    case_id         TEXT NOT NULL REFERENCES cases(id),
    officer_id      TEXT NOT NULL REFERENCES officers(id),
    outcome         TEXT NOT NULL CHECK (outcome IN ('release', 'refer')),
    kind            TEXT NOT NULL CHECK (kind IN ('initial', 'correction', 'override')),
    reason_codes    TEXT NOT NULL,             -- JSON array of codes
    comment         TEXT NOT NULL DEFAULT '',
    time_on_task_ms INTEGER NOT NULL CHECK (time_on_task_ms >= 0),
    decided_at      TEXT NOT NULL,
    supersedes_id   TEXT REFERENCES decisions(id),
    CHECK ((kind = 'initial') = (supersedes_id IS NULL))
) STRICT;
CREATE INDEX decisions_case ON decisions(case_id, decided_at);
CREATE INDEX decisions_officer ON decisions(officer_id, decided_at);
CREATE TRIGGER decisions_append_only BEFORE UPDATE ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
CREATE TRIGGER decisions_never_deleted BEFORE DELETE ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;

CREATE TABLE examination_results (
    id            TEXT PRIMARY KEY,
    case_id       TEXT NOT NULL REFERENCES cases(id),
    supervisor_id TEXT NOT NULL REFERENCES officers(id),
    outcome       TEXT NOT NULL CHECK (outcome IN ('no_discrepancy', 'discrepancy', 'seizure')),
    findings      TEXT NOT NULL DEFAULT '',
    recorded_at   TEXT NOT NULL
) STRICT;
CREATE INDEX examination_results_case ON examination_results(case_id);

CREATE TABLE training_sets (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_by  TEXT NOT NULL REFERENCES officers(id),
    created_at  TEXT NOT NULL
) STRICT;
CREATE TABLE training_set_cases (
    set_id           TEXT NOT NULL REFERENCES training_sets(id),
    case_id          TEXT NOT NULL REFERENCES cases(id),
    expected_outcome TEXT NOT NULL CHECK (expected_outcome IN ('release', 'refer')),
    PRIMARY KEY (set_id, case_id)
) STRICT;

-- Hash-chained: hash = SHA-256(prev_hash || canonical fields); see docs/security.md.
CREATE TABLE audit_events (
    seq       INTEGER PRIMARY KEY,
    id        TEXT NOT NULL UNIQUE,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,                   -- badge, or '' for the workstation itself
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    details   TEXT NOT NULL,                   -- JSON object
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
) STRICT;

-- Every change, written in the same transaction, for the HQ sync to push (oldest first).
CREATE TABLE outbox (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    entity     TEXT NOT NULL,                  -- 'decision', 'annotation', ...
    entity_id  TEXT NOT NULL,                  -- the record's UUID (with version if any)
    payload    TEXT NOT NULL,                  -- JSON of the record
    created_at TEXT NOT NULL
) STRICT;
)SQL"},
        {3, "queue indexes: walk cases in risk or age order and stop at a page",
         R"SQL(
CREATE INDEX cases_by_risk ON cases(risk_score DESC, created_at, id);
CREATE INDEX cases_by_age ON cases(created_at, id);
)SQL"},
        {4, "HQ sync: rejected pushes, cases waiting for their scans, scan downloads",
         R"SQL(
-- Outbox rows HQ refused (docs/sync.md#push): kept out of the push queue, shown as a count.
CREATE TABLE sync_rejected (
    seq         INTEGER PRIMARY KEY,           -- the outbox seq it had
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    payload     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    reason      TEXT NOT NULL,
    rejected_at TEXT NOT NULL
) STRICT;

-- Cases pulled from HQ, waiting until every scan file is downloaded and verified.
CREATE TABLE sync_pending_cases (
    hq_case_id    TEXT PRIMARY KEY,
    feed_seq      INTEGER NOT NULL,
    payload       TEXT NOT NULL,               -- the feed item's payload (manifest, scans)
    received_at   TEXT NOT NULL,
    local_case_id TEXT,                        -- set once ingested
    error         TEXT                         -- why it could not be ingested, if so
) STRICT;

-- Scan files a pending case needs from HQ (content-addressed).
CREATE TABLE sync_downloads (
    sha256     TEXT PRIMARY KEY,
    size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
    attempts   INTEGER NOT NULL DEFAULT 0,
    error      TEXT                            -- the last failure (hash mismatch, refused)
) STRICT;
)SQL"},
        {5, "officers' verdicts on the objects of scanners' MACHINE threat reports",
         R"SQL(
-- Append-only: a later verdict on the same object supersedes, the earlier one stays.
CREATE TABLE machine_alarm_verdicts (
    id         TEXT PRIMARY KEY,
    case_id    TEXT NOT NULL REFERENCES cases(id),
    tdr_uid    TEXT NOT NULL,                  -- SOP Instance UID of the MACHINE TDR
    pto_id     INTEGER NOT NULL CHECK (pto_id BETWEEN 0 AND 65535),
    verdict    TEXT NOT NULL CHECK (verdict IN ('confirmed', 'dismissed')),
    officer_id TEXT NOT NULL REFERENCES officers(id),
    decided_at TEXT NOT NULL
) STRICT;
CREATE INDEX machine_alarm_verdicts_by_case ON machine_alarm_verdicts(case_id, decided_at);
)SQL"},
    };
    return steps;
}

} // namespace prescreen::core
