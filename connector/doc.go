// Package connector is spplus's sync engine: it keeps a Démarche Numérique
// ("DS") démarche and the label rules in step.
//
// One pass (Syncer.Sync) follows ARCHITECTURE.md, "The flow of one sync pass":
//
//  1. read the démarche's checkpoint; the pass start T0 is the server clock
//     of the first answer (its Date header) minus Options.SafetyMargin;
//  2. page through the dossiers modified since the checkpoint, and read the
//     deleted and binned dossiers in one request (snapshots marked deleted);
//  3. for each dossier whose inputs changed since its stored snapshot
//     (dateDerniereModificationChamps, state, groupe instructeur, mapped
//     values, attachment checksums and virus scans — never our own
//     annotations or messages), download the attachments the rules need
//     (only when their checksum changed), map the dossier to a
//     rules.Candidacy, evaluate it;
//  4. plan the actions (annotations, a message, a state change) with the
//     pure function plan, and store them with the new snapshot in one
//     transaction (the outbox) — one transaction per page of dossiers, so a
//     first pass pays one commit per hundred dossiers;
//  5. execute the outbox: every action is exactly-once in effect
//     (annotations are set to a value, a message carries a reference marker
//     looked for on the dossier before sending, a state change is made only
//     from the state it expects);
//  6. when every page was read and the outbox is empty or parked, move the
//     checkpoint to T0.
//
// The next page is fetched while the current one is processed, and the
// dossiers of a page are prepared (downloads, parsing, evaluation) by a few
// workers (Options.Workers); writes stay sequential and in page order.
//
// A crash anywhere leaves the checkpoint where it was: the next pass reads
// the same dossiers again, and the snapshots, outbox keys and markers make
// the replay repeat no effect. A dossier that keeps failing is quarantined
// after config quarantine_after tries and no longer holds the pass back;
// SyncDossier clears the quarantine and retries it.
//
// The same Sync serves the schedule (Schedule, robfig/cron in Europe/Paris),
// the webhook and "spplus sync"; a per-démarche lock makes two passes of one
// démarche impossible whoever calls (ErrAlreadyRunning). Check evaluates and
// plans one dossier and writes nothing, to DS or to the store; DryRun does
// the same for a whole pass.
//
// Reminders are decided from persisted state (the snapshot's last message
// time and count), on every pass, for every dossier the store knows, not
// only the changed ones: a restart never loses nor repeats a reminder.
//
// The package refuses to guess: a champ of the wrong type or with an
// unreadable value becomes a blocking FIELD_INVALID finding on its dossier,
// never a crash nor a silent default. It reads no clock (Options.Now), no
// environment and no global state, and never logs the DS token (it never
// sees it).
package connector
