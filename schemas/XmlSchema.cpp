#include "schemas/XmlSchema.h"

#include "core/Error.h"
#include "schemas/XmlErrorCapture.h"

#include <fstream>
#include <sstream>

namespace majlis::schemas {

namespace {

struct ParserContextDeleter {
    void operator()(xmlSchemaParserCtxt* context) const { xmlSchemaFreeParserCtxt(context); }
};

struct ValidContextDeleter {
    void operator()(xmlSchemaValidCtxt* context) const { xmlSchemaFreeValidCtxt(context); }
};

std::string readAll(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(ErrorCode::not_found, "error.file_not_found", "cannot read schema " + path.string());
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

} // namespace

XmlSchema::XmlSchema(const std::filesystem::path& xsd)
    : name_(xsd.filename().string())
{
    // The schema is parsed by the same guarded parser as any document.
    const XmlDocument source = XmlDocument::parse(readAll(xsd), xsd.string());
    std::unique_ptr<xmlSchemaParserCtxt, ParserContextDeleter> context(xmlSchemaNewDocParserCtxt(source.get()));
    XmlErrorCapture first;
    xmlSchemaSetParserStructuredErrors(context.get(), XmlErrorCapture::collect, &first);
    schema_.reset(xmlSchemaParse(context.get()));
    if (!schema_)
        throw Error(ErrorCode::invalid_argument, "error.invalid_schema",
            xsd.string() + ":" + std::to_string(first.line()) + ": " + first.message());
}

void XmlSchema::validate(const XmlDocument& document) const
{
    std::unique_ptr<xmlSchemaValidCtxt, ValidContextDeleter> context(xmlSchemaNewValidCtxt(schema_.get()));
    XmlErrorCapture first;
    xmlSchemaSetValidStructuredErrors(context.get(), XmlErrorCapture::collect, &first);
    if (xmlSchemaValidateDoc(context.get(), document.get()) != 0)
        throw Error(ErrorCode::invalid_argument, "error.invalid_xml",
            document.sourceName() + ":" + std::to_string(first.line()) + ": " + first.message() + " (schema " + name_ + ")",
            {{"file", document.sourceName()}, {"line", std::to_string(first.line())}, {"reason", first.message()}});
}

} // namespace majlis::schemas
