// libFuzzer harness: the Arabic analysis chain and query building on the
// same text, as a search box and a record body give them.
#include "core/Error.h"
#include "indexer/Analyzer.h"
#include "indexer/QueryBuilder.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const majlis::indexer::Analyzer analyzer;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        analyzer.analyze(text);
        majlis::indexer::QueryBuilder(analyzer).build(text);
    } catch (const majlis::Error&) {
        // A rejected query (invalid UTF-8, too long): the server returns 400.
    }
    return 0;
}
