#include "tests/support/Command.h"

#include "tests/support/SharedCorpus.h"

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <sstream>
#include <thread>

namespace majlis::test {

CommandResult runCommand(const std::string& program, const std::vector<std::string>& arguments,
    const Environment& environment)
{
    Poco::Pipe outPipe;
    Poco::Pipe errPipe;
    Poco::ProcessHandle handle = Poco::Process::launch(program, arguments, nullptr, &outPipe, &errPipe, environment);

    CommandResult result;
    // Both pipes are drained at once so a full stderr cannot block the child.
    std::thread errReader([&] {
        Poco::PipeInputStream err(errPipe);
        std::ostringstream text;
        Poco::StreamCopier::copyStream(err, text);
        result.err = text.str();
    });
    Poco::PipeInputStream out(outPipe);
    std::ostringstream text;
    Poco::StreamCopier::copyStream(out, text);
    result.out = text.str();
    errReader.join();
    result.exitCode = handle.wait();
    return result;
}

CommandResult runMajlis(const std::vector<std::string>& arguments, const Environment& environment)
{
    return runCommand(majlisBinary().string(), arguments, environment);
}

} // namespace majlis::test
