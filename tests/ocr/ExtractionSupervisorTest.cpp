#include "ocr/ExtractionSupervisor.h"

#include "core/Error.h"
#include "tests/support/SharedCorpus.h"
#include "tests/support/TempDir.h"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>

using namespace majlis::ocr;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// The test child program, built beside this test (OCR_TEST_CHILD is set by CMake).
fs::path childProgram()
{
    return OCR_TEST_CHILD;
}

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

BOOST_AUTO_TEST_SUITE(extraction_supervisor)

BOOST_AUTO_TEST_CASE(child_result_returned_as_json)
{
    const majlis::test::TempDir folder;
    std::ofstream(folder / "note.txt") << "ﻣﺤﻀﺮ ﺍﺟﺘﻤﺎﻉ ﺍﻟﻠﺠﻨﺔ";

    ExtractionSupervisor supervisor(childProgram(), {"--worker"}, {30s, std::size_t{1} << 30});
    const DocumentText document = supervisor.extract(folder / "note.txt");
    BOOST_TEST_REQUIRE(document.pages.size() == 1u);
    BOOST_TEST(document.pages[0].text == "محضر اجتماع اللجنة");
}

BOOST_AUTO_TEST_CASE(child_error_passed_through)
{
    const auto path = majlis::test::sharedPath("corpus/pdfs/broken/empty_protected.pdf");
    if (!path)
        return;
    ExtractionSupervisor supervisor(childProgram(), {"--worker"}, {30s, std::size_t{1} << 30});
    try {
        supervisor.extract(*path);
        BOOST_FAIL("an encrypted PDF was read");
    } catch (const majlis::Error& error) {
        BOOST_TEST(error.messageId() == "ocr.pdf_encrypted");
        BOOST_TEST(std::string(error.what()).find("upload an unprotected copy") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(hanging_child_stopped_at_deadline)
{
    ExtractionSupervisor supervisor(childProgram(), {"--hang"}, {1s, std::size_t{1} << 30});
    const auto start = std::chrono::steady_clock::now();
    try {
        supervisor.extract("unused.pdf");
        BOOST_FAIL("a hanging child returned");
    } catch (const majlis::Error& error) {
        BOOST_TEST((error.code() == majlis::ErrorCode::timed_out));
        BOOST_TEST(error.messageId() == "ocr.timed_out");
    }
    BOOST_TEST(secondsSince(start) < 5.0);
}

BOOST_AUTO_TEST_CASE(memory_hungry_child_stopped_at_limit)
{
    ExtractionSupervisor supervisor(childProgram(), {"--eat-memory"}, {30s, std::size_t{256} << 20});
    const auto start = std::chrono::steady_clock::now();
    try {
        supervisor.extract("unused.pdf");
        BOOST_FAIL("a child past its memory limit returned");
    } catch (const majlis::Error& error) {
        BOOST_TEST((error.code() == majlis::ErrorCode::unavailable));
        BOOST_TEST(error.messageId() == "ocr.out_of_memory");
    }
    BOOST_TEST(secondsSince(start) < 10.0);
}

BOOST_AUTO_TEST_CASE(missing_program_reported)
{
    const majlis::test::TempDir folder;
    ExtractionSupervisor supervisor(folder / "no-such-program", {"--worker"}, {10s, std::size_t{1} << 30});
    try {
        supervisor.extract("unused.pdf");
        BOOST_FAIL("a missing program returned a result");
    } catch (const majlis::Error& error) {
        BOOST_TEST(error.messageId() == "ocr.child_failed");
        BOOST_TEST(std::string(error.what()).find("cannot execute") != std::string::npos, error.what());
    }
}

BOOST_AUTO_TEST_CASE(one_child_serves_many_requests)
{
    const majlis::test::TempDir folder;
    std::ofstream(folder / "note.txt") << "قرر المجلس تشجير الحي";

    ExtractionSupervisor supervisor(childProgram(), {"--worker"}, {30s, std::size_t{1} << 30});
    BOOST_TEST(supervisor.childPid() == 0);
    pid_t firstChild = 0;
    for (int i = 0; i < 4; ++i) {
        const DocumentText document = supervisor.extract(folder / "note.txt");
        BOOST_TEST_REQUIRE(document.pages.size() == 1u);
        BOOST_TEST(document.pages[0].text == "قرر المجلس تشجير الحي");
        if (i == 0)
            firstChild = supervisor.childPid();
        BOOST_TEST(supervisor.childPid() == firstChild);
    }
    BOOST_TEST(firstChild != 0);
    BOOST_TEST(supervisor.childrenStarted() == 1u);
}

BOOST_AUTO_TEST_CASE(child_error_keeps_the_child)
{
    const majlis::test::TempDir folder;
    std::ofstream(folder / "note.txt") << "نص";
    ExtractionSupervisor supervisor(childProgram(), {"--worker"}, {30s, std::size_t{1} << 30});
    supervisor.extract(folder / "note.txt");
    const pid_t child = supervisor.childPid();

    BOOST_CHECK_THROW(supervisor.extract(folder / "missing.pdf"), majlis::Error);
    BOOST_CHECK_THROW(supervisor.request({{"no_file", true}}), majlis::Error);
    supervisor.extract(folder / "note.txt");
    BOOST_TEST(supervisor.childPid() == child);
    BOOST_TEST(supervisor.childrenStarted() == 1u);
}

BOOST_AUTO_TEST_CASE(hung_request_cut_off_next_gets_new_child)
{
    const majlis::test::TempDir folder;
    std::ofstream(folder / "note.txt") << "محضر";
    ExtractionSupervisor supervisor(childProgram(), {"--worker"}, {1s, std::size_t{1} << 30});
    supervisor.extract(folder / "note.txt");
    const pid_t first = supervisor.childPid();

    const auto start = std::chrono::steady_clock::now();
    try {
        supervisor.request({{"file", (folder / "hang.pdf").string()}, {"page", 2}});
        BOOST_FAIL("a hanging request returned");
    } catch (const majlis::Error& error) {
        BOOST_TEST((error.code() == majlis::ErrorCode::timed_out));
        BOOST_TEST(std::string(error.what()).find("hang.pdf page 2") != std::string::npos, error.what());
    }
    BOOST_TEST(secondsSince(start) < 5.0);
    BOOST_TEST(supervisor.childPid() == 0);

    const DocumentText document = supervisor.extract(folder / "note.txt");
    BOOST_TEST(document.pages.at(0).text == "محضر");
    BOOST_TEST(supervisor.childPid() != first);
    BOOST_TEST(supervisor.childrenStarted() == 2u);
}

BOOST_AUTO_TEST_CASE(memory_hungry_request_cut_off_next_gets_new_child)
{
    const majlis::test::TempDir folder;
    std::ofstream(folder / "note.txt") << "محضر";
    ExtractionSupervisor supervisor(childProgram(), {"--worker"}, {30s, std::size_t{512} << 20});
    supervisor.extract(folder / "note.txt");

    try {
        supervisor.extract(folder / "eat-memory.pdf");
        BOOST_FAIL("a request past the memory limit returned");
    } catch (const majlis::Error& error) {
        BOOST_TEST((error.code() == majlis::ErrorCode::unavailable));
        BOOST_TEST(error.messageId() == "ocr.out_of_memory");
    }
    BOOST_TEST(supervisor.extract(folder / "note.txt").pages.at(0).text == "محضر");
    BOOST_TEST(supervisor.childrenStarted() == 2u);
}

BOOST_AUTO_TEST_CASE(pdf_pages_joined_counted_and_read_singly)
{
    const auto folder = majlis::test::sharedPath("corpus/pdfs/arabic");
    if (!folder)
        return;
    const majlis::test::TempDir work;
    const fs::path multiPage = work / "joined.pdf";
    joinPdfPages({*folder / "ArabicCIDTrueType.pdf", *folder / "issue5751.pdf", *folder / "arial_unicode_ab_cidfont.pdf"},
        multiPage, {30s, std::size_t{1} << 30});
    BOOST_TEST_REQUIRE(fs::exists(multiPage));

    ExtractionSupervisor supervisor(childProgram(), {"--worker"}, {60s, std::size_t{2} << 30});
    const auto counted = supervisor.request({{"file", multiPage.string()}, {"count_pages", true}});
    const int pageCount = counted.at("page_count");
    BOOST_TEST_REQUIRE(pageCount >= 1);
    const DocumentText whole = supervisor.extract(multiPage);
    BOOST_TEST_REQUIRE(whole.pages.size() == static_cast<std::size_t>(pageCount));
    BOOST_TEST(pageCount == 3);
    for (int number = 1; number <= pageCount; ++number) {
        const auto page = supervisor.request({{"file", multiPage.string()}, {"page", number}});
        BOOST_TEST(page.at("page_count") == pageCount);
        const auto text = page.at("pages").at(0).get<PageText>();
        BOOST_TEST(text.number == number);
        BOOST_TEST(text.text == whole.pages[number - 1].text);
    }
    try {
        supervisor.request({{"file", multiPage.string()}, {"page", pageCount + 1}});
        BOOST_FAIL("a page past the end was read");
    } catch (const majlis::Error& error) {
        BOOST_TEST(error.messageId() == "ocr.pdf_no_such_page");
    }
    BOOST_TEST(supervisor.childrenStarted() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(open_mp_thread_limit)

BOOST_AUTO_TEST_CASE(program_restarts_with_limit)
{
    // The program starts without the variable; limitOpenMpThreads must set
    // it and restart the program before anything else runs.
    const std::string command = "env -u OMP_THREAD_LIMIT " + childProgram().string() + " --print-thread-limit";
    FILE* pipe = ::popen(command.c_str(), "r");
    BOOST_TEST_REQUIRE(pipe != nullptr);
    char line[64] = {};
    const bool read = std::fgets(line, sizeof line, pipe) != nullptr;
    const int status = ::pclose(pipe);

    BOOST_TEST(read);
    BOOST_TEST(std::string(line) == "1\n");
    BOOST_TEST(status == 0);
}

BOOST_AUTO_TEST_CASE(existing_limit_kept)
{
    const std::string command = "env OMP_THREAD_LIMIT=2 " + childProgram().string() + " --print-thread-limit";
    FILE* pipe = ::popen(command.c_str(), "r");
    BOOST_TEST_REQUIRE(pipe != nullptr);
    char line[64] = {};
    const bool read = std::fgets(line, sizeof line, pipe) != nullptr;
    ::pclose(pipe);

    BOOST_TEST(read);
    BOOST_TEST(std::string(line) == "2\n");
}

BOOST_AUTO_TEST_SUITE_END()
