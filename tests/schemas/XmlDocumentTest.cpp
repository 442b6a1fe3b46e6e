#include "core/Error.h"
#include "schemas/XmlDocument.h"
#include "schemas/XmlSchema.h"
#include "tests/support/SharedCorpus.h"
#include "tests/support/TempDir.h"

#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>

using namespace majlis;
using namespace majlis::schemas;

namespace {

std::string errorOf(const std::string& xml)
{
    try {
        XmlDocument::parse(xml, "input.xml");
    } catch (const Error& error) {
        return error.what();
    }
    return {};
}

// Sends the process's stderr (file descriptor 2) to a file while in scope.
class StderrRedirect {
public:
    explicit StderrRedirect(const std::filesystem::path& file)
        : capture_(std::fopen(file.c_str(), "w"))
    {
        BOOST_REQUIRE(capture_);
        std::fflush(stderr);
        saved_ = ::dup(STDERR_FILENO);
        BOOST_REQUIRE(saved_ >= 0);
        ::dup2(::fileno(capture_), STDERR_FILENO);
    }
    ~StderrRedirect()
    {
        std::fflush(stderr);
        ::dup2(saved_, STDERR_FILENO);
        ::close(saved_);
        std::fclose(capture_);
    }
    StderrRedirect(const StderrRedirect&) = delete;
    StderrRedirect& operator=(const StderrRedirect&) = delete;

private:
    std::FILE* capture_;
    int saved_ = -1;
};

// Runs `action` and returns what it wrote to stderr.
std::string stderrDuring(const std::function<void()>& action)
{
    const test::TempDir dir;
    {
        const StderrRedirect redirect(dir / "stderr.txt");
        action();
    }
    return test::readFile(dir / "stderr.txt");
}

std::filesystem::path fixture(const std::string& name)
{
    return test::sourceDir() / "tests" / "schemas" / "fixtures" / name;
}

} // namespace

BOOST_AUTO_TEST_SUITE(xml_document)

BOOST_AUTO_TEST_CASE(plain_document_parses)
{
    const auto document = XmlDocument::parse("<minutes id=\"M-1\"><title>محضر</title></minutes>", "m.xml");
    BOOST_TEST(std::string(reinterpret_cast<const char*>(document.root()->name)) == "minutes");
}

BOOST_AUTO_TEST_CASE(doctype_rejected_with_line)
{
    const std::string message = errorOf("<?xml version=\"1.0\"?>\n<!DOCTYPE m [<!ENTITY x \"y\">]>\n<m>&x;</m>");
    BOOST_TEST(message.find("input.xml:2") != std::string::npos, message);
    BOOST_TEST(message.find("DOCTYPE") != std::string::npos, message);
}

