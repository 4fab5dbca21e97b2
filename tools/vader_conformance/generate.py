#!/usr/bin/env python3
"""Builds the VADER conformance corpus and scores it with the reference.

The C++ port in analysis/ must reproduce vaderSentiment 3.3.2 exactly (to the
precision the reference rounds to). This script writes the expected values,
one JSON object per line:

  {"text": "...", "neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}

The corpus is hand-written seed texts (hotel reviews, tweets, the reference's
own examples, edge cases) plus systematic combinations drawn with a fixed
random seed, so every run produces the same file. See README.md.
"""

import argparse
import itertools
import json
import random
import sys

REFERENCE_VERSION = "3.3.2"

try:
    from importlib.metadata import version as installed_version

    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentimentIntensityAnalyzer
except ImportError:
    sys.exit("vaderSentiment is not installed; see tools/vader_conformance/README.md")

# Python 3.12 made sum() use compensated summation, which changes the
# reference's compound score in the last bits for some texts. The expected
# values describe the reference as it runs on CPython 3.11 (Debian 12).
if sys.version_info[:2] >= (3, 12):
    sys.exit("run the reference on CPython <= 3.11: newer sum() rounds differently")

HOTEL_REVIEWS = [
    "The room was spotless and the staff were incredibly friendly. Would definitely stay again!",
    "Terrible experience. The room was dirty, the sheets were stained and the bathroom smelled of mould.",
    "Great location, right next to the metro station. Breakfast was ok but nothing special.",
    "Check-in took over an hour and the front desk staff were rude. Never again.",
    "Wifi was painfully slow and kept dropping. Not acceptable for a business hotel.",
    "We loved the pool and the spa! The kids had a fantastic time.",
    "Walls are paper thin, we could hear everything from the next room. Barely slept.",
    "Overpriced for what you get. The room was cramped and outdated.",
    "The concierge went above and beyond to get us dinner reservations. Thank you, Maria!",
    "Breakfast buffet was amazing, so many choices, and the coffee was excellent.",
    "The bed was not comfortable at all and the pillows were flat.",
    "No problems with the wifi, it was fast everywhere in the hotel.",
    "Not dirty, but definitely not clean either.",
    "The view from the balcony was to die for.",
    "Parking is expensive and the garage is a 10 minute walk away.",
    "Staff were helpful, room was clean, location was perfect. What more could you want?",
    "The air conditioning was broken and nobody came to fix it for two days.",
    "Lovely hotel, but the noise from the bar downstairs kept us up until 3am.",
    "The key card stopped working three times. Very annoying!!!",
    "Excellent value for money. Would recommend to anyone visiting the city.",
    "I've stayed in many hotels and this was without doubt the worst.",
    "Without a doubt the best hotel breakfast I have ever had.",
    "The receptionist was kind of rude when we asked for a late checkout.",
    "Room was ok. Nothing great, nothing terrible.",
    "Gym is tiny and half the equipment is out of order.",
    "THE ROOM WAS FILTHY AND THE MANAGER DIDN'T CARE.",
    "The room was FILTHY and the manager didn't CARE.",
    "Honestly the best stay we've had in years :)",
    "Disappointed :( the photos online look nothing like the real rooms.",
    "The hotel was never so clean as it was this time.",
    "It's not the worst hotel, but it's certainly not the best.",
    "At least the staff were friendly.",
    "The least helpful front desk I have ever dealt with.",
    "Very least they could do was apologise, and they didn't.",
    "Cockroaches in the bathroom. Disgusting.",
    "The shower had great water pressure and there was plenty of hot water.",
    "Elevator was out of service, we had to carry our bags up six floors.",
    "Quiet room, comfy bed, blackout curtains. Slept like a baby.",
    "Booking was a nightmare, they lost our reservation and charged us twice.",
    "Room service was slow and the food arrived cold.",
    "Nice hotel, friendly staff, good breakfast, but the wifi was terrible.",
    "The spa was heavenly, the massage was worth every penny.",
    "Location is great but the neighbourhood is a bit sketchy at night.",
    "Hotel is fine. Staff are fine. Everything is fine.",
    "Absolutely stunning views, immaculate rooms and wonderful service!!",
    "The carpet was stained, the curtains were torn and the TV didn't work.",
    "Hardly any hot water in the mornings.",
    "Such a lovely welcome from the reception team, they upgraded us to a suite!",
    "I would not recommend this hotel to my worst enemy.",
    "Meh.",
    "Decent hotel for the price. Breakfast could be better.",
    "The staff were not unfriendly, just a bit slow.",
    "No complaints at all, everything was perfect.",
    "No hot water, no towels, no apology.",
    "The pool area was not very clean and the loungers were broken.",
    "They charged a resort fee that was never mentioned when booking. Rip-off!",
    "Our room was upgraded for free, what a nice surprise!",
    "Beds were hard as rocks. My back still hurts.",
    "Great hotel! Great staff! Great food! Great everything!",
    "Not great, not terrible.",
    "Check out was quick and easy, and they stored our luggage for free.",
    "The smell of smoke in the corridor was unbearable.",
    "Could not fault it. Five stars.",
    "One star. Avoid.",
    "The wifi password didn't work and reception couldn't help.",
    "Staff seemed uninterested and unhelpful, except for the lovely barman.",
    "The room was small but very clean and well designed.",
    "I was hoping for a quiet weekend but there was construction next door from 7am.",
    "Friendly staff but the room was freezing and the heating didn't work.",
    "The restaurant is overpriced and the food is mediocre at best.",
    "Best. Hotel. Ever.",
    "Worst. Hotel. Ever.",
    "Was it good? Was it bad??? I honestly can't tell.",
    "Why would anyone pay this much for a room like this???",
    "Loved it!!!!! Can't wait to come back!!!!!",
    "the room was really really nice and the staff was super helpful",
    "The room wasn't clean and the staff weren't helpful.",
    "The bathroom wasnt clean and the shower didnt drain.",
    "Not a bad place to stay if you're on a budget.",
    "The breakfast was not bad at all.",
    "Ok stay. The bed was ok, the breakfast was ok, the location was ok.",
    "Great location, terrible service, average rooms.",
    "Stayed here for a conference. The meeting rooms were well equipped but the coffee was awful.",
    "Exceptionally clean, exceptionally quiet, exceptionally good value.",
    "The hotel is a bit tired and could do with a refurb, but the staff make up for it.",
    "The room was nice. But the bathroom was disgusting.",
    "The room was nice but the bathroom was disgusting but the view was great.",
    "Dirty dirty dirty. But the staff were nice.",
    "Good good good but bad bad bad.",
    "The hotel is the bomb, seriously the best place in town.",
    "This hotel is the shit! Best pool party ever.",
    "The old lift doesn't cut the mustard anymore.",
    "The front desk clerk was under the weather and it showed.",
    "Waiting at the bus stop outside the hotel for ages.",
    "Yeah right, 'luxury' hotel.",
    "Room was bad ass, huge bed and a hot tub on the terrace.",
    "Staying here was the kiss of death for our holiday.",
    "Their signature cocktail is to die for.",
    "We booked a sea view room and got a view of the car park. Not happy.",
    "The staff were extremely helpful and very friendly, and the room was super clean.",
    "The room was slightly dirty and the staff were somewhat rude.",
    "The room was marginally better than last time.",
    "The room was sort of clean, kind of comfortable, and kinda noisy.",
    "Kinda disappointed tbh",
    "I'm SO HAPPY with this hotel!!!",
    "I am so not happy with this hotel.",
    "Never been this disappointed in a hotel.",
    "Never been so happy to leave a hotel.",
    "Nothing good to say about this place.",
    "Nothing was wrong, everything was lovely.",
    "Nobody at reception spoke English, which made check-in difficult.",
    "Hotel staff: friendly. Room: clean. Wifi: terrible. Breakfast: meh.",
    "5/5 would stay again",
    "2/10 dirty room, rude staff",
    "10/10!!!",
    "Great hotel... if you like cold showers and rude staff.",
    "Great hotel, if you don't mind the noise.",
    "Service with a smile every single time :-)",
    "Service with a frown every single time :-(",
    "I <3 this hotel",
    "</3 this hotel broke my heart",
    "Wonderful stay ❤️ thank you so much",
    "The room 🤢🤮 never again",
    "Pool 👍 Breakfast 👎 Staff 😍",
    "Amazing view 😍😍😍",
    "Check-in was a nightmare 😡",
    "lol the shower had two settings: lava and ice",
    "The hotel was ok I guess",
    "NOT GOOD. NOT GOOD AT ALL.",
    "Not good. Not good at all.",
    "This is not a good hotel.",
    "This is not a bad hotel.",
    "This is not the worst hotel.",
    "Hotel rooms are nice and clean but the bathrooms are dirty and the towels are old.",
]

