package graphql

import "time"

// Dossier states, as DS spells them.
const (
	StateEnConstruction = "en_construction"
	StateEnInstruction  = "en_instruction"
	StateAccepte        = "accepte"
	StateRefuse         = "refuse"
	StateSansSuite      = "sans_suite"
)

// Virus scan results of a File; only VirusScanSafe files are downloaded.
const (
	VirusScanSafe    = "safe"
	VirusScanPending = "pending"
)

// Dossier is a DS dossier as the client reads it. Dates that DS may send as
// null (DatePassageEnInstruction, DateTraitement) are zero then.
type Dossier struct {
	ID                                  string // base64 id, used by mutations
	Number                              int
	State                               string
	Archived                            bool
	DateDepot                           time.Time
	DatePassageEnConstruction           time.Time
	DatePassageEnInstruction            time.Time
	DateTraitement                      time.Time
	DateDerniereModification            time.Time
	DateDerniereModificationChamps      time.Time
	DateDerniereModificationAnnotations time.Time
	Motivation                          string
	// JustificatifFilename names the file attached to the decision
	// (motivationAttachment); "" when the decision came without one.
	JustificatifFilename string
	UsagerEmail          string
	GroupeInstructeur    GroupeInstructeur
	Instructeurs         []Instructeur // those who follow the dossier
	Demandeur            Demandeur
	Labels               []Label
	Messages             []Message // chronological
	Champs               []Champ
	Annotations          []Champ
	Traitements          []Traitement
	// FetchedAt is the client's clock when the dossier was read. File URLs
	// expire an hour after that: re-read the dossier before downloading if
	// it is old (Download refuses files older than Options.FileURLMaxAge).
	FetchedAt time.Time
}

// Champ is a champ or an annotation. Typename says which typed field is set;
// a typed field is nil when DS sent null (a blank champ).
type Champ struct {
	Typename          string // e.g. "TextChamp", "DatetimeChamp", "RepetitionChamp"
	ID                string
	ChampDescriptorID string // equals ChampDescriptor.ID
	Label             string
	StringValue       string     // DS's rendering; "" when null
	Text              *string    // TextChamp, DropDownListChamp
	Checked           *bool      // CheckboxChamp, YesNoChamp
	Date              *time.Time // DateChamp: midnight UTC of the calendar day
	Datetime          *time.Time // DatetimeChamp, with DS's Paris offset
	Integer           *int64     // IntegerNumberChamp (a BigInt string on the wire)
	Decimal           *float64   // DecimalNumberChamp
	Values            []string   // MultipleDropDownListChamp
	Files             []File     // PieceJustificativeChamp
	Rows              []Row      // RepetitionChamp
	Address           *Address   // AddressChamp
	Departement       *Departement
}

// Row is one row of a repetition champ.
type Row struct {
	ID     string
	Champs []Champ
}

// File is an attachment. URL is signed and expires an hour after the
// dossier was read (FetchedAt).
type File struct {
	Filename        string
	URL             string
	ByteSize        int64
	Checksum        string // base64 of the raw MD5 of the content
	ContentType     string
	VirusScanResult string // pending, safe, infected, integrity_error
	CreatedAt       time.Time
	FetchedAt       time.Time // copied from the dossier
}

// Address is the part of an AddressChamp the connector reads.
type Address struct {
	StreetAddress  string
	PostalCode     string
	CityName       string
	CityCode       string
	DepartmentCode string
}

// Departement is a French département (code "57", "2A", "971").
type Departement struct {
	Code string
	Name string
}

// Demandeur is the applicant: Siret for a PersonneMorale, Nom and Prenom for
// a PersonnePhysique; Typename tells which.
type Demandeur struct {
	Typename string
	Siret    string
	Nom      string
	Prenom   string
}

// Message is a message on a dossier.
type Message struct {
	ID        string
	Email     string
	Body      string
	CreatedAt time.Time
}

// Traitement is one state change in a dossier's history.
type Traitement struct {
	State          string
	DateTraitement time.Time
}

// Label is a label of a démarche, attachable to its dossiers.
type Label struct {
	ID    string
	Name  string
	Color string // empty on dossiers (not selected there)
}

// Instructeur is an instructeur's profile; ID is what mutations take.
type Instructeur struct {
	ID    string
	Email string
}

// GroupeInstructeur is a group of instructeurs. Instructeurs is only filled
// by Demarche.
type GroupeInstructeur struct {
	ID           string
	Number       int
	Label        string
	Closed       bool
	Instructeurs []Instructeur
}

// Demarche is a démarche with what the connector needs to map and act.
type Demarche struct {
	ID                 string
	Number             int
	Title              string
	State              string
	Revision           Revision // the active revision
	GroupeInstructeurs []GroupeInstructeur
	Labels             []Label
}

// Revision holds a démarche revision's descriptors.
type Revision struct {
	ID                    string
	DatePublication       time.Time // zero for a draft
	ChampDescriptors      []ChampDescriptor
	AnnotationDescriptors []ChampDescriptor
}

// ChampDescriptor describes a champ or annotation; its ID is the
// ChampDescriptorID of the matching Champ values.
type ChampDescriptor struct {
	Typename    string // e.g. "DateChampDescriptor"
	ID          string
	Label       string
	Description string
	Required    bool
	Options     []string          // drop-down lists
	OtherOption bool              // drop-down list accepts "other"
	Children    []ChampDescriptor // repetition
}

// DeletedDossier is a dossier deleted or in the bin. Key on Number: its ID
// differs from the Dossier's.
type DeletedDossier struct {
	ID             string
	Number         int
	State          string
	Reason         string
	DateSupression time.Time // DS's spelling
}

// DossierState is the result of a state mutation: the dossier as DS left it.
type DossierState struct {
	ID             string
	Number         int
	State          string
	Archived       bool
	DateTraitement time.Time
	Motivation     string
}

// Champ returns the dossier's champ with that descriptor id.
func (d *Dossier) Champ(descriptorID string) (Champ, bool) {
	return findChamp(d.Champs, descriptorID)
}

// Annotation returns the dossier's annotation with that descriptor id.
func (d *Dossier) Annotation(descriptorID string) (Champ, bool) {
	return findChamp(d.Annotations, descriptorID)
}

func findChamp(cs []Champ, descriptorID string) (Champ, bool) {
	for _, c := range cs {
		if c.ChampDescriptorID == descriptorID {
			return c, true
		}
	}
	return Champ{}, false
}
