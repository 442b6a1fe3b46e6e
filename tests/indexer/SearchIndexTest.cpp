#include "IndexFixture.h"
#include "core/CalendarDate.h"
#include "core/Error.h"

#include <boost/test/unit_test.hpp>

using majlis::CalendarDate;
using majlis::Error;
using majlis::ErrorCode;
using majlis::indexer::SearchRequest;
using majlis::indexer::SearchScope;
using majlis::indexer::SortOrder;
using majlis::test::IndexFixture;

namespace {

using Ids = std::vector<std::string>;

std::int32_t day(int year, int month, int dayOfMonth)
{
    return CalendarDate::fromGregorian(year, month, dayOfMonth).daysSinceEpoch();
}

// Three councils' records on one subject, at every access level.
void addScopedRecords(IndexFixture& index)
{
    auto internal = IndexFixture::record("internal-riyadh", "ميزانية المشاريع البلدية", "internal", "riyadh");
    internal.region = "02";
    internal.type = "minutes";
    index.writer.apply({
        IndexFixture::record("public-riyadh", "ميزانية المشاريع البلدية", "public", "riyadh"),
        IndexFixture::record("public-jeddah", "ميزانية المشاريع البلدية", "public", "jeddah"),
        internal,
        IndexFixture::record("confidential-jeddah", "ميزانية المشاريع البلدية", "confidential", "jeddah"),
    });
}

bool facetHas(const std::vector<majlis::indexer::FacetValue>& facet, const std::string& value)
{
    return std::any_of(facet.begin(), facet.end(), [&](const auto& entry) { return entry.value == value; });
}

} // namespace

BOOST_AUTO_TEST_SUITE(search_index)

BOOST_AUTO_TEST_CASE(citizen_sees_public_records_only)
{
    IndexFixture index;
    addScopedRecords(index);

    const auto response = index.search("ميزانية", SearchScope::citizen());
    BOOST_TEST(response.total == 2u);
    BOOST_TEST(response.totalExact);
    BOOST_TEST(index.ids("ميزانية", SearchScope::citizen()) == (Ids {"public-jeddah", "public-riyadh"}),
        boost::test_tools::per_element());

    // The internal record is the only one of region 02 and type minutes.
    BOOST_TEST(!facetHas(response.facets.region, "02"));
    BOOST_TEST(!facetHas(response.facets.type, "minutes"));
    BOOST_TEST_REQUIRE(response.facets.council.size() == 2u);
    BOOST_TEST(response.facets.council[0].count == 1u);
    BOOST_TEST(response.facets.council[1].count == 1u);
}

BOOST_AUTO_TEST_CASE(staff_see_own_council_records)
{
    IndexFixture index;
    addScopedRecords(index);

    const Ids expected = {"internal-riyadh", "public-jeddah", "public-riyadh"};
    BOOST_TEST(index.ids("ميزانية", SearchScope::staff({"riyadh"})) == expected, boost::test_tools::per_element());
    BOOST_TEST(index.search("ميزانية", SearchScope::staff({"riyadh"})).total == 3u);

    // Staff without a council are trimmed like citizens.
    BOOST_TEST(index.search("ميزانية", SearchScope::staff({})).total == 2u);
}

BOOST_AUTO_TEST_CASE(secretariat_sees_every_record)
{
    IndexFixture index;
    addScopedRecords(index);
    BOOST_TEST(index.search("ميزانية", SearchScope::secretariat()).total == 4u);
}

BOOST_AUTO_TEST_CASE(excluded_and_empty_queries_stay_in_scope)
{
    IndexFixture index;
    addScopedRecords(index);
    BOOST_TEST(index.search("-غير", SearchScope::citizen()).total == 2u);

    SearchRequest request;
    request.scope = SearchScope::citizen();
    request.councils = {"jeddah"};
    request.query = "ميزانية";
    BOOST_TEST(index.searcher.search(request).total == 1u);
}

