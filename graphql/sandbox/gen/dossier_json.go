package gen

// The types below are DS's API objects as JSON. The dossier's own nullable
// fields are present even when null; a few nullable fields that the
// generator never fills (nomMandataire, attestation,
// dateSuppressionParUsager, a message's correction, a traitement's null
// motivation...) are left out: the sandbox returns null for a missing
// nullable field, and leaving them out keeps a 10,000-dossier file under
// 200 MB.

// dossierJSON is a DS Dossier.
type dossierJSON struct {
	ID                                  string           `json:"id"`
	Number                              int              `json:"number"`
	State                               string           `json:"state"`
	Archived                            bool             `json:"archived"`
	Prefilled                           bool             `json:"prefilled"`
	ConnectionUsager                    string           `json:"connectionUsager"`
	DeposeParUnTiers                    bool             `json:"deposeParUnTiers"`
	DateDepot                           string           `json:"dateDepot"`
	DatePassageEnConstruction           string           `json:"datePassageEnConstruction"`
	DatePassageEnInstruction            *string          `json:"datePassageEnInstruction"`
	DateTraitement                      *string          `json:"dateTraitement"`
	DateDerniereModification            string           `json:"dateDerniereModification"`
	DateDerniereModificationChamps      string           `json:"dateDerniereModificationChamps"`
	DateDerniereModificationAnnotations string           `json:"dateDerniereModificationAnnotations"`
	DateExpiration                      *string          `json:"dateExpiration"`
	Motivation                          *string          `json:"motivation"`
	MotivationAttachment                *fileJSON        `json:"motivationAttachment"`
	Usager                              profileJSON      `json:"usager"`
	Demandeur                           any              `json:"demandeur"`
	GroupeInstructeur                   groupRefJSON     `json:"groupeInstructeur"`
	Instructeurs                        []profileJSON    `json:"instructeurs"`
	Labels                              []labelJSON      `json:"labels"`
	Messages                            []messageJSON    `json:"messages"`
	Traitements                         []traitementJSON `json:"traitements"`
	Avis                                []struct{}       `json:"avis"`
	Champs                              []champJSON      `json:"champs"`
	Annotations                         []champJSON      `json:"annotations"`
	Demarche                            demarcheRefJSON  `json:"demarche"`
}

// profileJSON is a DS Profile (usager or instructeur).
type profileJSON struct {
	ID    string `json:"id"`
	Email string `json:"email"`
}

// groupRefJSON is the groupe instructeur as a dossier carries it.
type groupRefJSON struct {
	ID     string `json:"id"`
	Number int    `json:"number"`
	Label  string `json:"label"`
}

type labelJSON struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Color string `json:"color"`
}

// messageJSON is a DS Message.
type messageJSON struct {
	ID          string     `json:"id"`
	Email       string     `json:"email"`
	Body        string     `json:"body"`
	CreatedAt   string     `json:"createdAt"`
	DiscardedAt *string    `json:"discardedAt"`
	Attachments []fileJSON `json:"attachments"`
	Correction  *struct{}  `json:"correction,omitempty"` // never set: omitted, read as null
}

// traitementJSON is a DS Traitement.
type traitementJSON struct {
	ID                 string          `json:"id"`
	Event              string          `json:"event"`
	State              string          `json:"state"`
	DateTraitement     string          `json:"dateTraitement"`
	EmailAgentTraitant *string         `json:"emailAgentTraitant,omitempty"` // null for the candidate's deposit
	Motivation         *string         `json:"motivation,omitempty"`         // null except for decisions
	Revision           revisionRefJSON `json:"revision"`
}

// personneMoraleJSON is a DS PersonneMorale (the candidate's SIRET).
type personneMoraleJSON struct {
	Typename          string         `json:"__typename"`
	ID                string         `json:"id"`
	Siret             string         `json:"siret"`
	SiegeSocial       bool           `json:"siegeSocial"`
	Naf               string         `json:"naf"`
	LibelleNaf        string         `json:"libelleNaf"`
	Adresse           string         `json:"adresse"`
	CodePostal        string         `json:"codePostal"`
	Localite          string         `json:"localite"`
	CodeInseeLocalite string         `json:"codeInseeLocalite"`
	Address           addressJSON    `json:"address"`
	Entreprise        entrepriseJSON `json:"entreprise"`
	Association       *struct{}      `json:"association"`
}

// entrepriseJSON is a DS Entreprise (from API Entreprise).
type entrepriseJSON struct {
	Siren             string `json:"siren"`
	SiretSiegeSocial  string `json:"siretSiegeSocial"`
	RaisonSociale     string `json:"raisonSociale"`
	NomCommercial     string `json:"nomCommercial"`
	FormeJuridique    string `json:"formeJuridique"`
	InlineAdresse     string `json:"inlineAdresse"`
	EtatAdministratif string `json:"etatAdministratif"`
}

// demarcheRefJSON is the DemarcheDescriptor a dossier carries: which
// démarche, and the revision the dossier was filed on. The descriptor's
// other fields (dates, description, tags...) are the démarche's: the
// sandbox serves them from it, so they are not repeated in every dossier.
type demarcheRefJSON struct {
	ID       string          `json:"id"`
	Number   int             `json:"number"`
	Title    string          `json:"title"`
	State    string          `json:"state"`
	Revision revisionRefJSON `json:"revision"`
}

// revisionRefJSON names a revision of the démarche.
type revisionRefJSON struct {
	ID string `json:"id"`
}

// deletedDossierJSON is a DS DeletedDossier.
type deletedDossierJSON struct {
	ID             string `json:"id"`
	Number         int    `json:"number"`
	State          string `json:"state"`
	Reason         string `json:"reason"`
	DateSupression string `json:"dateSupression"` // sic: DS's field name
}
