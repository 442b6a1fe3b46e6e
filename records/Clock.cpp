#include "records/Clock.h"

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

namespace majlis::records {

std::string utcNow()
{
    return Poco::DateTimeFormatter::format(Poco::Timestamp(), "%Y-%m-%dT%H:%M:%SZ");
}

} // namespace majlis::records
