// ARCD relevance of bare Xapian, the baseline for majlis_bench_arcd: each
// paragraph one document indexed by Xapian::TermGenerator, BM25 with
// Xapian's defaults, each question through Xapian::QueryParser
// (FLAG_DEFAULT, default operator OR), the 10 best documents kept.
//
//   majlis_bench_xapian_arcd ARCD_JSON [--no-stem]
//
// By default the generator and the parser use Xapian::Stem("arabic") with
// STEM_SOME; --no-stem indexes and searches unstemmed words.

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::cerr << "usage: majlis_bench_xapian_arcd ARCD_JSON [--no-stem]\n";
        return 2;
    }
    const bool stem = !(argc > 2 && std::string(argv[2]) == "--no-stem");
    std::ifstream in(argv[1]);
    if (!in) {
        std::cerr << "majlis_bench_xapian_arcd: cannot open " << argv[1] << "\n";
        return 1;
    }
    const nlohmann::json arcd = nlohmann::json::parse(in);

    Xapian::WritableDatabase database(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::TermGenerator generator;
    if (stem)
        generator.set_stemmer(Xapian::Stem("arabic"));

    // Document ids follow the paragraphs, and each question keeps the id of its paragraph.
    std::vector<std::pair<std::string, Xapian::docid>> questions;
    for (const auto& article : arcd.at("data")) {
        for (const auto& paragraph : article.at("paragraphs")) {
            Xapian::Document document;
            generator.set_document(document);
            generator.index_text(paragraph.at("context").get<std::string>());
            const Xapian::docid id = database.add_document(document);
            for (const auto& question : paragraph.at("qas"))
                questions.emplace_back(question.at("question").get<std::string>(), id);
        }
    }
    database.commit();

    Xapian::QueryParser parser;
    parser.set_database(database);
    if (stem) {
        parser.set_stemmer(Xapian::Stem("arabic"));
        parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    }
    Xapian::Enquire enquire(database);
    double reciprocalRanks = 0;
    int foundInTen = 0;
    for (const auto& [text, relevant] : questions) {
        enquire.set_query(parser.parse_query(text, Xapian::QueryParser::FLAG_DEFAULT));
        const Xapian::MSet results = enquire.get_mset(0, 10);
        int rank = 0;
        for (auto hit = results.begin(); hit != results.end(); ++hit) {
            ++rank;
            if (*hit == relevant) {
                reciprocalRanks += 1.0 / rank;
                ++foundInTen;
                break;
            }
        }
    }
    const double count = static_cast<double>(questions.size());
    std::printf("bare xapian %s documents %u questions %zu MRR@10 %.4f Recall@10 %.4f\n",
        stem ? "stem=arabic" : "stem=none", database.get_doccount(), questions.size(), reciprocalRanks / count,
        foundInTen / count);
    return 0;
}
