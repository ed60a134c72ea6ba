// Package store is the connector's memory: a bbolt file holding, for each
// démarche, where the last sync stopped (the checkpoint), what was last seen
// and decided for each dossier (snapshots), the actions planned and not yet
// confirmed by DS (the outbox), what was decided and done (the journal) and
// the history of sync passes.
//
// The bucket tree (schema v5):
//
//	meta/
//	    version                  uint64 big-endian: the schema version
//	demarches/
//	    <démarche number>/       uint64 big-endian key
//	        checkpoint           Checkpoint (JSON), a key of this bucket
//	        dossiers/
//	            <dossier number> uint64 big-endian → <seq>: where its snapshot is (v5)
//	        snapshots/           (v5)
//	            <seq>            uint64 big-endian (NextSequence at first sighting; by number for those v5 migrated) → Snapshot (JSON, zstd-compressed since v3)
//	        outbox/
//	            <action key>     e.g. "12/message/3f9c2a" → Action (JSON)
//	        outbox_open/         (v4)
//	            <action key>     → empty: the pending and parked actions
//	        journal/
//	            <seq>            uint64 big-endian (NextSequence) → JournalEntry (JSON)
//	        journal_by_dossier/  (v2)
//	            <dossier><seq>   two uint64 big-endian → empty: the journal per dossier
//	        passes/              (v2)
//	            <id>             uint64 big-endian (NextSequence) → Pass (JSON)
//
// Snapshots are keyed in the order dossiers were first seen, not by number,
// so that a first pass, which meets dossiers in random number order, writes
// them one full page after the other (dossiers.go).
//
// Values are JSON so that the records can grow fields without a
// migration; their field names are persisted, so never rename them.
// Snapshots, most of the file, are JSON compressed with a zstd dictionary
// trained on snapshots (codec.go): 3.5 times smaller, which matters because
// the file is memory-mapped. Every other value is plain JSON, readable with
// generic bbolt tools. Layout changes go through migrations
// (migrations.go): Open applies the pending ones in order, each with its
// version in a transaction of its own, and refuses a file written by a
// newer binary.
//
// Every exported method is one use case and one transaction (View or
// Update). Methods take and return values, copied out of the transaction,
// so no caller can hold a transaction open across a network call: the
// outbox is written with the snapshot that planned it (SaveSnapshotAndPlan),
// DS is called after the commit, and each result is recorded in its own
// short transaction (MarkDone, MarkFailed). No method reads the clock:
// times come in as arguments.
//
// Journal entries are kept for a retention and done actions lose their
// payload after it (Prune, run once a day by the connector), keeping their
// key; the open-actions index spares the executor and /metrics a read of
// the whole outbox.
//
// The file is locked while open: one process at a time. Open waits
// Options.Timeout for the lock, then fails with a message naming the file.
package store
