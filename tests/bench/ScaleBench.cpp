// Indexing rate, index size and query latency of the Majlis search index at
// a chosen number of records, beside a bare Xapian loop on the same texts.
//
//   majlis_bench_scale index ARTICLES_TSV INDEX_DIR --records N --engine majlis|xapian|xapian-spelling
//                      [--batch 1000]
//   majlis_bench_scale query INDEX_DIR QUERIES_TXT --engine majlis|xapian [--check-at-least N] [--no-facets]
//                      [--slowest N] [--exact-count-seconds S]
//
// ARTICLES_TSV is "title<TAB>text" per line (split_statutes.py). Records
// 0 .. lines-1 are the articles themselves. Past that, each record is made
// of article sentences drawn at random until it reaches the length of a
// random article. So the length distribution and vocabulary stay those of
// the statutes. The generator is seeded, so both engines index the same texts.
//
// The majlis engine is indexer::SearchIndex::apply in batches, which is what
// IndexFeeder and Reindexer call. The xapian engine is the peer: one
// Xapian::TermGenerator with Stem("arabic") (STEM_SOME), the title at
// weight 2, a unique id term and replace_document, one transaction a batch.
// Query latency is measured in process: indexer::IndexSearcher::search for
// majlis, Xapian::QueryParser with the same stemmer and get_mset(0, 10) for
// xapian. --check-at-least gives the xapian engine the exact counting that
// IndexSearcher requests from get_mset (its kExactCountLimit), to show its cost.
// --no-facets searches as `majlis search` without --json does, counting no
// facets; by default the majlis engine counts them, as GET /api/v1/search does.
// --slowest N prints the N slowest queries with their time and match count;
// "~" marks a count that is an estimate. --exact-count-seconds sets
// IndexSearcher's exact-count time limit (0 for none).

#include "indexer/IndexSearcher.h"
#include "indexer/SearchIndex.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using majlis::indexer::IndexedRecord;

struct Article {
    std::string title;
    std::string text;
};

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::vector<Article> loadArticles(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot open the articles file " + path + ": run split_statutes.py first");
    std::vector<Article> articles;
    std::string line;
    while (std::getline(in, line)) {
        const auto tab = line.find('\t');
        if (tab != std::string::npos)
            articles.push_back({line.substr(0, tab), line.substr(tab + 1)});
    }
    return articles;
}

// Splits at "." and the Arabic semicolon and comma, keeping the mark.
std::vector<std::string> sentencesOf(const std::vector<Article>& articles)
{
    std::vector<std::string> sentences;
    for (const Article& article : articles) {
        std::size_t start = 0;
        const std::string& text = article.text;
        for (std::size_t i = 0; i < text.size(); ++i) {
            const bool dot = text[i] == '.';
            const bool arabicMark = i + 1 < text.size() && static_cast<unsigned char>(text[i]) == 0xD8
                && (static_cast<unsigned char>(text[i + 1]) == 0x9B || static_cast<unsigned char>(text[i + 1]) == 0x8C);
            if (!dot && !arabicMark)
                continue;
            const std::size_t end = i + (arabicMark ? 2 : 1);
            if (end - start > 20)
                sentences.push_back(text.substr(start, end - start));
            start = end;
        }
        if (text.size() - start > 20)
            sentences.push_back(text.substr(start));
    }
    return sentences;
}

// Makes the records in order, real articles first, then generated ones.
class RecordSource {
public:
    explicit RecordSource(std::vector<Article> articles)
        : articles_(std::move(articles))
        , sentences_(sentencesOf(articles_))
        , random_(1)
    {
    }

    IndexedRecord next()
    {
        IndexedRecord record;
        record.id = "B" + std::to_string(count_);
        record.type = "document";
        record.access = majlis::indexer::kAccessPublic;
        if (count_ < articles_.size()) {
            record.title = articles_[count_].title;
            record.body = articles_[count_].text;
        } else {
            const Article& model = articles_[random_() % articles_.size()];
            record.title = model.title + " " + std::to_string(count_);
            while (record.body.size() < model.text.size()) {
                if (!record.body.empty())
                    record.body += ' ';
                record.body += sentences_[random_() % sentences_.size()];
            }
        }
        ++count_;
        return record;
    }

    std::size_t sentenceCount() const { return sentences_.size(); }

private:
    std::vector<Article> articles_;
    std::vector<std::string> sentences_;
    std::mt19937_64 random_;
    std::size_t count_ = 0;
};

