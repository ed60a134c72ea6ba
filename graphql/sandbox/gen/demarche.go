package gen

import "time"

// Title is the generated démarche's title, as on the platform.
const Title = "Dossier de candidature – Label Services publics +"

const description = "Candidature au label Services publics + (guide du label, §3.5)."

// descriptorJSON is a DS ChampDescriptor with its __typename.
type descriptorJSON struct {
	Typename         string           `json:"__typename"`
	ID               string           `json:"id"`
	Label            string           `json:"label"`
	Description      *string          `json:"description"`
	Required         bool             `json:"required"`
	Type             string           `json:"type"`
	Options          []string         `json:"options,omitempty"`
	OtherOption      any              `json:"otherOption,omitempty"`
	ChampDescriptors []descriptorJSON `json:"champDescriptors,omitempty"`
}

// revisionJSON is a DS Revision with its descriptors.
type revisionJSON struct {
	ID                    string           `json:"id"`
	DateCreation          string           `json:"dateCreation"`
	DatePublication       *string          `json:"datePublication"`
	ChampDescriptors      []descriptorJSON `json:"champDescriptors"`
	AnnotationDescriptors []descriptorJSON `json:"annotationDescriptors"`
}

// groupeJSON is a DS GroupeInstructeur with its instructeurs.
type groupeJSON struct {
	ID           string        `json:"id"`
	Number       int           `json:"number"`
	Label        string        `json:"label"`
	Closed       bool          `json:"closed"`
	Instructeurs []profileJSON `json:"instructeurs"`
}

// demarcheHeadJSON is a DS Demarche without its dossiers, which the
// generator streams after it.
type demarcheHeadJSON struct {
	ID                       string         `json:"id"`
	Number                   int            `json:"number"`
	Title                    string         `json:"title"`
	Description              string         `json:"description"`
	State                    string         `json:"state"`
	Declarative              *string        `json:"declarative"`
	DateCreation             string         `json:"dateCreation"`
	DatePublication          string         `json:"datePublication"`
	DateDerniereModification string         `json:"dateDerniereModification"`
	DateDepublication        *string        `json:"dateDepublication"`
	DateFermeture            *string        `json:"dateFermeture"`
	ActiveRevision           revisionJSON   `json:"activeRevision"`
	DraftRevision            revisionJSON   `json:"draftRevision"`
	PublishedRevision        revisionJSON   `json:"publishedRevision"`
	Revisions                []revisionJSON `json:"revisions"`
	GroupeInstructeurs       []groupeJSON   `json:"groupeInstructeurs"`
	Labels                   []labelJSON    `json:"labels"`
	Administrateurs          []profileJSON  `json:"administrateurs"`
	Service                  *struct{}      `json:"service"`
	// The fields below are not Demarche's but DemarcheDescriptor's (the
	// descriptor a dossier carries): the sandbox completes each dossier's
	// descriptor with the démarche's fields.
	DureeConservationDossiers int      `json:"dureeConservationDossiers"`
	Opendata                  bool     `json:"opendata"`
	Tags                      []string `json:"tags"`
	Zones                     []string `json:"zones"`
}

// demarcheDates are the démarche's own dates, fixed relative to now.
type demarcheDates struct {
	created, published time.Time
}

func newDemarcheDates(c clock) demarcheDates {
	created := c.today.AddDate(-2, 0, 0).Add(10 * time.Hour)
	return demarcheDates{created: created, published: created.AddDate(0, 0, 21)}
}

// demarcheHead returns the démarche without its dossiers.
func demarcheHead(dm int, dd demarcheDates) demarcheHeadJSON {
	active := revision(typedID("ProcedureRevision", 2*dm-1), dd.created, &dd.published)
	draft := revision(typedID("ProcedureRevision", 2*dm), dd.published, nil)
	return demarcheHeadJSON{
		ID: typedID("Procedure", dm), Number: dm, Title: Title, Description: description,
		State:                     "publiee",
		DateCreation:              dsTime(dd.created),
		DatePublication:           dsTime(dd.published),
		DateDerniereModification:  dsTime(dd.published),
		ActiveRevision:            active,
		DraftRevision:             draft,
		PublishedRevision:         active,
		Revisions:                 []revisionJSON{active, draft},
		GroupeInstructeurs:        groupesJSON(dm),
		Labels:                    labelsJSON(labels(dm)),
		Administrateurs:           []profileJSON{{typedID("Administrateur", dm), "label-services-publics-plus.ditp@modernisation.gouv.fr"}},
		DureeConservationDossiers: 12,
		Tags:                      []string{"label", "qualité de service"},
		Zones:                     []string{"Premier ministre"},
	}
}

// demarcheRef returns the DemarcheDescriptor every dossier carries.
func demarcheRef(dm int) demarcheRefJSON {
	return demarcheRefJSON{ID: typedID("Procedure", dm), Number: dm, Title: Title, State: "publiee",
		Revision: revisionRef(dm)}
}

// revisionRef names the published revision, on which every dossier is filed.
func revisionRef(dm int) revisionRefJSON {
	return revisionRefJSON{ID: typedID("ProcedureRevision", 2*dm-1)}
}

func revision(id string, created time.Time, published *time.Time) revisionJSON {
	r := revisionJSON{ID: id, DateCreation: dsTime(created)}
	if published != nil {
		r.DatePublication = ptr(dsTime(*published))
	}
	all := Descriptors()
	for _, d := range all {
		switch {
		case d.Annotation:
			r.AnnotationDescriptors = append(r.AnnotationDescriptors, descriptor(d, nil))
		case d.Parent == "":
			r.ChampDescriptors = append(r.ChampDescriptors, descriptor(d, childrenOf(all, d.Key)))
		}
	}
	return r
}

// childrenOf returns the descriptors inside the repetition block key.
func childrenOf(all []Descriptor, key string) []Descriptor {
	var out []Descriptor
	for _, d := range all {
		if key != "" && d.Parent == key {
			out = append(out, d)
		}
	}
	return out
}

func descriptor(d Descriptor, children []Descriptor) descriptorJSON {
	j := descriptorJSON{Typename: d.Typename, ID: d.ID(), Label: d.Label, Required: d.Required, Type: d.Type}
	if d.Description != "" {
		j.Description = ptr(d.Description)
	}
	switch d.Typename {
	case "DropDownListChampDescriptor":
		j.Options, j.OtherOption = d.Options, false
	case "RepetitionChampDescriptor":
		j.ChampDescriptors = []descriptorJSON{}
		for _, c := range children {
			j.ChampDescriptors = append(j.ChampDescriptors, descriptor(c, nil))
		}
	}
	return j
}

func groupesJSON(dm int) []groupeJSON {
	var out []groupeJSON
	for _, g := range groupes(dm) {
		j := groupeJSON{ID: typedID("GroupeInstructeur", g.Number), Number: g.Number, Label: g.Label}
		for _, in := range append(append([]instructeur(nil), g.Instructeurs...), ditpInstructeur(dm)) {
			j.Instructeurs = append(j.Instructeurs, profileJSON{typedID("Instructeur", in.ID), in.Email})
		}
		out = append(out, j)
	}
	return out
}

func labelsJSON(ls []label) []labelJSON {
	out := make([]labelJSON, 0, len(ls))
	for _, l := range ls {
		out = append(out, labelJSON{typedID("Label", l.ID), l.Name, l.Color})
	}
	return out
}
