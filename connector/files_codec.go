package connector

import (
	"encoding/json"
	"fmt"

	"github.com/spplus/spplus/rules"
)

// parsedFile is kept in every snapshot whose dossier has data files, so its
// JSON is compact: a tally is its counts only (the layout is the settings'
// one, put back by withLayout, and the cache is keyed by the settings), a
// grid a list of small arrays.
type parsedFileJSON struct {
	Name       string        `json:"n"`
	Checksum   string        `json:"c"`
	Scan       string        `json:"s"`
	Unreadable string        `json:"u,omitempty"`
	NotSafe    string        `json:"ns,omitempty"`
	Tally      *tallyJSON    `json:"t,omitempty"`
	Grid       [][4]any      `json:"g,omitempty"`  // point, engagement, or (0/1), quarters
	Central    []centralJSON `json:"cg,omitempty"` // point, validated
}

type tallyJSON struct {
	Respondents int64      `json:"r"`
	Admissible  int64      `json:"a"`
	Counts      [][5]int64 `json:"c"` // 0, 0.25, 0.75, 1, NC
}

type centralJSON struct {
	Point     string `json:"p"`
	Validated bool   `json:"v"`
}

// MarshalJSON writes the compact form.
func (f parsedFile) MarshalJSON() ([]byte, error) {
	out := parsedFileJSON{Name: f.Name, Checksum: f.Checksum, Scan: f.Scan, Unreadable: f.Unreadable, NotSafe: f.NotSafe}
	if t := f.Tally; t != nil {
		out.Tally = &tallyJSON{Respondents: t.Respondents, Admissible: t.Admissible, Counts: make([][5]int64, len(t.Counts))}
		for i, c := range t.Counts {
			out.Tally.Counts[i] = [5]int64{c.Zero, c.Quarter, c.ThreeQuarters, c.One, c.NC}
		}
	}
	if f.Grid != nil {
		out.Grid = make([][4]any, 0, len(f.Grid.Points))
		for _, p := range f.Grid.Points {
			or := 0
			if p.Or {
				or = 1
			}
			out.Grid = append(out.Grid, [4]any{p.Point, p.Engagement, or, p.Quarters})
		}
	}
	if f.Central != nil {
		out.Central = make([]centralJSON, 0, len(f.Central.Points))
		for _, p := range f.Central.Points {
			out.Central = append(out.Central, centralJSON{p.Point, p.Validated})
		}
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads the compact form; a tally comes back without its
// layout (see withLayout).
func (f *parsedFile) UnmarshalJSON(b []byte) error {
	var in parsedFileJSON
	if err := json.Unmarshal(b, &in); err != nil {
		return err
	}
	*f = parsedFile{Name: in.Name, Checksum: in.Checksum, Scan: in.Scan, Unreadable: in.Unreadable, NotSafe: in.NotSafe}
	if in.Tally != nil {
		f.Tally = &rules.SurveyTally{Respondents: in.Tally.Respondents, Admissible: in.Tally.Admissible}
		for _, c := range in.Tally.Counts {
			f.Tally.Counts = append(f.Tally.Counts, rules.AnswerCounts{Zero: c[0], Quarter: c[1], ThreeQuarters: c[2], One: c[3], NC: c[4]})
		}
	}
	if in.Grid != nil {
		g, err := gridOf(in.Grid)
		if err != nil {
			return err
		}
		f.Grid = &g
	}
	if in.Central != nil {
		f.Central = &rules.CentralGrid{}
		for _, p := range in.Central {
			f.Central.Points = append(f.Central.Points, rules.CentralPoint{Point: p.Point, Validated: p.Validated})
		}
	}
	return nil
}

// gridOf reads the compact grid rows.
func gridOf(rows [][4]any) (rules.AuditGrid, error) {
	var g rules.AuditGrid
	for i, r := range rows {
		point, ok1 := r[0].(string)
		eng, ok2 := r[1].(float64)
		or, ok3 := r[2].(float64)
		q, ok4 := r[3].(float64)
		if !ok1 || !ok2 || !ok3 || !ok4 {
			return g, fmt.Errorf("cached grid row %d: expected [point, engagement, or, quarters], got %v", i, r)
		}
		g.Points = append(g.Points, rules.AuditPoint{Point: point, Engagement: int(eng), Or: or == 1, Quarters: int8(q)})
	}
	return g, nil
}

// withLayout puts back the layout of a cached tally; a tally whose counts
// do not match the layout (settings changed) is not reused.
func withLayout(f parsedFile, kind fileKind, q rules.Questionnaires) (parsedFile, bool) {
	if f.Tally == nil || len(f.Tally.Layout.Questions) > 0 {
		return f, true
	}
	if len(q.Users.Questions) == 0 && len(q.Agents.Questions) == 0 {
		q = rules.DefaultQuestionnaires()
	}
	layout := q.Users
	if kind == fileAgents {
		layout = q.Agents
	}
	if len(layout.Questions) != len(f.Tally.Counts) {
		return f, false
	}
	t := *f.Tally
	t.Layout = layout
	f.Tally = &t
	return f, true
}
