#include "schemas/XmlDocument.h"

#include "core/Error.h"
#include "schemas/XmlErrorCapture.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <mutex>

namespace majlis::schemas {

namespace {

// The state one parse shares with the SAX callbacks through ctxt->_private.
struct ParseState {
    bool sawDoctype = false;
    int doctypeLine = 0;
};

void rejectInternalSubset(void* context, const xmlChar*, const xmlChar*, const xmlChar*)
{
    auto* parser = static_cast<xmlParserCtxtPtr>(context);
    auto* state = static_cast<ParseState*>(parser->_private);
    state->sawDoctype = true;
    state->doctypeLine = xmlSAX2GetLineNumber(context);
    xmlStopParser(parser);
}

// Every external entity, DTD or schema import is refused, whatever the flags.
xmlParserInputPtr refuseExternalEntity(const char*, const char*, xmlParserCtxtPtr)
{
    return nullptr;
}

void installEntityLoaderOnce()
{
    static std::once_flag once;
    std::call_once(once, [] {
        xmlInitParser();
        xmlSetExternalEntityLoader(refuseExternalEntity);
    });
}

struct ContextDeleter {
    void operator()(xmlParserCtxt* context) const { xmlFreeParserCtxt(context); }
};

Error invalidXml(const std::string& sourceName, int line, const std::string& reason)
{
    return Error(ErrorCode::invalid_argument, "error.invalid_xml",
        sourceName + ":" + std::to_string(line) + ": " + reason, {{"file", sourceName}, {"line", std::to_string(line)}, {"reason", reason}});
}

} // namespace

XmlDocument XmlDocument::parse(std::string_view bytes, const std::string& sourceName)
{
    installEntityLoaderOnce();
    if (bytes.size() > kMaxBytes)
        throw invalidXml(sourceName, 0, "the document is larger than " + std::to_string(kMaxBytes) + " bytes");

    std::unique_ptr<xmlParserCtxt, ContextDeleter> context(xmlNewParserCtxt());
    if (!context)
        throw Error(ErrorCode::internal, "error.internal", "libxml2 could not create a parser");
    ParseState state;
    context->_private = &state;
    context->sax->internalSubset = rejectInternalSubset;

    // No XML_PARSE_NOENT (no entity substitution), no DTD loading, no
    // network, and libxml2's default size limits (no XML_PARSE_HUGE). The
    // errors are read from the context below and thrown, not printed. The
    // capture also takes the errors libxml2 raises without a parser context,
    // such as encoding conversion errors.
    const XmlErrorCapture capture;
    const int options = XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOCDATA | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
    xmlDoc* document = xmlCtxtReadMemory(context.get(), bytes.data(), static_cast<int>(bytes.size()),
        sourceName.c_str(), nullptr, options);
    XmlDocument result(document, sourceName);

    if (state.sawDoctype)
        throw Error(ErrorCode::invalid_argument, "error.xml_doctype",
            sourceName + ":" + std::to_string(state.doctypeLine)
                + ": a DOCTYPE is not allowed (entity declarations could read files or expand without bound); remove it",
            {{"file", sourceName}, {"line", std::to_string(state.doctypeLine)}});
    if (!document || !context->wellFormed) {
        const xmlError* error = xmlCtxtGetLastError(context.get());
        const int line = error ? error->line : 0;
        throw invalidXml(sourceName, line, oneLineMessage(error ? error->message : nullptr, "not well-formed XML"));
    }
    return result;
}

} // namespace majlis::schemas
