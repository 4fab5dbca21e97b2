package demo

var dutch = phrasebook{
	openers: polar{
		positive: []string{"Een heerlijk verblijf!", "We hebben het hier prima gehad.", "Al met al een topervaring."},
		negative: []string{"Helaas een teleurstellend verblijf.", "Totaal niet wat we hadden verwacht.", "Ons slechtste hotel van dit jaar."},
	},
	aspects: map[string]polar{
		"cleanliness": {
			positive: []string{"De kamer was brandschoon.", "Alles was heel schoon, ook de badkamer.", "De schoonmaak was uitstekend."},
			negative: []string{"De badkamer was vies en rook naar schimmel.", "Haren in de douche en vlekken op de lakens.", "Overal stof, echt smerig."},
		},
		"room": {
			positive: []string{"De kamer was ruim en het bed heel comfortabel.", "Mooie kamer met een prachtig uitzicht.", "Comfortabele bedden en goede kussens."},
			negative: []string{"De kamer was piepklein en benauwd.", "Het matras was oud en oncomfortabel.", "Gedateerde kamer en de airco was kapot."},
		},
		"staff_service": {
			positive: []string{"Het personeel was vriendelijk en behulpzaam.", "De receptie heeft ons geweldig geholpen.", "Een warm welkom van het hele team."},
			negative: []string{"De receptionist was onbeleefd en bot.", "Het personeel bij de receptie negeerde ons, heel onvriendelijk.", "Onbeschofte behandeling aan de balie."},
		},
		"location": {
			positive: []string{"De ligging is perfect, dicht bij alles.", "Geweldige locatie vlak bij het centrum.", "Op loopafstand van het station, uitstekende ligging."},
			negative: []string{"De ligging is slecht, ver van alles.", "De buurt voelde 's avonds onveilig.", "Onhandige locatie, ver van het station."},
		},
		"value": {
			positive: []string{"Uitstekende prijs-kwaliteitverhouding.", "Redelijke prijs voor wat je krijgt.", "Zeker de prijs waard."},
			negative: []string{"Veel te duur voor wat je krijgt.", "Slechte prijs-kwaliteitverhouding.", "Absurde extra kosten, pure oplichting."},
		},
		"food_beverage": {
			positive: []string{"Het ontbijt was heerlijk en gevarieerd.", "Het restaurant is uitstekend.", "Lekkere cocktails aan de bar."},
			negative: []string{"Het ontbijt was karig en de koffie vreselijk.", "Het eten in het restaurant was koud en smakeloos.", "Teleurstellend ontbijt met oud brood."},
		},
		"wifi_internet": {
			positive: []string{"De wifi was snel en betrouwbaar.", "Uitstekende wifi, ideaal om te werken.", "Goed internet in het hele hotel."},
			negative: []string{"De wifi was waardeloos en viel steeds weg.", "Wifi onbruikbaar, videobellen was onmogelijk.", "De internetverbinding was tergend traag."},
		},
		"noise_sleep": {
			positive: []string{"De kamer was rustig en we hebben goed geslapen.", "'s Nachts heerlijk stil.", "Heel rustig, een goede nachtrust."},
			negative: []string{"Vreselijk lawaai van de straat de hele nacht.", "De kamer was zo lawaaierig dat we niet konden slapen.", "Dunne muren en luidruchtige buren, een slapeloze nacht."},
		},
		"checkin_checkout": {
			positive: []string{"Het inchecken ging snel en makkelijk.", "Laat uitchecken was geen probleem.", "Heel vlotte aankomst."},
			negative: []string{"Het inchecken was een ramp, we wachtten een uur.", "Lange rij bij het inchecken.", "Ze waren onze reservering kwijt, verschrikkelijk."},
		},
		"facilities": {
			positive: []string{"Het zwembad is prachtig.", "Goede fitnessruimte en een ontspannende spa.", "Het dakterras is schitterend."},
			negative: []string{"Het zwembad was dicht en de fitness kapot.", "De lift was ons hele verblijf kapot.", "De spa was teleurstellend en vies."},
		},
	},
	neutral: []string{"We bleven drie nachten voor een beurs.", "Geboekt via de website van het hotel.", "Samen met mijn vriendin op reis."},
	closers: polar{
		positive: []string{"Echt een aanrader!", "We komen zeker terug.", "Bedankt voor alles."},
		negative: []string{"Geen aanrader.", "Nooit meer.", "Erg teleurgesteld."},
	},
	replies: []string{
		"Het spijt ons dat uw verblijf tegenviel, en bedankt voor uw feedback. We hebben het met het team besproken en het probleem verholpen.",
		"Bedankt voor uw eerlijke review. Onze excuses; de genoemde punten zijn inmiddels opgelost.",
	},
}
