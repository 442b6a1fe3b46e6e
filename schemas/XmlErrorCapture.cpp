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

void XmlErrorCapture::collect(void* capture, xmlErrorPtr error)
{
    auto* self = static_cast<XmlErrorCapture*>(capture);
    if (!self || !error || !self->message_.empty())
        return;
    self->line_ = error->line;
    self->message_ = error->message ? error->message : "invalid";
    while (!self->message_.empty() && (self->message_.back() == '\n' || self->message_.back() == ' '))
        self->message_.pop_back();
}

} // namespace majlis::schemas
