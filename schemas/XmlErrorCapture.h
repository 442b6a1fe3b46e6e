#pragma once

#include <libxml/xmlerror.h>

#include <string>

namespace majlis::schemas {

// Returns a libxml2 error message on one line: libxml2 ends messages with a
// newline and puts some details on lines of their own ("Bytes: 0xFF ..."),
// which would break a one-line error or log entry. `fallback` is used when
// `message` is null or blank.
std::string oneLineMessage(const char* message, const std::string& fallback);

// Receives every libxml2 error raised on this thread while it is in scope
// and keeps the first, so libxml2 prints nothing to stderr (its default
// handler would write the message and lines of the uploaded XML there).
// libxml2 keeps its error handlers per thread, so parses on other threads
// are unaffected. The previous handler is restored on destruction.
class XmlErrorCapture {
public:
    XmlErrorCapture();
    ~XmlErrorCapture();
    XmlErrorCapture(const XmlErrorCapture&) = delete;
    XmlErrorCapture& operator=(const XmlErrorCapture&) = delete;

    // The structured error handler to give a libxml2 context, with `this`
    // as its data, such as xmlSchemaSetValidStructuredErrors(ctxt, collect, &capture).
    static void collect(void* capture, xmlErrorPtr error);

    // The line of the first error, or 0 when libxml2 named none.
    int line() const { return line_; }
    // The first error's message on one line (oneLineMessage), or "" when none.
    const std::string& message() const { return message_; }

private:
    xmlStructuredErrorFunc previousHandler_;
    void* previousData_;
    int line_ = 0;
    std::string message_;
};

} // namespace majlis::schemas
