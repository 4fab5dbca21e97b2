package demo

var italian = phrasebook{
	openers: polar{
		positive: []string{"Un soggiorno meraviglioso!", "Ci siamo trovati benissimo.", "Esperienza molto positiva."},
		negative: []string{"Soggiorno deludente, purtroppo.", "Non era affatto quello che ci aspettavamo.", "La peggiore esperienza in hotel quest'anno."},
	},
	aspects: map[string]polar{
		"cleanliness": {
			positive: []string{"La camera era pulitissima.", "Tutto era molto pulito, anche il bagno.", "Pulizia impeccabile ogni giorno."},
			negative: []string{"Il bagno era sporco e puzzava di muffa.", "Capelli nella doccia e macchie sulle lenzuola.", "Polvere ovunque, davvero disgustoso."},
		},
		"room": {
			positive: []string{"La camera era spaziosa e il letto comodissimo.", "Bellissima camera con vista.", "Letti comodi e ottimi cuscini."},
			negative: []string{"La camera era minuscola e soffocante.", "Il materasso era vecchio e scomodo.", "Camera datata e aria condizionata guasta."},
		},
		"staff_service": {
			positive: []string{"Il personale è stato gentile e disponibile.", "La receptionist ci ha aiutato moltissimo.", "Accoglienza calorosa da tutto lo staff."},
			negative: []string{"Il receptionist è stato maleducato e sgarbato.", "Il personale alla reception ci ha ignorato, che maleducazione.", "Trattamento scortese e arrogante alla reception."},
		},
		"location": {
			positive: []string{"La posizione è perfetta, vicino a tutto.", "Ottima posizione vicino al centro storico.", "A due passi dalla metro, posizione eccellente."},
			negative: []string{"La posizione è pessima, lontano da tutto.", "Zona poco sicura la sera.", "Posizione scomoda, lontano dalla stazione."},
		},
		"value": {
			positive: []string{"Ottimo rapporto qualità-prezzo.", "Prezzo giusto per quello che offre.", "Vale davvero il prezzo."},
			negative: []string{"Troppo caro per quello che offre.", "Pessimo rapporto qualità-prezzo.", "Costi extra assurdi, una truffa."},
		},
		"food_beverage": {
			positive: []string{"La colazione era deliziosa e varia.", "Il ristorante è eccellente.", "Ottimi cocktail al bar."},
			negative: []string{"La colazione era scarsa e il caffè pessimo.", "Il cibo del ristorante era freddo e insipido.", "Colazione deludente con pane raffermo."},
		},
		"wifi_internet": {
			positive: []string{"Il wifi era veloce e affidabile.", "Wifi eccellente, perfetto per lavorare.", "Buona connessione internet ovunque."},
			negative: []string{"Il wifi era pessimo e cadeva di continuo.", "Wifi inutilizzabile, impossibile fare una videochiamata.", "La connessione internet era lentissima."},
		},
		"noise_sleep": {
			positive: []string{"La camera era silenziosa e abbiamo dormito bene.", "Molto tranquillo di notte.", "Silenzio totale, un riposo perfetto."},
			negative: []string{"Rumore terribile dalla strada tutta la notte.", "Camera rumorosissima, impossibile dormire.", "Pareti sottili e vicini rumorosi, notte in bianco."},
		},
		"checkin_checkout": {
			positive: []string{"Il check-in è stato veloce e semplice.", "Check-out posticipato senza problemi.", "Arrivo molto rapido."},
			negative: []string{"Il check-in è stato un disastro, un'ora di attesa.", "Coda lunghissima al check-in.", "Avevano perso la nostra prenotazione, terribile."},
		},
		"facilities": {
			positive: []string{"La piscina è bellissima.", "Palestra attrezzata e spa rilassante.", "La terrazza sul tetto è splendida."},
			negative: []string{"La piscina era chiusa e la palestra guasta.", "L'ascensore è rimasto rotto per tutto il soggiorno.", "La spa era deludente e sporca."},
		},
	},
	neutral: []string{"Siamo stati tre notti per una fiera.", "Prenotato sul sito dell'hotel.", "Viaggio di coppia."},
	closers: polar{
		positive: []string{"Consigliatissimo!", "Torneremo sicuramente.", "Grazie di tutto."},
		negative: []string{"Non lo consiglio.", "Mai più.", "Molto delusi."},
	},
	replies: []string{
		"Ci dispiace che il soggiorno non sia stato all'altezza e la ringraziamo del commento. Lo abbiamo condiviso con lo staff e abbiamo rimediato.",
		"Grazie per la recensione sincera. Ci scusiamo: abbiamo già risolto i problemi segnalati.",
	},
}
