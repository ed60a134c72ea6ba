package connector

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/rs/zerolog"

	"github.com/spplus/spplus/config"
	"github.com/spplus/spplus/connector/store"
	"github.com/spplus/spplus/graphql"
	"github.com/spplus/spplus/rules"
)

// process handles one dossier read from DS: skip it when its inputs did not
// change, else evaluate, plan, save and execute. A failure of the dossier
// is recorded (and may quarantine it); only fatal errors are returned.
func (p *pass) process(ctx context.Context, d *graphql.Dossier, force bool) error {
	return p.commit(ctx, p.prepare(ctx, d, force))
}

// prepared is a dossier read, compared with its snapshot and, when its
// inputs changed, evaluated and planned; nothing is written yet.
type prepared struct {
	dossier     *graphql.Dossier
	quarantined bool
	unchanged   bool
	ev          evaluation
	err         error
}

// prepare does the work of process that writes nothing, so that the
// dossiers of a page can be prepared concurrently (downloads, parsing,
// evaluation) and committed in order. It touches no state of the pass.
func (p *pass) prepare(ctx context.Context, d *graphql.Dossier, force bool) prepared {
	out := prepared{dossier: d}
	snap, found, err := p.snapshot(d.Number)
	switch {
	case err != nil:
		out.err = err
	case snap.Quarantined && !force:
		out.quarantined = true
	case !force && found && snap.InputsHash == fingerprint(d, p.run.cfg.Fields, p.run.configHash) && !snap.Deleted && snap.Failures == 0:
		out.unchanged = true
	default:
		out.ev, out.err = p.evaluate(ctx, d, snap)
	}
	return out
}

// commit records a prepared dossier: saves its snapshot with its plan in
// one transaction, then executes the plan; or records its failure.
func (p *pass) commit(ctx context.Context, pr prepared) error {
	ev, ok, err := p.settle(ctx, pr)
	if err != nil || !ok {
		return err
	}
	err = p.save(ctx, ev)
	if err == nil || fatal(ctx, err) {
		return err
	}
	return p.dossierFailed(ev.dossier.Number, err)
}

// settle accounts for a prepared dossier and returns its evaluation when
// there is one to save: a quarantined or unchanged dossier is counted, a
// failed one recorded.
func (p *pass) settle(ctx context.Context, pr prepared) (evaluation, bool, error) {
	n := pr.dossier.Number
	p.markSeen(n)
	p.report.Seen++
	switch {
	case pr.quarantined:
		p.report.dossier(n).Quarantined = true
		return evaluation{}, false, nil
	case pr.unchanged:
		p.report.Unchanged++
		return evaluation{}, false, nil
	}
	p.markTouched(n)
	if pr.err == nil {
		return pr.ev, true, nil
	}
	if fatal(ctx, pr.err) {
		return evaluation{}, false, pr.err
	}
	return evaluation{}, false, p.dossierFailed(n, pr.err)
}

// snapshot reads a dossier's snapshot; found is false for a new dossier.
func (p *pass) snapshot(n int) (store.Snapshot, bool, error) {
	snap, err := p.st().Snapshot(p.dem, n)
	if errors.Is(err, store.ErrNotFound) {
		return store.Snapshot{Number: n}, false, nil
	}
	if err != nil {
		return snap, false, &fatalError{err}
	}
	return snap, true, nil
}

// evaluation is one dossier judged and planned, not yet saved.
type evaluation struct {
	dossier *graphql.Dossier
	verdict rules.Verdict
	outcome outcome
	snap    store.Snapshot
	actions []store.Action
}

