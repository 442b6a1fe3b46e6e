#include "ocr/detail/TesseractText.h"

#include "ocr/ArabicTextRepair.h"

#include <memory>

namespace majlis::ocr::detail {

std::string takeText(char* text)
{
    const std::unique_ptr<char[]> owned(text);
    return owned ? ArabicTextRepair::removeBidiControls(owned.get()) : std::string();
}

std::string trimLine(std::string line)
{
    while (!line.empty() && (line.back() == '\n' || line.back() == ' '))
        line.pop_back();
    return line;
}

} // namespace majlis::ocr::detail
