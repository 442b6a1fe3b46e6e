#include "core/Error.h"
#include "tests/support/SharedCorpus.h"
#include "web/ContentDisposition.h"

#include <boost/test/unit_test.hpp>

using namespace majlis::web;

BOOST_AUTO_TEST_SUITE(content_disposition)

BOOST_AUTO_TEST_CASE(download_header_table)
{
    struct Case {
        std::string name;
        std::string header;
    };
    const Case cases[] = {
        {"محضر اجتماع ١٤٤٦.pdf",
            "attachment; filename=\"____ ______ ____.pdf\"; "
            "filename*=UTF-8''%D9%85%D8%AD%D8%B6%D8%B1%20%D8%A7%D8%AC%D8%AA%D9%85%D8%A7%D8%B9%20%D9%A1%D9%A4%D9%A4%D9%A6.pdf"},
        {"محضر \"نهائي\"; نسخة.pdf",
            "attachment; filename=\"____ _______; ____.pdf\"; "
            "filename*=UTF-8''%D9%85%D8%AD%D8%B6%D8%B1%20%22%D9%86%D9%87%D8%A7%D8%A6%D9%8A%22%3B%20%D9%86%D8%B3%D8%AE%D8%A9.pdf"},
        {"report.pdf", "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf"},
    };
    for (const auto& c : cases)
        BOOST_TEST(attachmentHeader(c.name) == c.header);
}

BOOST_AUTO_TEST_CASE(download_header_has_no_raw_high_bytes_or_newlines)
{
    const std::string header = attachmentHeader("ملف\r\nX-Injected: 1.pdf");
    for (unsigned char c : header) {
        BOOST_TEST(c < 0x80);
        BOOST_TEST(c != '\r');
        BOOST_TEST(c != '\n');
    }
}

BOOST_AUTO_TEST_CASE(shared_case_download_names)
{
    const auto file = majlis::test::sharedPath("cases/18-content-disposition.txt");
    if (!file)
        return;
    const std::string text = majlis::test::readFile(*file);
    BOOST_TEST(text.find(attachmentHeader("محضر اجتماع ١٤٤٦.pdf")) != std::string::npos);
    const std::string second = attachmentHeader("محضر \"نهائي\"; نسخة.pdf");
    BOOST_TEST(text.find(second.substr(second.find("UTF-8''"))) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(upload_names_quoted_semicolon_and_extended)
{
    const auto plain = parseContentDisposition("form-data; name=\"file\"; filename=\"محضر; رقم=5.pdf\"");
    BOOST_TEST(plain.type == "form-data");
    BOOST_TEST(plain.params.at("name") == "file");
    BOOST_TEST(plain.fileName() == "محضر; رقم=5.pdf");

    const auto extended = parseContentDisposition(
        "form-data; name=\"file2\"; filename=\"x.pdf\"; filename*=UTF-8''%D9%82%D8%B1%D8%A7%D8%B1.pdf");
    BOOST_TEST(extended.fileName() == "قرار.pdf");

    const auto escaped = parseContentDisposition(R"(form-data; name="f"; filename="a\"b.pdf")");
    BOOST_TEST(escaped.fileName() == "a\"b.pdf");
}

BOOST_AUTO_TEST_CASE(browser_escaped_quotes_in_upload_names_decoded)
{
    // Chromium and Firefox send a name's '"' as %22 (the HTML standard's form encoding).
    const auto quoted = parseContentDisposition("form-data; name=\"file\"; filename=\"محضر %22نهائي%22; نسخة.pdf\"");
    BOOST_TEST(quoted.fileName() == "محضر \"نهائي\"; نسخة.pdf");
    const auto newline = parseContentDisposition("form-data; name=\"file\"; filename=\"a%0D%0Ab.pdf\"");
    BOOST_TEST(newline.fileName() == "a\r\nb.pdf");
    // Other percent signs are the name's own.
    const auto percent = parseContentDisposition("form-data; name=\"file\"; filename=\"خصم 50%25 و%20.pdf\"");
    BOOST_TEST(percent.fileName() == "خصم 50%25 و%20.pdf");
}

BOOST_AUTO_TEST_CASE(bad_extended_names_rejected)
{
    BOOST_CHECK_THROW(parseContentDisposition("form-data; filename*=ISO-8859-1''%E9.pdf"), majlis::Error);
    BOOST_CHECK_THROW(parseContentDisposition("form-data; filename*=UTF-8''%ZZ.pdf"), majlis::Error);
    BOOST_CHECK_THROW(parseContentDisposition("form-data; filename*=UTF-8''%C0%AF.pdf"), majlis::Error);
}

BOOST_AUTO_TEST_SUITE_END()