# The reference's own examples (from vaderSentiment.py's demo) and the
# classic VADER tricky sentences.
REFERENCE_EXAMPLES = [
    "VADER is smart, handsome, and funny.",
    "VADER is smart, handsome, and funny!",
    "VADER is very smart, handsome, and funny.",
    "VADER is VERY SMART, handsome, and FUNNY.",
    "VADER is VERY SMART, handsome, and FUNNY!!!",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "VADER is not smart, handsome, nor funny.",
    "The book was good.",
    "At least it isn't a horrible book.",
    "The book was only kind of good.",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Today SUX!",
    "Today only kinda sux! But I'll get by, lol",
    "Make sure you :) or :D today!",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "Not bad at all",
    "Sentiment analysis has never been good.",
    "Sentiment analysis has never been this good!",
    "Most automated sentiment analysis tools are shit.",
    "With VADER, sentiment analysis is the shit!",
    "Other sentiment analysis tools can be quite bad.",
    "On the other hand, VADER is quite bad ass",
    "VADER is such a badass!",
    "Without a doubt, excellent idea.",
    "Roger Dodger is one of the most compelling variations on this theme.",
    "Roger Dodger is at least compelling as a variation on the theme.",
    "Roger Dodger is one of the least compelling variations on this theme.",
    "Not such a badass after all.",
    "Without a doubt, an excellent idea.",
    "It was one of the worst movies I've seen, despite good reviews.",
    "Unbelievably bad acting!!",
    "Poor direction.",
    "VERY poor production.",
    "The movie was bad.",
    "Very bad movie.",
    "VERY BAD movie!",
    "balloons", "cake", "candles", "happy birthday", "friends", "laughing", "smiling", "party",
    "riot", "fire", "fight", "blood", "mob", "war", "police", "tear gas",
    "I'm surprised to see just how amazingly helpful VADER is!",
]

