// The closed word lists the temporal tagger (extract/timex.cc) tests words against, in one place so
// that a reader can scan and extend them. Each is general English (auxiliaries, prepositions,
// function words, verbs of a kind), none made from a particular text; the comment names the
// function that reads the list, where the rule it serves is explained. The lexicon of time words
// itself (months, units, numbers, deictic words) is at the top of extract/timex.cc.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace chronicle::timex_words {

// Whether `w` is one of `list`'s words.
template <std::size_t N>
constexpr bool contains(const std::string_view (&list)[N], std::string_view w) {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

// --- sentences and words ---------------------------------------------------------------------

// Titles whose dot ends no sentence ("said Mr. Jones on Friday"): is_title_abbreviation.
inline constexpr std::string_view kTitleAbbreviations[] = {
    "mr",   "mrs", "ms",  "messrs", "dr",   "prof", "gen", "sen", "rep", "gov", "lt", "col",
    "capt", "sgt", "adm", "maj",    "cmdr", "rev",  "hon", "vs",  "st",  "mt",  "ft", "pres"};

// --- tense cues ------------------------------------------------------------------------------

// Past cues: auxiliaries, common irregular past forms and adverbs of the past: is_past_word.
inline constexpr std::string_view kPastCues[] = {
    "was",       "were",       "had",      "did",    "said",    "told",  "took",  "made",    "came",
    "went",      "saw",        "got",      "gave",   "began",   "left",  "met",   "held",    "won",
    "lost",      "fell",       "rose",     "sold",   "bought",  "paid",  "sent",  "spent",   "led",
    "kept",      "brought",    "thought",  "found",  "became",  "ran",   "wrote", "spoke",   "broke",
    "struck",    "fought",     "shot",     "hit",    "cut",     "put",   "set",   "knew",    "grew",
    "drew",      "flew",       "threw",    "built",  "felt",    "heard", "meant", "stood",   "understood",
    "sought",    "taught",     "caught",   "chose",  "rode",    "drove", "ate",   "forgot",  "froze",
    "hid",       "shook",      "swore",    "tore",   "woke",    "wore",  "ago",   "earlier", "last",
    "yesterday", "previously", "recently", "former", "dropped", "has",   "have"};

// Words ending in "-ed" that are no past tense: is_past_word.
inline constexpr std::string_view kEdNotPast[] = {
    "hundred", "scheduled",   "expected", "planned", "proceed", "exceed", "succeed", "indeed",   "speed",
    "breed",   "unspecified", "based",    "related", "limited", "united", "listed",  "detailed", "slated"};

// Future cues: auxiliaries, plan and schedule words: is_future_word.
inline constexpr std::string_view kFutureCues[] = {
    "will",    "shall",     "ll",       "wo",        "going",    "scheduled", "expected", "planning", "plans",
    "due",     "supposed",  "upcoming", "next",      "tomorrow", "intends",   "aims",     "hopes",    "would",
    "expects", "expecting", "intend",   "intending", "maturing", "matures",   "expires"};

// Words after "to" that make it a preposition, without tags: verb_after_to.
inline constexpr std::string_view kNotVerbAfterTo[] = {"the",   "a",     "an",   "its",  "his",  "her",
                                                       "their", "our",   "my",   "your", "this", "that",
                                                       "these", "those", "some", "any",  "no",   "what"};

// Present and non-finite forms of "be" before a passive "anticipated" (a plan): cue_of.
inline constexpr std::string_view kBePresent[] = {"is", "are", "be", "been", "being"};

// Words before "expected"/"planned" that make it a comparison or an adjective: cue_of.
inline constexpr std::string_view kNoTenseBeforePlan[] = {"than", "as",    "a",   "an", "the",
                                                          "its",  "their", "his", "her"};

// Forms of "be" whose participle after them has no tense of its own: cue_of.
inline constexpr std::string_view kBeForms[] = {"be", "been", "being", "is", "are", "am", "was", "were"};

// Irregular past forms that are also present forms: cue_of.
inline constexpr std::string_view kPastAlsoPresent[] = {"hit", "cut", "put", "set"};

// Verbs of putting off ("postponed until", "deferred to"): deferred_to.
inline constexpr std::string_view kDeferVerbs[] = {
    "postponed", "postpone",  "postpones",   "postponing", "delayed",     "deferred",     "defer",
    "defers",    "adjourned", "rescheduled", "reschedule", "reschedules", "rescheduling", "extended",
    "extend",    "extends",   "off",         "delay",      "delays"};

// Modifiers between "since" and its time ("since mid-December"): since_time.
inline constexpr std::string_view kSinceModifiers[] = {"-",   "mid", "early",     "late",  "the",
                                                       "end", "of",  "beginning", "start", "middle"};

// --- comparisons -----------------------------------------------------------------------------

// Comparison words of an earnings report ("up from", "compared with"): report_quarter.
inline constexpr std::string_view kCompareWords[] = {"from",   "compared", "compares", "against",
                                                     "versus", "vs",       "than",     "after"};

// Comparison words before a year named later in the sentence: compared_year_after.
inline constexpr std::string_view kCompareBeforeYear[] = {"from", "against", "compared", "versus", "vs"};

// --- nouns and modifiers ---------------------------------------------------------------------

// Function words that modify no noun, without tags: modifies_noun.
inline constexpr std::string_view kFunctionWords[] = {
    "in", "on",  "at",   "to",   "of",  "for",  "and",   "or",    "but",   "when",  "with",  "from",
    "by", "as",  "the",  "a",    "an",  "that", "this",  "is",    "are",   "be",    "been",  "it",
    "he", "she", "they", "we",   "i",   "you",  "its",   "his",   "her",   "their", "after", "before",
    "if", "so",  "than", "then", "not", "also", "while", "where", "which", "who",   "until", "since"};

// Trade terms a month is quoted for ("for March delivery"): trade_term.
inline constexpr std::string_view kTradeTerms[] = {"shipment", "delivery", "loading",  "arrival",
                                                   "futures",  "contract", "contracts"};

// Prepositions after a capitalised month that leave it no modifier of a noun: month_before_noun.
inline constexpr std::string_view kPrepsAfterMonthNoun[] = {
    "of", "on", "to", "through", "into", "toward", "from", "across", "by", "and", "past", "in"};

// Determiners and possessives before a date: n_date.
inline constexpr std::string_view kDeterminers[] = {"the", "a",   "an",    "its",  "their",
                                                    "his", "her", "our",   "that", "these",
                                                    "any", "no",  "every", "each", "some"};

// Function words after "year-end" that leave it a time: n_year_end.
inline constexpr std::string_view kFunctionAfterYearEnd[] = {
    "and", "or", "but", "when", "as", "than", "to", "in", "of", "for", "from", "with", "at", "on", "after"};

// --- time words ------------------------------------------------------------------------------

// Decades in words ("the twenties"): n_decade_word.
inline constexpr std::string_view kDecadeWords[] = {"twenties", "thirties",  "forties",  "fifties",
                                                    "sixties",  "seventies", "eighties", "nineties"};

// Words after "fall" that make it the noun of a drop ("the fall in prices"): n_season.
inline constexpr std::string_view kAfterFallNoun[] = {"in", "to", "from", "by", "below", "above", "of", "on"};

// Prepositions of time before "fall" that keep it the season: n_season.
inline constexpr std::string_view kTimePrepsBeforeFall[] = {"in",   "during", "until",
                                                            "till", "since",  "through"};

// Other prepositions before "fall": n_season.
inline constexpr std::string_view kOtherPrepsBeforeFall[] = {"by", "over", "after", "before", "for", "into"};

// Award titles with a unit ("player of the year"): n_the_unit.
inline constexpr std::string_view kAwards[] = {
    "player",  "man",    "woman",      "person",    "coach",       "manager",     "rookie",
    "athlete", "goal",   "car",        "book",      "album",       "song",        "team",
    "driver",  "artist", "footballer", "sportsman", "sportswoman", "businessman", "entertainer"};

// --- lengths ---------------------------------------------------------------------------------

// Words after "second" that make it the unit of time: unit_word_ok.
inline constexpr std::string_view kAfterSecondUnit[] = {"of",     "later", "earlier", "ago", "after",
                                                        "before", "to",    "and",     "or",  "in",
                                                        "for",    "on",    "the",     "a",   "when"};

// Words before "last" that make it the verb ("will last two days"): n_duration.
inline constexpr std::string_view kBeforeVerbLast[] = {
    "will", "would", "could",    "can",  "may",     "might", "should",   "must",   "to",       "shall",
    "ll",   "not",   "probably", "only", "usually", "also",  "normally", "likely", "typically"};

// Modals before "one day" in the future sense: n_duration.
inline constexpr std::string_view kModals[] = {"will", "ll",  "would", "could",  "might",
                                               "may",  "can", "shall", "should", "must"};

// Words that measure time before "a second" ("within a second"): n_duration.
inline constexpr std::string_view kMeasureBeforeSecond[] = {
    "for",    "in",   "within", "of",   "than",   "about",  "just",  "only", "split",
    "barely", "less", "under",  "over", "nearly", "almost", "after", "per",  "every"};

// --- vague references ------------------------------------------------------------------------

// Past cues of is_past_word that are no verb: past_verb_at.
inline constexpr std::string_view kPastCuesNoVerb[] = {
    "has", "have", "ago", "earlier", "last", "yesterday", "previously", "recently", "former"};

// Relations after "soon" ("soon after X"): soon_not_ahead.
inline constexpr std::string_view kRelationsAfterSoon[] = {"after", "afterwards", "afterward", "thereafter",
                                                           "before"};

// Deictic first words of a time "earlier"/"later" takes into its extent: take_earlier_later.
inline constexpr std::string_view kDeicticAfterEarlierLater[] = {"this",  "that",     "yesterday",
                                                                 "today", "tomorrow", "tonight"};

// --- sets ------------------------------------------------------------------------------------

// Verbs of reporting after a frequency word that make it a newspaper ("the weekly reported"): n_set.
inline constexpr std::string_view kReportVerbs[] = {
    "said",  "says",  "reported", "reports", "quoted",  "quotes",  "wrote",  "writes",
    "added", "noted", "printed",  "carried", "claimed", "alleged", "warned", "commented"};

}  // namespace chronicle::timex_words
