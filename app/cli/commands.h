#pragma once
// The commands of prescreen-cli. Each lives in commands/<name>.cpp and is listed once in the
// table in cli.cpp. A command returns its exit status; it throws UsageError for bad usage and
// lets prescreen::Error propagate for failures (cli.cpp turns both into messages).

#include <iosfwd>
#include <string>
#include <vector>

namespace prescreen::cli {

using CommandArgs = std::vector<std::string>; ///< the arguments after the command name

int dumpCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);
int dictionaryCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);
int infoCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);
int pixelsCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);
int renderCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);
int calibrateCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);
int phantomCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);
int benchCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);
int benchStoreCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);
int importCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);
int casesCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);
int decideCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);
int alarmsCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);
int exportTdrCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);
int auditCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);
int officerCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);
int demoSiteCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);
int syncCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);

} // namespace prescreen::cli
