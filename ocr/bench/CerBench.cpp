// Reads every page image (*.pNNN.png with a *.pNNN.gt.txt beside it) of a
// scan folder with OcrEngine, writes OUT/<page>.txt and OUT/pairs.tsv (one
// "truth<TAB>output" line a page, the input of `cer --pairs`), and prints the
// throughput in pages per minute.
//
// usage: majlis_bench_ocr SCANS_DIR OUT_DIR [--workers N] [--repeat N]
//        [--languages L] [--deskew] [--no-binarise] [--despeckle] [--remove-border]
//
// --repeat reads the folder N times, so that loading the engines weighs less
// in the throughput figure. The text files are those of the last round.

#include "ocr/OcrEngine.h"
#include "ocr/PageImages.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using namespace majlis::ocr;

namespace {

struct BenchOptions {
    fs::path scans;
    fs::path output;
    int workers = 2;
    int repeat = 1;
    OcrSettings settings;
};

bool parse(int argc, char** argv, BenchOptions& options)
{
    if (argc < 3)
        return false;
    options.scans = argv[1];
    options.output = argv[2];
    for (int i = 3; i < argc; ++i) {
        const std::string flag = argv[i];
        if (flag == "--workers" && i + 1 < argc)
            options.workers = std::stoi(argv[++i]);
        else if (flag == "--repeat" && i + 1 < argc)
            options.repeat = std::stoi(argv[++i]);
        else if (flag == "--languages" && i + 1 < argc)
            options.settings.languages = argv[++i];
        else if (flag == "--deskew")
            options.settings.cleanup.deskew = true;
        else if (flag == "--no-binarise")
            options.settings.cleanup.binarise = false;
        else if (flag == "--despeckle")
            options.settings.cleanup.despeckle = true;
        else if (flag == "--remove-border")
            options.settings.cleanup.removeBorder = true;
        else
            return false;
    }
    return true;
}

// Page images that have a ground truth beside them, in name order.
std::vector<fs::path> findPages(const fs::path& scans)
{
    std::vector<fs::path> pages;
    for (const auto& entry : fs::directory_iterator(scans)) {
        const fs::path& path = entry.path();
        if (path.extension() != ".png")
            continue;
        fs::path truth = path;
        truth.replace_extension(".gt.txt");
        if (fs::exists(truth))
            pages.push_back(path);
    }
    std::sort(pages.begin(), pages.end());
    return pages;
}

// Reads pages until the shared counter passes the last job. Job `i` is page
// i modulo the page count, so every round reads the whole folder.
void readPages(const BenchOptions& options, const std::vector<fs::path>& pages, std::atomic<std::size_t>& next)
{
    OcrEngine engine(options.settings);
    const std::size_t jobs = pages.size() * static_cast<std::size_t>(options.repeat);
    for (std::size_t job = next++; job < jobs; job = next++) {
        const std::size_t i = job % pages.size();
        const auto images = PageImages::loadImage(pages[i], "image/png");
        const PageText page = engine.recognise(images.front().get());
        std::ofstream(options.output / (pages[i].stem().string() + ".txt")) << page.text << '\n';
    }
}

} // namespace

int main(int argc, char** argv)
{
    limitOpenMpThreads(argv);
    BenchOptions options;
    if (!parse(argc, argv, options)) {
        std::cerr << "usage: majlis_bench_ocr SCANS_DIR OUT_DIR [--workers N] [--repeat N] [--languages L]"
                     " [--deskew] [--no-binarise] [--despeckle] [--remove-border]\n";
        return 2;
    }
    fs::create_directories(options.output);
    const auto pages = findPages(options.scans);

    const auto start = std::chrono::steady_clock::now();
    std::atomic<std::size_t> next = 0;
    std::vector<std::thread> workers;
    for (int i = 0; i < options.workers; ++i)
        workers.emplace_back(readPages, std::cref(options), std::cref(pages), std::ref(next));
    for (auto& worker : workers)
        worker.join();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    std::ofstream pairs(options.output / "pairs.tsv");
    for (const auto& page : pages) {
        fs::path truth = page;
        truth.replace_extension(".gt.txt");
        pairs << fs::absolute(truth).string() << '\t' << fs::absolute(options.output / (page.stem().string() + ".txt")).string() << '\n';
    }

    const std::size_t pagesRead = pages.size() * static_cast<std::size_t>(options.repeat);
    std::printf("%zu pages in %.1f s with %d workers (engine loading included): %.1f pages a minute\n", pagesRead, seconds,
        options.workers, pagesRead * 60.0 / seconds);
    std::printf("score with: cer --pairs %s\n", (options.output / "pairs.tsv").c_str());
    return 0;
}
