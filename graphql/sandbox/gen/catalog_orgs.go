package gen

import "strings"

// organisation is a kind of local public service that applies for the label.
type organisation struct {
	// Name and Legal are templates: {of} is the département with its
	// preposition ("de la Moselle"), {ofcity} the town with its own, {city}
	// the town, {dep} the département's name.
	Name, Legal     string
	NAF, LibelleNAF string
	FormeJuridique  string
	// Mail is the domain of the candidate's e-mail; {depslug} and {cityslug} are replaced.
	Mail string
}

func organisations() []organisation {
	return []organisation{
		{"CAF {of} – accueil {ofcity}", "Caisse d'allocations familiales {of}", "84.30C", "Distribution sociale de revenus", "Organisme de sécurité sociale", "caf.fr"},
		{"CPAM {of}", "Caisse primaire d'assurance maladie {of}", "84.30A", "Activités générales de sécurité sociale", "Organisme de sécurité sociale", "assurance-maladie.fr"},
		{"Préfecture {of} – service des titres", "Préfecture {of}", "84.11Z", "Administration publique générale", "Service déconcentré de l'État", "{depslug}.gouv.fr"},
		{"Mairie {ofcity} – état civil", "Commune {ofcity}", "84.11Z", "Administration publique générale", "Commune et commune nouvelle", "mairie-{cityslug}.fr"},
		{"Service des impôts des particuliers {ofcity}", "Direction départementale des finances publiques {of}", "84.11Z", "Administration publique générale", "Service déconcentré de l'État", "dgfip.finances.gouv.fr"},
		{"France Travail – agence {ofcity}", "France Travail", "84.13Z", "Administration publique (tutelle) des activités économiques", "Établissement public national à caractère administratif", "francetravail.fr"},
		{"Tribunal judiciaire {ofcity} – accueil du justiciable", "Tribunal judiciaire {ofcity}", "84.23Z", "Justice", "Service déconcentré de l'État", "justice.fr"},
		{"France services {ofcity}", "Maison France services {ofcity}", "84.11Z", "Administration publique générale", "Commune et commune nouvelle", "france-services.gouv.fr"},
		{"Conseil départemental {of} – maison des solidarités {ofcity}", "Département {of}", "84.11Z", "Administration publique générale", "Département", "{depslug}.fr"},
	}
}

// centralService is a national service whose local network is labelled
// (guide §2.2.2); Local is the template of its locals' names.
type centralService struct {
	Name, Local, Mail string
}

func centralServices() []centralService {
	return []centralService{
		{"Caisse nationale des allocations familiales – réseau des CAF", "CAF {of}", "cnaf.fr"},
		{"Caisse nationale de l'assurance maladie – réseau des CPAM", "CPAM {of}", "assurance-maladie.fr"},
		{"Direction générale des finances publiques – réseau des SIP", "Service des impôts des particuliers {ofcity}", "dgfip.finances.gouv.fr"},
		{"France Travail – direction générale", "France Travail – agence {ofcity}", "francetravail.fr"},
	}
}

// fill replaces the placeholders of an organisation template.
func fill(tmpl string, d departement, c city) string {
	return strings.NewReplacer(
		"{of}", d.Of, "{ofcity}", ofCity(c.Name), "{city}", c.Name, "{dep}", d.Name,
		"{depslug}", slug(d.Name), "{cityslug}", slug(c.Name),
	).Replace(tmpl)
}

func firstNames() []string {
	return []string{"Camille", "Nicolas", "Sophie", "Karim", "Isabelle", "Julien", "Nathalie", "Thomas",
		"Aurélie", "Mehdi", "Céline", "Laurent", "Hélène", "Sébastien", "Fatou", "Pierre"}
}

func lastNames() []string {
	return []string{"Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Garcia", "Roux", "Fournier",
		"Girard", "Benali", "Lambert", "Fontaine", "Chevalier", "Nguyen", "Diallo", "Mercier"}
}

// instructeur is a certification body's agent.
type instructeur struct {
	ID    int
	Email string
}

// groupe is a groupe instructeur: one certification body.
type groupe struct {
	Number       int
	Label        string
	Instructeurs []instructeur
}

// groupes returns the two groupes instructeurs of démarche number dm. Their
// numbers and instructeur ids are offset by the démarche so that files of
// several démarches do not collide.
func groupes(dm int) []groupe {
	base := (dm - 1) * 2
	ib := (dm - 1) * 4
	bodies := CertificationBodies()
	return []groupe{
		{base + 1, bodies[0], []instructeur{{ib + 1, "claire.martin@afnor.org"}, {ib + 2, "julien.bernard@afnor.org"}}},
		{base + 2, bodies[1], []instructeur{{ib + 3, "sophie.durand@bureauveritas.com"}, {ib + 4, "thomas.petit@bureauveritas.com"}}},
	}
}

// ditpInstructeur is the DITP's agent, member of every groupe instructeur
// of démarche dm, as the DITP administers the whole démarche: the connector
// writes as this instructeur, who can act on every dossier. It is listed
// after the bodies' agents and never draws dossiers of its own.
func ditpInstructeur(dm int) instructeur {
	return instructeur{100000 + dm, "label.servicespublicsplus@modernisation.gouv.fr"}
}

// label is a démarche label an instructeur can put on dossiers.
type label struct {
	ID          int
	Name, Color string
}

const (
	labelToRemind = iota
	labelAuditPlanned
	labelMissingPieces
	labelPriority
	labelLabelled
)

// labels returns the démarche's labels, indexed by the label* constants.
func labels(dm int) []label {
	b := (dm - 1) * 10
	return []label{
		{b + 1, "À relancer", "yellow_tournesol"},
		{b + 2, "Audit planifié", "blue_ecume"},
		{b + 3, "Pièces manquantes", "pink_macaron"},
		{b + 4, "Prioritaire", "purple_glycine"},
		{b + 5, "Labellisé", "green_menthe"},
	}
}