TWEETS = [
    "@GrandHotel thanks for the upgrade!! best birthday ever #blessed",
    "@GrandHotel your wifi is a joke. 3rd time I've been disconnected today #fail",
    "omg the breakfast here is sooo good 😋😋",
    "Stuck in the lobby for 2 hrs waiting for our room smh",
    "RT @traveller: never staying at this hotel again. rude staff, dirty rooms",
    "just checked in and WOW. what a view 🌅",
    "ugh. the room smells like old cigarettes. gross.",
    "can't complain, comfy bed and good coffee ☕",
    "whoever designed this shower deserves a medal 🏅",
    "whoever designed this shower should be fired",
    "hotel gym is legit 💪💪",
    "No hot water AGAIN??? come on",
    "the lift has been broken for 3 days... 3 DAYS",
    "10/10 would stay again, staff are angels 😇",
    "LOVE LOVE LOVE this place",
    "hate hate hate this place",
    "meh hotel, meh food, meh everything",
    "not bad tbh",
    "not bad, not bad at all!",
    "Soooo tired after that check-in queue 😴",
    "Is it just me or is the pool freezing?",
    "wtf is this bill?! $40 for parking???",
    "lmao the 'sea view' is a wall",
    "lol the receptionist was hilarious 😂",
    "#hotelfail #neveragain",
    "👏👏👏 amazing team",
    "🙄🙄🙄",
    "😭😭😭 they lost my luggage",
    "<3 <3 <3",
    ":) :) :)",
    ":( :( :(",
    "XD XD the kids loved the slide",
    "xD",
    ":-D great",
    ":P",
    ":p",
    ";)",
    ":/ not sure about this place",
    ":'( sad to leave",
    "D: the bed bugs",
    "8-) cool pool",
    "(: happy",
    "=) nice",
    "^_^ cute room",
    "-_- slow service",
    "o.O weird smell",
    "O_o the carpet",
    ":-|",
    ":-* kisses from Paris",
    "Ahhhhh finally on holiday!!!",
    "Best. Weekend. Ever. 🎉",
    "I'm not saying it was bad... but it wasn't good",
    "Not sure if I love it or hate it",
    "I don't hate it",
    "I don't love it",
    "I never thought I'd say this but this motel is amazing",
    "nope. nope nope nope.",
    "uh-uh, not staying here again",
    "uhuh that was great",
    "nope that was great",
    "Thanks a lot for nothing",
    "Thanks a lot!",
    "Great, another fire alarm at 3am. Just great.",
    "Sure, the room was 'clean'. If you ignore the hair in the sink.",
    "Highly recommended!",
    "Highly NOT recommended!",
    "Would NOT recommend",
    "Would recommend",
]

