package demo

var german = phrasebook{
	openers: polar{
		positive: []string{"Ein wunderbarer Aufenthalt!", "Wir hatten eine tolle Zeit hier.", "Insgesamt sehr zu empfehlen."},
		negative: []string{"Leider ein enttäuschender Aufenthalt.", "Ganz und gar nicht, was wir erwartet hatten.", "Unser schlechtestes Hotel in diesem Jahr."},
	},
	aspects: map[string]polar{
		"cleanliness": {
			positive: []string{"Das Zimmer war blitzsauber.", "Alles war sehr sauber, auch das Bad.", "Die Reinigung war tadellos."},
			negative: []string{"Das Bad war schmutzig und roch nach Schimmel.", "Haare in der Dusche und Flecken auf der Bettwäsche.", "Überall Staub, einfach eklig."},
		},
		"room": {
			positive: []string{"Das Zimmer war geräumig und das Bett sehr bequem.", "Schönes Zimmer mit toller Aussicht.", "Bequeme Betten und gute Kissen."},
			negative: []string{"Das Zimmer war winzig und eng.", "Die Matratze war alt und unbequem.", "Veraltetes Zimmer und die Klimaanlage war kaputt."},
		},
		"staff_service": {
			positive: []string{"Das Personal war freundlich und hilfsbereit.", "Die Rezeption hat uns großartig geholfen.", "Das ganze Team war sehr herzlich."},
			negative: []string{"Der Rezeptionist war unhöflich und abweisend.", "Das Personal an der Rezeption hat uns ignoriert, sehr unfreundlich.", "Unverschämter Umgangston an der Rezeption."},
		},
		"location": {
			positive: []string{"Die Lage ist perfekt, alles ist nah.", "Tolle Lage nahe der Altstadt.", "Nur ein paar Schritte zur U-Bahn, sehr gute Lage."},
			negative: []string{"Die Lage ist schlecht, weit weg von allem.", "Die Gegend wirkte nachts unsicher.", "Ungünstige Lage, weit vom Bahnhof."},
		},
		"value": {
			positive: []string{"Sehr gutes Preis-Leistungs-Verhältnis.", "Fairer Preis für das Gebotene.", "Das Geld absolut wert."},
			negative: []string{"Viel zu teuer für das, was geboten wird.", "Schlechtes Preis-Leistungs-Verhältnis.", "Absurde Zusatzgebühren, eine Abzocke."},
		},
		"food_beverage": {
			positive: []string{"Das Frühstück war köstlich und vielfältig.", "Das Restaurant ist ausgezeichnet.", "Tolle Cocktails an der Bar."},
			negative: []string{"Das Frühstück war dürftig und der Kaffee schrecklich.", "Das Essen im Restaurant war kalt und fade.", "Enttäuschendes Frühstück mit altem Brot."},
		},
		"wifi_internet": {
			positive: []string{"Das WLAN war schnell und zuverlässig.", "Ausgezeichnetes WLAN, ideal zum Arbeiten.", "Gutes Internet im ganzen Haus."},
			negative: []string{"Das WLAN war furchtbar und brach ständig ab.", "WLAN unbrauchbar, kein Videocall möglich.", "Die Internetverbindung war quälend langsam."},
		},
		"noise_sleep": {
			positive: []string{"Das Zimmer war ruhig und wir haben gut geschlafen.", "Nachts angenehm ruhig.", "Sehr ruhig, erholsamer Schlaf."},
			negative: []string{"Schrecklicher Straßenlärm die ganze Nacht.", "Das Zimmer war so laut, dass wir nicht schlafen konnten.", "Dünne Wände und laute Nachbarn, eine schlaflose Nacht."},
		},
		"checkin_checkout": {
			positive: []string{"Der Check-in ging schnell und einfach.", "Später Check-out war kein Problem.", "Sehr reibungslose Ankunft."},
			negative: []string{"Der Check-in war eine Katastrophe, eine Stunde Wartezeit.", "Lange Schlange beim Check-in.", "Sie hatten unsere Reservierung verloren, furchtbar."},
		},
		"facilities": {
			positive: []string{"Der Pool ist wunderschön.", "Gutes Fitnessstudio und ein entspannender Spa.", "Die Dachterrasse ist herrlich."},
			negative: []string{"Der Pool war geschlossen und das Fitnessstudio kaputt.", "Der Aufzug war den ganzen Aufenthalt defekt.", "Der Spa war enttäuschend und schmutzig."},
		},
	},
	neutral: []string{"Wir waren drei Nächte für eine Messe hier.", "Über die Hotelwebsite gebucht.", "Mit meiner Partnerin gereist."},
	closers: polar{
		positive: []string{"Sehr empfehlenswert!", "Wir kommen bestimmt wieder.", "Vielen Dank für alles."},
		negative: []string{"Nicht zu empfehlen.", "Nie wieder.", "Sehr enttäuscht."},
	},
	replies: []string{
		"Es tut uns leid, dass Ihr Aufenthalt nicht Ihren Erwartungen entsprach, und danke für Ihr Feedback. Wir haben es mit dem Team besprochen und das Problem behoben.",
		"Vielen Dank für Ihre ehrliche Bewertung. Wir entschuldigen uns und haben die genannten Punkte bereits behoben.",
	},
}
