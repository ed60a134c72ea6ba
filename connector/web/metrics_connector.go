package web

import "time"

// PassFinished implements connector.Observer: a pass ended with outcome.
func (m *Metrics) PassFinished(demarche int, trigger, outcome string, d time.Duration) {
	if m == nil {
		return
	}
	dl := demarcheLabel(demarche)
	m.passes.WithLabelValues(dl, trigger, outcome).Inc()
	m.passDuration.WithLabelValues(dl, trigger).Observe(d.Seconds())
}

// AlreadyRunning implements connector.Observer: a pass was refused because
// another pass of the démarche runs.
func (m *Metrics) AlreadyRunning(demarche int) {
	if m == nil {
		return
	}
	m.passesSkipped.WithLabelValues(demarcheLabel(demarche)).Inc()
}

// Action implements connector.Observer: an outbox action was executed.
func (m *Metrics) Action(demarche int, kind, result string) {
	if m == nil {
		return
	}
	m.actions.WithLabelValues(demarcheLabel(demarche), kind, result).Inc()
}

// Quarantined implements connector.Observer: a dossier was set aside. The
// dossier number is not a label (unbounded); the journal has it.
func (m *Metrics) Quarantined(demarche, _ int) {
	if m == nil {
		return
	}
	m.quarantines.WithLabelValues(demarcheLabel(demarche)).Inc()
}

// Checkpoint implements connector.Observer: the démarche's checkpoint moved to at.
func (m *Metrics) Checkpoint(demarche int, at time.Time) {
	if m == nil || at.IsZero() {
		return
	}
	m.checkpoint.WithLabelValues(demarcheLabel(demarche)).Set(float64(at.UnixNano()) / 1e9)
}

// LevelUndetermined is the level label of an evaluation whose level could
// not be computed (a survey or the grid missing or invalid: rules' null).
const LevelUndetermined = "undetermined"

// DossierEvaluated counts one evaluation of a dossier of démarche: its DS
// state, the level reached ("or", "argent", "bronze", "none", or "" when
// the rules give none) and the rule IDs of its findings. It is meant for
// connector.Observer (the connector calls it after each evaluation).
func (m *Metrics) DossierEvaluated(demarche int, state, level string, findings []string) {
	if m == nil {
		return
	}
	if level == "" {
		level = LevelUndetermined
	}
	dl := demarcheLabel(demarche)
	m.evaluated.WithLabelValues(dl, level, state).Inc()
	for _, rule := range findings {
		m.findings.WithLabelValues(dl, rule).Inc()
	}
}
