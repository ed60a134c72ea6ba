package graphql

// dossierWire is the selection made on every dossier, in pages and alone.
type dossierWire struct {
	ID                                  string `graphql:"id"`
	Number                              int    `graphql:"number"`
	State                               string `graphql:"state"`
	Archived                            bool   `graphql:"archived"`
	DateDepot                           string `graphql:"dateDepot"`
	DatePassageEnConstruction           string `graphql:"datePassageEnConstruction"`
	DatePassageEnInstruction            string `graphql:"datePassageEnInstruction"`
	DateTraitement                      string `graphql:"dateTraitement"`
	DateDerniereModification            string `graphql:"dateDerniereModification"`
	DateDerniereModificationChamps      string `graphql:"dateDerniereModificationChamps"`
	DateDerniereModificationAnnotations string `graphql:"dateDerniereModificationAnnotations"`
	Motivation                          string `graphql:"motivation"`
	MotivationAttachment                *struct {
		Filename string `graphql:"filename"`
	} `graphql:"motivationAttachment"`
	Usager struct {
		Email string `graphql:"email"`
	} `graphql:"usager"`
	GroupeInstructeur groupeRefWire    `graphql:"groupeInstructeur"`
	Instructeurs      []profileWire    `graphql:"instructeurs"`
	Demandeur         demandeurWire    `graphql:"demandeur"`
	Labels            []labelRefWire   `graphql:"labels"`
	Messages          []messageWire    `graphql:"messages"`
	Champs            []champWire      `graphql:"champs"`
	Annotations       []champWire      `graphql:"annotations"`
	Traitements       []traitementWire `graphql:"traitements"`
}

type groupeRefWire struct {
	ID     string `graphql:"id"`
	Number int    `graphql:"number"`
	Label  string `graphql:"label"`
}

type profileWire struct {
	ID    string `graphql:"id"`
	Email string `graphql:"email"`
}

type labelRefWire struct {
	ID   string `graphql:"id"`
	Name string `graphql:"name"`
}

type messageWire struct {
	ID        string `graphql:"id"`
	Email     string `graphql:"email"`
	Body      string `graphql:"body"`
	CreatedAt string `graphql:"createdAt"`
}

type traitementWire struct {
	State          string `graphql:"state"`
	DateTraitement string `graphql:"dateTraitement"`
}

// demandeurWire keeps the applicant light: a company's SIRET or a person's
// name. PersonneMoraleIncomplete is not named, so DS sends PersonneMorale.
type demandeurWire struct {
	Typename         string `graphql:"__typename" json:"__typename"`
	personneMorale   `graphql:"... on PersonneMorale"`
	personnePhysique `graphql:"... on PersonnePhysique"`
}

type personneMorale struct {
	Siret string `graphql:"siret"`
}

type personnePhysique struct {
	Nom    string `graphql:"nom"`
	Prenom string `graphql:"prenom"`
}

type pageInfoWire struct {
	HasNextPage bool    `graphql:"hasNextPage"`
	EndCursor   *string `graphql:"endCursor"`
}

// edgeWire is an edge of the connection: its cursor survives when DS nulls
// the node, and names the dossier (see numberFromCursor).
type edgeWire struct {
	Cursor string `graphql:"cursor"`
}

// dossiersPageQuery is the page query's text source.
type dossiersPageQuery struct {
	Demarche struct {
		Dossiers struct {
			PageInfo pageInfoWire  `graphql:"pageInfo"`
			Edges    []edgeWire    `graphql:"edges"`
			Nodes    []dossierWire `graphql:"nodes"`
		} `graphql:"dossiers(first: $first, after: $after, updatedSince: $updatedSince)"`
	} `graphql:"demarche(number: $demarche)"`
}

// dossiersPageData decodes the page query's data; each node is decoded in
// its own slot so one bad dossier does not sink the page. It reads itself
// from the answer as it arrives (see stream.go): the JSON tags say what
// json.Unmarshal would read, which the stream reader matches.
type dossiersPageData struct {
	Demarche *pageDemarcheWire `json:"demarche"`
}

// pageDemarcheWire is the démarche of a page answer.
type pageDemarcheWire struct {
	Dossiers *pageConnectionWire `json:"dossiers"`
}

// pageConnectionWire is the dossiers connection of a page answer.
type pageConnectionWire struct {
	PageInfo *pageInfoWire `json:"pageInfo"`
	Edges    []*edgeWire   `json:"edges"`
	Nodes    []nodeSlot    `json:"nodes"`
}

// dossierNumbersQuery re-reads a page's dossier numbers only, to name the
// dossiers a partial page lost.
type dossierNumbersQuery struct {
	Demarche struct {
		Dossiers struct {
			Nodes []struct {
				Number int `graphql:"number"`
			} `graphql:"nodes"`
		} `graphql:"dossiers(first: $first, after: $after, updatedSince: $updatedSince)"`
	} `graphql:"demarche(number: $demarche)"`
}

// dossierQuery reads one dossier by number.
type dossierQuery struct {
	Dossier *dossierWire `graphql:"dossier(number: $number)"`
}

// deletedWire is a DeletedDossier.
type deletedWire struct {
	ID             string `graphql:"id"`
	Number         int    `graphql:"number"`
	State          string `graphql:"state"`
	Reason         string `graphql:"reason"`
	DateSupression string `graphql:"dateSupression"`
}

type deletedConnection struct {
	PageInfo pageInfoWire  `graphql:"pageInfo"`
	Nodes    []deletedWire `graphql:"nodes"`
}

// deletedDossiersQuery lists definitively deleted dossiers.
type deletedDossiersQuery struct {
	Demarche struct {
		Connection deletedConnection `graphql:"deletedDossiers(first: $first, after: $after, deletedSince: $since)" json:"deletedDossiers"`
	} `graphql:"demarche(number: $demarche)"`
}

// pendingDeletedDossiersQuery lists dossiers in the bin, not yet purged.
type pendingDeletedDossiersQuery struct {
	Demarche struct {
		Connection deletedConnection `graphql:"pendingDeletedDossiers(first: $first, after: $after, deletedSince: $since)" json:"pendingDeletedDossiers"`
	} `graphql:"demarche(number: $demarche)"`
}
