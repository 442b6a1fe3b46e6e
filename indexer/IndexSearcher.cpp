#include "indexer/IndexSearcher.h"

#include "core/Error.h"
#include "indexer/ArabicNormalizer.h"
#include "indexer/IndexSchema.h"
#include "indexer/QueryBuilder.h"
#include "indexer/RecordDocument.h"
#include "indexer/SnippetBuilder.h"
#include "indexer/SpellingSuggester.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <unordered_map>
#include <type_traits>

#include <optional>

namespace majlis::indexer {

namespace {

constexpr Xapian::doccount kMaxFacetValues = 50;

// Whether a writer has created the database in the generation folder yet.
// Xapian 1.4's glass backend writes its version file, iamglass, on creation.
bool databaseCreated(const std::filesystem::path& path)
{
    return std::filesystem::exists(path / "iamglass");
}

// A folder with no database yet gets an empty handle, which search() never
// queries (Xapian cannot make an Enquire on it).
Xapian::Database openReadable(const std::filesystem::path& path)
{
    if (std::filesystem::is_directory(path) && !databaseCreated(path))
        return Xapian::Database();
    try {
        return Xapian::Database(path.string());
    } catch (const Xapian::Error& error) {
        throw Error(ErrorCode::unavailable, "indexer.open_failed",
            "Opening the search index " + path.string() + " for reading failed: " + error.get_description()
                + ". Build the index first",
            {{"path", path.string()}});
    }
}

void requireValidPaging(const SearchRequest& request)
{
    if (request.pageSize < 1 || request.pageSize > kMaxPageSize) {
        throw Error(ErrorCode::invalid_argument, "search.invalid_page_size",
            "Invalid page size " + std::to_string(request.pageSize) + ": use 1 to " + std::to_string(kMaxPageSize),
            {{"page_size", std::to_string(request.pageSize)}});
    }
    if (request.page < 1 || request.page > kMaxPage) {
        throw Error(ErrorCode::invalid_argument, "search.invalid_page",
            "Invalid page " + std::to_string(request.page) + ": use 1 to " + std::to_string(kMaxPage),
            {{"page", std::to_string(request.page)}});
    }
}

// A query matching every document, built anew: Xapian::Query::MatchAll is
// one shared object whose reference count is not atomic, so copying it
// from several request threads at once corrupts it (seen as a crash in
// Enquire::set_query under load).
Xapian::Query matchAll()
{
    return Xapian::Query(std::string());
}

// OR of the boolean terms prefix + value; nothing for no values.
template <typename Value>
std::optional<Xapian::Query> anyOf(std::string_view prefix, const std::vector<Value>& values)
{
    if (values.empty()) {
        return std::nullopt;
    }
    std::vector<Xapian::Query> terms;
    for (const Value& value : values) {
        if constexpr (std::is_same_v<Value, std::string>) {
            terms.emplace_back(schema::boundedTerm(prefix, value));
        } else {
            terms.emplace_back(schema::boundedTerm(prefix, std::to_string(value)));
        }
    }
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

std::optional<Xapian::Query> scopeFilter(const SearchScope& scope)
{
    const Xapian::Query publicRecords(schema::boundedTerm(schema::kAccessPrefix, kAccessPublic));
    switch (scope.role) {
    case SearchScope::Role::secretariat:
        return std::nullopt;
    case SearchScope::Role::staff:
        if (scope.councils.empty()) {
            return publicRecords;
        }
        if (scope.confidential) {
            return Xapian::Query(Xapian::Query::OP_OR, publicRecords, *anyOf(schema::kCouncilPrefix, scope.councils));
        }
        // Their councils' internal records, but not the confidential ones.
        return Xapian::Query(Xapian::Query::OP_OR, publicRecords,
            Xapian::Query(Xapian::Query::OP_AND, *anyOf(schema::kCouncilPrefix, scope.councils),
                Xapian::Query(schema::boundedTerm(schema::kAccessPrefix, kAccessInternal))));
    case SearchScope::Role::citizen:
        break;
    }
    return publicRecords;
}

std::optional<Xapian::Query> dateFilter(const SearchRequest& request)
{
    const auto bound = [](std::int32_t days) { return Xapian::sortable_serialise(days); };
    if (request.from && request.to) {
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot, bound(*request.from), bound(*request.to));
    }
    if (request.from) {
        return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kDateSlot, bound(*request.from));
    }
    if (request.to) {
        return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kDateSlot, bound(*request.to));
    }
    return std::nullopt;
}

