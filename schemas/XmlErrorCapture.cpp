#include "schemas/XmlErrorCapture.h"

#include <libxml/globals.h>

namespace majlis::schemas {

XmlErrorCapture::XmlErrorCapture()
    : previousHandler_(xmlStructuredError)
    , previousData_(xmlStructuredErrorContext)
{
    xmlSetStructuredErrorFunc(this, collect);
}

XmlErrorCapture::~XmlErrorCapture()
{
    xmlSetStructuredErrorFunc(previousData_, previousHandler_);
}

std::string oneLineMessage(const char* message, const std::string& fallback)
{
    std::string line;
    for (const char* c = message; c && *c; ++c) {
        const bool space = *c == '\n' || *c == '\r' || *c == '\t' || *c == ' ';
        if (!space)
            line += *c;
        else if (!line.empty() && line.back() != ' ')
            line += ' ';
    }
    while (!line.empty() && line.back() == ' ')
        line.pop_back();
    return line.empty() ? fallback : line;
}

void XmlErrorCapture::collect(void* capture, xmlErrorPtr error)
{
    auto* self = static_cast<XmlErrorCapture*>(capture);
    if (!self || !error || !self->message_.empty())
        return;
    self->line_ = error->line;
    self->message_ = oneLineMessage(error->message, "invalid");
}

} // namespace majlis::schemas
