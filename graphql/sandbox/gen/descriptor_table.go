package gen

// This file is the form of the démarche. Stable ids are fixed forever: the
// connector's configuration refers to champs by id, so renumbering one would
// break every deployed config. Champs use 10..99, annotations 100 and up.
// The form has no section headers: they feed nothing, and each would cost
// a champ in every dossier of a 10,000-dossier file.

func champDescriptors() []Descriptor {
	return []Descriptor{
		choice(KeyService, 10, "Type de service", true, OptionServiceLocal, OptionServiceCentral),
		choice(KeyAudit, 11, "Type d'audit", true, OptionAuditInitial, OptionAuditFollowup, OptionAuditRenewal),
		champ(KeyServiceName, 12, "Nom du service", "TextChampDescriptor", "text", true),
		champ(KeyDepartement, 13, "Département du service", "DepartementChampDescriptor", "departements", true),
		champ(KeyServiceAddress, 14, "Adresse du service", "AddressChampDescriptor", "address", false),
		choice(KeyCertificationBody, 15, "Organisme certificateur", true, CertificationBodies()...),
		withHelp(champ(KeyIdentification, 30, "Fiche d'identification du service", pjType, pj, true),
			"Fiche au format normalisé, avec les certificats et attestations de labellisation déjà obtenus."),
		champ(KeyOrganigram, 31, "Organigramme du service", pjType, pj, true),
		champ(KeyAlreadyLabelled, 19, "Le service a-t-il déjà été labellisé ?", "YesNoChampDescriptor", "yes_no", true),
		withHelp(champ(KeyInitialDecisionDate, 20, "Date de la décision initiale de labellisation", dateType, "date", false),
			"Pour un audit de suivi ou de renouvellement : date de la décision qui a attribué le label du cycle en cours."),
		withHelp(champ(KeyLastRefusalDate, 21, "Date du dernier refus", dateType, "date", false),
			"Si une précédente candidature du service a été refusée."),
		withHelp(champ(KeySuspensionStartDate, 22, "Date de début de la suspension", dateType, "date", false),
			"Si le label du service est suspendu (§5.3.1)."),
		withHelp(champ(KeyWithdrawalDate, 23, "Date du retrait du label", dateType, "date", false),
			"Si le label du service a été retiré (§5.3.2)."),

		champ(KeyAuditDate, 16, "Date de l'audit", dateType, "date", true),
		withHelp(champ(KeyAuditEndDate, 17, "Date de fin de l'audit", dateType, "date", false),
			"Dernier jour sur site, pour un audit de plusieurs jours."),
		champ(KeyAuditPlanFiledAt, 18, "Date et heure de dépôt du plan d'audit", "DatetimeChampDescriptor", "datetime", false),
		withHelp(champ(KeyReportReceivedDate, 61, "Date de réception du rapport d'audit", dateType, "date", false),
			"Le candidat dispose de 10 jours pour formuler ses remarques (§3.7.1)."),
		withHelp(champ(KeyAuditGrid, 60, "Grille d'audit", pjType, pj, false),
			"Grille remise par l'auditeur (CSV ou XLSX : point, engagement, score). Vide avant l'audit."),

		champ(KeyTrainingPlanCurrent, 32, "Plan de formation de l'année en cours", pjType, pj, true),
		champ(KeyTrainingPlanPrevious, 33, "Plan de formation de l'année précédente", pjType, pj, true),
		champ(KeySelfDiagnosticReport, 34, "Rapport d'autodiagnostic", pjType, pj, true),
		champ(KeySelfDiagnosticDate, 35, "Date de l'autodiagnostic", dateType, "date", true),
		champ(KeySampleMethod, 36, "Méthode d'échantillonnage", pjType, pj, true),
		champ(KeyActionPlan, 50, "Plan d'actions", pjType, pj, true),
		champ(KeyIndicatorsList, 51, "Liste des indicateurs", pjType, pj, true),
		champ(KeyIndicatorsSince, 52, "Indicateurs publiés depuis le", dateType, "date", true),

		withHelp(champ(KeyUsersSurveyReport, 37, "Résultats de l'enquête usagers", pjType, pj, true),
			"Le rapport de résultats et l'export des réponses (CSV ou XLSX)."),
		champ(KeyUsersSurveyDate, 38, "Date de l'enquête usagers", dateType, "date", true),
		champ(KeyUsersSurveyLaunchDate, 39, "Date de lancement de l'enquête usagers", dateType, "date", false),
		champ(KeyUsersSurveyCloseDate, 40, "Date de clôture de l'enquête usagers", dateType, "date", false),
		champ(KeyUsersSolicited, 41, "Nombre d'usagers sollicités", intType, "integer_number", true),
		champ(KeyUsersDeclaredScore, 42, "Score déclaré de l'enquête usagers", decimalType, "decimal_number", false),
		withHelp(champ(KeyAgentsSurveyReport, 43, "Résultats de l'enquête agents", pjType, pj, true),
			"La synthèse des résultats et l'export des réponses (CSV ou XLSX)."),
		champ(KeyAgentsSurveyDate, 44, "Date de l'enquête agents", dateType, "date", true),
		champ(KeyAgentsSurveyLaunchDate, 45, "Date de lancement de l'enquête agents", dateType, "date", false),
		champ(KeyAgentsSurveyCloseDate, 46, "Date de clôture de l'enquête agents", dateType, "date", false),
		champ(KeyAgentsSolicited, 47, "Nombre d'agents sollicités", intType, "integer_number", true),
		withHelp(champ(KeyAgentsHeadcount, 48, "Nombre d'agents concernés", intType, "integer_number", true),
			"Agents en interaction directe ou indirecte avec les usagers."),
		champ(KeyAgentsDeclaredScore, 49, "Score déclaré de l'enquête agents", decimalType, "decimal_number", false),

		champ(KeyLocalServices, 70, "Nombre de services locaux", intType, "integer_number", false),
		champ(KeyLocals, 71, "Services locaux labellisés", "RepetitionChampDescriptor", "repetition", false),
		child(champ(KeyLocalName, 72, "Nom du service local", "TextChampDescriptor", "text", true)),
		child(champ(KeyLocalAuditedYear, 73, "Année de l'audit", intType, "integer_number", true)),
		child(choice(KeyLocalLevel, 74, "Niveau obtenu", true, OptionLevelBronze, OptionLevelArgent, OptionLevelOr, OptionLevelNone)),
		child(champ(KeyLocalSelfDiagnostic, 75, "Date de l'autodiagnostic du service local", dateType, "date", true)),
		withHelp(champ(KeyCentralGrid, 76, "Grille d'audit du service central", pjType, pj, false),
			"Grille remise par l'auditeur (CSV : point, validated oui/non)."),
	}
}

