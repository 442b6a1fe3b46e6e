// Measures search quality on ARCD (SQuAD v1.1 layout): each paragraph is one
// record and the paragraph of a question is its only relevant record. Prints
// MRR@10 and Recall@10 for a tuning half, a held-out half and all questions.
// Tune on the first half only, so the second shows how a setting carries over
// to text it was not chosen on. With --out DIR it also writes queries.tsv,
// qrels.tsv and run.tsv in the layout that the search-eval tool scores.
//
//   majlis_bench_arcd ARCD_JSON [--k1 X] [--b X] [--out DIR]

#include "core/Error.h"
#include "indexer/IndexSearcher.h"
#include "indexer/SearchIndex.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace {

using majlis::indexer::Bm25Parameters;
using majlis::indexer::IndexedRecord;

struct Question {
    std::string id;
    std::string text;
    std::string relevantId;
    bool tuning = false; // in the tuning half
};

// MRR@10 and Recall@10 over a set of questions.
struct Scores {
    double reciprocalRanks = 0;
    int foundInTen = 0;
    int questions = 0;

    void add(std::size_t rank)
    {
        ++questions;
        if (rank > 0) {
            reciprocalRanks += 1.0 / static_cast<double>(rank);
            ++foundInTen;
        }
    }

    void print(const char* name) const
    {
        const double count = std::max(1, questions);
        std::printf("%-8s questions %4d MRR@10 %.4f Recall@10 %.4f\n", name, questions, reciprocalRanks / count,
            foundInTen / count);
    }
};

struct Options {
    std::filesystem::path arcd;
    Bm25Parameters bm25;
    std::filesystem::path out;
};

Options parseOptions(int argc, char** argv)
{
    if (argc < 2) {
        throw std::invalid_argument("usage: majlis_bench_arcd ARCD_JSON [--k1 X] [--b X] [--out DIR]");
    }
    Options options;
    options.arcd = argv[1];
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string name = argv[i];
        if (name == "--k1") {
            options.bm25.k1 = std::stod(argv[i + 1]);
        } else if (name == "--b") {
            options.bm25.b = std::stod(argv[i + 1]);
        } else if (name == "--out") {
            options.out = argv[i + 1];
        } else {
            throw std::invalid_argument("unknown option " + name + ": use --k1, --b or --out");
        }
    }
    return options;
}

// Names documents doc-0001, doc-0002, ... as "search-eval prepare" does.
std::string documentName(int number)
{
    char name[32];
    std::snprintf(name, sizeof name, "doc-%04d", number);
    return name;
}

// The halves split the articles by title: the titles in order of first
// appearance alternate between the tuning and the held-out half. ARCD repeats
// some articles and paragraphs (58 groups of paragraphs share their first 80
// characters, 56 of them under one title), so a split by paragraph would put
// copies of one text into both halves.
void load(const std::filesystem::path& path, std::vector<IndexedRecord>& records, std::vector<Question>& questions)
{
    std::ifstream in(path);
    const nlohmann::json arcd = nlohmann::json::parse(in);
    std::map<std::string, bool> tuningTitles;
    int number = 0;
    for (const auto& article : arcd.at("data")) {
        const std::string title = article.at("title").get<std::string>();
        const bool tuning = tuningTitles.try_emplace(title, tuningTitles.size() % 2 == 0).first->second;
        for (const auto& paragraph : article.at("paragraphs")) {
            IndexedRecord record;
            record.id = documentName(++number);
            record.body = paragraph.at("context").get<std::string>();
            record.access = "public";
            records.push_back(record);
            for (const auto& qa : paragraph.at("qas")) {
                questions.push_back(
                    {qa.at("id").get<std::string>(), qa.at("question").get<std::string>(), record.id, tuning});
            }
        }
    }
}

// A fresh folder under the system temporary directory, removed at exit.
class ScratchFolder {
public:
    ScratchFolder()
    {
        std::random_device random;
        path_ = std::filesystem::temp_directory_path() / ("majlis-arcd-" + std::to_string(random()));
        std::filesystem::create_directories(path_);
    }
    ~ScratchFolder() { std::filesystem::remove_all(path_); }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

} // namespace

int main(int argc, char** argv)
{
    try {
        const Options options = parseOptions(argc, argv);
        std::vector<IndexedRecord> records;
        std::vector<Question> questions;
        load(options.arcd, records, questions);

        ScratchFolder folder;
        const auto indexStart = std::chrono::steady_clock::now();
        majlis::indexer::SearchIndex(folder.path() / "index").apply(records);
        const std::chrono::duration<double> indexTime = std::chrono::steady_clock::now() - indexStart;

        majlis::indexer::IndexSearcher searcher(folder.path() / "index", options.bm25);
        std::ofstream run;
        std::ofstream qrels;
        std::ofstream queries;
        if (!options.out.empty()) {
            std::filesystem::create_directories(options.out);
            run.open(options.out / "run.tsv");
            qrels.open(options.out / "qrels.tsv");
            queries.open(options.out / "queries.tsv");
        }

        Scores tuning;
        Scores heldOut;
        Scores all;
        const auto searchStart = std::chrono::steady_clock::now();
        for (const Question& question : questions) {
            majlis::indexer::SearchRequest request;
            request.query = question.text;
            request.pageSize = 10;
            const auto response = searcher.search(request);
            std::size_t relevantRank = 0; // 0 when not in the first ten
            for (std::size_t rank = 1; rank <= response.results.size(); ++rank) {
                const std::string& id = response.results[rank - 1].id;
                if (id == question.relevantId && relevantRank == 0) {
                    relevantRank = rank;
                }
                if (run.is_open()) {
                    run << question.id << '\t' << id << '\t' << rank << '\n';
                }
            }
            (question.tuning ? tuning : heldOut).add(relevantRank);
            all.add(relevantRank);
            if (qrels.is_open()) {
                qrels << question.id << '\t' << question.relevantId << '\n';
                queries << question.id << '\t' << question.text << '\n';
            }
        }
        const std::chrono::duration<double> searchTime = std::chrono::steady_clock::now() - searchStart;

        const double count = static_cast<double>(questions.size());
        std::printf("documents %zu questions %zu k1 %.2f b %.2f\n", records.size(), questions.size(),
            options.bm25.k1, options.bm25.b);
        tuning.print("tuning");
        heldOut.print("held-out");
        all.print("all");
        std::printf("indexing %.2f s, searching %.2f ms a question\n", indexTime.count(),
            1000 * searchTime.count() / count);
        return 0;
    } catch (const std::exception& error) {
        std::cerr << "majlis_bench_arcd: " << error.what() << '\n';
        return 1;
    }
}