// The scope and the request's filters, ANDed; nothing when none applies.
std::optional<Xapian::Query> filters(const SearchRequest& request)
{
    const std::optional<Xapian::Query> parts[] = {
        scopeFilter(request.scope),
        anyOf(schema::kCouncilPrefix, request.councils),
        anyOf(schema::kTypePrefix, request.types),
        anyOf(schema::kRegionPrefix, request.regions),
        anyOf(schema::kYearPrefix, request.years),
        anyOf(schema::kHijriYearPrefix, request.hijriYears),
        dateFilter(request),
    };
    std::vector<Xapian::Query> present;
    for (const auto& part : parts)
        if (part)
            present.push_back(*part);
    if (present.empty())
        return std::nullopt;
    return Xapian::Query(Xapian::Query::OP_AND, present.begin(), present.end());
}

// Thrown by CheckedDocuments to end a match at its deadline. Xapian 1.4
// has no way to cancel a match, and its own Enquire::set_time_limit is
// unsafe: the POSIX timer thread it starts can set a flag in the matcher's
// stack frame after the match has returned, and searches crashed so.
struct CountingStopped {};

// The matches the matcher checks, in document order: their ids, which
// facets count, and how far counting got before its deadline.
// Xapian::ValueCountMatchSpy reads each value here, and in Xapian 1.4's
// glass backend that costs a B-tree seek and a chunk decode for each slot of
// each document. So countFacet reads each slot's value stream once instead.
class CheckedDocuments : public Xapian::MatchSpy {
public:
    using Clock = std::chrono::steady_clock;

    // Matches counted before the deadline can stop counting. A search with
    // fewer matches always has an exact total and facets, whatever the
    // machine's load, and these take a few milliseconds even for phrases.
    static constexpr Xapian::doccount kCountedBeforeDeadline = 100;

    CheckedDocuments(bool keepIds, std::optional<Clock::time_point> deadline)
        : keepIds_(keepIds)
        , deadline_(deadline)
    {
    }

    // Throws CountingStopped once the deadline has passed.
    void operator()(const Xapian::Document& document, double) override
    {
        const Xapian::docid id = document.get_docid();
        if (keepIds_)
            ids.push_back(id);
        ++count_;
        lastId_ = id;
        // The clock is read at every match, because a phrase may match only
        // one record in thousands checked; a read costs about 20 ns.
        // NOTE: a match that finds almost no records can still run long,
        // because Xapian calls a match spy only on matching records.
        if (deadline_ && count_ >= kCountedBeforeDeadline && Clock::now() >= *deadline_)
            throw CountingStopped{};
    }

    // The matches in the whole index, extrapolated from those counted in
    // document order before the deadline, and kept within the bounds of
    // `matches`. Xapian's own estimate of a phrase ignores how many records
    // pass the position check and was eight times the true count.
    Xapian::doccount estimate(const Xapian::MSet& matches, Xapian::docid lastDocid) const
    {
        const double lower = std::max<double>(count_, matches.get_matches_lower_bound());
        const double upper = std::max<double>(lower, matches.get_matches_upper_bound());
        if (lastId_ == 0)
            return static_cast<Xapian::doccount>(lower);
        const double extrapolated = static_cast<double>(count_) * lastDocid / lastId_;
        return static_cast<Xapian::doccount>(std::clamp(extrapolated, lower, upper) + 0.5);
    }

    std::vector<Xapian::docid> ids;

private:
    bool keepIds_;
    std::optional<Clock::time_point> deadline_;
    Xapian::doccount count_ = 0;
    Xapian::docid lastId_ = 0;
};

// The non-empty values of `slot` among the documents `ids` (ascending), most
// frequent first and then in byte order, as ValueCountMatchSpy ranks them.
std::vector<FacetValue> countFacet(
    const Xapian::Database& database, Xapian::valueno slot, const std::vector<Xapian::docid>& ids)
{
    std::unordered_map<std::string, std::uint32_t> counts;
    auto value = database.valuestream_begin(slot);
    const auto end = database.valuestream_end(slot);
    for (const Xapian::docid id : ids) {
        if (value != end && value.get_docid() < id)
            value.skip_to(id);
        if (value == end)
            break;
        if (value.get_docid() == id && !(*value).empty())
            ++counts[*value];
    }

    std::vector<FacetValue> values;
    values.reserve(counts.size());
    for (auto& [text, count] : counts)
        values.push_back({text, count});
    const auto ranksHigher = [](const FacetValue& a, const FacetValue& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    };
    const std::size_t kept = std::min<std::size_t>(values.size(), kMaxFacetValues);
    std::partial_sort(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(kept), values.end(), ranksHigher);
    values.resize(kept);
    return values;
}

