#include "indexer/RecordDocument.h"

#include "core/CalendarDate.h"
#include "core/Error.h"
#include "indexer/IndexSchema.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace majlis::indexer {

namespace {

// Positions left empty between fields, so no phrase spans two of them.
constexpr Xapian::termpos kFieldGap = 100;

// Title words count this many times in the within-document frequency.
constexpr Xapian::termcount kTitleWeight = 2;

void requireValidAccess(const IndexedRecord& record)
{
    const std::string& access = record.access;
    if (access != kAccessPublic && access != kAccessInternal && access != kAccessConfidential) {
        throw Error(ErrorCode::invalid_argument, "indexer.invalid_access",
            "Invalid access level \"" + access + "\" on record " + record.id
                + ": use public, internal or confidential",
            {{"record", record.id}, {"access", access}});
    }
}

// Adds the words of one field from `position` on and returns the position
// after the last word. Only the terms that QueryBuilder's phrases read get
// positions: a word's stems (Z), or its key when it has no stem. The key of
// a stemmed word and its Light10 stem (XL) get their within-document
// frequency only, which is all BM25 reads, and the position table shrinks.
Xapian::termpos indexText(BuiltDocument& built, const Analyzer& analyzer, std::string_view text,
    Xapian::termpos position, Xapian::termcount weight)
{
    Xapian::Document& document = built.document;
    // One buffer for the prefixed terms, so building a term allocates only
    // when it is longer than any before.
    std::string prefixed;
    const auto prefixedTerm = [&prefixed](std::string_view prefix, const std::string& text) -> const std::string& {
        if (prefix.size() + text.size() > schema::kMaxTermBytes) {
            prefixed = schema::boundedTerm(prefix, text);
        } else {
            prefixed.assign(prefix);
            prefixed += text;
        }
        return prefixed;
    };
    analyzer.forEachWord(text, [&](const AnalyzedWord& word) {
        ++position;
        const std::string& term = prefixedTerm("", word.key);
        if (schema::isHashedTerm(term)) {
            document.add_posting(term, position, weight);
            ++built.hashedWords;
            return;
        }
        if (word.stem.empty()) {
            document.add_posting(term, position, weight);
            return;
        }
        document.add_term(term, weight);
        document.add_posting(prefixedTerm(schema::kStemPrefix, word.stem), position, weight);
        if (!word.alternativeStem.empty()) {
            document.add_posting(prefixedTerm(schema::kStemPrefix, word.alternativeStem), position, weight);
        }
        if (!word.lightStem.empty()) {
            document.add_term(prefixedTerm(schema::kLightStemPrefix, word.lightStem), weight);
        }
    });
    return position;
}

void addBooleanTerm(Xapian::Document& document, std::string_view prefix, const std::string& value)
{
    if (!value.empty()) {
        document.add_boolean_term(schema::boundedTerm(prefix, value));
    }
}

nlohmann::json toJson(const IndexedRecord& record)
{
    nlohmann::json data = {
        {"id", record.id},
        {"version", record.version},
        {"title", record.title},
        {"body", record.body},
        {"reference", record.reference},
        {"council", record.council},
        {"region", record.region},
        {"type", record.type},
        {"access", record.access},
        {"tags", record.tags},
    };
    if (record.date) {
        data["date"] = *record.date;
    }
    return data;
}

} // namespace

BuiltDocument RecordDocument::build(const IndexedRecord& record, const Analyzer& analyzer)
{
    if (record.id.empty()) {
        throw Error(ErrorCode::invalid_argument, "indexer.missing_id", "A record to index has an empty id");
    }
    requireValidAccess(record);

    BuiltDocument built;
    Xapian::termpos position = indexText(built, analyzer, record.title, 0, kTitleWeight);
    position = indexText(built, analyzer, record.body, std::max(position, schema::kBodyFirstPosition), 1);
    position = indexText(built, analyzer, record.reference, position + kFieldGap, 1);
    for (const std::string& tag : record.tags) {
        position = indexText(built, analyzer, tag, position + kFieldGap, 1);
    }

    Xapian::Document& document = built.document;
    document.add_boolean_term(idTerm(record.id));
    addBooleanTerm(document, schema::kCouncilPrefix, record.council);
    addBooleanTerm(document, schema::kRegionPrefix, record.region);
    addBooleanTerm(document, schema::kTypePrefix, record.type);
    addBooleanTerm(document, schema::kAccessPrefix, record.access);
    for (const std::string& tag : record.tags) {
        addBooleanTerm(document, schema::kTagPrefix, tag);
    }

    document.add_value(schema::kCouncilSlot, record.council);
    document.add_value(schema::kRegionSlot, record.region);
    document.add_value(schema::kTypeSlot, record.type);
    if (record.date) {
        const CalendarDate date = CalendarDate::fromDaysSinceEpoch(*record.date);
        const std::string year = std::to_string(date.year());
        const std::string hijriYear = std::to_string(date.toHijri().year);
        document.add_value(schema::kDateSlot, Xapian::sortable_serialise(*record.date));
        document.add_value(schema::kYearSlot, year);
        document.add_value(schema::kHijriYearSlot, hijriYear);
        addBooleanTerm(document, schema::kYearPrefix, year);
        addBooleanTerm(document, schema::kHijriYearPrefix, hijriYear);
    }

    document.set_data(toJson(record).dump());
    return built;
}

IndexedRecord RecordDocument::decode(const std::string& data)
{
    const nlohmann::json json = nlohmann::json::parse(data);
    IndexedRecord record;
    record.id = json.at("id").get<std::string>();
    record.version = json.at("version").get<std::uint64_t>();
    record.title = json.at("title").get<std::string>();
    record.body = json.at("body").get<std::string>();
    record.reference = json.at("reference").get<std::string>();
    record.council = json.at("council").get<std::string>();
    record.region = json.at("region").get<std::string>();
    record.type = json.at("type").get<std::string>();
    record.access = json.at("access").get<std::string>();
    record.tags = json.at("tags").get<std::vector<std::string>>();
    if (json.contains("date")) {
        record.date = json.at("date").get<std::int32_t>();
    }
    return record;
}

std::string RecordDocument::idTerm(const std::string& id)
{
    return schema::boundedTerm(schema::kIdPrefix, id);
}

bool RecordDocument::isSpellingWord(const std::string& term)
{
    if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z') || schema::isHashedTerm(term)) {
        return false;
    }
    return !std::all_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace majlis::indexer
