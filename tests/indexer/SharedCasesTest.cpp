#include "IndexFixture.h"
#include "indexer/Analyzer.h"
#include "tests/support/SharedCorpus.h"

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>

using majlis::test::IndexFixture;

namespace {

struct TsvCase {
    std::vector<std::pair<std::string, std::string>> documents; // id, text
    std::vector<std::pair<std::string, std::string>> queries;   // text, expected hits
};

// Reads the "kind id text expected_hits" table of a search case file.
TsvCase readTsvCase(const std::filesystem::path& path)
{
    TsvCase result;
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        std::vector<std::string> fields;
        std::istringstream fieldStream(line);
        std::string field;
        while (std::getline(fieldStream, field, '\t')) {
            fields.push_back(field);
        }
        fields.resize(4);
        if (fields[0] == "doc") {
            result.documents.emplace_back(fields[1], fields[2]);
        } else if (fields[0] == "query") {
            result.queries.emplace_back(fields[2], fields[3]);
        }
    }
    return result;
}

// "D1,D2" or "D2 (not D3)" as the sorted ids that must be found.
std::vector<std::string> expectedIds(const std::string& text)
{
    std::vector<std::string> ids;
    std::istringstream stream(text.substr(0, text.find(' ')));
    std::string id;
    while (std::getline(stream, id, ',')) {
        ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

void checkTsvCase(const std::string& relative)
{
    const auto path = majlis::test::sharedPath(relative);
    if (!path) {
        return;
    }
    const TsvCase tsv = readTsvCase(*path);
    BOOST_TEST_REQUIRE(!tsv.queries.empty());

    IndexFixture index;
    std::vector<majlis::indexer::IndexedRecord> records;
    for (const auto& [id, text] : tsv.documents) {
        records.push_back(IndexFixture::record(id, text));
    }
    index.writer.apply(records);

    for (const auto& [query, expected] : tsv.queries) {
        BOOST_TEST_INFO("query " << query);
        BOOST_TEST(index.ids(query) == expectedIds(expected), boost::test_tools::per_element());
    }

    // The displayed text keeps its original letters and digits.
    for (const auto& [id, text] : tsv.documents) {
        const auto response = index.search(text);
        const auto hit = std::find_if(response.results.begin(), response.results.end(),
            [&](const auto& result) { return result.id == id; });
        BOOST_TEST_REQUIRE((hit != response.results.end()));
        std::string unmarked = hit->snippet;
        for (const std::string tag : {"<mark>", "</mark>"}) {
            for (auto at = unmarked.find(tag); at != std::string::npos; at = unmarked.find(tag)) {
                unmarked.erase(at, tag.size());
            }
        }
        BOOST_TEST(unmarked == text);
    }
}

// Non-comment lines of a case file.
std::vector<std::string> dataLines(const std::filesystem::path& path)
{
    std::vector<std::string> lines;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line[0] != '#') {
            lines.push_back(line);
        }
    }
    return lines;
}

// Collects the messages logged to one logger while it lives.
class CapturingChannel : public Poco::Channel {
public:
    void log(const Poco::Message& message) override { messages.push_back(message); }
    std::vector<Poco::Message> messages;
};

} // namespace

BOOST_AUTO_TEST_SUITE(shared_cases)

BOOST_AUTO_TEST_CASE(presentation_forms_are_found)
{
    const auto path = majlis::test::sharedPath("cases/01-pdf-presentation-forms.txt");
    if (!path) {
        return;
    }
    const auto lines = dataLines(*path);
    BOOST_TEST_REQUIRE(lines.size() == 3u);

    IndexFixture index;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        index.writer.add(IndexFixture::record("line" + std::to_string(i + 2), lines[i]));
    }
    const std::vector<std::string> all = {"line2", "line3", "line4"};
    BOOST_TEST(index.ids("اللجنة") == all, boost::test_tools::per_element());
    BOOST_TEST(index.ids("محضر") == all, boost::test_tools::per_element());
    BOOST_TEST(index.ids("اجتماع") == all, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(alef_forms_and_nfd_match)
{
    checkTsvCase("cases/07-search-alef-nfd.tsv");
}

BOOST_AUTO_TEST_CASE(yeh_and_teh_marbuta_match)
{
    checkTsvCase("cases/08-search-yeh-tehmarbuta.tsv");
}

BOOST_AUTO_TEST_CASE(digits_of_every_script_match)
{
    checkTsvCase("cases/11-search-digits.tsv");
}

BOOST_AUTO_TEST_CASE(tatweel_and_long_words_index)
{
    const auto path = majlis::test::sharedPath("cases/09-tatweel-long-words.txt");
    if (!path) {
        return;
    }
    const auto lines = dataLines(*path);
    BOOST_TEST_REQUIRE(lines.size() == 2u);
    const std::string heading = lines[0];
    const std::string longWord = lines[1];
    BOOST_TEST_REQUIRE(longWord.size() == 260u);

    Poco::AutoPtr<CapturingChannel> channel(new CapturingChannel);
    Poco::Logger& log = Poco::Logger::get("majlis.indexer");
    Poco::Channel::Ptr previous = log.getChannel();
    log.setChannel(channel);

    IndexFixture index;
    auto record = IndexFixture::record("D1", heading + "\n" + longWord);
    record.tags = {longWord};
    BOOST_CHECK_NO_THROW(index.writer.add(record));
    log.setChannel(previous);

    BOOST_TEST(index.ids("محضر") == std::vector<std::string> {"D1"}, boost::test_tools::per_element());
    BOOST_TEST(index.ids("اجتماع") == std::vector<std::string> {"D1"}, boost::test_tools::per_element());
    BOOST_TEST(index.ids(longWord) == std::vector<std::string> {"D1"}, boost::test_tools::per_element());

    const auto warnings = std::count_if(channel->messages.begin(), channel->messages.end(),
        [](const Poco::Message& message) { return message.getPriority() == Poco::Message::PRIO_WARNING; });
    BOOST_TEST(warnings == 1);
}

BOOST_AUTO_TEST_CASE(bidi_controls_in_query_ignored)
{
    const auto path = majlis::test::sharedPath("cases/13-query-bidi-controls.txt");
    if (!path) {
        return;
    }
    IndexFixture index;
    index.writer.apply({
        IndexFixture::record("D1", "اجتماع مجلس الإدارة الأول"),
        IndexFixture::record("D2", "\u2067مجلس\u2069 \u200Fالإدارة\u061C"),
        IndexFixture::record("D3", "تقرير الإدارة المالية"),
        IndexFixture::record("D4", "محضر لجنة أخرى"),
    });

    const auto plain = index.search("مجلس الإدارة");
    for (const std::string& query : dataLines(*path)) {
        const auto response = index.search(query);
        BOOST_TEST_REQUIRE(response.results.size() == plain.results.size());
        for (std::size_t i = 0; i < plain.results.size(); ++i) {
            BOOST_TEST(response.results[i].id == plain.results[i].id);
            BOOST_TEST(response.results[i].score == plain.results[i].score);
        }
    }
    BOOST_TEST(plain.results.size() == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