SearchHit hitOf(const Xapian::MSetIterator& match, const SnippetBuilder& snippets)
{
    const IndexedRecord record = RecordDocument::decode(match.get_document().get_data());
    SearchHit hit;
    hit.id = record.id;
    hit.version = record.version;
    hit.title = record.title;
    hit.score = match.get_weight();
    hit.snippet = snippets.build(record.body);
    if (hit.snippet.empty()) {
        hit.snippet = snippets.build(record.title);
    }
    hit.date = record.date;
    hit.reference = record.reference;
    hit.council = record.council;
    hit.region = record.region;
    hit.type = record.type;
    hit.access = record.access;
    return hit;
}

void applySort(Xapian::Enquire& enquire, SortOrder sort)
{
    switch (sort) {
    case SortOrder::dateDescending:
        enquire.set_sort_by_value_then_relevance(schema::kDateSlot, true);
        break;
    case SortOrder::dateAscending:
        enquire.set_sort_by_value_then_relevance(schema::kDateSlot, false);
        break;
    case SortOrder::relevance:
        enquire.set_sort_by_relevance();
        break;
    }
}

} // namespace

IndexSearcher::IndexSearcher(const std::filesystem::path& path, Bm25Parameters bm25)
    : path_(path)
    , database_(openReadable(path))
    , created_(databaseCreated(path))
    , bm25_(bm25)
{
}

bool IndexSearcher::openOnceCreated()
{
    if (!created_) {
        if (!databaseCreated(path_))
            return false;
        database_ = openReadable(path_);
        created_ = true;
    }
    return true;
}

Xapian::rev IndexSearcher::revision()
{
    if (!openOnceCreated())
        return 0;
    try {
        database_.reopen();
        return database_.get_revision();
    } catch (const Xapian::Error& error) {
        throw Error(ErrorCode::storage_failure, "search.failed",
            "Reading the revision of the index " + path_.string() + " failed: " + error.get_description(),
            {{"path", path_.string()}});
    }
}

SearchResponse IndexSearcher::search(const SearchRequest& request)
{
    requireValidPaging(request);
    // A new data folder has no database until its first record is indexed;
    // until then every search finds nothing.
    if (!openOnceCreated())
        return SearchResponse{};
    try {
        database_.reopen();
        return searchOnce(request);
    } catch (const Xapian::DatabaseModifiedError&) {
        // The writer committed twice while this search ran; the newest
        // revision is consistent, so one retry on it suffices.
        database_.reopen();
        return searchOnce(request);
    } catch (const Xapian::Error& error) {
        throw Error(ErrorCode::storage_failure, "search.failed",
            "Searching the index " + path_.string() + " failed: " + error.get_description(),
            {{"path", path_.string()}});
    }
}

SearchResponse IndexSearcher::searchOnce(const SearchRequest& request)
{
    // Whether a record the scope lets through has the term: spelling
    // corrections and hints must not tell a word of a hidden record from a
    // word no record has.
    const std::optional<Xapian::Query> scope = scopeFilter(request.scope);
    const QueryBuilder::TermCheck termKnown = [this, &scope](const std::string& term) {
        if (!database_.term_exists(term))
            return false;
        if (!scope)
            return true;
        Xapian::Enquire probe(database_);
        probe.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(term), *scope));
        probe.set_weighting_scheme(Xapian::BoolWeight());
        return !probe.get_mset(0, 1).empty();
    };
    const QueryBuilder builder(analyzer_, &database_, termKnown);
    BuiltQuery built = builder.build(request.query);
    SearchResponse response;
    // A search without words browses: every record the filters and the
    // scope let through, newest first unless another order is asked for.
    const bool browsing = request.query.find_first_not_of(" \t\r\n") == std::string::npos;
    if (built.query.empty() && !browsing) {
        return response;
    }
    if (browsing)
        built.query = matchAll();

    Xapian::Enquire enquire(database_);
    const std::optional<Xapian::Query> filter = filters(request);
    enquire.set_query(filter ? Xapian::Query(Xapian::Query::OP_FILTER, built.query, *filter) : built.query);
    enquire.set_weighting_scheme(Xapian::BM25Weight(bm25_.k1, 0, 1, bm25_.b, 0.5));
    applySort(enquire, browsing && request.sort == SortOrder::relevance ? SortOrder::dateDescending : request.sort);

    // Counts exactly up to kExactCountLimit matches until the deadline. A
    // match stopped there runs again without counting, for the page alone.
    // A query that Xapian's statistics alone show to have kExactCountLimit
    // matches or more, such as a word in most records, gets no deadline.
    // Its total is an estimate anyway, and running it again would only add
    // the time spent before the deadline.
    std::optional<CheckedDocuments::Clock::time_point> deadline;
    if (exactCountSeconds_ > 0 && enquire.get_mset(0, 0).get_matches_lower_bound() < kExactCountLimit) {
        deadline = CheckedDocuments::Clock::now()
            + std::chrono::duration_cast<CheckedDocuments::Clock::duration>(
                std::chrono::duration<double>(exactCountSeconds_));
    }
    CheckedDocuments checked(request.facets, deadline);
    enquire.add_matchspy(&checked);

    const auto offset = static_cast<Xapian::doccount>((request.page - 1) * request.pageSize);
    const auto pageSize = static_cast<Xapian::doccount>(request.pageSize);
    Xapian::MSet matches;
    try {
        matches = enquire.get_mset(offset, pageSize, std::max(kExactCountLimit, offset + pageSize));
        response.total = matches.get_matches_estimated();
        response.totalExact = matches.get_matches_lower_bound() == matches.get_matches_upper_bound();
    } catch (const CountingStopped&) {
        enquire.clear_matchspies();
        matches = enquire.get_mset(offset, pageSize);
        response.total = checked.estimate(matches, database_.get_lastdocid());
        response.totalExact = false;
    }
    // The match spy saw every match exactly when the count is exact.
    response.facetsExact = response.totalExact;

    const SnippetBuilder snippets(analyzer_, built.markedTerms);
    for (auto match = matches.begin(); match != matches.end(); ++match) {
        response.results.push_back(hitOf(match, snippets));
    }
    if (request.facets) {
        std::sort(checked.ids.begin(), checked.ids.end());
        response.facets = {countFacet(database_, schema::kCouncilSlot, checked.ids),
            countFacet(database_, schema::kRegionSlot, checked.ids), countFacet(database_, schema::kTypeSlot, checked.ids),
            countFacet(database_, schema::kYearSlot, checked.ids), countFacet(database_, schema::kHijriYearSlot, checked.ids)};
    }

    if (built.hasPositiveWords && (response.total < kSuggestBelow || built.hasCorrections)) {
        response.suggestion = suggestSpelling(built, termKnown);
    }
    return response;
}

