#include "ocr/OcrCommand.h"

#include "tests/support/TempDir.h"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using majlis::ocr::runOcrCommand;

BOOST_AUTO_TEST_SUITE(ocr_command)

BOOST_AUTO_TEST_CASE(usage_error_returns_two)
{
    std::ostringstream out;
    std::ostringstream errors;
    BOOST_TEST(runOcrCommand({}, out, errors) == 2);
    BOOST_TEST(errors.str().find("usage: majlis ocr") != std::string::npos);
    BOOST_TEST(runOcrCommand({"--unknown", "file.pdf"}, out, errors) == 2);
}

BOOST_AUTO_TEST_CASE(text_printed_per_page)
{
    const majlis::test::TempDir folder;
    std::ofstream(folder / "note.txt") << "محضر اجتماع اللجنة";
    std::ostringstream out;
    std::ostringstream errors;

    BOOST_TEST(runOcrCommand({(folder / "note.txt").string()}, out, errors) == 0);
    BOOST_TEST(out.str().find("--- page 1 (plain_text") != std::string::npos, out.str());
    BOOST_TEST(out.str().find("محضر اجتماع اللجنة") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(json_error_for_missing_file)
{
    std::ostringstream out;
    std::ostringstream errors;
    BOOST_TEST(runOcrCommand({"--json", "/nonexistent/minutes.pdf"}, out, errors) == 1);

    const auto json = nlohmann::json::parse(out.str());
    BOOST_TEST(json.at("error").at("message_id") == "ocr.file_not_found");
    BOOST_TEST(json.at("error").at("name") == "not_found");
    BOOST_TEST(errors.str().find("minutes.pdf") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
