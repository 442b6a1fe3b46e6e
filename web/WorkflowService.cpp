#include "web/WorkflowService.h"

#include "core/Error.h"
#include "core/Log.h"

#include <fstream>

namespace majlis::web {

namespace {

// The public holidays deadlines skip, one date a line, when the file exists.
workflow::WorkingCalendar loadCalendar(const std::filesystem::path& dataDirectory)
{
    const auto file = dataDirectory / "holidays.txt";
    if (!std::filesystem::exists(file))
        return {};
    return workflow::WorkingCalendar::fromFile(file);
}

} // namespace

notify::SmtpSettings loadSmtpSettings(const std::filesystem::path& dataDirectory)
{
    const auto file = dataDirectory / "smtp.json";
    std::ifstream in(file);
    if (!in)
        return {};
    try {
        return notify::SmtpSettings::fromJson(nlohmann::json::parse(in));
    } catch (const nlohmann::json::exception& error) {
        throw Error(ErrorCode::invalid_argument, "error.invalid_setting",
            file.string() + ": invalid JSON (" + error.what() + "); fix the file or remove it to turn e-mail off",
            {{"file", file.string()}});
    }
}

workflow::Caller workflowCaller(const Caller& caller, const std::string& trackingCode)
{
    workflow::Caller result;
    result.user = caller.username;
    result.role = caller.role;
    result.council = caller.council;
    result.trackingCode = trackingCode;
    return result;
}

WorkflowService::WorkflowService(records::RecordStore& store, accounts::AccountStore& accounts,
    const std::filesystem::path& dataDirectory, WorkflowServiceOptions options)
    : store_(store)
    , accounts_(accounts)
    , options_(options)
    , today_([] { return CalendarDate::today(); })
{
    registry_ = std::make_unique<workflow::DefinitionRegistry>(workflow::defaultSchemasDirectory() / "workflow.xsd",
        workflow::defaultDefinitionsDirectory(), workflow::DefinitionRegistry::installedFolderOf(dataDirectory));
    notifier_ = std::make_unique<notify::EmailNotifier>(loadSmtpSettings(dataDirectory));

    workflow::EngineOptions engineOptions;
    engineOptions.calendar = loadCalendar(dataDirectory);
    engineOptions.today = [this] { return today(); };
    engine_ = std::make_unique<workflow::Engine>(store_, *registry_, std::move(engineOptions));
}

WorkflowService::~WorkflowService()
{
    stop();
}

void WorkflowService::start()
{
    std::lock_guard lock(timerMutex_);
    if (timer_.joinable())
        return;
    stopping_ = false;
    timer_ = std::thread([this] { run(); });
}

void WorkflowService::stop()
{
    {
        std::lock_guard lock(timerMutex_);
        stopping_ = true;
    }
    timerChanged_.notify_all();
    if (timer_.joinable())
        timer_.join();
    if (notifier_)
        notifier_->stop();
}

void WorkflowService::setToday(std::function<CalendarDate()> today)
{
    std::lock_guard lock(todayMutex_);
    today_ = std::move(today);
}

CalendarDate WorkflowService::today() const
{
    std::lock_guard lock(todayMutex_);
    return today_();
}

std::size_t WorkflowService::runPeriodicWork()
{
    auto& log = logger("workflow");
    try {
        for (const auto& added : registry_->reload())
            log.information("loaded workflow definition %s version %u from %s", added->id,
                static_cast<unsigned>(added->version), added->source);
    } catch (const Error& error) {
        log.error("an installed workflow definition was not loaded: %s", std::string(error.what()));
    }

    std::size_t escalated = 0;
    try {
        escalated = engine_->escalateOverdue().size();
        if (escalated > 0)
            log.information("escalated %z overdue workflow items", escalated);
    } catch (const Error& error) {
        log.error("escalating overdue workflow items failed: %s", std::string(error.what()));
    }
    return escalated;
}

void WorkflowService::run()
{
    std::unique_lock lock(timerMutex_);
    while (!stopping_) {
        lock.unlock();
        runPeriodicWork();
        lock.lock();
        timerChanged_.wait_for(lock, options_.interval, [this] { return stopping_; });
    }
}

} // namespace majlis::web
