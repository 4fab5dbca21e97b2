package demo

var french = phrasebook{
	openers: polar{
		positive: []string{"Un séjour merveilleux !", "Nous avons passé un excellent moment.", "Très belle expérience dans l'ensemble."},
		negative: []string{"Séjour décevant, malheureusement.", "Pas du tout ce que nous attendions.", "Notre pire expérience d'hôtel cette année."},
	},
	aspects: map[string]polar{
		"cleanliness": {
			positive: []string{"La chambre était impeccable et très propre.", "Tout était d'une propreté irréprochable.", "Le ménage était parfait chaque jour."},
			negative: []string{"La salle de bain était sale et sentait le moisi.", "Des cheveux dans la douche et des taches sur les draps.", "De la poussière partout, vraiment dégoûtant."},
		},
		"room": {
			positive: []string{"La chambre était spacieuse et le lit très confortable.", "Belle chambre avec une vue magnifique.", "Literie excellente et oreillers moelleux."},
			negative: []string{"La chambre était minuscule et étouffante.", "Le matelas était vieux et inconfortable.", "Chambre vétuste et climatisation en panne."},
		},
		"staff_service": {
			positive: []string{"Le personnel était aimable et serviable.", "La réceptionniste a été aux petits soins.", "Un accueil chaleureux de toute l'équipe."},
			negative: []string{"Le réceptionniste était impoli et désagréable.", "Le personnel de la réception nous a ignorés, quelle impolitesse.", "Accueil glacial et méprisant à la réception."},
		},
		"location": {
			positive: []string{"L'emplacement est parfait, proche de tout.", "Excellent emplacement près de la vieille ville.", "À deux pas du métro, très bien situé."},
			negative: []string{"L'emplacement est mauvais, loin de tout.", "Quartier peu rassurant le soir.", "Mal situé, loin de toute gare."},
		},
		"value": {
			positive: []string{"Excellent rapport qualité-prix.", "Prix raisonnable pour la prestation.", "Ça vaut vraiment le prix."},
			negative: []string{"Beaucoup trop cher pour ce que c'est.", "Mauvais rapport qualité-prix.", "Des frais absurdes ajoutés, une arnaque."},
		},
		"food_beverage": {
			positive: []string{"Le petit-déjeuner était délicieux et varié.", "Le restaurant est excellent.", "De très bons cocktails au bar."},
			negative: []string{"Le petit-déjeuner était médiocre et le café imbuvable.", "Le repas au restaurant était froid et fade.", "Petit-déjeuner décevant avec du pain rassis."},
		},
		"wifi_internet": {
			positive: []string{"Le wifi était rapide et fiable.", "Wifi excellent, parfait pour le télétravail.", "Bonne connexion internet partout."},
			negative: []string{"Le wifi était horrible et coupait sans arrêt.", "Wifi inutilisable, impossible de faire une visio.", "La connexion internet était d'une lenteur affreuse."},
		},
		"noise_sleep": {
			positive: []string{"La chambre était calme et nous avons bien dormi.", "Très silencieux la nuit.", "Un calme parfait, sommeil réparateur."},
			negative: []string{"Un bruit terrible de la rue toute la nuit.", "Chambre très bruyante, impossible de dormir.", "Murs fins et voisins bruyants, nuit blanche."},
		},
		"checkin_checkout": {
			positive: []string{"L'enregistrement a été rapide et simple.", "Départ tardif accordé sans problème.", "Arrivée très fluide."},
			negative: []string{"L'enregistrement a été un désastre, une heure d'attente.", "Une file interminable à l'arrivée.", "Ils avaient perdu notre réservation, horrible."},
		},
		"facilities": {
			positive: []string{"La piscine est superbe.", "Belle salle de sport et spa très relaxant.", "La terrasse sur le toit est magnifique."},
			negative: []string{"La piscine était fermée et la salle de sport en panne.", "L'ascenseur était en panne pendant tout le séjour.", "Le spa était décevant et sale."},
		},
	},
	neutral: []string{"Nous sommes restés trois nuits pour un salon.", "Réservé sur le site de l'hôtel.", "Voyage en couple."},
	closers: polar{
		positive: []string{"Je recommande vivement !", "Nous reviendrons.", "Merci pour tout."},
		negative: []string{"Je ne recommande pas.", "Plus jamais.", "Très déçus."},
	},
	replies: []string{
		"Nous sommes désolés que votre séjour n'ait pas été à la hauteur et vous remercions de votre retour. Nous l'avons partagé avec l'équipe et avons corrigé le problème.",
		"Merci pour votre avis sincère. Nous vous présentons nos excuses ; les points soulevés ont été traités.",
	},
}