BOOST_AUTO_TEST_CASE(reindexing_is_idempotent)
{
    IndexFixture index;
    auto record = IndexFixture::record("R1", "محضر اجتماع المجلس");
    index.writer.add(record);
    index.writer.add(record);
    record.body = "قرار المجلس";
    record.version = 2;
    index.writer.add(record);

    BOOST_TEST(index.writer.documentCount() == 1u);
    BOOST_TEST(index.ids("محضر").empty());
    const auto response = index.search("قرار");
    BOOST_TEST_REQUIRE(response.results.size() == 1u);
    BOOST_TEST(response.results[0].version == 2u);
}

BOOST_AUTO_TEST_CASE(removed_records_are_not_found)
{
    IndexFixture index;
    index.writer.apply({IndexFixture::record("R1", "محضر"), IndexFixture::record("R2", "محضر")});
    index.writer.apply({}, {"R1", "missing"});
    BOOST_TEST(index.ids("محضر") == Ids {"R2"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(invalid_record_commits_nothing)
{
    IndexFixture index;
    BOOST_CHECK_THROW(index.writer.apply({IndexFixture::record("R1", "محضر"), IndexFixture::record("R2", "محضر", "secret")}),
        Error);
    BOOST_TEST(index.writer.documentCount() == 0u);
}

BOOST_AUTO_TEST_CASE(second_writer_is_unavailable)
{
    IndexFixture index;
    try {
        majlis::indexer::SearchIndex second(index.folder / "index");
        BOOST_FAIL("a second writer opened the locked index");
    } catch (const Error& error) {
        BOOST_TEST(error.code() == ErrorCode::unavailable);
    }
    index.writer.add(IndexFixture::record("R1", "محضر"));
    BOOST_TEST(index.ids("محضر") == Ids {"R1"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reader_sees_each_commit)
{
    IndexFixture index;
    BOOST_TEST(index.search("محضر").total == 0u);
    index.writer.add(IndexFixture::record("R1", "محضر"));
    BOOST_TEST(index.search("محضر").total == 1u);
    index.writer.remove("R1");
    BOOST_TEST(index.search("محضر").total == 0u);
}

BOOST_AUTO_TEST_CASE(prefixed_and_suffixed_forms_match)
{
    IndexFixture index;
    index.writer.apply({
        IndexFixture::record("R1", "وبالمجلس البلدي"),
        IndexFixture::record("R2", "المجلس"),
        IndexFixture::record("R3", "لجنة أخرى"),
    });
    BOOST_TEST(index.ids("مجلس") == (Ids {"R1", "R2"}), boost::test_tools::per_element());

    // The exact form ranks first.
    const auto response = index.search("المجلس");
    BOOST_TEST_REQUIRE(response.results.size() == 2u);
    BOOST_TEST(response.results[0].id == "R2");
}

BOOST_AUTO_TEST_CASE(phrases_match_vowelled_and_prefixed_text)
{
    IndexFixture index;
    index.writer.apply({
        IndexFixture::record("R1", "اجتمع مَجْلِسُ الإِدَارَةِ أمس"),
        IndexFixture::record("R2", "قرار لمجلس الإدارة"),
        IndexFixture::record("R3", "الإدارة ثم المجلس"),
    });
    BOOST_TEST(index.ids("\"مجلس الإدارة\"") == (Ids {"R1", "R2"}), boost::test_tools::per_element());
    BOOST_TEST(index.ids("«مجلس الإدارة»") == (Ids {"R1", "R2"}), boost::test_tools::per_element());
    BOOST_TEST(index.ids("مجلس الإدارة") == (Ids {"R1", "R2", "R3"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(minus_excludes_a_word)
{
    IndexFixture index;
    index.writer.apply({
        IndexFixture::record("R1", "ميزانية المشاريع"),
        IndexFixture::record("R2", "ميزانية الرواتب"),
    });
    BOOST_TEST(index.ids("ميزانية -الرواتب") == Ids {"R1"}, boost::test_tools::per_element());
    BOOST_TEST(index.ids("ميزانية - الرواتب") == (Ids {"R1", "R2"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(stop_words_dropped_beside_content)
{
    IndexFixture index;
    index.writer.apply({
        IndexFixture::record("R1", "يحال إلى المدير"),
        IndexFixture::record("R2", "يحال الطلب إلى اللجنة"),
        IndexFixture::record("R3", "المدير"),
    });
    // "إلى" alone is searched; beside "المدير" it is dropped.
    BOOST_TEST(index.ids("إلى") == (Ids {"R1", "R2"}), boost::test_tools::per_element());
    BOOST_TEST(index.ids("إلى المدير") == (Ids {"R1", "R3"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(snippet_marks_whole_original_words)
{
    IndexFixture index;
    index.writer.add(IndexFixture::record("R1", "يحال إلى مُدِيرٍ الإدارة <b>فوراً</b> & يُبلَّغ"));
    const auto response = index.search("مدير");
    BOOST_TEST_REQUIRE(response.results.size() == 1u);
    BOOST_TEST(response.results[0].snippet
        == "يحال إلى <mark>مُدِيرٍ</mark> الإدارة &lt;b&gt;فوراً&lt;/b&gt; &amp; يُبلَّغ");
}

BOOST_AUTO_TEST_CASE(snippet_windows_long_text_around_match)
{
    IndexFixture index;
    std::string body;
    for (int i = 0; i < 100; ++i) {
        body += "كلمة ";
    }
    body += "الميزانية";
    for (int i = 0; i < 100; ++i) {
        body += " نص";
    }
    index.writer.add(IndexFixture::record("R1", body));
    const auto response = index.search("ميزانية");
    BOOST_TEST_REQUIRE(response.results.size() == 1u);
    const std::string& snippet = response.results[0].snippet;
    BOOST_TEST(snippet.find("<mark>الميزانية</mark>") != std::string::npos);
    BOOST_TEST(snippet.starts_with("…"));
    BOOST_TEST(snippet.ends_with("…"));
    BOOST_TEST(snippet.size() < body.size() / 3);
}

BOOST_AUTO_TEST_CASE(date_filters_sort_and_year_facet)
{
    IndexFixture index;
    std::vector<majlis::indexer::IndexedRecord> records;
    const std::int32_t dates[] = {day(2023, 5, 1), day(2024, 1, 15), day(2024, 12, 31)};
    for (int i = 0; i < 3; ++i) {
        auto record = IndexFixture::record("R" + std::to_string(i + 1), "قرار");
        record.date = dates[i];
        records.push_back(record);
    }
    index.writer.apply(records);

    SearchRequest request;
    request.query = "قرار";
    request.scope = SearchScope::citizen();
    request.sort = SortOrder::dateDescending;
    auto response = index.searcher.search(request);
    BOOST_TEST_REQUIRE(response.results.size() == 3u);
    BOOST_TEST(response.results[0].id == "R3");
    BOOST_TEST(response.results[2].id == "R1");
    BOOST_TEST_REQUIRE(response.facets.year.size() == 2u);
    BOOST_TEST(response.facets.year[0].value == "2024");
    BOOST_TEST(response.facets.year[0].count == 2u);

    // A Hijri bound: 1445-07-03 is 2024-01-15.
    request.from = CalendarDate::parse("1445-07-03").daysSinceEpoch();
    request.to = day(2024, 6, 30);
    request.sort = SortOrder::dateAscending;
    response = index.searcher.search(request);
    BOOST_TEST_REQUIRE(response.results.size() == 1u);
    BOOST_TEST(response.results[0].id == "R2");
}

BOOST_AUTO_TEST_CASE(facets_count_every_match_beyond_the_page)
{
    IndexFixture index;
    std::vector<majlis::indexer::IndexedRecord> records;
    const std::pair<std::string, std::string> councilAndRegion[] = {
        {"riyadh", "01"}, {"jeddah", "02"}, {"riyadh", "01"}, {"dammam", ""}, {"jeddah", "02"}, {"riyadh", "01"},
        {"buraydah", "05"}};
    int number = 0;
    for (const auto& [council, region] : councilAndRegion) {
        ++number;
        auto record = IndexFixture::record(std::to_string(number), "قرار الميزانية", "public", council);
        record.region = region;
        records.push_back(record);
    }
    records.push_back(IndexFixture::record("other", "محضر اجتماع", "public", "abha"));
    index.writer.apply(records);

    SearchRequest request;
    request.query = "الميزانية";
    request.pageSize = 1;
    const auto response = index.searcher.search(request);
    BOOST_TEST(response.results.size() == 1u);
    BOOST_TEST(response.total == 7u);

    // Most frequent first; equal counts in byte order; the record that
    // does not match and the empty region are not counted.
    const auto& councils = response.facets.council;
    BOOST_TEST_REQUIRE(councils.size() == 4u);
    BOOST_TEST(councils[0].value == "riyadh");
    BOOST_TEST(councils[0].count == 3u);
    BOOST_TEST(councils[1].value == "jeddah");
    BOOST_TEST(councils[1].count == 2u);
    BOOST_TEST(councils[2].value == "buraydah");
    BOOST_TEST(councils[2].count == 1u);
    BOOST_TEST(councils[3].value == "dammam");
    BOOST_TEST(councils[3].count == 1u);
    const auto& regions = response.facets.region;
    BOOST_TEST_REQUIRE(regions.size() == 3u);
    BOOST_TEST(regions[0].value == "01");
    BOOST_TEST(regions[0].count == 3u);
    BOOST_TEST(regions[1].value == "02");
    BOOST_TEST(regions[1].count == 2u);
    BOOST_TEST_REQUIRE(response.facets.type.size() == 1u);
    BOOST_TEST(response.facets.type[0].count == 7u);

    // A caller that shows no facets gets the same results without them.
    request.facets = false;
    const auto withoutFacets = index.searcher.search(request);
    BOOST_TEST(withoutFacets.total == 7u);
    BOOST_TEST_REQUIRE(withoutFacets.results.size() == 1u);
    BOOST_TEST(withoutFacets.results[0].id == response.results[0].id);
    BOOST_TEST(withoutFacets.facets.council.empty());
    BOOST_TEST(withoutFacets.facets.year.empty());
}

// Counting every match of a phrase means checking positions in every record
// with its words. Past the exact-count time limit the search stops counting:
// the page stays the same, and total and facets are flagged as estimates.
BOOST_AUTO_TEST_CASE(few_matches_are_counted_exactly_past_time_limit)
{
    IndexFixture index;
    constexpr std::uint32_t kRecords = 60;
    std::vector<majlis::indexer::IndexedRecord> records;
    for (std::uint32_t i = 0; i < kRecords; ++i)
        records.push_back(IndexFixture::record("R" + std::to_string(i), "المجلس البلدي يقرر", "public", "riyadh"));
    index.writer.apply(records);

    // A busy machine can pass any deadline, so a small result never depends on it.
    index.searcher.setExactCountTimeLimit(1e-6);
    SearchRequest request;
    request.query = "\"المجلس البلدي\"";
    for (int attempt = 0; attempt < 5; ++attempt) {
        const auto response = index.searcher.search(request);
        BOOST_TEST(response.total == kRecords);
        BOOST_TEST(response.totalExact);
        BOOST_TEST(response.facetsExact);
    }
}

BOOST_AUTO_TEST_CASE(count_past_time_limit_is_flagged_estimate)
{
    IndexFixture index;
    constexpr std::uint32_t kRecords = 8000;
    std::vector<majlis::indexer::IndexedRecord> records;
    for (std::uint32_t i = 0; i < kRecords; ++i) {
        const std::string council = i % 2 == 0 ? "riyadh" : "jeddah";
        const std::string body = i % 4 == 0 ? "قرار المجلس البلدي بشأن الميزانية" : "المجلس البلدي يقرر";
        std::string id = "R";
        id += std::to_string(i);
        records.push_back(IndexFixture::record(id, body, "public", council));
    }
    index.writer.apply(records);

    SearchRequest request;
    request.query = "\"المجلس البلدي\"";
    index.searcher.setExactCountTimeLimit(0);
    const auto exact = index.searcher.search(request);
    BOOST_TEST(exact.total == kRecords);
    BOOST_TEST(exact.totalExact);
    BOOST_TEST(exact.facetsExact);
    BOOST_TEST_REQUIRE(exact.facets.council.size() == 2u);
    BOOST_TEST(exact.facets.council[0].count + exact.facets.council[1].count == kRecords);

    // A limit of one microsecond has passed when the first match is found,
    // unless the thread was suspended before the deadline was set and
    // resumed just then, so the search is tried until the limit stops it.
    index.searcher.setExactCountTimeLimit(1e-6);
    bool stopped = false;
    for (int attempt = 0; attempt < 20 && !stopped; ++attempt) {
        const auto estimated = index.searcher.search(request);
        stopped = !estimated.totalExact;
        BOOST_TEST(estimated.facetsExact == estimated.totalExact);
        BOOST_TEST(estimated.total >= 1u);
        BOOST_TEST(estimated.total <= kRecords);
        BOOST_TEST_REQUIRE(estimated.results.size() == exact.results.size());
        for (std::size_t i = 0; i < exact.results.size(); ++i) {
            BOOST_TEST(estimated.results[i].id == exact.results[i].id);
        }
    }
    BOOST_TEST(stopped);
}

BOOST_AUTO_TEST_CASE(pages_split_the_results)
{
    IndexFixture index;
    std::vector<majlis::indexer::IndexedRecord> records;
    for (int i = 0; i < 25; ++i) {
        // Appending avoids GCC 12's false -Wrestrict on "R" + std::to_string(i).
        std::string id = "R";
        id += std::to_string(i);
        records.push_back(IndexFixture::record(id, "تقرير"));
    }
    index.writer.apply(records);

    SearchRequest request;
    request.query = "تقرير";
    request.pageSize = 10;
    request.page = 3;
    const auto response = index.searcher.search(request);
    BOOST_TEST(response.total == 25u);
    BOOST_TEST(response.results.size() == 5u);

    request.pageSize = 101;
    BOOST_CHECK_THROW(index.searcher.search(request), Error);
    request.pageSize = 10;
    request.page = 0;
    BOOST_CHECK_THROW(index.searcher.search(request), Error);
}

BOOST_AUTO_TEST_CASE(misspelt_query_gets_suggestion)
{
    IndexFixture index;
    index.writer.add(IndexFixture::record("R1", "الميزانية العامة للمشاريع"));
    const auto response = index.search("الميزانيه العامه للمشارع");
    BOOST_TEST(response.total == 1u);
    BOOST_TEST_REQUIRE(response.suggestion.has_value());
    BOOST_TEST(*response.suggestion == "الميزانيه العامه للمشاريع");

    BOOST_TEST(!index.search("الميزانية").suggestion.has_value());
}

BOOST_AUTO_TEST_CASE(suggestion_uses_recorded_letters)
{
    IndexFixture index;
    index.writer.apply({
        IndexFixture::record("R1", "اجتمعت اللجنة الدائمة"),
        IndexFixture::record("R2", "قرار اللجنة"),
        IndexFixture::record("R3", "تقرير اللجنه"),
    });
    const auto response = index.search("اللجنا الدايمة");
    BOOST_TEST_REQUIRE(response.suggestion.has_value());
    BOOST_TEST(*response.suggestion == "اللجنة الدائمة");
}

BOOST_AUTO_TEST_CASE(unknown_word_searched_as_correction)
{
    IndexFixture index;
    index.writer.apply({
        IndexFixture::record("R1", "بلجيكا دولة في أوروبا"),
        IndexFixture::record("R2", "فرنسا دولة في أوروبا"),
    });
    const auto response = index.search("بلجيكيا");
    BOOST_TEST_REQUIRE(response.results.size() == 1u);
    BOOST_TEST(response.results[0].id == "R1");
    BOOST_TEST(response.results[0].snippet == "<mark>بلجيكا</mark> دولة في أوروبا");

    // A known word is not widened, and neither is an excluded one.
    BOOST_TEST(index.ids("فرنسا") == Ids {"R2"}, boost::test_tools::per_element());
    BOOST_TEST(index.ids("أوروبا -بلجيكيا") == (Ids {"R1", "R2"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(clitic_words_match_both_readings)
{
    IndexFixture index;
    index.writer.apply({
        IndexFixture::record("R1", "وأوروبا قارة"),
        IndexFixture::record("R2", "أوروبا"),
        IndexFixture::record("R3", "آسيا"),
    });
    BOOST_TEST(index.ids("أوروبا") == (Ids {"R1", "R2"}), boost::test_tools::per_element());
    BOOST_TEST(index.ids("وأوروبا") == (Ids {"R1", "R2"}), boost::test_tools::per_element());

    const auto response = index.search("أوروبا");
    BOOST_TEST_REQUIRE(response.results.size() == 2u);
    BOOST_TEST(response.results[0].id == "R2");
    BOOST_TEST(response.results[1].snippet == "<mark>وأوروبا</mark> قارة");
}

BOOST_AUTO_TEST_CASE(hijri_year_facet_and_filter)
{
    IndexFixture index;
    // 1 Muharram 1445 was 2023-07-19 and 1 Muharram 1446 was 2024-07-07.
    const std::int32_t dates[] = {day(2023, 7, 30), day(2024, 1, 15), day(2024, 12, 31)};
    std::vector<majlis::indexer::IndexedRecord> records;
    for (int i = 0; i < 3; ++i) {
        auto record = IndexFixture::record("R" + std::to_string(i + 1), "قرار");
        record.date = dates[i];
        records.push_back(record);
    }
    index.writer.apply(records);

    SearchRequest request;
    request.query = "قرار";
    request.scope = SearchScope::citizen();
    auto response = index.searcher.search(request);
    BOOST_TEST_REQUIRE(response.facets.hijriYear.size() == 2u);
    BOOST_TEST(response.facets.hijriYear[0].value == "1445");
    BOOST_TEST(response.facets.hijriYear[0].count == 2u);
    BOOST_TEST(response.facets.hijriYear[1].value == "1446");
    BOOST_TEST(response.facets.hijriYear[1].count == 1u);

    const auto idsOf = [](const majlis::indexer::SearchResponse& found) {
        Ids ids;
        for (const auto& hit : found.results) {
            ids.push_back(hit.id);
        }
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    request.hijriYears = {1445};
    BOOST_TEST(idsOf(index.searcher.search(request)) == (Ids {"R1", "R2"}), boost::test_tools::per_element());

    request.hijriYears = {};
    request.years = {2024};
    BOOST_TEST(idsOf(index.searcher.search(request)) == (Ids {"R2", "R3"}), boost::test_tools::per_element());

    request.hijriYears = {1445, 1446};
    BOOST_TEST(idsOf(index.searcher.search(request)) == (Ids {"R2", "R3"}), boost::test_tools::per_element());

    request.years = {2024};
    request.hijriYears = {1445};
    response = index.searcher.search(request);
    BOOST_TEST(idsOf(response) == Ids {"R2"}, boost::test_tools::per_element());
    BOOST_TEST_REQUIRE(response.facets.hijriYear.size() == 1u);
    BOOST_TEST(response.facets.year[0].value == "2024");
}

BOOST_AUTO_TEST_CASE(english_words_are_stemmed)
{
    IndexFixture index;
    index.writer.add(IndexFixture::record("R1", "محضر Council meetings"));
    BOOST_TEST(index.ids("meeting") == Ids {"R1"}, boost::test_tools::per_element());
    BOOST_TEST(index.ids("COUNCILS") == Ids {"R1"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(browse)

BOOST_AUTO_TEST_CASE(empty_query_lists_scope_newest_first)
{
    majlis::test::IndexFixture index;
    auto older = majlis::test::IndexFixture::record("older", "نص");
    older.date = 19000;
    auto newer = majlis::test::IndexFixture::record("newer", "نص آخر");
    newer.date = 19500;
    auto hidden = majlis::test::IndexFixture::record("hidden", "نص", "internal");
    hidden.date = 19600;
    index.writer.apply({older, newer, hidden});

    const auto response = index.search("", majlis::indexer::SearchScope::citizen());
    BOOST_TEST(response.total == 2u);
    BOOST_TEST_REQUIRE(response.results.size() == 2u);
    BOOST_TEST(response.results[0].id == "newer");
    BOOST_TEST(response.results[1].id == "older");
    BOOST_TEST(index.search("   ").total == 3u);
    BOOST_TEST(index.search("؟!").total == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(spelling_scope)

BOOST_AUTO_TEST_CASE(suggestions_never_reveal_non_public_words)
{
    majlis::test::IndexFixture index;
    index.writer.apply({majlis::test::IndexFixture::record("secret", "الميزانية السرية للمقاول زبرجدان", "confidential"),
        majlis::test::IndexFixture::record("open", "ميزانية الحديقة العامة")});

    // One letter off a word that only the confidential record holds.
    const auto response = index.search("زبرجدات", majlis::indexer::SearchScope::citizen());
    BOOST_TEST(response.total == 0u);
    BOOST_TEST(!response.suggestion.has_value(), response.suggestion.value_or(""));

    // Words of public records are still suggested.
    const auto publicTypo = index.search("الحديقه العامت", majlis::indexer::SearchScope::citizen());
    BOOST_TEST(publicTypo.suggestion.has_value());
}

BOOST_AUTO_TEST_CASE(record_made_confidential_leaves_the_dictionary)
{
    majlis::test::IndexFixture index;
    index.writer.apply({majlis::test::IndexFixture::record("r1", "مشروع قنطرةالوادي")});
    index.writer.apply({majlis::test::IndexFixture::record("r1", "مشروع قنطرةالوادي", "internal")});
    const auto response = index.search("قنطرةالوادى", majlis::indexer::SearchScope::citizen());
    BOOST_TEST(!response.suggestion.has_value(), response.suggestion.value_or(""));
}

BOOST_AUTO_TEST_CASE(secretariat_gets_no_confidential_only_word)
{
    IndexFixture index;
    index.writer.apply({IndexFixture::record("secret", "عقد المقاول زبرجدان", "confidential"),
        IndexFixture::record("internal", "عقد المورد قرنفلان", "internal")});

    // Suggestions come from public records only, whoever searches.
    for (const std::string typo : {"زبرجدات", "قرنفلات"}) {
        const auto response = index.search(typo);
        BOOST_TEST(!response.suggestion.has_value(), typo << " -> " << response.suggestion.value_or(""));
    }
}

BOOST_AUTO_TEST_CASE(one_edit_typos_are_corrected)
{
    IndexFixture index;
    index.writer.add(IndexFixture::record("R1", "افتتاح المستشفيات الجديدة"));

    struct Case {
        std::string typo;
        std::string edit;
    };
    const Case cases[] = {
        {"المستشفات", "deletion"},
        {"المستشفييات", "insertion"},
        {"المستشقيات", "substitution"},
        {"المستشفيتا", "transposition"},
        {"المستشفت", "two deletions"},
    };
    for (const Case& entry : cases) {
        const auto response = index.search(entry.typo, SearchScope::citizen());
        BOOST_TEST_REQUIRE(response.suggestion.has_value(), entry.edit);
        BOOST_TEST(*response.suggestion == "المستشفيات", entry.edit);
        BOOST_TEST(response.total == 1u, entry.edit);
    }
}

BOOST_AUTO_TEST_CASE(most_public_candidate_wins)
{
    IndexFixture index;
    std::vector<majlis::indexer::IndexedRecord> records = {
        IndexFixture::record("P1", "سلام"),
        IndexFixture::record("P2", "سلام"),
        IndexFixture::record("P3", "كلام"),
    };
    // More records hold the other candidate, but none of them is public.
    for (int i = 0; i < 4; ++i)
        records.push_back(IndexFixture::record("C" + std::to_string(i), "كلام", "confidential"));
    index.writer.apply(records);

    const auto response = index.search("ملام", SearchScope::citizen());
    BOOST_TEST_REQUIRE(response.suggestion.has_value());
    BOOST_TEST(*response.suggestion == "سلام");
}

BOOST_AUTO_TEST_CASE(removed_record_teaches_nothing)
{
    IndexFixture index;
    index.writer.apply({IndexFixture::record("r1", "مشروع قنطرةالوادي"), IndexFixture::record("r2", "مشروع الحديقة")});
    BOOST_TEST(index.search("قنطرةالوادب").suggestion.has_value());

    index.writer.remove("r1");
    const auto response = index.search("قنطرةالوادب");
    BOOST_TEST(!response.suggestion.has_value(), response.suggestion.value_or(""));
}

BOOST_AUTO_TEST_SUITE_END()