func annotationDescriptors() []Descriptor {
	return []Descriptor{
		note(AnnotationStatus, 100, "Statut SP+", "TextChampDescriptor", "text"),
		note(AnnotationUsersScore, 101, "Score enquête usagers (calculé)", decimalType, "decimal_number"),
		note(AnnotationAgentsScore, 102, "Score enquête agents (calculé)", decimalType, "decimal_number"),
		note(AnnotationLevel, 103, "Niveau SP+", "TextChampDescriptor", "text"),
		note(AnnotationBlockingFindings, 104, "Constats bloquants", "TextareaChampDescriptor", "textarea"),
		note(AnnotationNextDeadline, 105, "Prochaine échéance", dateType, "date"),
		note(AnnotationEvaluatedAt, 106, "Dernière évaluation SP+", "TextChampDescriptor", "text"),
		note(AnnotationProposedDecision, 107, "Décision proposée", "TextareaChampDescriptor", "textarea"),
		note(AnnotationComplete, 108, "Dossier complet", "CheckboxChampDescriptor", "checkbox"),
	}
}

const (
	pjType      = "PieceJustificativeChampDescriptor"
	pj          = "piece_justificative"
	dateType    = "DateChampDescriptor"
	intType     = "IntegerNumberChampDescriptor"
	decimalType = "DecimalNumberChampDescriptor"
)

func champ(key string, id int, label, typename, typ string, required bool) Descriptor {
	return Descriptor{Key: key, StableID: id, Label: label, Typename: typename, Type: typ,
		Required: required, Filler: FilledByCandidate}
}

func choice(key string, id int, label string, required bool, options ...string) Descriptor {
	d := champ(key, id, label, "DropDownListChampDescriptor", "drop_down_list", required)
	d.Options = options
	return d
}

func note(key string, id int, label, typename, typ string) Descriptor {
	return Descriptor{Key: key, StableID: id, Label: label, Typename: typename, Type: typ,
		Annotation: true, Filler: FilledByCertifier}
}

func child(d Descriptor) Descriptor {
	d.Parent = KeyLocals
	return d
}

func withHelp(d Descriptor, help string) Descriptor {
	d.Description = help
	return d
}