// evaluate downloads what the rules need, maps, evaluates and plans. It
// writes nothing.
func (p *pass) evaluate(ctx context.Context, d *graphql.Dossier, old store.Snapshot) (evaluation, error) {
	x, err := readExtra(old)
	if err != nil {
		p.log.Warn().Err(err).Int("dossier", d.Number).Msg("ignoring an unreadable snapshot")
		x = extra{}
	}
	d, files, err := p.loadFiles(ctx, d, x.Files)
	if err != nil {
		return evaluation{}, err
	}
	settings := p.s.opts.Settings
	cand, problems := toCandidacy(d, p.run.cfg.Fields, p.run.cfg.Departement, files)
	v := rules.Evaluate(cand, settings)
	o := newOutcome(v, problems, cand, serviceName(d, p.run.cfg.Fields), settings)
	merged := mergedVerdict(v, o)
	snap, err := p.nextSnapshot(old, d, merged, o, cand, files)
	if err != nil {
		return evaluation{}, err
	}
	actions, err := plan(o, snap, x, factsOf(d, p.run.cfg.Annotations), p.run.pol, p.now())
	if err != nil {
		return evaluation{}, err
	}
	x.AuditDate, x.Files = o.AuditDate, files
	snap, x = afterPlan(snap, x, actions, p.now())
	if snap.Extra, err = x.encode(); err != nil {
		return evaluation{}, err
	}
	return evaluation{dossier: d, verdict: merged, outcome: o, snap: snap, actions: actions}, nil
}

// save writes an evaluated dossier's snapshot with its plan in one
// transaction, then executes the plan.
func (p *pass) save(ctx context.Context, ev evaluation) error {
	if p.dry {
		p.reportPlanned(ev)
		return nil
	}
	p.report.evaluated(ev.dossier.Number, ev.dossier.State, ev.outcome, len(ev.actions))
	if _, err := p.st().SaveSnapshotAndPlan(p.dem, ev.snap, ev.actions, p.entries(ev)); err != nil {
		return &fatalError{err}
	}
	if err := p.step(StepDossierSaved, ev.dossier.Number); err != nil {
		return err
	}
	return p.executeKeys(ctx, ev.actions)
}

// saveAll writes the evaluated dossiers of a page in one transaction (one
// commit per page, not per dossier), then executes their plans in order.
func (p *pass) saveAll(ctx context.Context, evs []evaluation) error {
	if len(evs) == 0 {
		return nil
	}
	if p.dry {
		for _, ev := range evs {
			p.reportPlanned(ev)
		}
		return nil
	}
	plans := make([]store.Plan, len(evs))
	for i, ev := range evs {
		plans[i] = store.Plan{Snapshot: ev.snap, Actions: ev.actions, Journal: p.entries(ev)}
	}
	if _, err := p.st().SaveSnapshotsAndPlans(p.dem, plans); err != nil {
		return &fatalError{err}
	}
	for _, ev := range evs {
		p.report.evaluated(ev.dossier.Number, ev.dossier.State, ev.outcome, len(ev.actions))
		p.s.opts.Observer.DossierEvaluated(p.dem, ev.dossier.State, string(ev.outcome.Level), ev.outcome.ruleIDs())
	}
	if err := p.step(StepPageSaved, 0); err != nil {
		return err
	}
	for _, ev := range evs {
		if err := p.executeKeys(ctx, ev.actions); err != nil {
			return err
		}
	}
	return p.flush()
}

// reportPlanned reports an evaluation whose plan is not made (DryRun).
func (p *pass) reportPlanned(ev evaluation) {
	p.report.evaluated(ev.dossier.Number, ev.dossier.State, ev.outcome, len(ev.actions))
	for _, a := range ev.actions {
		p.report.action(a, ResultPlanned, nil)
	}
}

// entries journals an evaluation and its plan, and logs its blocking
// findings at debug level.
func (p *pass) entries(ev evaluation) []store.JournalEntry {
	if p.log.GetLevel() <= zerolog.DebugLevel {
		for _, f := range ev.outcome.blocking() {
			p.log.Debug().Int("dossier", ev.dossier.Number).Str("rule", string(f.Rule)).Msg(f.Message)
		}
	}
	out := []store.JournalEntry{evaluatedEntry(ev, p)}
	for _, a := range ev.actions {
		out = append(out, store.JournalEntry{At: p.now(), Kind: "planned", Action: a.Key, Message: summarize(a)})
	}
	return out
}

// evaluatedEntry journals an evaluation; the verdict itself is in the
// snapshot, not repeated here.
func evaluatedEntry(ev evaluation, p *pass) store.JournalEntry {
	msg := fmt.Sprintf("evaluated: complete=%t level=%q findings=%s", ev.snap.Complete, ev.snap.Level, strings.Join(ev.snap.Findings, ","))
	return store.JournalEntry{At: p.now(), Kind: "evaluated", Message: msg}
}

