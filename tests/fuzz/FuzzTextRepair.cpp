// libFuzzer harness: the repair of Arabic text from PDF text layers and
// text files. Its callers pass valid UTF-8 only (text files are checked
// first, Poppler returns UTF-8), so other inputs are skipped.
#include "core/Utf8.h"
#include "ocr/ArabicTextRepair.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using majlis::ocr::ArabicTextRepair;
    using majlis::ocr::TextOrder;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (!majlis::isValidUtf8(text))
        return 0;

    ArabicTextRepair::repairText(text);
    ArabicTextRepair::repairLines(text, TextOrder::visual);
    ArabicTextRepair::repairLines(text, TextOrder::logical);
    ArabicTextRepair::repairLine(text, TextOrder::unknown);
    ArabicTextRepair::detectOrder(text);
    ArabicTextRepair::visualToLogical(text);
    ArabicTextRepair::foldPresentationForms(text);
    ArabicTextRepair::removeBidiControls(text);
    ArabicTextRepair::fixMirroredBrackets(text);
    return 0;
}