BOOST_AUTO_TEST_CASE(external_entity_case_reads_no_file)
{
    const auto file = test::sharedPath("cases/15-xxe-file-entity.xml");
    if (!file)
        return;
    try {
        XmlDocument::parse(test::readFile(*file), "case15.xml");
        BOOST_FAIL("the document with an external entity was accepted");
    } catch (const Error& error) {
        BOOST_TEST(error.code() == ErrorCode::invalid_argument);
        BOOST_TEST(std::string(error.what()).find("DOCTYPE") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(entity_expansion_case_stopped_at_doctype)
{
    const auto file = test::sharedPath("cases/16-entity-expansion.xml");
    if (!file)
        return;
    // Rejected at the DOCTYPE line, before any entity is declared or expanded.
    try {
        XmlDocument::parse(test::readFile(*file), "case16.xml");
        BOOST_FAIL("the entity expansion document was accepted");
    } catch (const Error& error) {
        BOOST_TEST(std::string(error.what()).find("case16.xml:2: a DOCTYPE") != std::string::npos, error.what());
    }
}

BOOST_AUTO_TEST_CASE(malformed_xml_names_line)
{
    const std::string message = errorOf("<m>\n<a>\n</m>");
    BOOST_TEST(message.find("input.xml:3") != std::string::npos, message);
    BOOST_TEST(!errorOf("").empty());
    BOOST_TEST(!errorOf(std::string(XmlDocument::kMaxBytes + 1, ' ')).empty());
}

BOOST_AUTO_TEST_CASE(schema_validation_names_line_and_reason)
{
    const XmlSchema schema(fixture("minutes.xsd"));
    BOOST_CHECK_NO_THROW(schema.validate(XmlDocument::parse(
        "<minutes id=\"M-1\"><title>محضر</title><date>2024-12-02</date></minutes>", "ok.xml")));
    try {
        schema.validate(XmlDocument::parse("<minutes id=\"M-1\">\n<date>2024-12-02</date></minutes>", "bad.xml"));
        BOOST_FAIL("a document without its title was accepted");
    } catch (const Error& error) {
        const std::string message = error.what();
        BOOST_TEST(message.find("bad.xml:2") != std::string::npos, message);
        BOOST_TEST(message.find("date") != std::string::npos, message);
    }
}

BOOST_AUTO_TEST_CASE(parse_errors_not_printed_to_stderr)
{
    struct Case {
        std::string name;
        std::string xml;
        std::string where; // the line the thrown message must name
        std::string reason;
    };
    const std::vector<Case> cases = {
        {"tag mismatch", "<states>\n<state>\n</states>\n</state>", "input.xml:4", "tag mismatch"},
        {"undefined entity", "<m>\n&nosuch;</m>", "input.xml:2", "nosuch"},
        {"doctype", "<?xml version=\"1.0\"?>\n<!DOCTYPE m [<!ENTITY x \"y\">]>\n<m>&x;</m>", "input.xml:2", "DOCTYPE"},
        {"empty document", "", "input.xml:", "Document is empty"},
        {"bad byte in encoding", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<m>\xff</m>", "input.xml:2", "UTF-8"},
    };
    for (const Case& item : cases) {
        BOOST_TEST_CONTEXT(item.name)
        {
            std::string message;
            const std::string printed = stderrDuring([&] { message = errorOf(item.xml); });
            BOOST_TEST(printed.empty(), printed);
            BOOST_TEST(message.find(item.where) != std::string::npos, message);
            BOOST_TEST(message.find(item.reason) != std::string::npos, message);
            BOOST_TEST(message.find('\n') == std::string::npos, message); // one line, details included
        }
    }
}

BOOST_AUTO_TEST_CASE(schema_errors_not_printed_to_stderr)
{
    const XmlSchema schema(fixture("minutes.xsd"));
    std::string message;
    const std::string printed = stderrDuring([&] {
        try {
            schema.validate(XmlDocument::parse("<minutes id=\"M-1\">\n<date>2024-12-02</date></minutes>", "bad.xml"));
        } catch (const Error& error) {
            message = error.what();
        }
    });
    BOOST_TEST(printed.empty(), printed);
    BOOST_TEST(message.find("bad.xml:2") != std::string::npos, message);

    // A schema that refers to an undefined type fails to compile.
    const test::TempDir dir;
    std::ofstream(dir / "broken.xsd") << "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n"
                                         "<xs:element name=\"m\" type=\"xs:nosuch\"/>\n</xs:schema>\n";
    std::string schemaMessage;
    const std::string printedForSchema = stderrDuring([&] {
        try {
            XmlSchema broken(dir / "broken.xsd");
        } catch (const Error& error) {
            schemaMessage = error.what();
        }
    });
    BOOST_TEST(printedForSchema.empty(), printedForSchema);
    BOOST_TEST(schemaMessage.find("broken.xsd:2") != std::string::npos, schemaMessage);
    BOOST_TEST(schemaMessage.find("nosuch") != std::string::npos, schemaMessage);
}

BOOST_AUTO_TEST_SUITE_END()