# Texts that exercise tokenization and the rules at their edges.
EDGE_CASES = [
    "", " ", "   ", "\t", "\n", "\r\n", " \t\n ", "\u00a0", "\u3000", "\u2028", "\u2029",
    "\x1c\x1d\x1e\x1f", "\u200b", "\u200b good \u200b",
    ".", "!", "?", "!!!", "???", "?!", "!?", "...", "!!!!!!!!!!", "??????????",
    "good", "bad", "GOOD", "BAD", "Good", "gOOD",
    "good!", "good!!", "good!!!", "good!!!!", "good!!!!!", "good!!!!!!!!",
    "good?", "good??", "good???", "good????", "good?????", "good?!", "good!?!?", "good ?!",
    "bad!", "bad!!", "bad!!!", "bad!!!!", "bad!!!!!", "bad?", "bad??", "bad???", "bad????",
    "ok", "ok!", "ok.", "OK", "OK!", "okay", "okay!", "okay.",
    "no", "no!", "no.", "no,", "No", "NO", "no no", "no no no", "no good", "no, good",
    "NO good", "no GOOD", "No good.", "no bad", "no or bad", "no nor bad", "no and bad",
    "no x or bad", "no x nor bad", "no x y bad", "no x y z bad", "no problems", "no problem",
    "No problem at all", "not no good", "no not good",
    "not", "not good", "not bad", "not very good", "not very bad", "not so good",
    "not the best", "not at all good", "never", "never good", "never so good",
    "never this good", "never so bad", "never this bad", "never very good",
    "it was never so good", "it was never this bad", "it has never been so good",
    "never ever so good", "never x so good", "x never so good",
    "without doubt good", "without a doubt good", "without any doubt good",
    "without doubt, good", "without good", "without the good", "without doubt bad",
    "doubt good", "no doubt good", "no doubt it is good", "i have no doubt",
    "least", "least good", "at least good", "very least good", "the least good",
    "x least good", "at least", "the very least good thing", "LEAST good",
    "kind of good", "kind of bad", "the room was kind of good", "the room was kind of bad",
    "kind good", "kind", "kind of", "it is kind of", "Kind of good", "KIND OF GOOD",
    "sort of good", "it was sort of good", "kinda good", "kindof good", "kind-of good",
    "sorta good", "sortof good", "sort-of good", "just enough good", "it was just enough good",
    "it is the bomb", "it is the shit", "it is the bomb!", "this hotel is the bomb",
    "the bomb", "the shit", "a bomb", "what the shit", "is the shit or what",
    "bad ass", "a bad ass hotel", "badass", "what a badass", "real bad ass room",
    "at the bus stop", "we stood at the bus stop", "near a bus stop", "bus stop",
    "yeah right", "oh yeah right", "we said yeah right", "yeah right, great",
    "kiss of death", "it was the kiss of death", "the kiss of death for us",
    "to die for", "the view is to die for", "the food was to die for", "die for",
    "beating heart", "with a beating heart", "my beating heart",
    "cut the mustard", "it does not cut the mustard", "hand to mouth", "upper hand",
    "break a leg", "cooking with gas", "in the black", "in the red", "on the ball",
    "under the weather", "blow smoke", "blowing smoke", "back handed",
    "but", "but good", "good but", "good but bad", "bad but good", "good, but bad",
    "good but bad but good", "BUT good", "good BUT bad", "but but good",
    "good good but good", "good good but good good", "bad bad but bad", "good bad but bad good",
    "great good but good great", "nice nice nice but nice nice",
    "good but not good", "not good but good", "okay but great but okay",
    "it was good, but", "but the room was great", "the room was great but",
    "happy but sad", "sad but happy", "happy happy but sad sad",
    "very good", "very very good", "very very very good", "VERY good", "very GOOD",
    "VERY GOOD", "VERY GOOD hotel", "very good HOTEL", "extremely good", "EXTREMELY bad hotel",
    "slightly good", "SLIGHTLY good", "SLIGHTLY good hotel", "barely good", "hardly bad",
    "so good", "so so good", "this good", "so this good", "x so good", "x this good",
    "x y so good", "x y this good", "never y so good", "really so good", "so very good",
    "incredibly awful", "totally awesome", "utterly horrible", "hella good", "uber cool",
    "friggin awesome", "FRIGGIN awesome hotel", "effing terrible", "fucking great",
    "most good", "more good", "less good", "little good", "almost good", "partly good",
    "not not good", "not not not good", "didn't like", "didnt like", "don't like",
    "dont like", "cannot like", "can't stand", "fed up", "screwed up",
    "won't like", "wont like", "isn't good", "isnt good", "aren't nice", "ain't good",
    "shouldn't be good", "couldn't be better", "couldn't be worse", "nothing good",
    "nothing bad", "none good", "nowhere good", "nor good", "neither good", "rarely good",
    "seldom good", "despite good", "without good", "uh-uh good", "uhuh good", "nope good",
    "hasn't been good", "haven't been good", "wasn't good", "weren't good", "mustn't good",
    "doesn't seem good", "don't think it's good", "don't really like", "dont really like it",
    "it is not really that good", "it is not that bad", "it's not that bad at all",
    "n't good", "xn'tx good", "DON'T like", "DIDN'T enjoy",
    "Isn't it great?", "Isn't it great??", "Isn't it great???", "Isn't it great????",
    "GREAT", "GREAT!", "GREAT hotel", "great HOTEL", "GREAT HOTEL", "GREAT hotel!!!",
    "I LOVE it", "i love IT", "I LOVE IT", "I love it", "HATE it", "hate IT", "HATE",
    "A", "I", "A B", "a b c", "X", "XD", "xd", "x-D", "X-D", "xD!", ":D", ":d", ":P",
    ":p", ":-P", ":-p", ":-D", ":Þ", ":þ", ":-Þ", "=D", ";D", "(:O", "(-:O", "O.o", "o.O", "O_o", "o_O",
    ":)", ":-)", ":))", ":)))", "(:", ":(", ":-(", ":((", ":'(", ":'-(", ";)", ";-)",
    "<3", "</3", "<33", "<3!", "8)", "8-)", "B)", "B-)", ":o", ":O", ":-o", ":-O", ":|",
    ":$", "$:", ":*", ":-*", "^^", "^_^", "-_-", "T_T", ":/", ":\\", ":-/", ">:(", ">:)",
    "):", ")-:", "):<", "d:", "D:", "d=", "D=", "=(", "=)", "=|", ":@", ">.<",
    "( '}{' )", "({", "})", "(-:", "(-;",
    "(good)", "'good'", '"good"', "[good]", "{good}", "<good>", "good.", ".good", "..good..",
    "good...", "good,", ",good", "-good-", "--good--", "*good*", "**good**", "_good_",
    "#good", "@good", "$good", "%good", "&good", "good;", "good:", "good/", "/good/",
    "good's", "goods", "good-bad", "good/bad", "good_bad", "bad-ass", "ok-ish", "so-so",
    "(ok)", "'ok'", "ok'", "'ok", "ok?", "(:)", "((:))", ":):)", "good:)", ":)good",
    "it's", "it's good", "'it's good'", "\"it's good\"", "isn't", "can't", "n't", "n't!",
    "a-b-c good", "-", "--", "---", "—", "– good –", "… good …", "good…", "good…!",
    "!!!good", "good!!!bad", "good!bad", "!good!", "?good?", "??good??", "!?good?!",
    "the room!!! was!!! good!!!", "the room??? was??? bad???",
    "good ! ! ! !", "good ? ? ?", "bad ! ? ! ?",
    "HOTEL", "HOTEL!", "THE HOTEL IS GOOD", "THE HOTEL IS good", "the hotel IS good",
    "THE HOTEL is GOOD", "123 good", "123 GOOD", "GOOD 123", "GOOD 123 bad", "GOOD :)",
    "GOOD :D hotel", "good :D", "good XD", "GOOD XD", "GOOD xD", "NO no", "NO NO",
    "NO good hotel", "NO GOOD HOTEL", "no GOOD hotel", "NOT GOOD hotel", "not GOOD hotel",
    "VERY", "VERY VERY", "very very", "VERY hotel", "so", "SO", "SO good hotel",
    "so GOOD hotel", "SO GOOD", "KIND of good hotel", "kind OF good hotel",
    "Hotel was ÉTÉ GREAT", "ÉTÉ good", "CAFÉ GREAT hotel", "café great hotel",
    "Café great hotel", "über good", "ÜBER good", "Über good hotel", "naïve good",
    "МОСКВА good hotel", "Москва good hotel", "ОТЕЛЬ ХОРОШИЙ good", "отель хороший",
    "ΚΑΛΟ good hotel", "καλό ξενοδοχείο", "Σ good", "日本 good", "日本 GOOD hotel",
    "ホテル最高 good", "酒店很好", "很好 good", "좋은 호텔 good", "فندق جيد good",
    "מלון טוב good", "होटल अच्छा good", "İSTANBUL GREAT hotel", "İyi good", "ı good",
    "\u212aILL", "\u212aill", "\u212aill it", "\u212aILL it", "\u212a", "ǅ good", "ǅ GOOD hotel",
    "Ǆ GOOD hotel", "ǆ good", "ß GOOD hotel", "ẞ GOOD hotel", "ﬀ GOOD hotel",
    "ᾈ GOOD hotel", "Ⅷ GOOD hotel", "ⅷ GOOD hotel", "Ⓐ GOOD hotel", "ⓐ GOOD hotel",
    "ª GOOD hotel", "º GOOD hotel", "𝐀 GOOD hotel", "𝐚 GOOD hotel", "𐐀 GOOD hotel",
    "good\u00a0hotel", "GOOD\u00a0hotel", "good\u3000bad", "good\u2028bad", "good\u2029bad",
    "good\u0085bad", "good\u1680bad", "good\u2000bad", "good\u200abad", "good\u202fbad",
    "good\u205fbad", "good\u180ebad", "good\u200bbad", "good\u2060bad", "good\ufeffbad",
    "good\x1cbad", "good\x1fbad", "good\x0bbad", "good\x0cbad", "good\rbad", "good\tbad",
    "good\nbad", "good\x00bad", "good\x7fbad", "\x00", "good \x00 bad",
    "good\u0301 hotel", "go\u0301od hotel", "e\u0301 GOOD hotel",
    "\ufffd good", "\ufffd\ufffd", "good \ufffd!",
    "😀", "😀😀", "😀 😀", "good😀", "😀good", "good😀bad", "😀!", "!😀", "😀?", ":)😀",
    "😡", "😡😡😡", "👍", "👎", "👍🏽", "👍🏿 good", "🏽", "👨‍👩‍👧", "👩‍💻 happy", "🏳️‍🌈",
    "🇫🇷", "🇫🇷 hotel great", "🇺🇸🇬🇧", "#️⃣", "1️⃣ good", "❤", "❤️", "❤️❤️", "💔", "♥",
    "©", "®", "‼", "⁉", "™", "good™", "‼ good", "⁉ bad", "🔛", "🆙", "🔛 🆙", "🆗", "🆒 hotel",
    "🆓 wifi", "🆕 room", "🆖", "🏧", "🔙", "🔚", "🔜", "🔝", "🙅 no", "🙆", "👌",
    "☺", "☹", "😊😊😊 lovely", "💩", "🤬 rude staff", "🤮", "🤢 smell", "😴 noisy",
    "🛏️ comfy", "🏊 pool", "🍳 breakfast", "☕ coffee", "📶 wifi", "🧹 clean",
    "good 😀 bad 😡 ok 👍 no 👎", "😀😀😀😀😀😀😀😀😀😀", "😀" * 50,
    "a😀b😀c", "😀-😀", "(😀)", "'😀'", "😀.", ".😀", "😀😡", "☺️ nice", "🙂 🙃",
    "A\u0308 GOOD hotel", "\U0001f600\ufe0f", "good \u200d bad", "\u200d",
]

