package gen

// city is a town where a candidate service sits.
type city struct {
	Name, Postal, Insee string
}

// departement is a French département with the towns used for services.
// Alsace-Moselle (57, 67, 68) and overseas (971, 974) are in the list on
// purpose: their working-day calendars differ (RULES.md D5).
type departement struct {
	Code, Name string
	// Of is the name with its French preposition: "de la Moselle", "du Rhône".
	Of                     string
	RegionCode, RegionName string
	Cities                 []city
}

func departements() []departement {
	return []departement{
		{"57", "Moselle", "de la Moselle", "44", "Grand Est", []city{{"Metz", "57000", "57463"}, {"Thionville", "57100", "57672"}, {"Forbach", "57600", "57227"}}},
		{"69", "Rhône", "du Rhône", "84", "Auvergne-Rhône-Alpes", []city{{"Lyon", "69003", "69383"}, {"Villeurbanne", "69100", "69266"}, {"Vénissieux", "69200", "69259"}}},
		{"33", "Gironde", "de la Gironde", "75", "Nouvelle-Aquitaine", []city{{"Bordeaux", "33000", "33063"}, {"Mérignac", "33700", "33281"}, {"Pessac", "33600", "33318"}}},
		{"59", "Nord", "du Nord", "32", "Hauts-de-France", []city{{"Lille", "59000", "59350"}, {"Roubaix", "59100", "59512"}, {"Tourcoing", "59200", "59599"}}},
		{"13", "Bouches-du-Rhône", "des Bouches-du-Rhône", "93", "Provence-Alpes-Côte d'Azur", []city{{"Marseille", "13001", "13055"}, {"Aix-en-Provence", "13100", "13001"}, {"Aubagne", "13400", "13005"}}},
		{"31", "Haute-Garonne", "de la Haute-Garonne", "76", "Occitanie", []city{{"Toulouse", "31000", "31555"}, {"Colomiers", "31770", "31149"}, {"Muret", "31600", "31395"}}},
		{"44", "Loire-Atlantique", "de la Loire-Atlantique", "52", "Pays de la Loire", []city{{"Nantes", "44000", "44109"}, {"Saint-Nazaire", "44600", "44184"}, {"Rezé", "44400", "44143"}}},
		{"67", "Bas-Rhin", "du Bas-Rhin", "44", "Grand Est", []city{{"Strasbourg", "67000", "67482"}, {"Haguenau", "67500", "67180"}, {"Sélestat", "67600", "67462"}}},
		{"68", "Haut-Rhin", "du Haut-Rhin", "44", "Grand Est", []city{{"Colmar", "68000", "68066"}, {"Mulhouse", "68100", "68224"}, {"Saint-Louis", "68300", "68297"}}},
		{"35", "Ille-et-Vilaine", "d'Ille-et-Vilaine", "53", "Bretagne", []city{{"Rennes", "35000", "35238"}, {"Saint-Malo", "35400", "35288"}, {"Fougères", "35300", "35115"}}},
		{"34", "Hérault", "de l'Hérault", "76", "Occitanie", []city{{"Montpellier", "34000", "34172"}, {"Béziers", "34500", "34032"}, {"Sète", "34200", "34301"}}},
		{"06", "Alpes-Maritimes", "des Alpes-Maritimes", "93", "Provence-Alpes-Côte d'Azur", []city{{"Nice", "06000", "06088"}, {"Cannes", "06400", "06029"}, {"Antibes", "06600", "06004"}}},
		{"75", "Paris", "de Paris", "11", "Île-de-France", []city{{"Paris", "75011", "75056"}}},
		{"93", "Seine-Saint-Denis", "de la Seine-Saint-Denis", "11", "Île-de-France", []city{{"Bobigny", "93000", "93008"}, {"Saint-Denis", "93200", "93066"}, {"Montreuil", "93100", "93048"}}},
		{"63", "Puy-de-Dôme", "du Puy-de-Dôme", "84", "Auvergne-Rhône-Alpes", []city{{"Clermont-Ferrand", "63000", "63113"}, {"Riom", "63200", "63300"}, {"Issoire", "63500", "63178"}}},
		{"21", "Côte-d'Or", "de la Côte-d'Or", "27", "Bourgogne-Franche-Comté", []city{{"Dijon", "21000", "21231"}, {"Beaune", "21200", "21054"}}},
		{"45", "Loiret", "du Loiret", "24", "Centre-Val de Loire", []city{{"Orléans", "45000", "45234"}, {"Montargis", "45200", "45208"}}},
		{"76", "Seine-Maritime", "de la Seine-Maritime", "28", "Normandie", []city{{"Rouen", "76000", "76540"}, {"Le Havre", "76600", "76351"}, {"Dieppe", "76200", "76217"}}},
		{"29", "Finistère", "du Finistère", "53", "Bretagne", []city{{"Quimper", "29000", "29232"}, {"Brest", "29200", "29019"}, {"Morlaix", "29600", "29151"}}},
		{"974", "La Réunion", "de La Réunion", "04", "La Réunion", []city{{"Saint-Denis", "97400", "97411"}, {"Saint-Pierre", "97410", "97416"}, {"Saint-Paul", "97460", "97415"}}},
		{"971", "Guadeloupe", "de la Guadeloupe", "01", "Guadeloupe", []city{{"Basse-Terre", "97100", "97105"}, {"Pointe-à-Pitre", "97110", "97120"}}},
		{"2A", "Corse-du-Sud", "de la Corse-du-Sud", "94", "Corse", []city{{"Ajaccio", "20000", "2A004"}, {"Porto-Vecchio", "20137", "2A247"}}},
		{"38", "Isère", "de l'Isère", "84", "Auvergne-Rhône-Alpes", []city{{"Grenoble", "38000", "38185"}, {"Vienne", "38200", "38544"}}},
		{"54", "Meurthe-et-Moselle", "de Meurthe-et-Moselle", "44", "Grand Est", []city{{"Nancy", "54000", "54395"}, {"Lunéville", "54300", "54329"}}},
		{"87", "Haute-Vienne", "de la Haute-Vienne", "75", "Nouvelle-Aquitaine", []city{{"Limoges", "87000", "87085"}, {"Saint-Junien", "87200", "87154"}}},
		{"80", "Somme", "de la Somme", "32", "Hauts-de-France", []city{{"Amiens", "80000", "80021"}, {"Abbeville", "80100", "80001"}}},
	}
}

// ofCity returns "de <city>" with French elision and contraction:
// "d'Orléans", "du Havre", "de Metz".
func ofCity(name string) string {
	switch {
	case len(name) > 3 && name[:3] == "Le ":
		return "du " + name[3:]
	case startsWithVowel(name):
		return "d'" + name
	default:
		return "de " + name
	}
}

func startsWithVowel(s string) bool {
	for _, r := range s {
		switch r {
		case 'A', 'E', 'I', 'O', 'U', 'Y', 'É', 'È', 'Î', 'Ô':
			return true
		}
		return false
	}
	return false
}

func streets() []string {
	return []string{
		"rue de la République", "avenue Foch", "boulevard Gambetta", "place de la Mairie",
		"rue Victor Hugo", "rue du Général de Gaulle", "quai des Célestins", "allée des Tilleuls",
		"rue Jean Jaurès", "avenue de la Libération", "rue Pasteur", "cours de la Marne",
	}
}