// mergedVerdict is the rules' verdict with the FIELD_INVALID findings.
func mergedVerdict(v rules.Verdict, o outcome) rules.Verdict {
	v.Findings, v.Complete = o.Findings, o.Complete
	if v.Findings == nil {
		v.Findings = []rules.Finding{}
	}
	return v
}

// serviceName is the service's name as the candidate typed it.
func serviceName(d *graphql.Dossier, fields map[string]string) string {
	r := &champReader{champs: d.Champs, fields: fields}
	return r.text(config.FieldServiceName)
}

// nextSnapshot is the snapshot after an evaluation: the dossier's facts and
// verdict, the message bookkeeping carried over, failures cleared.
func (p *pass) nextSnapshot(old store.Snapshot, d *graphql.Dossier, v rules.Verdict, o outcome, cand rules.Candidacy, files map[string]parsedFile) (store.Snapshot, error) {
	vj, err := json.Marshal(v)
	if err != nil {
		return store.Snapshot{}, fmt.Errorf("dossier %d: encode verdict: %w", d.Number, err)
	}
	cj, err := json.Marshal(candidacyRecord(cand))
	if err != nil {
		return store.Snapshot{}, fmt.Errorf("dossier %d: encode candidacy: %w", d.Number, err)
	}
	dep := cand.Departement
	s := store.Snapshot{Number: d.Number, DossierID: d.ID, State: d.State,
		DateDerniereModification: d.DateDerniereModification, ChampsUpdatedAt: d.DateDerniereModificationChamps,
		AnnotationsUpdatedAt: d.DateDerniereModificationAnnotations,
		InputsHash:           fingerprint(d, p.run.cfg.Fields, p.run.configHash),
		FileChecksums:        map[string]string{}, GroupeInstructeur: d.GroupeInstructeur.Label,
		GroupeNumber: d.GroupeInstructeur.Number, Status: statusText(o), Candidacy: cj,
		ServiceName: o.ServiceName, Departement: dep, Verdict: vj, Level: string(o.Level), Complete: o.Complete,
		Findings: o.ruleIDs(), Deadlines: map[string]string{}, EvaluatedAt: p.now(),
		Reminders: old.Reminders, LastMessageAt: old.LastMessageAt, LastMessageRef: old.LastMessageRef,
		Annotations: annotationTargets(o, decide(o, d.State, p.run.pol.decisions), p.run.pol, p.now())}
	for k, f := range files {
		s.FileChecksums[k] = f.Checksum
	}
	for _, dl := range o.Deadlines {
		s.Deadlines[dl.Name] = dl.Date.String()
	}
	return s, nil
}

// candidacyRecord is the candidacy as mapped, for the snapshot: the parsed
// tallies and grids are left out (their scores are in the verdict), so a
// snapshot stays small whatever the number of respondents.
func candidacyRecord(c rules.Candidacy) rules.Candidacy {
	c.UsersSurvey.Tally, c.AgentsSurvey.Tally = nil, nil
	c.AuditGrid.Grid, c.Central.Grid.Grid = nil, nil
	return c
}

// dossierFailed records a failure of one dossier; after quarantine_after
// failures in a row it is quarantined and no longer retried by passes.
func (p *pass) dossierFailed(n int, cause error) error {
	return p.quarantine(n, cause, p.quarantineAfter())
}

// quarantine records a failure, quarantining the dossier at the after-th.
func (p *pass) quarantine(n int, cause error, after int) error {
	p.report.fail(n, cause)
	p.log.Warn().Err(cause).Int("dossier", n).Msg("dossier failed")
	if p.dry {
		return nil
	}
	was, _, err := p.snapshot(n)
	if err != nil {
		return err
	}
	snap, err := p.st().RecordFailure(p.dem, n, cause.Error(), after, p.now())
	if err != nil {
		return &fatalError{err}
	}
	if !snap.Quarantined || was.Quarantined {
		return nil
	}
	p.report.Quarantined = append(p.report.Quarantined, n)
	p.report.dossier(n).Quarantined = true
	p.s.opts.Observer.Quarantined(p.dem, n)
	p.log.Warn().Int("dossier", n).Int("failures", snap.Failures).Msg("dossier quarantined: retry it with sync --dossier")
	return p.journal(store.JournalEntry{Dossier: n, Kind: "quarantined", Message: cause.Error()})
}
