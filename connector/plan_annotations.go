package connector

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spplus/spplus/config"
	"github.com/spplus/spplus/connector/store"
	"github.com/spplus/spplus/graphql"
	"github.com/spplus/spplus/rules"
)

// Values of the status annotation.
const (
	StatusIncomplete = "incomplet"
	StatusComplete   = "complet"
	StatusToDecide   = "à décider"
	StatusRefusal    = "refus"
	// StatusLabellisable is followed by the level: "labellisable niveau Or".
	StatusLabellisable = "labellisable niveau "
)

// planAnnotations plans one write of the annotations whose target value
// differs from the dossier's current one. The evaluation time is written
// only along with another change, so that an unchanged dossier is not
// bumped (and read again) on every pass.
func planAnnotations(o outcome, f facts, dec decision, p policy, now time.Time) (store.Action, bool, error) {
	targets := annotationTargets(o, dec, p, now)
	var writes []annotationWrite
	keys := make([]string, 0, len(targets))
	for k := range targets {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if cur, ok := f.Annotations[k]; ok && cur == targets[k] {
			continue
		}
		writes = append(writes, annotationWrite{Key: k, ID: annotationID(f, p, k), Kind: annotationKind(k), Value: targets[k]})
	}
	if len(writes) == 0 {
		return store.Action{}, false, nil
	}
	if id := p.annotations[config.AnnotationEvaluatedAt]; id != "" {
		k := config.AnnotationEvaluatedAt
		writes = append(writes, annotationWrite{Key: k, ID: annotationID(f, p, k), Kind: annotationKind(k),
			Value: now.In(orUTC(p.loc)).Format("02/01/2006 15:04")})
	}
	parts := []string{}
	for _, w := range writes {
		if w.Key != config.AnnotationEvaluatedAt {
			parts = append(parts, w.Key, w.Value, f.Annotations[w.Key])
		}
	}
	a, err := newAction(f.Number, store.KindAnnotations, hashOf(parts...), now, annotationsPayload{DossierID: f.DossierID, Values: writes})
	return a, err == nil, err
}

// annotationTargets are the values the verdict calls for, by annotation
// key, for the keys the démarche maps (evaluated_at aside).
func annotationTargets(o outcome, dec decision, p policy, now time.Time) map[string]string {
	all := map[string]string{
		config.AnnotationStatus:           statusText(o),
		config.AnnotationLevel:            o.Level.French(),
		config.AnnotationBlockingFindings: blockingText(o),
		config.AnnotationProposedDecision: dec.Text,
		config.AnnotationComplete:         strconv.FormatBool(o.Complete),
	}
	if v, ok := scoreValue(o.UsersScore); ok {
		all[config.AnnotationUsersScore] = decimalText(v)
	}
	if v, ok := scoreValue(o.AgentsScore); ok {
		all[config.AnnotationAgentsScore] = decimalText(v)
	}
	if d, ok := nextDeadline(o, p, now); ok {
		all[config.AnnotationNextDeadline] = d.String()
	}
	out := map[string]string{}
	for k, v := range all {
		if p.annotations[k] != "" {
			out[k] = v
		}
	}
	return out
}

// statusText sums the verdict up for the instructeurs.
func statusText(o outcome) string {
	switch {
	case !o.Complete:
		return StatusIncomplete
	case o.Level == rules.LevelNone:
		return StatusRefusal
	case o.Level.Labelled() && needsHuman(o):
		return StatusToDecide
	case o.Level.Labelled():
		return StatusLabellisable + o.Level.French()
	}
	return StatusComplete
}

// needsHuman reports warnings that a person should weigh before deciding.
func needsHuman(o outcome) bool {
	for _, f := range o.Findings {
		if f.Rule == rules.CentralLevelTie || f.Rule == rules.ScoreMismatch {
			return true
		}
	}
	return false
}

// blockingText lists the blocking findings, one per line.
func blockingText(o outcome) string {
	var lines []string
	for _, f := range o.blocking() {
		lines = append(lines, string(f.Rule)+" : "+f.Message)
	}
	if len(lines) == 0 {
		return "aucun"
	}
	return strings.Join(lines, "\n")
}

// nextDeadline is the earliest deadline from today on.
func nextDeadline(o outcome, p policy, now time.Time) (rules.Date, bool) {
	today := rules.NewDate(p.today(now))
	var best rules.Date
	for _, d := range o.Deadlines {
		if !d.Date.Before(today) && (best.IsZero() || d.Date.Before(best)) {
			best = d.Date
		}
	}
	return best, !best.IsZero()
}

// annotationID is the id to write: the champ's own id on the dossier when
// it has one, else the descriptor id (equal for root annotations).
func annotationID(f facts, p policy, key string) string {
	if id := f.AnnotationIDs[key]; id != "" {
		return id
	}
	return p.annotations[key]
}

// annotationKind is the kind the vocabulary gives an annotation key.
func annotationKind(key string) config.Kind {
	if s, ok := config.AnnotationByKey(key); ok {
		return s.Kind
	}
	return config.KindText
}

// decimalText is the canonical text of a decimal annotation.
func decimalText(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// annotationText renders an annotation's current value in the canonical
// text form the targets use, so that equal values compare equal; ok is
// false for an unset annotation.
func annotationText(c graphql.Champ) (string, bool) {
	switch {
	case c.Checked != nil:
		return strconv.FormatBool(*c.Checked), true
	case c.Decimal != nil:
		return decimalText(*c.Decimal), true
	case c.Integer != nil:
		return strconv.FormatInt(*c.Integer, 10), true
	case c.Date != nil || c.Datetime != nil:
		return champDate(c).String(), true
	case c.Text != nil:
		return strings.TrimSpace(*c.Text), *c.Text != ""
	case c.StringValue != "":
		return strings.TrimSpace(c.StringValue), true
	}
	return "", false
}

// factsOf reads the planning facts of a dossier.
func factsOf(d *graphql.Dossier, annotations map[string]string) facts {
	f := facts{Number: d.Number, DossierID: d.ID, State: d.State, Annotations: map[string]string{}, AnnotationIDs: map[string]string{},
		Justificatif: d.JustificatifFilename}
	for key, id := range annotations {
		c, ok := d.Annotation(id)
		if !ok {
			continue
		}
		f.AnnotationIDs[key] = c.ID
		if v, set := annotationText(c); set {
			f.Annotations[key] = v
		}
	}
	return f
}

func orUTC(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}