std::optional<std::string> IndexSearcher::suggestSpelling(const BuiltQuery& built, const QueryBuilder::TermCheck& termKnown) const
{
    std::string suggestion;
    bool changed = false;
    for (std::size_t i = 0; i < built.words.size(); ++i) {
        // A word the index contains needs no correction, and a word the query
        // builder corrected already has one. The spelling search runs only
        // for the rest.
        std::string corrected;
        const std::string& word = built.words[i];
        if (const auto known = built.corrections.find(word); known != built.corrections.end()) {
            corrected = known->second;
        } else if (RecordDocument::isSpellingWord(word) && !termKnown(schema::boundedTerm("", word))) {
            corrected = SpellingSuggester(database_).suggest(word);
        }
        changed = changed || !corrected.empty();
        suggestion += suggestion.empty() ? "" : " ";
        suggestion += corrected.empty() ? built.typedWords[i] : recordedSpelling(corrected);
    }
    if (!changed) {
        return std::nullopt;
    }
    return suggestion;
}

// NOTE: this analyses the text of up to kSpellingSampleRecords records, which
// is slow for very long records, so it runs only when a suggestion is made.
std::string IndexSearcher::recordedSpelling(const std::string& key) const
{
    std::map<std::string, int> counts;
    Xapian::doccount sampled = 0;
    for (auto posting = database_.postlist_begin(key);
         posting != database_.postlist_end(key) && sampled < kSpellingSampleRecords; ++posting, ++sampled) {
        const IndexedRecord record = RecordDocument::decode(database_.get_document(*posting).get_data());
        // The spelling shown must come from a record everyone may read.
        if (record.access != kAccessPublic) {
            continue;
        }
        if (const auto spelling = firstSpelling(record, key)) {
            ++counts[*spelling];
        }
    }

    std::string best = key;
    int bestCount = 0;
    for (const auto& [spelling, count] : counts) {
        if (count > bestCount) {
            best = spelling;
            bestCount = count;
        }
    }
    return best;
}

std::optional<std::string> IndexSearcher::firstSpelling(const IndexedRecord& record, const std::string& key) const
{
    std::vector<const std::string*> texts = {&record.title, &record.body, &record.reference};
    for (const std::string& tag : record.tags) {
        texts.push_back(&tag);
    }
    for (const std::string* text : texts) {
        for (const AnalyzedWord& word : analyzer_.analyze(*text)) {
            if (word.key == key) {
                return ArabicNormalizer::removeIgnorables(std::string_view(*text).substr(word.begin, word.end - word.begin));
            }
        }
    }
    return std::nullopt;
}

} // namespace majlis::indexer
