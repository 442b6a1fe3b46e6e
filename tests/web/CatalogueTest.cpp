#include "web/Catalogue.h"
#include "web/DateDisplay.h"
#include "web/Portal.h"
#include "web/Templates.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <fstream>

using namespace majlis;
using namespace majlis::web;

BOOST_AUTO_TEST_SUITE(catalogue)

BOOST_AUTO_TEST_CASE(arabic_and_english_have_the_same_keys)
{
    const Catalogue catalogue(defaultWebDirectory() / "i18n");
    auto arabicKeys = catalogue.keys(arabic());
    auto englishKeys = catalogue.keys(english());
    std::sort(arabicKeys.begin(), arabicKeys.end());
    std::sort(englishKeys.begin(), englishKeys.end());
    std::vector<std::string> onlyArabic;
    std::vector<std::string> onlyEnglish;
    std::set_difference(arabicKeys.begin(), arabicKeys.end(), englishKeys.begin(), englishKeys.end(), std::back_inserter(onlyArabic));
    std::set_difference(englishKeys.begin(), englishKeys.end(), arabicKeys.begin(), arabicKeys.end(), std::back_inserter(onlyEnglish));
    BOOST_TEST(onlyArabic.empty(), "keys only in ar.json: " << onlyArabic.size());
    BOOST_TEST(onlyEnglish.empty(), "keys only in en.json: " << onlyEnglish.size());
}

BOOST_AUTO_TEST_CASE(every_key_has_a_translator_note)
{
    const Catalogue catalogue(defaultWebDirectory() / "i18n");
    std::ifstream in(defaultWebDirectory() / "i18n" / "qqq.json");
    const nlohmann::json notes = nlohmann::json::parse(in, nullptr, false);
    BOOST_REQUIRE(notes.is_object());
    for (const std::string& key : catalogue.keys(english()))
        BOOST_TEST(notes.contains(key), "qqq.json has no note for " << key);
    BOOST_TEST(notes.size() == catalogue.keys(english()).size());
}

BOOST_AUTO_TEST_CASE(arabic_plural_uses_six_forms)
{
    const Catalogue catalogue(defaultWebDirectory() / "i18n");
    const std::vector<std::pair<int, std::string>> cases = {
        {0, "لا توجد نتائج"}, {1, "نتيجة واحدة"}, {2, "نتيجتان"}, {3, "3 نتائج"}, {10, "10 نتائج"},
        {11, "11 نتيجة"}, {99, "99 نتيجة"}, {100, "100 نتيجة"}, {1000, "1,000 نتيجة"},
    };
    for (const auto& [count, expected] : cases)
        BOOST_TEST(catalogue.plural(arabic(), "results_count", count) == expected, "count " << count);
}

BOOST_AUTO_TEST_CASE(plural_categories_come_from_icu)
{
    const std::vector<std::pair<int, std::string>> cases = {
        {0, "zero"}, {1, "one"}, {2, "two"}, {5, "few"}, {11, "many"}, {102, "other"},
    };
    for (const auto& [count, expected] : cases)
        BOOST_TEST(pluralCategory(arabic(), count) == expected, "count " << count);
    BOOST_TEST(pluralCategory(english(), 1) == "one");
    BOOST_TEST(pluralCategory(english(), 0) == "other");
}

BOOST_AUTO_TEST_CASE(english_plural_uses_one_and_other)
{
    const Catalogue catalogue(defaultWebDirectory() / "i18n");
    BOOST_TEST(catalogue.plural(english(), "results_count", 1) == "1 result");
    BOOST_TEST(catalogue.plural(english(), "results_count", 0) == "0 results");
}

BOOST_AUTO_TEST_CASE(dates_show_umm_al_qura_and_gregorian)
{
    const auto date = CalendarDate::fromGregorian(2024, 12, 2);
    BOOST_TEST(formatHijriDate(arabic(), date) == "1 جمادى الآخرة 1446 هـ");
    BOOST_TEST(formatGregorianDate(arabic(), date) == "2 ديسمبر 2024");
    BOOST_TEST(formatGregorianDate(english(), date) == "2 December 2024");
}

BOOST_AUTO_TEST_CASE(stored_times_show_in_saudi_time_and_hijri)
{
    // 22:30 UTC on 1 December 2024 is 01:30 on 2 December in Riyadh (UTC+3),
    // 1 Jumada II 1446.
    const std::string arabicText = formatTimestamp(arabic(), "2024-12-01T22:30:05Z");
    BOOST_TEST(arabicText.find("1 جمادى الآخرة 1446") != std::string::npos, arabicText);
    BOOST_TEST(arabicText.find("1:30") != std::string::npos, arabicText);
    BOOST_TEST(arabicText.find("(2 ديسمبر 2024)") != std::string::npos, arabicText);
    const std::string englishText = formatTimestamp(english(), "2024-12-01T22:30:05Z");
    BOOST_TEST(englishText.find("1446") != std::string::npos, englishText);
    BOOST_TEST(englishText.find("1:30") != std::string::npos, englishText);
    BOOST_TEST(englishText.find("(2 December 2024)") != std::string::npos, englishText);
    BOOST_TEST(formatTimestamp(arabic(), "not a time") == "not a time");
    BOOST_TEST(formatTimestamp(arabic(), "2024-13-01T00:00:00Z") == "2024-13-01T00:00:00Z");
}

BOOST_AUTO_TEST_CASE(snippet_check_accepts_only_mark)
{
    const std::vector<std::pair<std::string, bool>> cases = {
        {"قرر <mark>المجلس</mark> إنشاء", true},
        {"a &amp; b &lt;i&gt; &quot;q&quot; &#39; &#1234;", true},
        {"<b>bold</b>", false},
        {"<mark onclick=x>", false},
        {"a & b", false},
        {"<script>", false},
        {"text >", false},
    };
    for (const auto& [html, expected] : cases)
        BOOST_TEST(isMarkedSnippet(html) == expected, html);
}

BOOST_AUTO_TEST_CASE(templates_escape_values)
{
    const Templates templates(defaultWebDirectory() / "templates", {"error"});
    const std::string html = templates.render("error", {{"heading", "<script>x</script>"}, {"lang", "ar"}, {"dir", "rtl"}});
    BOOST_TEST(html.find("<script>x</script>") == std::string::npos);
    BOOST_TEST(html.find("&lt;script&gt;x&lt;/script&gt;") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(catalogue_bidi)

BOOST_AUTO_TEST_CASE(dates_and_names_are_isolated_numbers_are_not)
{
    const std::string isolate = "\u2068";
    const std::string pop = "\u2069";
    BOOST_TEST(majlis::web::fillPlaceholders("التاريخ «{value}» غير صالح", {{"value", "1446-13-01"}})
        == "التاريخ «" + isolate + "1446-13-01" + pop + "» غير صالح");
    BOOST_TEST(majlis::web::fillPlaceholders("{count} نتيجة", {{"count", "12"}}) == "12 نتيجة");
    BOOST_TEST(majlis::web::fillPlaceholders("سجل {id}", {{"id", "R00000001"}}) == "سجل " + isolate + "R00000001" + pop);
}

BOOST_AUTO_TEST_SUITE_END()