# Fillers and vocabulary for the systematic combinations.
SUBJECTS = [
    "The room", "The staff", "Breakfast", "The wifi", "The location", "The bed",
    "Our stay", "The pool", "The bathroom", "Check-in", "The hotel", "Service",
    "The view", "The price", "The restaurant", "The lobby", "Parking", "It",
]
VERBS = ["was", "is", "were", "seemed", "felt", "looked", "has been"]
MODIFIERS = [
    "", "very", "VERY", "really", "not", "NOT", "not very", "never", "never so",
    "never this", "so", "this", "kind of", "sort of", "kinda", "sorta", "barely",
    "hardly", "extremely", "incredibly", "slightly", "somewhat", "absolutely",
    "not at all", "without doubt", "without a doubt", "no", "at least", "the least",
    "the very least", "least", "just enough", "totally", "utterly", "a little",
    "more or less", "almost", "quite", "pretty", "super", "isn't", "didn't seem",
    "not so", "not this", "never ever", "so so", "uber", "friggin", "FRIGGIN",
    "not really", "really not", "ain't", "nothing but", "far from",
]
ADJECTIVES = [
    "good", "bad", "great", "terrible", "clean", "dirty", "amazing", "awful",
    "nice", "horrible", "excellent", "poor", "ok", "fine", "lovely", "rude",
    "helpful", "friendly", "noisy", "quiet", "comfortable", "uncomfortable",
    "perfect", "disappointing", "filthy", "smelly", "spotless", "cramped",
    "overpriced", "outdated", "slow", "fast", "cheap", "expensive", "disgusting",
    "wonderful", "pleasant", "unpleasant", "beautiful", "ugly", "GREAT", "BAD",
    "the bomb", "the shit", "bad ass", "to die for", "a nightmare", "a joke",
    "worth it", "happy", "sad", "broken", "free", "safe", "dangerous",
]
PUNCTUATION = ["", ".", "!", "!!", "!!!", "!!!!", "!!!!!!", "?", "??", "???", "????",
               "?!", "!?!", "...", " :)", " :(", " :D", " <3", " 😀", " 😡", " 👍",
               " 👎", " 😍", "!!! :)", "??? :("]