// The peer: what a Xapian user writes first for Arabic text. With
// `spelling` it also adds every unstemmed word to the spelling table, as
// SearchIndex does, which shows what that table costs on its own.
class BareXapianIndex {
public:
    BareXapianIndex(const std::string& path, bool spelling)
        : database_(path, Xapian::DB_CREATE_OR_OPEN)
        , spelling_(spelling)
    {
        generator_.set_stemmer(Xapian::Stem("arabic"));
    }

    void apply(const std::vector<IndexedRecord>& records)
    {
        database_.begin_transaction();
        for (const IndexedRecord& record : records) {
            Xapian::Document document;
            generator_.set_document(document);
            generator_.index_text(record.title, 2);
            generator_.increase_termpos(100);
            generator_.index_text(record.body);
            document.set_data(record.title + "\n" + record.body);
            const std::string idTerm = "Q" + record.id;
            document.add_boolean_term(idTerm);
            if (spelling_)
                addSpelling(document);
            database_.replace_document(idTerm, document);
        }
        database_.commit_transaction();
    }

private:
    void addSpelling(const Xapian::Document& document)
    {
        for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
            const std::string word = *term;
            if (!word.empty() && static_cast<unsigned char>(word[0]) >= 0x80)
                database_.add_spelling(word);
        }
    }

    Xapian::WritableDatabase database_;
    Xapian::TermGenerator generator_;
    bool spelling_;
};

std::uintmax_t folderBytes(const std::filesystem::path& folder)
{
    std::uintmax_t bytes = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder))
        if (entry.is_regular_file())
            bytes += entry.file_size();
    return bytes;
}

std::string optionValue(int argc, char** argv, const std::string& name, const std::string& fallback)
{
    for (int i = 1; i + 1 < argc; ++i)
        if (argv[i] == name)
            return argv[i + 1];
    return fallback;
}

template <typename Index>
int indexRecords(Index& index, RecordSource& source, std::size_t records, std::size_t batchSize,
    const std::string& engine, const std::filesystem::path& path)
{
    const auto start = Clock::now();
    double indexSeconds = 0; // time in apply(), without generating the texts
    std::uintmax_t textBytes = 0;
    std::vector<IndexedRecord> batch;
    for (std::size_t done = 0; done < records;) {
        batch.clear();
        while (batch.size() < batchSize && done + batch.size() < records) {
            batch.push_back(source.next());
            textBytes += batch.back().title.size() + batch.back().body.size();
        }
        const auto applyStart = Clock::now();
        index.apply(batch);
        indexSeconds += secondsSince(applyStart);
        done += batch.size();
        if (done % 50000 == 0 || done == records) {
            std::printf("progress engine %s records %zu index_seconds %.1f records_per_second %.0f\n", engine.c_str(),
                done, indexSeconds, done / indexSeconds);
            std::fflush(stdout);
        }
    }
    std::printf("index engine %s records %zu text_mb %.1f index_seconds %.1f wall_seconds %.1f records_per_second %.0f "
                "index_mb %.1f\n",
        engine.c_str(), records, textBytes / 1e6, indexSeconds, secondsSince(start), records / indexSeconds,
        folderBytes(path) / 1e6);
    return 0;
}

int runIndex(int argc, char** argv)
{
    const std::string engine = optionValue(argc, argv, "--engine", "majlis");
    const std::size_t records = std::stoul(optionValue(argc, argv, "--records", "13788"));
    const std::size_t batchSize = std::stoul(optionValue(argc, argv, "--batch", "1000"));
    const std::filesystem::path path = argv[3];
    RecordSource source(loadArticles(argv[2]));

    if (engine == "majlis") {
        majlis::indexer::SearchIndex index(path);
        return indexRecords(index, source, records, batchSize, engine, path);
    }
    if (engine != "xapian" && engine != "xapian-spelling")
        throw std::runtime_error("unknown engine " + engine + ": use majlis, xapian or xapian-spelling");
    BareXapianIndex index(path.string(), engine == "xapian-spelling");
    return indexRecords(index, source, records, batchSize, engine, path);
}

double percentile(std::vector<double> values, double share)
{
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(share * static_cast<double>(values.size() - 1) + 0.5);
    return values[rank];
}

