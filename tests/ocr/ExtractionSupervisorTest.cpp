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

    const ExtractionSupervisor supervisor(childProgram(), {"--json"}, {30s, std::size_t{1} << 30});
    const DocumentText document = supervisor.extract(folder / "note.txt");
    BOOST_TEST_REQUIRE(document.pages.size() == 1u);
    BOOST_TEST(document.pages[0].text == "محضر اجتماع اللجنة");
}

BOOST_AUTO_TEST_CASE(child_error_passed_through)
{
    const auto path = majlis::test::sharedPath("corpus/pdfs/broken/empty_protected.pdf");
    if (!path)
        return;
    const ExtractionSupervisor supervisor(childProgram(), {"--json"}, {30s, std::size_t{1} << 30});
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
    const ExtractionSupervisor supervisor(childProgram(), {"--hang"}, {1s, std::size_t{1} << 30});
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
    const ExtractionSupervisor supervisor(childProgram(), {"--eat-memory"}, {30s, std::size_t{256} << 20});
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
    const ExtractionSupervisor supervisor(folder / "no-such-program", {"--json"}, {10s, std::size_t{1} << 30});
    try {
        supervisor.extract("unused.pdf");
        BOOST_FAIL("a missing program returned a result");
    } catch (const majlis::Error& error) {
        BOOST_TEST(error.messageId() == "ocr.child_failed");
        BOOST_TEST(std::string(error.what()).find("cannot execute") != std::string::npos, error.what());
    }
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
