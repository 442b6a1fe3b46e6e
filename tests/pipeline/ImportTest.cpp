#include "core/Error.h"
#include "ocr/ExtractionSupervisor.h"
#include "pipeline/ExtractionPool.h"
#include "pipeline/ImportManifest.h"
#include "pipeline/Importer.h"
#include "records/MediaType.h"
#include "tests/support/SharedCorpus.h"
#include "tests/support/TempDir.h"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <future>
#include <thread>

using namespace majlis;
using namespace majlis::pipeline;

namespace {

std::filesystem::path writeFile(const std::filesystem::path& path, const std::string& content)
{
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << content;
    return path;
}

ExtractionOptions childOptions()
{
    ExtractionOptions options;
    options.workers = 2;
    options.executable = test::majlisBinary();
    return options;
}

// One worker running the test child, which hangs on a file whose first line
// is "hang" and allocates memory without bound on one whose first line is
// "eat-memory".
ExtractionOptions faultyChildOptions()
{
    ExtractionOptions options;
    options.workers = 1;
    options.executable = OCR_TEST_CHILD;
    options.limits = {std::chrono::seconds(6), std::size_t{512} << 20};
    options.maxAttempts = 1;
    return options;
}

// A three-page PDF with a text layer, joined from single-page corpus PDFs.
std::optional<std::filesystem::path> threePagePdf(const std::filesystem::path& folder)
{
    const auto arabic = test::sharedPath("corpus/pdfs/arabic");
    if (!arabic)
        return std::nullopt;
    const auto joined = folder / "three pages.pdf";
    ocr::joinPdfPages({*arabic / "ArabicCIDTrueType.pdf", *arabic / "issue5751.pdf", *arabic / "arial_unicode_ab_cidfont.pdf"},
        joined, {});
    return joined;
}

} // namespace

BOOST_AUTO_TEST_SUITE(import_manifest)

BOOST_AUTO_TEST_CASE(csv_fields_quotes_and_tags)
{
    test::TempDir dir;
    const auto path = writeFile(dir / "manifest.csv",
        "\xEF\xBB\xBF" "file,title,type,council,date,reference,access,tags\n"
        "scans/a.pdf,\"محضر \"\"نهائي\"\", الجلسة 3\",minutes,الرياض,1445-07-01,12/1445,public,ميزانية;طرق\n"
        "b.txt,قرار,decision,جدة,2024-01-15,,internal,\n");
    const auto manifest = ImportManifest::load(path);
    BOOST_TEST(manifest.size() == 2u);
    const ManifestEntry* first = manifest.find(dir / "scans" / "a.pdf");
    BOOST_TEST_REQUIRE(first != nullptr);
    BOOST_TEST(*first->title == "محضر \"نهائي\", الجلسة 3");
    BOOST_TEST(*first->type == "minutes");
    BOOST_TEST(*first->date == "1445-07-01");
    BOOST_TEST(first->tags == (std::vector<std::string>{"ميزانية", "طرق"}));
    const ManifestEntry* second = manifest.find(dir / "elsewhere" / "b.txt");
    BOOST_TEST_REQUIRE(second != nullptr);
    BOOST_TEST(*second->council == "جدة");
}

BOOST_AUTO_TEST_CASE(json_lines_entries)
{
    test::TempDir dir;
    const auto path = writeFile(dir / "manifest.jsonl",
        "{\"file\": \"a.txt\", \"title\": \"عنوان\", \"tags\": [\"أ\", \"ب\"], \"access\": \"public\"}\n\n"
        "{\"file\": \"b.txt\"}\n");
    const auto manifest = ImportManifest::load(path);
    BOOST_TEST(manifest.size() == 2u);
    BOOST_TEST(*manifest.find(dir / "a.txt")->title == "عنوان");
    BOOST_TEST(manifest.find(dir / "a.txt")->tags.size() == 2u);
    BOOST_TEST(!manifest.find(dir / "b.txt")->title.has_value());
    BOOST_TEST(manifest.find(dir / "c.txt") == nullptr);
}