int runQuery(int argc, char** argv)
{
    const std::string engine = optionValue(argc, argv, "--engine", "majlis");
    std::ifstream in(argv[3]);
    std::vector<std::string> queries;
    for (std::string line; std::getline(in, line);)
        if (!line.empty())
            queries.push_back(line);
    if (queries.empty())
        throw std::runtime_error(std::string("no queries in ") + argv[3] + ": run make_queries.py first");

    majlis::indexer::IndexSearcher searcher(argv[2]);
    searcher.setExactCountTimeLimit(std::stod(optionValue(argc, argv, "--exact-count-seconds",
        std::to_string(majlis::indexer::IndexSearcher::kDefaultExactCountSeconds))));
    Xapian::Database database(argv[2]);
    Xapian::QueryParser parser;
    parser.set_stemmer(Xapian::Stem("arabic"));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_database(database);

    const auto checkAtLeast = static_cast<Xapian::doccount>(std::stoul(optionValue(argc, argv, "--check-at-least", "0")));
    const bool facets = std::find(argv, argv + argc, std::string("--no-facets")) == argv + argc;
    const std::size_t slowest = std::stoul(optionValue(argc, argv, "--slowest", "0"));
    std::vector<double> milliseconds;
    std::vector<std::string> counts; // the match count of each query, "~" before an estimate
    std::size_t withResults = 0;
    for (const std::string& query : queries) {
        const auto start = Clock::now();
        std::size_t found = 0;
        std::string count;
        if (engine == "majlis") {
            majlis::indexer::SearchRequest request;
            request.query = query;
            request.scope = majlis::indexer::SearchScope::secretariat();
            request.facets = facets;
            const majlis::indexer::SearchResponse response = searcher.search(request);
            found = response.results.size();
            count = (response.totalExact ? "" : "~") + std::to_string(response.total);
        } else {
            database.reopen();
            Xapian::Enquire enquire(database);
            enquire.set_query(parser.parse_query(query, Xapian::QueryParser::FLAG_DEFAULT));
            const Xapian::MSet matches = enquire.get_mset(0, 10, checkAtLeast);
            found = matches.size();
            const bool exact = matches.get_matches_lower_bound() == matches.get_matches_upper_bound();
            count = (exact ? "" : "~") + std::to_string(matches.get_matches_estimated());
        }
        milliseconds.push_back(secondsSince(start) * 1000);
        counts.push_back(count);
        withResults += found > 0;
    }
    double total = 0;
    for (double value : milliseconds)
        total += value;
    // IndexSearcher always requests exact counts up to its own limit.
    const Xapian::doccount exactCount = engine == "majlis" ? majlis::indexer::IndexSearcher::kExactCountLimit : checkAtLeast;
    std::printf("query engine %s facets %s check_at_least %u documents %u queries %zu with_results %zu mean_ms %.2f p50_ms %.2f p90_ms %.2f "
                "p99_ms %.2f max_ms %.2f\n",
        engine.c_str(), engine == "majlis" && facets ? "yes" : "no", exactCount, database.get_doccount(), queries.size(), withResults, total / milliseconds.size(),
        percentile(milliseconds, 0.50), percentile(milliseconds, 0.90), percentile(milliseconds, 0.99),
        percentile(milliseconds, 1.0));

    std::vector<std::size_t> order(queries.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    const std::size_t shown = std::min(slowest, order.size());
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(shown), order.end(),
        [&milliseconds](std::size_t a, std::size_t b) { return milliseconds[a] > milliseconds[b]; });
    for (std::size_t i = 0; i < shown; ++i)
        std::printf("slow ms %.2f matches %s query %s\n", milliseconds[order[i]], counts[order[i]].c_str(),
            queries[order[i]].c_str());
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    try {
        if (argc >= 4 && std::string(argv[1]) == "index")
            return runIndex(argc, argv);
        if (argc >= 4 && std::string(argv[1]) == "query")
            return runQuery(argc, argv);
        std::cerr << "usage: majlis_bench_scale index ARTICLES_TSV INDEX_DIR --records N --engine majlis|xapian|xapian-spelling "
                     "[--batch N]\n       majlis_bench_scale query INDEX_DIR QUERIES_TXT --engine majlis|xapian [--check-at-least N] "
                     "[--no-facets] [--slowest N] [--exact-count-seconds S]\n";
        return 2;
    } catch (const std::exception& error) {
        std::cerr << "majlis_bench_scale: " << error.what() << "\n";
        return 1;
    }
}
