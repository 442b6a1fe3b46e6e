#include "ocr/MediaType.h"
#include "ocr/TextExtractor.h"

#include "core/Error.h"
#include "core/Utf8.h"
#include "tests/support/SharedCorpus.h"
#include "tests/support/TempDir.h"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <fstream>
#include <map>
#include <sstream>

using namespace majlis::ocr;
namespace fs = std::filesystem;

namespace {

// One extractor for the whole suite, as one worker would keep it: loading
// Tesseract's Arabic model takes longer than reading a page.
TextExtractor& extractor()
{
    static TextExtractor instance;
    return instance;
}

void writeFile(const fs::path& path, const std::string& contents)
{
    std::ofstream(path, std::ios::binary) << contents;
}

std::string normalised(const std::string& text)
{
    std::istringstream in(text);
    std::string joined;
    for (std::string word; in >> word;)
        joined += (joined.empty() ? "" : " ") + word;
    return joined;
}

std::u32string codePoints(const std::string& text)
{
    std::u32string out;
    std::size_t position = 0;
    while (position < text.size())
        out += majlis::decodeUtf8(text, position);
    return out;
}

// Levenshtein distance over code points divided by the truth's length,
// after whitespace is collapsed: the measure of the cer tool without its
// NFKC and tatweel steps, which the OCR output does not need.
double characterErrorRate(const std::string& truth, const std::string& output)
{
    const std::u32string a = codePoints(normalised(truth));
    const std::u32string b = codePoints(normalised(output));
    std::vector<std::size_t> previous(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::vector<std::size_t> current(b.size() + 1);
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j)
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1])});
        previous = std::move(current);
    }
    return static_cast<double>(previous[b.size()]) / static_cast<double>(std::max<std::size_t>(a.size(), 1));
}

// The file of scans/dev whose name ends with `suffix`. The folder is listed
// instead of naming files, because its names are stored decomposed (alef and
// hamza below as two code points).
std::optional<fs::path> findScan(const std::string& suffix)
{
    const auto folder = majlis::test::sharedPath("corpus/scans/dev");
    if (!folder)
        return std::nullopt;
    for (const auto& entry : fs::directory_iterator(*folder)) {
        if (entry.path().filename().string().ends_with(suffix))
            return entry.path();
    }
    BOOST_TEST_MESSAGE("SKIP: no scan ending in " << suffix);
    return std::nullopt;
}

} // namespace

BOOST_AUTO_TEST_SUITE(text_extractor)

