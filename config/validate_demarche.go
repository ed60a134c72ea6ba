package config

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/robfig/cron/v3"
)

// departementRE accepts metropolitan codes, Corsica and the overseas ones.
var departementRE = regexp.MustCompile(`^(\d{2}|2[AB]|97[1-8])$`)

func (p *problems) checkDemarches(ds []Demarche) {
	numbers := map[int]int{}
	for i, d := range ds {
		key := fmt.Sprintf("demarches[%d]", i)
		if j, dup := numbers[d.Number]; dup && d.Number > 0 {
			p.add(key+".number", "démarche %d is already configured by demarches[%d]", d.Number, j)
		}
		numbers[d.Number] = i
		p.checkDemarche(key, d)
	}
}

func (p *problems) checkDemarche(key string, d Demarche) {
	if d.Number < 1 {
		p.add(key+".number", "expected the démarche's number on DS (a positive integer), got %d", d.Number)
	}
	if d.InstructeurID == "" && d.writes() {
		p.add(key+".instructeur_id", "expected the id of the instructeur spplus writes as (annotations, messages and decisions need one)")
	} else if strings.IndexFunc(d.InstructeurID, unicode.IsSpace) >= 0 {
		p.add(key+".instructeur_id", "expected an id without spaces, got %q", d.InstructeurID)
	}
	if _, err := cron.ParseStandard(d.Schedule); err != nil {
		p.add(key+".schedule", "expected a 5-field cron spec or a descriptor such as @every 15m or @hourly, got %q: %v", d.Schedule, err)
	}
	if d.Departement != "" && !departementRE.MatchString(d.Departement) {
		p.add(key+".departement", "expected a département code such as 57, 2A or 974, got %q", d.Departement)
	}
	p.checkMapping(key+".fields", d.Fields, Fields())
	p.checkMapping(key+".annotations", d.Annotations, Annotations())
	p.checkMessages(key+".messages", d.Messages)
	p.checkDecisions(key+".decisions", d.Decisions)
	if d.QuarantineAfter < 1 {
		p.add(key+".quarantine_after", "expected at least 1 failure, got %d", d.QuarantineAfter)
	}
}

// writes reports whether the démarche's settings make spplus write to DS.
func (d Demarche) writes() bool {
	return len(d.Annotations) > 0 || d.Messages.Enabled ||
		d.Decisions.PasserEnInstruction == PolicyAuto || d.Decisions.Accepter == PolicyAuto ||
		d.Decisions.Refuser == PolicyAuto
}

// checkMapping checks a key -> descriptor id mapping against a vocabulary.
// Leaving keys out is fine: a missing input becomes a finding later.
func (p *problems) checkMapping(key string, m map[string]string, vocabulary []FieldSpec) {
	for _, k := range slices.Sorted(maps.Keys(m)) {
		spec, ok := specByKey(vocabulary, k)
		switch {
		case !ok:
			p.add(key+"."+k, "unknown key: expected one of %s", strings.Join(specKeys(vocabulary), ", "))
		case m[k] == "" || strings.IndexFunc(m[k], unicode.IsSpace) >= 0:
			p.add(key+"."+k, "expected a descriptor id (%s), got %q", spec.Label, m[k])
		case spec.Parent != "" && m[spec.Parent] == "":
			p.add(key+"."+k, "is inside the repetition %q, which is not mapped: expected %s.%s too", spec.Parent, key, spec.Parent)
		}
	}
}

func (p *problems) checkMessages(key string, m Messages) {
	if m.MaxReminders < 0 {
		p.add(key+".max_reminders", "expected 0 or more, got %d", m.MaxReminders)
	}
	if m.MaxReminders > 0 && m.ReminderEvery <= 0 {
		p.add(key+".reminder_every", "expected a positive duration such as 168h when max_reminders is %d, got %s", m.MaxReminders, m.ReminderEvery)
	}
}

func (p *problems) checkDecisions(key string, d Decisions) {
	for _, c := range []struct {
		name string
		p    Policy
	}{{"passer_en_instruction", d.PasserEnInstruction}, {"accepter", d.Accepter}, {"refuser", d.Refuser}} {
		if c.p != PolicyOff && c.p != PolicyPropose && c.p != PolicyAuto {
			p.add(key+"."+c.name, "expected off, propose or auto, got %q", c.p)
		}
	}
}
