package textnorm

import "strings"

// SearchKey normalises text for the full-text index. Index SearchKey(title)
// and SearchKey(body), never the text itself, so that spellings a reader
// considers the same produce the same tokens:
//
//   - NFKC, so presentation forms copied from PDFs become plain letters;
//   - Arabic-keyboard letters become Persian ones: ي ى → ی, ك → ک;
//     ة ۀ → ه; أ إ ٱ آ → ا;
//   - Persian and Arabic-Indic digits become ASCII digits;
//   - harakat, tatweel and direction marks are dropped without breaking
//     the word they sit in;
//   - letters of every script are lower-cased (Tajik ғ ӣ қ ӯ ҳ ҷ included,
//     which stay whole letters and never split a word);
//   - Tajik letters become the Russian ones typed for them on a Russian
//     keyboard: ҳ → х, қ → к, ӯ → у, ӣ → и, ҷ → ч, ғ → г, so «намоишгохи»
//     and «намоишгоҳи» meet (ExactWords and ExactCounter tell them apart
//     again for ranking);
//   - punctuation, symbols and spaces separate words, and the result is the
//     words separated by single spaces.
//
// A word containing ZWNJ is emitted first as its parts and then joined:
// "می‌کنند" gives "می کنند میکنند". The parts come first so that a phrase
// query for "می کنند", written with a plain space, still finds adjacent
// tokens; the joined form matches a reader who types no ZWNJ at all. Pair
// it with SearchTerms on the query side.
//
// SearchKey is idempotent: its output has no ZWNJ left and is already in
// normal form.
func SearchKey(text string) string {
	var tokens []string
	for _, w := range searchWords(text, true) {
		tokens = append(tokens, w.parts...)
		if len(w.parts) > 1 {
			tokens = append(tokens, w.joined(true))
		}
	}
	return strings.Join(tokens, " ")
}

// SearchTerms normalises a search query the way SearchKey normalises the
// index and returns, for each query word, the spellings that should count as
// a match; a document should match every word through any one of its
// spellings.
//
// A plain word has one spelling. A word written with ZWNJ has two: the
// joined form first, which matches documents written with ZWNJ or without
// it, then its parts as a space-separated phrase, which matches documents
// that wrote a space instead:
//
//	SearchTerms("کتاب‌های ايران") == [][]string{
//		{"کتابهای", "کتاب های"},
//		{"ایران"},
//	}
//
// Persian writers attach some affixes with ZWNJ, with a space, or with
// neither: «می‌کنند», «می کنند», «میکنند». The index keeps text as written
// (its parts and, for ZWNJ, the joined form), so the query side makes the
// spellings meet:
//
//   - the verbal prefixes می and نمی and the suffixes ها, های, هایی, تر and
//     ترین, typed apart, join their neighbour as if typed with ZWNJ:
//     "می کنند" is one word spelled {"میکنند", "می کنند"};
//   - a word typed joined that starts with such a prefix or ends with ها,
//     های or هایی, around a stem of three letters or more, also gets its
//     split spelling: "میکنند" is {"میکنند", "می کنند"}, which finds text
//     that wrote a space.
//
// A wrong split («میدان», a square, as "می دان») only adds a phrase that
// rarely occurs: it must match whole, as the search index matches only a
// spelling without spaces as a prefix.
func SearchTerms(query string) [][]string {
	words := joinAffixes(searchWords(query, true))
	terms := make([][]string, 0, len(words))
	for _, w := range words {
		if len(w.parts) > 1 {
			terms = append(terms, []string{w.joined(true), strings.Join(w.parts, " ")})
			continue
		}
		spellings := []string{w.parts[0]}
		if split := splitAffixes(w.parts[0]); len(split) > 1 {
			spellings = append(spellings, strings.Join(split, " "))
		}
		terms = append(terms, spellings)
	}
	return terms
}