BOOST_AUTO_TEST_CASE(bad_manifest_lines_named)
{
    test::TempDir dir;
    const struct {
        std::string name;
        std::string content;
        std::string expected;
    } cases[] = {
        {"m.jsonl", "{\"file\": \"a\"}\nnot json\n", "m.jsonl:2"},
        {"n.jsonl", "{\"title\": \"x\"}\n", "no 'file'"},
        {"o.csv", "file,title\n\"a.txt,x\n", "not closed"},
        {"p.csv", "file,title\na.txt,\xFF\n", "UTF-8"},
    };
    for (const auto& c : cases) {
        try {
            ImportManifest::load(writeFile(dir / c.name, c.content));
            BOOST_FAIL(c.name << " was accepted");
        } catch (const Error& error) {
            BOOST_TEST(std::string(error.what()).find(c.expected) != std::string::npos, error.what());
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(importer)

BOOST_AUTO_TEST_CASE(folders_are_read_recursively_in_order)
{
    test::TempDir dir;
    writeFile(dir / "in" / "b.txt", "b");
    writeFile(dir / "in" / "sub" / "a.txt", "a");
    writeFile(dir / "in" / ".hidden", "x");
    const auto manifest = writeFile(dir / "in" / "manifest.csv", "file,title\n");
    const auto files = collectImportFiles({dir / "in"}, manifest);
    BOOST_TEST_REQUIRE(files.size() == 2u);
    BOOST_TEST(files[0].filename() == "b.txt");
    BOOST_TEST(files[1].filename() == "a.txt");
    BOOST_CHECK_THROW(collectImportFiles({dir / "missing"}, std::nullopt), Error);

    writeFile(dir / "in" / "page.gt.txt", "truth");
    const auto kept = collectImportFiles({dir / "in"}, manifest, {"*.gt.txt", "b.*"});
    BOOST_TEST_REQUIRE(kept.size() == 1u);
    BOOST_TEST(kept[0].filename() == "a.txt");
}

BOOST_AUTO_TEST_CASE(titles_and_manifest_metadata)
{
    test::TempDir dir;
    const auto plain = writeFile(dir / "in" / "نظام المجالس البلدية.txt", "نص");
    const auto described = writeFile(dir / "in" / "q.txt", "نص آخر");
    const auto bad = writeFile(dir / "in" / "z.txt", "x");
    const auto manifest = ImportManifest::load(writeFile(dir / "in" / "m.jsonl",
        "{\"file\": \"q.txt\", \"title\": \"قرار\", \"type\": \"decision\", \"date\": \"1446-06-01\"}\n"
        "{\"file\": \"z.txt\", \"date\": \"1446-13-01\"}\n"));

    records::RecordStore store(dir / "data");
    ImportDefaults defaults;
    defaults.author = "tester";
    const auto imported = importFiles(store, {plain, described, bad}, defaults, &manifest);
    BOOST_TEST_REQUIRE(imported.size() == 3u);
    BOOST_TEST(store.current(imported[0].id).title == "نظام المجالس البلدية");
    BOOST_TEST(store.current(imported[0].id).files[0].name == "نظام المجالس البلدية.txt");
    BOOST_TEST(store.current(imported[1].id).title == "قرار");
    BOOST_TEST(store.current(imported[1].id).date->toIsoString() == "2024-12-02");
    BOOST_TEST(imported[2].id.empty());
    BOOST_TEST(imported[2].error.find("1446-13-01") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(extraction_pool)

BOOST_AUTO_TEST_CASE(text_stored_and_bad_file_failed_once)
{
    test::TempDir dir;
    records::RecordStore store(dir / "data");
    ImportDefaults defaults;
    const auto imported = importFiles(store,
        {writeFile(dir / "محضر.txt", "قرر المجلس تشجير الحي"), writeFile(dir / "broken.pdf", "%PDF-1.4\nnot a pdf")},
        defaults, nullptr);

    ExtractionPool pool(store, dir / "data", childOptions(), {});
    BOOST_TEST(pool.drain());
    BOOST_TEST(store.queueLength(records::kExtractQueue) == 0u);

    const auto text = store.derivedText(imported[0].sha256s[0]);
    BOOST_TEST_REQUIRE(text.has_value());
    BOOST_TEST((*text)["pages"][0]["text"].get<std::string>().find("تشجير") != std::string::npos);
    const auto failed = store.derivedText(imported[1].sha256s[0]);
    BOOST_TEST_REQUIRE(failed.has_value());
    BOOST_TEST((*failed)["failed"] == true);
    BOOST_TEST(!(*failed)["error"].get<std::string>().empty());
}

// A store whose LMDB map is full takes the record but not its 3 MB text.
struct FullStore {
    test::TempDir dir;
    records::RecordStore store{dir / "data", [] {
        records::StoreOptions options;
        options.lmdb.initialMapSize = std::size_t(1) << 20;
        options.lmdb.maxMapSize = std::size_t(2) << 20;
        return options;
    }()};
    std::vector<ImportedFile> imported;

    FullStore()
    {
        std::string text;
        while (text.size() < (std::size_t(3) << 20))
            text += "قرر المجلس تشجير الحي وصيانة الحدائق العامة\n";
        imported = importFiles(store, {writeFile(dir / "محضر طويل.txt", text)}, {}, nullptr);
        BOOST_TEST_REQUIRE(imported.at(0).error.empty(), imported.at(0).error);
    }
};

BOOST_AUTO_TEST_CASE(text_that_cannot_be_stored_ends_a_drain)
{
    FullStore full;
    ExtractionPool pool(full.store, full.dir / "data", childOptions(), {});
    auto drained = std::async(std::launch::async, [&] { return pool.drain(); });
    if (drained.wait_for(std::chrono::seconds(60)) != std::future_status::ready) {
        pool.stop();
        drained.wait();
        BOOST_FAIL("drain() kept claiming a job whose text cannot be stored");
    }
    BOOST_TEST(drained.get());
    const auto failure = pool.storeFailure();
    BOOST_TEST_REQUIRE(failure.has_value());
    BOOST_TEST(failure->code() == ErrorCode::storage_full);
    BOOST_TEST(pool.statistics().storeFailures == 1u);
    // The job stays queued for a later run, and the record is kept.
    BOOST_TEST(full.store.queueLength(records::kExtractQueue) == 1u);
    BOOST_TEST(full.store.find(full.imported[0].id).has_value());
    BOOST_TEST(!full.store.derivedText(full.imported[0].sha256s.at(0)).has_value());
}

BOOST_AUTO_TEST_CASE(text_that_cannot_be_stored_is_retried_after_a_delay)
{
    FullStore full;
    ExtractionPool pool(full.store, full.dir / "data", childOptions(), {});
    pool.start();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (pool.statistics().storeFailures == 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    // The first retry waits five seconds; before, workers claimed it again at once.
    std::this_thread::sleep_for(std::chrono::seconds(2));
    const std::size_t failures = pool.statistics().storeFailures;
    pool.stop();
    BOOST_TEST(failures == 1u);
    BOOST_TEST(full.store.queueLength(records::kExtractQueue) == 1u);
}

BOOST_AUTO_TEST_CASE(one_process_extracts_at_a_time)
{
    test::TempDir dir;
    records::RecordStore store(dir / "data");
    ProcessLease holder(dir / "data" / "extract.lock");
    BOOST_TEST_REQUIRE(holder.tryAcquire());
    // flock locks belong to the open file, so a second open in this process
    // is refused like another process would be.
    ExtractionPool pool(store, dir / "data", childOptions(), {});
    BOOST_TEST(!pool.drain());
}

BOOST_AUTO_TEST_CASE(one_child_reads_every_page)
{
    test::TempDir dir;
    const auto pdf = threePagePdf(dir.path());
    if (!pdf)
        return;
    records::RecordStore store(dir / "data");
    const auto imported = importFiles(store, {*pdf}, {}, nullptr);
    std::filesystem::copy_file(*pdf, dir / "again.pdf");
    std::ofstream(dir / "again.pdf", std::ios::app) << "\n% another copy\n";
    const auto again = importFiles(store, {dir / "again.pdf"}, {}, nullptr);

    ExtractionOptions options = childOptions();
    options.workers = 1;
    ExtractionPool pool(store, dir / "data", options, {});
    BOOST_TEST(pool.drain());

    for (const auto& sha : {imported[0].sha256s.at(0), again[0].sha256s.at(0)}) {
        const auto text = store.derivedText(sha);
        BOOST_TEST_REQUIRE(text.has_value());
        BOOST_TEST_REQUIRE((*text)["pages"].size() == 3u);
        for (int i = 0; i < 3; ++i)
            BOOST_TEST((*text)["pages"][i]["number"] == i + 1);
    }
    // Two PDFs: a page count and three pages each.
    BOOST_TEST(pool.statistics().requests == 8u);
    BOOST_TEST(pool.statistics().processesStarted == 1u);
}

BOOST_AUTO_TEST_CASE(hung_file_cut_off_next_file_read)
{
    test::TempDir dir;
    const auto pdf = threePagePdf(dir.path());
    if (!pdf)
        return;
    records::RecordStore store(dir / "data");
    const auto imported = importFiles(store,
        {writeFile(dir / "stuck.pdf", "%PDF-1.4 hang\n"), writeFile(dir / "greedy.pdf", "%PDF-1.4 eat-memory\n"), *pdf},
        {}, nullptr);

    ExtractionPool pool(store, dir / "data", faultyChildOptions(), {});
    BOOST_TEST(pool.drain());
    BOOST_TEST(store.queueLength(records::kExtractQueue) == 0u);

    const auto stuck = store.derivedText(imported[0].sha256s.at(0));
    BOOST_TEST_REQUIRE(stuck.has_value());
    BOOST_TEST((*stuck)["failed"] == true);
    BOOST_TEST((*stuck)["error_code"] == "timed_out");
    BOOST_TEST((*stuck)["error"].get<std::string>().find("stuck.pdf") != std::string::npos, (*stuck)["error"]);

    const auto read = store.derivedText(imported[2].sha256s.at(0));
    BOOST_TEST_REQUIRE(read.has_value());
    BOOST_TEST(!read->value("failed", false));
    BOOST_TEST((*read)["pages"].size() == 3u);

    const auto greedy = store.derivedText(imported[1].sha256s.at(0));
    BOOST_TEST_REQUIRE(greedy.has_value());
    BOOST_TEST((*greedy)["failed"] == true);
    BOOST_TEST((*greedy)["error"].get<std::string>().find("memory limit") != std::string::npos, (*greedy)["error"]);
    // A new child after the hang and after running out of memory.
    BOOST_TEST(pool.statistics().processesStarted == 3u);
}

BOOST_AUTO_TEST_CASE(broken_corpus_pdfs_fail_with_reasons)
{
    const auto folder = test::sharedPath("corpus/pdfs/broken");
    if (!folder)
        return;
    test::TempDir dir;
    records::RecordStore store(dir / "data");
    const auto imported = importFiles(store, collectImportFiles({*folder}, std::nullopt), {}, nullptr);
    ExtractionPool pool(store, dir / "data", childOptions(), {});
    BOOST_TEST(pool.drain());
    for (const auto& file : imported) {
        const auto text = store.derivedText(file.sha256s.at(0));
        BOOST_TEST_REQUIRE(text.has_value(), file.file);
        if (text->value("failed", false))
            BOOST_TEST(!text->value("error", std::string()).empty(), file.file);
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(scanned_import)

BOOST_AUTO_TEST_CASE(scan_text_and_searchable_pdf_are_kept)
{
    const auto folder = test::sharedPath("corpus/scans/dev");
    if (!folder)
        return;
    std::filesystem::path scan;
    for (const auto& entry : std::filesystem::directory_iterator(*folder))
        if (entry.path().extension() == ".png" && (scan.empty() || entry.path() < scan))
            scan = entry.path();
    BOOST_TEST_REQUIRE(!scan.empty());
    std::filesystem::path truth = scan;
    truth.replace_extension(".gt.txt");

    test::TempDir dir;
    records::RecordStore store(dir / "data");
    const auto imported = importFiles(store, {scan}, {}, nullptr);
    ExtractionPool pool(store, dir / "data", childOptions(), {});
    BOOST_TEST(pool.drain());

    const auto text = store.derivedText(imported.at(0).sha256s.at(0));
    BOOST_TEST_REQUIRE(text.has_value());
    BOOST_TEST((*text)["pages"][0]["method"] == "ocr");
    BOOST_TEST(!(*text)["pages"][0]["words"].empty());
    // Most words of the page's ground truth are read back in the text.
    const std::string page = (*text)["pages"][0]["text"];
    std::ifstream in(truth);
    int words = 0;
    int found = 0;
    for (std::string word; in >> word && words < 60; ++words)
        found += page.find(word) != std::string::npos;
    BOOST_TEST(found * 10 >= words * 7, found << " of " << words << " words found");

    BOOST_TEST_REQUIRE(text->contains("searchable_pdf"));
    const std::string pdfSha = (*text)["searchable_pdf"]["sha256"];
    BOOST_TEST(store.blobs().contains(pdfSha));
    BOOST_TEST(records::sniffMediaType(store.blobs().pathOf(pdfSha)) == "application/pdf");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(import_again)

BOOST_AUTO_TEST_CASE(second_import_reuses_records)
{
    test::TempDir dir;
    const auto first = writeFile(dir / "in" / "أ.txt", "نص أول");
    const auto second = writeFile(dir / "in" / "ب.txt", "نص ثان");
    records::RecordStore store(dir / "data");
    const auto once = importFiles(store, {first, second}, {}, nullptr);
    const auto twice = importFiles(store, {first, second}, {}, nullptr);
    BOOST_TEST_REQUIRE(twice.size() == 2u);
    BOOST_TEST(twice[0].id == once[0].id);
    BOOST_TEST(twice[1].id == once[1].id);
    BOOST_TEST(twice[0].alreadyImported);

    // The same content under another name is a record of its own.
    const auto renamed = writeFile(dir / "in" / "ج.txt", "نص أول");
    const auto third = importFiles(store, {renamed}, {}, nullptr);
    BOOST_TEST(third[0].id != once[0].id);
    BOOST_TEST(!third[0].alreadyImported);
}

BOOST_AUTO_TEST_SUITE_END()
