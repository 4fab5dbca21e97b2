#ifndef GUESTVOICE_ANALYSIS_INTERNAL_LANGUAGE_RULES_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_LANGUAGE_RULES_H_

#include <string_view>
#include <utility>
#include <vector>

namespace guestvoice::analysis {

// The closed-class words through which VADER's rules work, for one language
// other than English (English keeps the reference's, vader_rules.h). Words
// are lowercase; an elided form keeps its apostrophe ("n'", "dell'").
struct LanguageRules {
  std::string_view code;  // BCP-47
  // The Snowball stemmer (libstemmer) for words the lexicons lack.
  const char* snowball_algorithm;
  // Words that negate the sentiment words after them (VADER: the three
  // tokens before a sentiment word), and the subset that can also stand
  // after the word they negate, at the end of its clause (German "das
  // Frühstück schmeckte nicht", Dutch "het bevalt me niet").
  std::vector<std::string_view> negations;
  std::vector<std::string_view> trailing_negations;
  // Intensifiers (+) and diminishers (-), with VADER's B_INCR/B_DECR scalar.
  std::vector<std::pair<std::string_view, double>> boosters;
  // "but": sentiment before the first one counts half, after it 1.5 times.
  std::vector<std::string_view> contrast_words;
  // Elided articles, prepositions and pronouns written with an apostrophe
  // before the next word ("l'hôtel", "dell'albergo", "n'était"): split off
  // as tokens of their own so that the word after them is looked up bare.
  std::vector<std::string_view> elisions;
  // The absolute superlative written as a suffix (Italian "pulitissimo",
  // "sporchissime"): each lexicon adjective's forms with it are added, as
  // strong as the adjective after an intensifier. Empty when the language
  // has none.
  std::string_view superlative_infix;
  // Frequent words without sentiment (articles, pronouns, auxiliaries),
  // leaving out those English writes too ("in", "was"): evidence of the
  // language for short texts (language_identifier.h), and known words
  // that need no stemming.
  std::vector<std::string_view> function_words;
  // Whether the lexicon is written without diacritics (Portuguese's LeIA,
  // which strips them before lookup because guests often omit them: "nao",
  // "pessimo"): then every word is looked up, and every listed word stored,
  // with them removed (diacritics.h).
  bool fold_diacritics = false;

