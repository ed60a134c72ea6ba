package graphql

// demarcheQuery reads a démarche with its active revision's descriptors,
// its groupes instructeurs with their instructeurs, and its labels.
type demarcheQuery struct {
	Demarche *demarcheWire `graphql:"demarche(number: $demarche)"`
}

type demarcheWire struct {
	ID             string          `graphql:"id"`
	Number         int             `graphql:"number"`
	Title          string          `graphql:"title"`
	State          string          `graphql:"state"`
	ActiveRevision revisionWire    `graphql:"activeRevision"`
	Groupes        []groupeWire    `graphql:"groupeInstructeurs" json:"groupeInstructeurs"`
	Labels         []labelFullWire `graphql:"labels"`
}

type revisionWire struct {
	ID                    string           `graphql:"id"`
	DatePublication       string           `graphql:"datePublication"`
	ChampDescriptors      []descriptorWire `graphql:"champDescriptors"`
	AnnotationDescriptors []descriptorWire `graphql:"annotationDescriptors"`
}

type groupeWire struct {
	ID           string        `graphql:"id"`
	Number       int           `graphql:"number"`
	Label        string        `graphql:"label"`
	Closed       bool          `graphql:"closed"`
	Instructeurs []profileWire `graphql:"instructeurs"`
}

type labelFullWire struct {
	ID    string `graphql:"id"`
	Name  string `graphql:"name"`
	Color string `graphql:"color"`
}
