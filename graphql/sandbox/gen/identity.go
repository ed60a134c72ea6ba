package gen

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// identity is who applies: the service, where it is, and the account that
// filed the dossier.
type identity struct {
	name    string
	legal   string // raison sociale
	dep     departement
	city    city
	address addressJSON
	email   string
	siret   string
	org     organisation
	central *centralService
	// person is set when the dossier was filed by an individual account
	// (PersonnePhysique) rather than the service's SIRET.
	person *personJSON
}

// newIdentity draws a local service, or a central one for central scenarios.
func newIdentity(rng *rand.Rand, central bool) identity {
	deps := departements()
	d := deps[rng.IntN(len(deps))]
	c := d.Cities[rng.IntN(len(d.Cities))]
	orgs := organisations()
	o := orgs[rng.IntN(len(orgs))]
	id := identity{dep: d, city: c, org: o, name: fill(o.Name, d, c), legal: fill(o.Legal, d, c)}
	mail := fill(o.Mail, d, c)
	if central {
		cs := centralServices()[rng.IntN(len(centralServices()))]
		id.central, id.name, id.legal, mail = &cs, cs.Name, cs.Name, cs.Mail
		d = departementByCode(deps, "75")
		id.dep, id.city = d, d.Cities[0]
		id.org.NAF, id.org.LibelleNAF = "84.12Z", "Administration publique (tutelle) de la santé, de la formation, de la culture et des services sociaux"
		id.org.FormeJuridique = "Établissement public national à caractère administratif"
	}
	id.address = newAddress(rng, id.dep, id.city)
	id.email = "label.spplus." + slug(id.city.Name) + "@" + mail
	id.siret = newSIRET(rng)
	if rng.IntN(10) == 0 {
		id.person = newPerson(rng, mail)
	}
	return id
}

func departementByCode(deps []departement, code string) departement {
	for _, d := range deps {
		if d.Code == code {
			return d
		}
	}
	return deps[0]
}

func newAddress(rng *rand.Rand, d departement, c city) addressJSON {
	street := streets()[rng.IntN(len(streets()))]
	no := strconv.Itoa(1 + rng.IntN(120))
	return addressJSON{
		Label:          fmt.Sprintf("%s %s %s %s", no, street, c.Postal, c.Name),
		Type:           "housenumber",
		StreetAddress:  no + " " + street,
		StreetNumber:   no,
		StreetName:     street,
		PostalCode:     c.Postal,
		CityName:       c.Name,
		CityCode:       c.Insee,
		DepartmentName: d.Name,
		DepartmentCode: d.Code,
		RegionName:     d.RegionName,
		RegionCode:     d.RegionCode,
		CountryName:    "France",
		CountryCode:    "FR",
	}
}

// newSIRET draws a SIRET whose SIREN (9 digits) and SIRET (14 digits) pass
// the Luhn check, as INSEE numbers do.
func newSIRET(rng *rand.Rand) string {
	var b strings.Builder
	b.WriteByte(byte('1' + rng.IntN(9)))
	for range 7 {
		b.WriteByte(byte('0' + rng.IntN(10)))
	}
	siren := b.String() + luhnDigit(b.String())
	nic := "0" + strconv.Itoa(1000 + rng.IntN(9000))[1:]
	return siren + nic + luhnDigit(siren+nic)
}

// luhnDigit returns the check digit that makes digits+check pass Luhn.
func luhnDigit(digits string) string {
	sum := 0
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if (len(digits)-1-i)%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return strconv.Itoa((10 - sum%10) % 10)
}

// personJSON is a DS PersonnePhysique.
type personJSON struct {
	Typename        string  `json:"__typename"`
	ID              string  `json:"id"`
	Civilite        string  `json:"civilite"`
	Nom             string  `json:"nom"`
	Prenom          string  `json:"prenom"`
	DateDeNaissance *string `json:"dateDeNaissance"`
	Email           string  `json:"email"`
}

func newPerson(rng *rand.Rand, mailDomain string) *personJSON {
	first := firstNames()[rng.IntN(len(firstNames()))]
	last := lastNames()[rng.IntN(len(lastNames()))]
	civ := "M"
	if rng.IntN(2) == 0 {
		civ = "Mme"
	}
	return &personJSON{
		Typename: "PersonnePhysique", Civilite: civ, Nom: strings.ToUpper(last), Prenom: first,
		Email: slug(first) + "." + slug(last) + "@" + mailDomain,
	}
}
