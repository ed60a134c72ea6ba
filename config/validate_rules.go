package config

import "fmt"

func (p *problems) checkRules(r Rules) {
	seen := map[string]int{}
	for i, a := range r.AnswerLabels {
		key := fmt.Sprintf("rules.answer_labels[%d]", i)
		if NormalizeLabel(a.Label) == "" {
			p.add(key+".label", "expected the answer's label, got nothing")
		} else if j, dup := seen[NormalizeLabel(a.Label)]; dup {
			p.add(key+".label", "%q is already given by rules.answer_labels[%d] (labels compare without case or accents)", a.Label, j)
		} else {
			seen[NormalizeLabel(a.Label)] = i
		}
		if q := a.Points * 4; q != 0 && q != 1 && q != 3 && q != 4 {
			p.add(key+".points", "expected 0, 0.25, 0.75 or 1, got %v", a.Points)
		}
	}
	for i, l := range r.NCLabels {
		if NormalizeLabel(l) == "" {
			p.add(fmt.Sprintf("rules.nc_labels[%d]", i), "expected a label, got nothing")
		}
	}
	p.checkQuestions("rules.users_questions", r.UsersQuestions, true)
	p.checkQuestions("rules.agents_questions", r.AgentsQuestions, false)
}

// checkQuestions checks a questionnaire layout; only the users' one has
// engagements and a satisfaction question (§3.4.1, §3.4.2).
func (p *problems) checkQuestions(key string, qs []Question, users bool) {
	codes := map[string]int{}
	satisfaction := -1
	for i, q := range qs {
		k := fmt.Sprintf("%s[%d]", key, i)
		if j, dup := codes[q.Code]; dup {
			p.add(k+".code", "%q is already used by %s[%d]", q.Code, key, j)
		}
		if q.Code == "" {
			p.add(k+".code", "expected the question's column header, got nothing")
		}
		codes[q.Code] = i
		p.checkQuestionRole(k, q, users)
		if q.Satisfaction && satisfaction >= 0 {
			p.add(k+".satisfaction", "%s[%d] is already the satisfaction question: expected one", key, satisfaction)
		} else if q.Satisfaction {
			satisfaction = i
		}
	}
}

func (p *problems) checkQuestionRole(k string, q Question, users bool) {
	switch {
	case !users && (q.Engagement != 0 || q.Satisfaction):
		p.add(k, "expected a code alone: the agents' questions have no engagement nor satisfaction question")
	case q.Engagement < 0 || q.Engagement > 8:
		p.add(k+".engagement", "expected 1 to 8 (or nothing), got %d", q.Engagement)
	case q.Satisfaction && q.Engagement != 0:
		p.add(k, "expected either an engagement or satisfaction: true, not both")
	case users && !q.Satisfaction && q.Engagement == 0:
		p.add(k+".engagement", "expected the engagement (1 to 8) the question belongs to")
	}
}
