package demo

// English is written so the analyser's taxonomy (analysis/data/aspects.tsv)
// and VADER recognise every sentence: each aspect sentence names one of the
// aspect's terms and carries a clear opinion word, and stands alone so that
// the analyser's clause split gives each aspect its own sentiment.
var english = phrasebook{
	openers: polar{
		positive: []string{
			"What a lovely stay!",
			"We had a great time here.",
			"Really enjoyed our weekend.",
			"Fantastic hotel, would come back.",
			"Second time here and still impressed.",
		},
		negative: []string{
			"Disappointing stay, sadly.",
			"Not what we expected at all.",
			"I really wanted to like this place.",
			"Our worst hotel experience this year.",
		},
	},
	aspects: map[string]polar{
		"cleanliness": {
			positive: []string{
				"The room was spotless and clean.",
				"Everything was very clean, even the bathroom grout.",
				"Housekeeping kept the place immaculate.",
				"Fresh towels every day and a really clean room.",
			},
			negative: []string{
				"The bathroom was dirty and smelled of mould.",
				"We found hair in the shower and stains on the sheets.",
				"Dusty surfaces everywhere, honestly filthy.",
				"The carpet was dirty and sticky.",
			},
		},
		"room": {
			positive: []string{
				"Our room was spacious and the bed was very comfortable.",
				"Lovely room with a great view.",
				"The suite was beautiful and well designed.",
				"Comfortable bed and nice pillows.",
			},
			negative: []string{
				"The room was tiny and cramped.",
				"The mattress was old and uncomfortable.",
				"Our room was dated and the air conditioning was broken.",
				"The bed was awful and the room felt shabby.",
			},
		},
		"staff_service": {
			positive: []string{
				"The staff were friendly and helpful.",
				"Reception staff went above and beyond for us.",
				"Everyone on the team was so welcoming.",
				"The concierge was super helpful with tips.",
			},
			negative: []string{
				"The front desk staff were rude and dismissive.",
				"The receptionist was rude to us and unhelpful.",
				"Staff at reception were unfriendly and ignored our questions.",
				"The manager was condescending and rude when we complained.",
			},
		},
		"location": {
			positive: []string{
				"The location is perfect, close to everything.",
				"Great location near the old town.",
				"Easy walk to the metro station, an excellent location.",
				"Brilliant location with shops and restaurants nearby.",
			},
			negative: []string{
				"The location is terrible, far from everything.",
				"A poor location in a sketchy neighbourhood.",
				"Bad location, a long walk to any station.",
				"The area around the hotel felt unsafe at night.",
			},
		},
		"value": {
			positive: []string{
				"Great value for money.",
				"Very reasonable price for what you get.",
				"Excellent value, cheaper than nearby hotels.",
				"The price was fair and worth it.",
			},
			negative: []string{
				"Way overpriced for what you get.",
				"Poor value, far too expensive.",
				"Not worth the price at all.",
				"They charged us a ridiculous resort fee, a total rip-off.",
			},
		},
		"food_beverage": {
			positive: []string{
				"Breakfast was delicious with lots of choice.",
				"The restaurant was excellent.",
				"Great cocktails at the bar.",
				"A tasty breakfast buffet with fresh fruit.",
			},
			negative: []string{
				"Breakfast was poor and the coffee was awful.",
				"The restaurant food was bland and cold.",
				"A disappointing breakfast with stale bread.",
				"Overpriced drinks at the bar and terrible food.",
			},
		},
		"wifi_internet": {
			positive: []string{
				"The wifi was fast and reliable.",
				"Excellent wifi, great for remote work.",
				"Free wifi worked perfectly everywhere.",
			},
			negative: []string{
				"The wifi was terrible and kept dropping.",
				"Wifi was useless, I could not even join a video call.",
				"Awful internet connection, constantly disconnecting.",
				"The wifi was painfully slow and unreliable.",
			},
		},
		"noise_sleep": {
			positive: []string{
				"The room was quiet and we slept well.",
				"Peaceful and quiet at night.",
				"Very quiet, we had a restful sleep.",
			},
			negative: []string{
				"Terrible noise from the street all night.",
				"The room was so noisy we could not sleep.",
				"Loud music from the bar kept us up until 3am, awful.",
				"Thin walls and noisy neighbours, a sleepless night.",
			},
		},
		"checkin_checkout": {
			positive: []string{
				"Check-in was quick and easy.",
				"Smooth check-in and they allowed a late check-out.",
				"Early check-in was a lovely surprise.",
			},
			negative: []string{
				"Check-in was a disaster, we waited an hour.",
				"Slow check-in and a long queue at arrival.",
				"They lost our reservation at check-in, terrible.",
			},
		},
		"facilities": {
			positive: []string{
				"The pool was lovely.",
				"Great gym and a relaxing spa.",
				"The rooftop terrace is beautiful.",
			},
			negative: []string{
				"The pool was closed and the gym was broken.",
				"The elevator was broken for our whole stay, awful.",
				"The spa was disappointing and dirty.",
			},
		},
	},
	neutral: []string{
		"We stayed three nights for a conference.",
		"Booked through the website.",
		"Travelled with my partner.",
		"It was a business trip.",
	},
	closers: polar{
		positive: []string{
			"Highly recommend!",
			"We will definitely be back.",
			"Thank you for a wonderful stay.",
		},
		negative: []string{
			"Would not recommend.",
			"Never again.",
			"Very disappointed overall.",
		},
	},
	replies: []string{
		"We are sorry your stay fell short, and thank you for telling us. We have shared your comments with the team and put it right.",
		"Thank you for your honest review. We apologise and have already addressed the issues you raised.",
	},
}
