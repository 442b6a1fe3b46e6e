// libFuzzer harness: an XML document parsed and validated against the
// minutes schema of tests/schemas/fixtures, as an XML import does.
#include "core/Error.h"
#include "schemas/XmlDocument.h"
#include "schemas/XmlSchema.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const majlis::schemas::XmlSchema schema(MAJLIS_FUZZ_XSD);
    try {
        const auto document
            = majlis::schemas::XmlDocument::parse(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.xml");
        schema.validate(document);
    } catch (const majlis::Error&) {
        // A rejected document: the import reports it and stores nothing.
    }
    return 0;
}
