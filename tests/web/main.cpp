#define BOOST_TEST_MODULE web
#define BOOST_TEST_NO_MAIN
#include <boost/test/unit_test.hpp>

#include "ocr/OcrCommand.h"
#include "ocr/OcrEngine.h"

#include <iostream>
#include <string>
#include <vector>

// The server's extraction workers run their own executable as
// `EXECUTABLE ocr --json … FILE`, so inside this test the test binary must
// act as `majlis ocr` too.
int main(int argc, char** argv)
{
    if (argc > 1 && std::string(argv[1]) == "ocr") {
        majlis::ocr::limitOpenMpThreads(argv);
        return majlis::ocr::runOcrCommand(std::vector<std::string>(argv + 2, argv + argc), std::cout, std::cerr);
    }
    return boost::unit_test::unit_test_main(&init_unit_test, argc, argv);
}
