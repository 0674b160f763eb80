//===- Progress.h - One updating line while a long compile runs -*- C++ -*-===//
//
// A large module takes minutes to compile; the user should see that it is
// moving. When stderr is a terminal and a compile has taken more than a
// second, one line there shows functions done / total, the time so far and
// an estimate of the rest, redrawn in place and erased at the end. --quiet
// silences it; on a non-terminal nothing is printed unless --progress asks,
// and then as plain lines, at most one a second. Updates come from the
// compiler's worker threads (CompileOptions::Progress).
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TOOLS_PROGRESS_H
#define WASMAOT_TOOLS_PROGRESS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace wasmaot::tool {

enum class ProgressMode {
  Auto,   ///< on a terminal only (the default)
  Always, ///< --progress
  Never,  ///< --quiet
};

class ProgressLine {
public:
  /// Shows the compile of Name on OS as Mode says.
  ProgressLine(llvm::raw_fd_ostream &OS, ProgressMode Mode,
               llvm::StringRef Name);
  /// Erases the line (on a terminal) and stops the clock.
  ~ProgressLine();
  ProgressLine(const ProgressLine &) = delete;
  ProgressLine &operator=(const ProgressLine &) = delete;

  /// Done of Total functions are compiled. Any thread.
  void update(uint64_t Done, uint64_t Total);

private:
  using Clock = std::chrono::steady_clock;
  void tick();
  void draw(); // with Lock held

  llvm::raw_fd_ostream &OS;
  const bool Enabled;
  const bool Terminal;
  const std::string Name;
  const Clock::time_point Start = Clock::now();
  std::mutex Lock;
  std::condition_variable Wake;
  bool Stopping = false;
  bool Drawn = false;
  Clock::time_point LastLine{};
  uint64_t Done = 0;
  uint64_t Total = 0;
  std::thread Ticker;
};

} // namespace wasmaot::tool

#endif