BOOST_AUTO_TEST_CASE(digits_brackets_pdf_in_logical_order)
{
    const auto path = majlis::test::sharedPath("cases/03-digits-brackets.pdf");
    if (!path)
        return;
    const DocumentText document = extractor().extract(*path);
    BOOST_TEST_REQUIRE(document.pages.size() == 1u);
    const PageText& page = document.pages[0];
    BOOST_TEST(page.method == "text_layer");
    BOOST_TEST(page.text == "القرار رقم (12) لسنة 2024");
    BOOST_TEST(page.text.find("21") == std::string::npos);
    BOOST_TEST(page.text.find("4202") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(arabic_pdfs_take_right_path)
{
    struct Case {
        std::string file;
        std::string method;
        std::string expectedText; // a part of the page text; empty to skip
    };
    const Case cases[] = {
        {"ArabicCIDTrueType.pdf", "text_layer", "انواع الخطوط العربية"},
        {"issue5751.pdf", "text_layer", "Open Access"},
        {"ThuluthFeatures.pdf", "ocr", ""},         // calligraphic font, garbage text layer
        {"arial_unicode_ab_cidfont.pdf", "ocr", ""}, // unmapped glyphs
    };
    for (const auto& c : cases) {
        const auto path = majlis::test::sharedPath("corpus/pdfs/arabic/" + c.file);
        if (!path)
            continue;
        const DocumentText document = extractor().extract(*path);
        BOOST_TEST_REQUIRE(document.pages.size() == 1u, c.file);
        const PageText& page = document.pages[0];
        BOOST_TEST(page.method == c.method, c.file << ": " << page.reason);
        BOOST_TEST(!page.reason.empty(), c.file);
        BOOST_TEST(page.text.find(c.expectedText) != std::string::npos, c.file << ": " << page.text);
        BOOST_TEST(page.text.find("\uFFFD") == std::string::npos, c.file);
    }
}

BOOST_AUTO_TEST_CASE(broken_pdfs_fail_clearly_and_quickly)
{
    const auto folder = majlis::test::sharedPath("corpus/pdfs/broken");
    if (!folder)
        return;
    for (const auto& entry : fs::directory_iterator(*folder)) {
        const std::string name = entry.path().filename().string();
        const auto start = std::chrono::steady_clock::now();
        try {
            // Poppler repairs some damage, some of it silently (a rebuilt
            // cross-reference table); what it recovered is kept, flagged
            // when Poppler reported errors.
            const DocumentText document = extractor().extract(entry.path());
            BOOST_TEST(!document.pages.empty(), name);
            BOOST_TEST_MESSAGE(name << " read, review flags: " << document.needsReview());
        } catch (const majlis::Error& error) {
            BOOST_TEST(std::string(error.what()).find(name) != std::string::npos, error.what());
        }
        const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        BOOST_TEST(seconds < 20.0, name << " took " << seconds << " s");
    }
}

BOOST_AUTO_TEST_CASE(encrypted_pdf_names_the_fix)
{
    const auto path = majlis::test::sharedPath("corpus/pdfs/broken/empty_protected.pdf");
    if (!path)
        return;
    try {
        extractor().extract(*path);
        BOOST_FAIL("an encrypted PDF was read");
    } catch (const majlis::Error& error) {
        BOOST_TEST(error.messageId() == "ocr.pdf_encrypted");
        BOOST_TEST(std::string(error.what()).find("the PDF is encrypted; upload an unprotected copy") != std::string::npos);
        BOOST_TEST(std::string(error.what()).find("empty_protected.pdf") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(single_word_tiff_read_after_retry)
{
    const fs::path path = majlis::test::sourceDir() / "tests/ocr/fixtures/arabic.tif";
    const DocumentText document = extractor().extract(path);
    BOOST_TEST_REQUIRE(document.pages.size() == 1u);
    BOOST_TEST(document.pages[0].text == "العربي");
    BOOST_TEST(document.pages[0].method == "ocr");
    BOOST_TEST(document.pages[0].reason.find("single") != std::string::npos, document.pages[0].reason);
}

BOOST_AUTO_TEST_CASE(hijri_digits_png_flagged_with_confidence)
{
    const auto path = majlis::test::sharedPath("cases/04-hijri-digits.png");
    if (!path)
        return;
    const DocumentText document = extractor().extract(*path);
    BOOST_TEST_REQUIRE(document.pages.size() == 1u);
    const PageText& page = document.pages[0];
    BOOST_TEST(page.text.find("اجتمعت اللجنة") != std::string::npos, page.text);
    BOOST_TEST(!page.words.empty());
    for (const auto& word : page.words)
        BOOST_TEST((word.confidence >= 0.0 && word.confidence <= 100.0), word.text);
    BOOST_TEST(page.text.find("\u200F") == std::string::npos, "a right-to-left mark is left in the text");

    // Either the dates come out right, or the page is flagged for review.
    const bool datesRight = page.text.find("١٤٤٦") != std::string::npos && page.text.find("٢٠٢٥") != std::string::npos;
    BOOST_TEST((datesRight || !page.flags.empty()), page.text);
}

BOOST_AUTO_TEST_CASE(scanned_pages_meet_error_rate)
{
    // Three pages, one of each scan quality, to keep the run short.
    for (const std::string suffix : {".naskh.clean.p002.png", ".naskh.office.p002.png", ".kacst.poor.p002.png"}) {
        const auto image = findScan(suffix);
        if (!image)
            continue;
        fs::path truth = *image;
        truth.replace_extension(".gt.txt");
        const DocumentText document = extractor().extract(*image);
        BOOST_TEST_REQUIRE(document.pages.size() == 1u);
        const double rate = characterErrorRate(majlis::test::readFile(truth), document.pages[0].text);
        BOOST_TEST(rate < 0.08, image->filename() << " CER " << rate);
        BOOST_TEST_MESSAGE(image->filename() << " CER " << rate);
    }
}

BOOST_AUTO_TEST_CASE(english_lines_on_arabic_scan_read)
{
    // The first page of the Law of Provinces gives its name and description
    // in English too. Debian's Arabic model has no Latin letters at all.
    const auto image = findScan(".naskh.clean.p001.png");
    if (!image)
        return;
    const DocumentText document = extractor().extract(*image);
    BOOST_TEST_REQUIRE(document.pages.size() == 1u);
    const std::string& text = document.pages[0].text;
    BOOST_TEST(text.find("Law name") != std::string::npos, text);
    BOOST_TEST(text.find("Law of Provinces") != std::string::npos, text);
    BOOST_TEST(text.find("نظام المناطق") != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(scanned_pdf_pages_are_ocrd)
{
    const auto path = findScan(".naskh.office.pdf");
    if (!path)
        return;
    std::vector<std::pair<int, int>> progress;
    TextExtractor& reader = extractor();
    reader.setProgressCallback([&](int done, int count) { progress.emplace_back(done, count); });
    const DocumentText document = reader.extract(*path);
    reader.setProgressCallback({});

    BOOST_TEST_REQUIRE(document.pages.size() == 2u);
    BOOST_TEST((progress == std::vector<std::pair<int, int>>{{1, 2}, {2, 2}}));
    for (const auto& page : document.pages) {
        BOOST_TEST(page.method == "ocr", page.number);
        BOOST_TEST(page.text.find("البلدية") != std::string::npos, page.number);
    }
}

BOOST_AUTO_TEST_CASE(plain_text_repaired_and_validated)
{
    const majlis::test::TempDir folder;
    writeFile(folder / "visual.txt", "ﺔﻨﺠﻠﻟﺍ ﻉﺎﻤﺘﺟﺍ ﺮﻀﺤﻣ\n");
    const DocumentText document = extractor().extract(folder / "visual.txt");
    BOOST_TEST_REQUIRE(document.pages.size() == 1u);
    BOOST_TEST(document.pages[0].text == "محضر اجتماع اللجنة\n");
    BOOST_TEST(document.pages[0].method == "plain_text");

    writeFile(folder / "latin1.txt", "caf\xE9 \xE0 la carte");
    try {
        extractor().extract(folder / "latin1.txt", media_type::plainText);
        BOOST_FAIL("text that is not UTF-8 was accepted");
    } catch (const majlis::Error& error) {
        BOOST_TEST(error.messageId() == "ocr.text_not_utf8");
    }
}

BOOST_AUTO_TEST_CASE(unknown_and_missing_files_rejected)
{
    const majlis::test::TempDir folder;
    writeFile(folder / "data.bin", std::string("\x00\x01\x02\xFF", 4));
    try {
        extractor().extract(folder / "data.bin");
        BOOST_FAIL("binary data was accepted");
    } catch (const majlis::Error& error) {
        BOOST_TEST((error.code() == majlis::ErrorCode::unsupported_media_type));
    }
    try {
        extractor().extract(folder / "missing.pdf");
        BOOST_FAIL("a missing file was accepted");
    } catch (const majlis::Error& error) {
        BOOST_TEST((error.code() == majlis::ErrorCode::not_found));
    }
}

BOOST_AUTO_TEST_CASE(media_type_sniffing_table)
{
    const majlis::test::TempDir folder;
    const std::map<std::string, std::string> cases = {
        {"%PDF-1.7\n", media_type::pdf},
        {"\x89PNG\r\n\x1a\n....", media_type::png},
        {"\xFF\xD8\xFF\xE0....", media_type::jpeg},
        {std::string("II*\0....", 8), media_type::tiff},
        {"محضر اجتماع", media_type::plainText},
        {std::string("\0\0\0", 3), ""},
    };
    int index = 0;
    for (const auto& [contents, expected] : cases) {
        const fs::path file = folder / ("sample" + std::to_string(index++));
        writeFile(file, contents);
        BOOST_TEST(sniffMediaType(file) == expected, expected);
    }
}

BOOST_AUTO_TEST_CASE(searchable_pdf_has_text_layer)
{
    const fs::path path = majlis::test::sourceDir() / "tests/ocr/fixtures/arabic.tif";
    const majlis::test::TempDir folder;
    extractor().writeSearchablePdf(path, folder / "arabic.pdf");
    BOOST_TEST_REQUIRE(fs::exists(folder / "arabic.pdf"));

    // The written PDF is itself readable, and its page carries the OCR text.
    const DocumentText document = extractor().extract(folder / "arabic.pdf");
    BOOST_TEST_REQUIRE(document.pages.size() == 1u);
    BOOST_TEST(document.pages[0].method == "text_layer", document.pages[0].reason);
    BOOST_TEST(document.pages[0].text.find("العربي") != std::string::npos, document.pages[0].text);
}

BOOST_AUTO_TEST_CASE(searchable_pdf_text_layer_matches_page)
{
    // Tesseract's invisible text layer is a real multi-line Arabic text
    // layer, so reading it back checks the line assembly and reordering of
    // PDF text against the page's ground truth.
    const auto image = findScan(".naskh.clean.p002.png");
    if (!image)
        return;
    fs::path truth = *image;
    truth.replace_extension(".gt.txt");
    const majlis::test::TempDir folder;
    extractor().writeSearchablePdf(*image, folder / "page.pdf");

    const DocumentText document = extractor().extract(folder / "page.pdf");
    BOOST_TEST_REQUIRE(document.pages.size() == 1u);
    BOOST_TEST(document.pages[0].method == "text_layer", document.pages[0].reason);
    const double rate = characterErrorRate(majlis::test::readFile(truth), document.pages[0].text);
    BOOST_TEST(rate < 0.08, "CER " << rate);
}

BOOST_AUTO_TEST_CASE(json_round_trip)
{
    DocumentText document;
    document.pages.push_back({1, "نص", "ocr", "page image read", 88.5, {{"نص", 88.5}}, {{"low_confidence", "40", "why"}}});
    const nlohmann::json json = document;
    BOOST_TEST(json.at("pages").at(0).at("method") == "ocr");
    BOOST_TEST(json.at("pages").at(0).at("mean_confidence") == 88.5);

    const DocumentText back = json.get<DocumentText>();
    BOOST_TEST(back.pages.at(0).text == "نص");
    BOOST_TEST(back.pages.at(0).words.at(0).confidence == 88.5);
    BOOST_TEST(back.pages.at(0).flags.at(0).kind == "low_confidence");
}

BOOST_AUTO_TEST_SUITE_END()
