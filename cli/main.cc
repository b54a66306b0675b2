// chronicle: news articles in, an event-and-timeline knowledge graph out.
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "cli/commands.h"

namespace chronicle::cli {
bool progress_wanted() { return ::isatty(STDERR_FILENO) == 1; }
}  // namespace chronicle::cli

int main(int argc, char** argv) {
  using namespace chronicle::cli;
  CLI::App app{"chronicle: news articles in, an event-and-timeline knowledge graph out"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("chronicle ") + CHRONICLE_VERSION);
  add_extract_command(app);
  add_build_command(app);
  add_ingest_command(app);
  add_query_command(app);
  add_timeline_command(app);
  add_export_command(app);
  add_train_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  } catch (const UsageError& e) {
    std::cerr << "chronicle: " << e.what() << "\n";
    return 2;
  } catch (const ExitStatus& s) {
    return s.code;
  } catch (const std::exception& e) {
    std::cerr << "chronicle: " << e.what() << "\n";
    return 1;
  }
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "chronicle: error writing output\n";
    return 1;
  }
  return 0;
}
