package rules

// Level is a level of the label, or the lack of one. The empty Level means
// "not decided" (an input is missing or invalid) and marshals to null.
type Level string

const (
	// LevelUnknown means the level cannot be decided yet (JSON null).
	LevelUnknown Level = ""
	// LevelNone means the scores miss bronze: the candidacy is refused.
	LevelNone Level = "none"
	// LevelBronze is the first level (§2.2.1).
	LevelBronze Level = "bronze"
	// LevelArgent is the second level.
	LevelArgent Level = "argent"
	// LevelOr is the highest level.
	LevelOr Level = "or"
)

// ParseLevel reads "none", "bronze", "argent" or "or".
func ParseLevel(s string) (Level, bool) {
	switch l := Level(s); l {
	case LevelNone, LevelBronze, LevelArgent, LevelOr:
		return l, true
	}
	return LevelUnknown, false
}

// rank orders levels: unknown < none < bronze < argent < or.
func (l Level) rank() int {
	switch l {
	case LevelNone:
		return 1
	case LevelBronze:
		return 2
	case LevelArgent:
		return 3
	case LevelOr:
		return 4
	}
	return 0
}

// Labelled reports whether l is one of the three levels of the label.
func (l Level) Labelled() bool { return l.rank() >= LevelBronze.rank() }

// French names the level for a candidate ("Or", "aucun palier").
func (l Level) French() string {
	switch l {
	case LevelBronze:
		return "Bronze"
	case LevelArgent:
		return "Argent"
	case LevelOr:
		return "Or"
	case LevelNone:
		return "aucun palier"
	}
	return "non déterminé"
}

// MarshalJSON writes the level's name, or null for LevelUnknown.
func (l Level) MarshalJSON() ([]byte, error) {
	if l == LevelUnknown {
		return []byte("null"), nil
	}
	return []byte(`"` + string(l) + `"`), nil
}

// LocalLevel returns the level of a local service from its three scores
// (§2.2.1): the highest level whose thresholds all hold, LevelNone below the
// lowest one, and LevelUnknown when a survey is missing or invalid or the
// audit grid is missing or invalid. The other findings of the candidacy
// play no part.
func LocalLevel(users *UsersScore, agents *AgentsScore, audit *AuditScore, s Settings) Level {
	if users == nil || agents == nil || audit == nil || !users.Valid || !agents.Valid || !audit.Valid {
		return LevelUnknown
	}
	level := LevelNone
	for _, rule := range s.Levels {
		if meetsLevel(rule, users, agents, audit) {
			level = rule.Level
		}
	}
	return level
}

func meetsLevel(rule LevelRule, users *UsersScore, agents *AgentsScore, audit *AuditScore) bool {
	if !users.Score.AtLeast(rule.Users) || !agents.Score.AtLeast(rule.Agents) {
		return false
	}
	if rule.RequireOr && !audit.OrCriteria.AtLeast(rule.OrCriteria) {
		return false
	}
	for _, e := range audit.Engagements {
		if !e.Note.AtLeast(rule.Engagement) {
			return false
		}
	}
	return len(audit.Engagements) > 0
}