CONNECTORS = [" but ", ", but ", ". But ", " BUT ", " and ", ", ", "; ", ". ", " yet ",
              " although ", " though ", " however ", "! ", "? ", " but not ", " but still "]
FILLERS = ["the", "a", "and", "we", "it", "was", "is", "this", "that", "hotel", "room",
           "at", "of", "to", "in", "for", "with", "on", "our", "they", "very", "so", "or",
           "nor", "kind", "sort", "just", "enough", "never", "without", "doubt", "least",
           "no", "not", "but", "BUT", "this", "so", "the", "bus", "stop", "yeah", "right",
           "to", "die", "for", "kiss", "death", "beating", "heart", "shit", "bomb", "ass",
           "cut", "mustard", "hand", "mouth", "upper", "weather", "isn't", "don't", "NOT",
           "NO", "No", "!", "!!!", "?", "???", "...", "-", ",", ":)", ":(", ":D", "XD",
           "<3", "😀", "😡", "👍", "🆙", "🔛"]
EMOJI_PICKS = ["😀", "😂", "😍", "😡", "😭", "👍", "👎", "❤", "❤️", "💔", "🎉", "🙄",
               "👍🏽", "👩‍💻", "🇫🇷", "🆙", "🔛", "☕", "🤮", "😴", "✨", "🙏", "💯", "🔥"]