  // Set after the fields above (language_rules.cc).
  // Whether guests without the language's letters write umlauts as "ae",
  // "oe", "ue" and "ß" as "ss" (German "Fruehstueck") rather than dropping
  // the marks: how words typed without diacritics are recognised
  // (diacritics.h, TypedWithoutDiacritics).
  bool umlauts_as_digraphs = false;
  // Words that say "too" before another ("trop tôt", "troppo presto", "zu
  // früh"): a boost like any booster before a sentiment word, and a mild
  // complaint (kExcessValence) made of a word without sentiment, since too
  // much of anything is a fault. `trailing_excess_words` stand after the
  // word instead (Portuguese "cedo demais").
  std::vector<std::string_view> excess_words = {};
  std::vector<std::string_view> trailing_excess_words = {};
  // Where "too" doubles as the infinitive marker (Dutch "te", German "zu":
  // "te voet", "zu finden"), a word after it ending in "-en" (an
  // infinitive) is no excess.
  bool excess_skips_infinitives = false;
  // Where nouns are capitalised (German), a capitalised word after "too"
  // is a noun ("zu Fuß"), no excess.
  bool capitalised_nouns = false;
  // Whether "too" before a praise word makes a fault of it ("zu warm", "te
  // zacht", "zu groß"): not where colloquial speech uses "too" for "very"
  // (French "trop bien", Italian "troppo bello", Spanish "demasiado bueno",
  // Brazilian "bom demais"), where it stays a booster.
  bool excess_faults_praise = false;
  // Diminishers that negate the sentiment word right after them unless an
  // indefinite article comes first: Spanish and Italian "poco pulito/limpio"
  // and Portuguese "pouco simpático" mean "un-", "un poco rumoroso", "um
  // pouco barulhento" only "a little". Also listed in boosters, for the
  // diminishing reading.
  std::vector<std::string_view> negating_diminishers = {};
  std::vector<std::string_view> diminisher_articles = {};
  // Intensifiers that are adjectives too ("super emplacement", "cocktails
  // super!"): with no sentiment word to raise after them in their clause
  // they carry this valence themselves.
  std::vector<std::pair<std::string_view, double>> adjective_boosters = {};
  // "Fine, no more" phrases ("sans plus", "niente di speciale", "nichts
  // Besonderes"): they take the praise in their sentence back, leaving its
  // complaints.
  std::vector<std::string_view> faint_praise = {};
  // Phrases that negate as one word ("auf keinen Fall", "in geen geval",
  // "de forma alguma"): forward, and where the language has
  // trailing_negations also backward as they do ("Wir kommen auf keinen
  // Fall wieder"). Its words have no other role.
  std::vector<std::string_view> negation_phrases = {};
  // Negations that say a thing is missing ("aucun", "geen", "niente",
  // "sem", "kein"; "pas de" as two words): the word with content after
  // them, when it has no sentiment, becomes a mild complaint
  // (kAbsenceValence), since a missing amenity is one ("geen wifi op de
  // kamers"), and so is a missing person ("niemand bij de receptie",
  // "ninguém na recepção"); a sentiment word after them is negated as usual
  // ("sans problème"). "Not even a" is one too ("ni una botella de agua",
  // "nicht einmal eine Flasche Wasser").
  std::vector<std::string_view> absence_words = {};
  // Whether compound nouns are written as one word (German, Dutch): aspect
  // terms are then also found as a compound's head (aspect_matcher.h).
  bool compound_nouns = false;
  // "and", "or": a negation does not reach past them ("pas de moustiquaire
  // et des draps propres"). Nor does it reach past a contrast word, which is
  // also what makes a connective, not a negation, of Spanish "sin embargo"
  // and "no obstante" (however).
  std::vector<std::string_view> conjunctions = {};
  // How superlative_infix joins an adjective: Italian keeps a hard c/g with
  // an h ("sporco" -> "sporchissimo"); Spanish with qu/gu and drops a final
  // -io ("limpio" -> "limpísimo", "rico" -> "riquísimo", "amable" ->
  // "amabilísimo"), and inflects for number (-os, -as) rather than -i/-e;
  // Portuguese as Spanish does, with "-vel" as "-bil" ("confortável" ->
  // "confortabilíssimo") and a "c" written both ways ("simpaticíssimo",
  // "simpatiquíssimo").
  enum class Superlatives { kItalian, kSpanish, kPortuguese };
  Superlatives superlatives = Superlatives::kItalian;
  // A prefix that intensifies the adjective it is written onto (Spanish
  // "superlimpio", "requetebién"): each lexicon sentiment word's form with
  // it is added, as strong as after an intensifier. Empty when none.
  std::vector<std::string_view> intensifying_prefixes = {};
  // Conjunctions that start a clause of their own for aspects but do not
  // weigh the sentiment around them as contrast_words do: Spanish "aunque"
  // (although) introduces the lesser point, before or after the main one
  // ("bonito aunque un poco lejos", "aunque caro, merece la pena").
  std::vector<std::string_view> concessive_words = {};
  // The particles of separable verbs (German "ab", "aus"; Dutch "tegen",
  // "uit"), which a main clause puts at its end, away from their verb ("die
  // Verbindung brach ständig ab", "het hotel viel erg tegen"): a particle
  // closing its clause is joined to the nearest word before it in the
  // clause with which it makes a sentiment word ("abbrach", "tegenviel"),
  // as subordinate clauses and participles write them.
  std::vector<std::string_view> separable_particles = {};
  // "Never" before a degree word ("so", "as") makes a superlative of
  // experience, not a negation: "nog nooit zo slecht geslapen", "jamais
  // aussi mal dormi", "nunca tan sucio" say the worst ever. The negations
  // among `never_words` do not negate when a `degree_words` word follows
  // them; "not so" ("niet zo schoon", "pas si mal") still negates.
  std::vector<std::string_view> never_words = {};
  // "Nothing" closing a clause that has no sentiment word and no other
  // negation ("le wifi marchait dans le hall, rien dans la chambre" has it
  // mid-clause; "in camera niente", "no quarto nada", "en la habitación
  // nada"): what was expected was not there, a mild complaint
  // (kAbsenceValence), as after an absence word.
  std::vector<std::string_view> clause_final_nothing = {};
  // "nor" words that negate only after a "neither" earlier in their
  // sentence (German "weder sauber noch ruhig noch günstig", where "noch"
  // is otherwise "still"): `nor_words` then act as negations.
  std::vector<std::string_view> neither_words = {};
  std::vector<std::string_view> nor_words = {};
  // "Nobody" words that are also a noun ("personne": a person, nobody): an
  // absence word and a negation only at the start of a clause or after
  // "and"/"or" ("Personne à la réception", "et personne ne nous avait
  // prévenus"), not after an article ("une seule personne à l'accueil").
  std::vector<std::string_view> clause_initial_nobody = {};
  // "Nobody" as the subject of its clause where the verb closes the clause
  // ("Niemand hat uns mit dem schweren Gepäck geholfen", "niemand heeft ons
  // met de zware koffers geholpen"): what nobody did is that verb, so a
  // sentiment word closing the clause is the one negated, not the first one
  // after "nobody" (the weight of the luggage). Without one the negation
  // reaches forward as any other.
  std::vector<std::string_view> verb_final_subject_negations = {};
  std::vector<std::string_view> degree_words = {};
  // Adverbs that comment on their whole sentence ("leider", "helaas",
  // "malheureusement"): they keep their own valence, and a negation passes
  // over them to the word it negates ("das WLAN funktionierte leider
  // nicht", where "nicht" would otherwise turn "leider" into praise).
  std::vector<std::string_view> sentence_adverbs = {};
  // Words that introduce a cause ("por", "à cause", "vanwege", "wegen"): a
  // negation does not reach past them into it, since the cause is no part
  // of what was not done ("no abrimos la ventana por el ruido" complains of
  // the noise). Italian "per" is left out: "non era per niente pulito".
  std::vector<std::string_view> causal_words = {};
  // "Better" ("mejor", "besser", "beter") after one of `shortfall_modals`
  // ("podría", "hätte", "kan") within its clause says what the stay fell
  // short of: negated, so "podría ser mejor", "hätte besser sein können" and
  // "het ontbijt kan beter" complain, and "kon niet beter" still praises.
  // Compared as written, not listed: Dutch "had" would become evidence of
  // Dutch in English texts.
  std::vector<std::string_view> better = {};
  std::vector<std::string_view> shortfall_modals = {};
  // "Hardly" ("kaum", "difficilement"): by the modal or after it, like a
  // negation, it makes "better" the best there could be ("könnte kaum besser
  // sein").
  std::vector<std::string_view> hardly_words = {};
  // Articles before `better` that make it "the best" ("el mejor", "le
  // meilleur"): no comparison with what could have been.
  std::vector<std::string_view> superlative_articles = {};
  // "More" ("plus", "más", "più", "mais"): before a word of praise, a
  // comparative as `better` is ("pourrait être plus aimable").
  std::vector<std::string_view> comparative_markers = {};
};

// The rules for `code`, or nullptr for a language without them.
const LanguageRules* FindLanguageRules(std::string_view code);

// English function words, in the sense of LanguageRules::function_words,
// and hotel words VADER's lexicon lacks ("room", "stars"): English keeps
// VADER's rules, and needs this list only as evidence of the language.
const std::vector<std::string_view>& EnglishFunctionWords();

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_LANGUAGE_RULES_H_
