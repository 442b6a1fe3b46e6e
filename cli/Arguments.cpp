#include "cli/Arguments.h"

#include "core/Error.h"

#include <sstream>

namespace majlis::cli {

namespace {

const OptionSpec* findOption(const CommandSpec& spec, const std::string& name)
{
    for (const OptionSpec& option : spec.options)
        if (option.name == name)
            return &option;
    return nullptr;
}

} // namespace

Error usageError(const CommandSpec& spec, const std::string& problem)
{
    return Error(ErrorCode::invalid_argument, "error.usage",
        problem + "; see 'majlis " + spec.name + " --help'");
}

OptionSpec dataOption()
{
    return {"data", "DIR", "data folder (default ./data)"};
}

Arguments Arguments::parse(const CommandSpec& spec, const std::vector<std::string>& words)
{
    Arguments arguments;
    bool optionsEnded = false;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& word = words[i];
        if (optionsEnded || word.size() < 3 || !word.starts_with("--")) {
            if (word == "--") {
                optionsEnded = true;
                continue;
            }
            arguments.positional_.push_back(word);
            continue;
        }

        std::string name = word.substr(2);
        std::optional<std::string> inlineValue;
        if (const auto equals = name.find('='); equals != std::string::npos) {
            inlineValue = name.substr(equals + 1);
            name.resize(equals);
        }
        if (name == "help") {
            arguments.help_ = true;
            continue;
        }
        const OptionSpec* option = findOption(spec, name);
        if (!option)
            throw usageError(spec, "unknown option --" + name);
        if (!option->repeatable && arguments.values_.contains(name))
            throw usageError(spec, "option --" + name + " is given twice");

        if (option->valueName.empty()) {
            if (inlineValue)
                throw usageError(spec, "option --" + name + " takes no value");
            arguments.values_[name].push_back("true");
            continue;
        }
        if (!inlineValue) {
            if (i + 1 >= words.size())
                throw usageError(spec, "option --" + name + " needs a value (" + option->valueName + ")");
            inlineValue = words[++i];
        }
        arguments.values_[name].push_back(*inlineValue);
    }

    if (arguments.help_)
        return arguments;
    const std::size_t count = arguments.positional_.size();
    if (count < spec.minPositional)
        throw usageError(spec, "missing " + (spec.positional.empty() ? std::string("argument") : spec.positional));
    if (count > spec.maxPositional)
        throw usageError(spec, "unexpected argument '" + arguments.positional_[spec.maxPositional] + "'");
    return arguments;
}

std::optional<std::string> Arguments::value(const std::string& name) const
{
    const auto found = values_.find(name);
    if (found == values_.end())
        return std::nullopt;
    return found->second.back();
}

std::string Arguments::valueOr(const std::string& name, const std::string& fallback) const
{
    return value(name).value_or(fallback);
}

std::vector<std::string> Arguments::all(const std::string& name) const
{
    const auto found = values_.find(name);
    return found == values_.end() ? std::vector<std::string>{} : found->second;
}

std::string usageText(const CommandSpec& spec)
{
    std::ostringstream out;
    out << "Usage: majlis " << spec.name << " [options]";
    if (!spec.positional.empty())
        out << ' ' << spec.positional;
    out << "\n\n" << spec.summary << "\n\nOptions:\n";
    for (const OptionSpec& option : spec.options) {
        std::string left = "  --" + option.name + (option.valueName.empty() ? "" : " " + option.valueName);
        if (left.size() < 28)
            left.resize(28, ' ');
        else
            left += "  ";
        out << left << option.help << (option.repeatable ? " (repeatable)" : "") << '\n';
    }
    out << "  --help                    show this help\n";
    return out.str();
}

} // namespace majlis::cli
