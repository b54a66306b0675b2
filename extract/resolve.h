// Entity resolution: from the recogniser's name mentions to one Entity per
// real-world thing in the document, linked to the knowledge base where it knows
// the thing.
//
//   resolve_entities(analysis, kb);   // after recognition (and tagging/parsing when available)
//
// What it does, in order (every rule is general; words come from the knowledge
// base's data or from closed classes such as titles and prepositions):
//  1. Cleans mentions: a trailing possessive ("Putin's") leaves the span; leading
//     titles and demonyms ("Russian President Vladimir Putin") do not count for
//     the name. A single capitalised common word at a sentence start ("Here",
//     "Turning", "Key") that the document never capitalises elsewhere and the
//     knowledge base does not know as a country or organisation is dropped.
//  2. Refines types with the knowledge base: a place-typed name becomes GPE or
//     LOCATION as the KB says; a name the model typed PERSON that the KB knows
//     only as a prominent place becomes that place; MISC and ORGANIZATION take
//     the KB type where the KB knows the name. A name followed or preceded by a
//     vehicle noun ("Admiral Kuznetsov aircraft carrier") is a VEHICLE.
//  3. Groups mentions: the same name; a surname or first-name-less form of a
//     full name in the document ("Putin" -> "Vladimir Putin", "Assad" ->
//     "Bashar al-Assad"); an acronym of a longer organisation name ("IS" ->
//     "Islamic State group"); the same knowledge-base entry.
//  4. Links each group to the knowledge base: full names directly; a lone
//     surname only when exactly one KB person of that name holds a role code at
//     the document date (else it stays unlinked and document-scoped, see
//     entity_id()).
//  5. Metonymy: a capital city or a government body (the Kremlin) that acts —
//     anything but the object of a locative preposition ("in Moscow"), a
//     dateline ("Moscow:") or a noun modifier ("a Moscow court") — stands for
//     its country's government. Representation: the Mention keeps its span, text
//     and type (the Kremlin stays ORGANIZATION), gets role "government", and is
//     linked to the COUNTRY entity (Russia), whose codes carry the CAMEO country
//     code (the events stage may add "GOV"). Its text is not added to the
//     country's aliases.
//  6. Demonyms used as actors ("Russian warplanes", "the Syrian leader"): the
//     demonym token is a Mention with kind Name, type MISC (as CoNLL types
//     nationalities, so the CoNLL output is unchanged), role "demonym", linked to
//     the country entity. A MISC mention of the recogniser that is a demonym gets
//     that role; an untagged capitalised demonym is added as such a mention. The
//     events stage may take it as the actor of its head noun ("warplanes").
//  7. Containment: Entity::part_of points to the containing place from the KB
//     (Aleppo -> Syria); the container is added as an entity without mentions
//     when the text does not name it.
//
// Mentions end sorted by position; every kept mention has its entity set.
// Entities are ordered by first mention; containers without mentions come last.
//
// Thread-safety: a pure function of its arguments (the KB is read-only).
#pragma once

#include <string>
#include <string_view>

#include "core/document.h"
#include "extract/knowledge_base.h"

namespace chronicle {

// Fills a.entities and Mention::entity; may drop, trim, retype and add mentions.
void resolve_entities(Analysis& a, const KnowledgeBase& kb);

// The id of an entity the knowledge base does not know: "h:" and 16 hex digits of
// a 64-bit FNV-1a hash of normalize_key(name) + "|" + type. The graph merges
// entities across documents by id, so equal names of equal type merge. Pass a
// non-empty `scope` (the document id) to keep an entity from merging across
// documents: resolve_entities() does so for a single-word PERSON name that is
// not linked (two documents' "Smith" need not be the same person).
std::string entity_id(std::string_view name, std::string_view type, std::string_view scope = {});

}  // namespace chronicle
