#include "core/Error.h"
#include "schemas/XmlDocument.h"
#include "schemas/XmlSchema.h"
#include "tests/support/SharedCorpus.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>

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

BOOST_AUTO_TEST_SUITE_END()