def seeded_combinations(lexicon, rng):
    """Systematic texts: templates, 'but' contrasts, word salads, long texts."""
    lexicon_words = sorted(lexicon)
    texts = []

    # Every modifier with every adjective, one fixed subject/verb per pair so
    # the product stays small while each (modifier, adjective) pair appears.
    for modifier, adjective in itertools.product(MODIFIERS, ADJECTIVES):
        subject = rng.choice(SUBJECTS)
        verb = rng.choice(VERBS)
        ending = rng.choice(PUNCTUATION)
        words = " ".join(w for w in (subject, verb, modifier, adjective) if w)
        texts.append(words + ending)
    rng.shuffle(texts)
    texts = texts[:1300]

    # Modifier pairs at varying distance from the sentiment word.
    for _ in range(250):
        parts = [rng.choice(SUBJECTS), rng.choice(VERBS)]
        for _ in range(rng.randint(1, 3)):
            parts.append(rng.choice(MODIFIERS))
        parts.append(rng.choice(ADJECTIVES))
        texts.append(" ".join(p for p in parts if p) + rng.choice(PUNCTUATION))

    # Contrasts, including repeated values that trip the 'but' rule's
    # by-value update.
    def clause():
        return " ".join(w for w in (rng.choice(SUBJECTS), rng.choice(VERBS),
                                    rng.choice(MODIFIERS), rng.choice(ADJECTIVES)) if w)
    for _ in range(250):
        pieces = [clause()]
        for _ in range(rng.randint(1, 3)):
            pieces.append(rng.choice(CONNECTORS))
            pieces.append(clause())
        texts.append("".join(pieces) + rng.choice(PUNCTUATION))
    for _ in range(60):
        word = rng.choice(["good", "bad", "great", "nice", "awful", "happy", "sad"])
        other = rng.choice(["good", "bad", "great", "nice", "awful", "happy", "sad"])
        left = " ".join(rng.choice([word, other, "the", word.upper()]) for _ in range(rng.randint(1, 4)))
        right = " ".join(rng.choice([word, other, "room", word.upper()]) for _ in range(rng.randint(1, 4)))
        texts.append(left + rng.choice([" but ", " BUT ", " but but "]) + right)

    # The 'but' rule scales the first element EQUAL to the current one, so
    # word pairs whose valences collide after scaling (v and 2v before 'but',
    # v and 1.5v after it) change which word gets scaled.
    simple_words = [w for w in lexicon_words if w.isalpha() and w.islower()]
    by_value = {}
    for word in simple_words:
        by_value.setdefault(lexicon[word], []).append(word)
    halves = [(rng.choice(by_value[v]), rng.choice(by_value[v / 2]))
              for v in sorted(by_value) if v / 2 in by_value and v != 0]
    thirds = [(rng.choice(by_value[v]), rng.choice(by_value[v * 1.5]))
              for v in sorted(by_value) if v * 1.5 in by_value and v != 0]
    for high, low in halves:
        texts.append(f"{high} {low} but {rng.choice(simple_words)}")
        texts.append(f"the {high} and {low} room, but {rng.choice(simple_words)} staff")
    for low, high in thirds:
        texts.append(f"{rng.choice(simple_words)} but {low} {high}")
        texts.append(f"{high} but {low} {high}")

    # Word salads over the whole lexicon, boosters, negations and fillers:
    # these hit rule interactions that no hand-written sentence does.
    boosters = sorted(w for w in BOOSTER_DICT if " " not in w)
    for _ in range(500):
        words = []
        for _ in range(rng.randint(1, 14)):
            pick = rng.random()
            if pick < 0.35:
                word = rng.choice(lexicon_words)
            elif pick < 0.5:
                word = rng.choice(boosters)
            else:
                word = rng.choice(FILLERS)
            shape = rng.random()
            if shape < 0.12:
                word = word.upper()
            elif shape < 0.17:
                word = word.capitalize()
            elif shape < 0.22:
                word = word + rng.choice(["!", "?", ".", ",", "!!!", "'", ")"])
            elif shape < 0.25:
                word = rng.choice(["(", "'", '"', "*"]) + word
            words.append(word)
        texts.append(" ".join(words) + rng.choice(["", "", "!", "?", "!!", "???"]))

    # Emoji glued to words and separated by various characters.
    for _ in range(120):
        words = [rng.choice(ADJECTIVES + SUBJECTS + FILLERS) for _ in range(rng.randint(1, 5))]
        position = rng.randrange(len(words) + 1)
        glue = rng.choice(["", " ", "", "\t", "!"])
        words.insert(position, rng.choice(EMOJI_PICKS) + glue + rng.choice(EMOJI_PICKS))
        texts.append(rng.choice([" ", "", " ! "]).join(words))

    # Reviews glued together: long texts (a few KiB) with many rules at once.
    pool = HOTEL_REVIEWS + TWEETS
    for _ in range(40):
        texts.append(" ".join(rng.choice(pool) for _ in range(rng.randint(5, 40))))

    # Case variants of real reviews.
    for _ in range(80):
        review = rng.choice(HOTEL_REVIEWS)
        words = review.split(" ")
        for _ in range(rng.randint(1, 3)):
            index = rng.randrange(len(words))
            words[index] = words[index].upper()
        texts.append(" ".join(words))
    return texts


def build_corpus(analyzer):
    rng = random.Random(20141)  # fixed: the corpus must not change between runs
    texts = HOTEL_REVIEWS + REFERENCE_EXAMPLES + TWEETS + EDGE_CASES
    texts += seeded_combinations(analyzer.lexicon, rng)
    unique = []
    seen = set()
    for text in texts:
        if text not in seen:
            seen.add(text)
            unique.append(text)
    return unique


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", required=True, help="path of the .jsonl file to write")
    args = parser.parse_args()

    found = installed_version("vaderSentiment")
    if found != REFERENCE_VERSION:
        sys.exit(f"need vaderSentiment=={REFERENCE_VERSION}, found {found}")

    analyzer = SentimentIntensityAnalyzer()
    corpus = build_corpus(analyzer)
    with open(args.output, "w", encoding="utf-8", newline="\n") as out:
        for text in corpus:
            scores = analyzer.polarity_scores(text)
            record = {"text": text, "neg": scores["neg"], "neu": scores["neu"],
                      "pos": scores["pos"], "compound": scores["compound"]}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(corpus)} texts to {args.output}")


if __name__ == "__main__":
    main()
