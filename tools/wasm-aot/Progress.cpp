//===- Progress.cpp - One updating line while a long compile runs ---------===//
#include "Progress.h"

#include "llvm/Support/Format.h"

namespace wasmaot::tool {

namespace {

/// Nothing shows before a compile has taken this long.
constexpr std::chrono::milliseconds Delay{1000};
/// How often the terminal line is redrawn (the clock moves on its own).
constexpr std::chrono::milliseconds Redraw{250};
/// At most one plain line this often on a non-terminal.
constexpr std::chrono::milliseconds PlainInterval{1000};

std::string seconds(double S) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  if (S < 60)
    OS << llvm::format("%.1f s", S);
  else
    OS << llvm::format("%u min %02u s", unsigned(S) / 60, unsigned(S) % 60);
  return Out;
}

} // namespace

ProgressLine::ProgressLine(llvm::raw_fd_ostream &OS, ProgressMode Mode,
                           llvm::StringRef Name)
    : OS(OS),
      Enabled(Mode == ProgressMode::Always ||
              (Mode == ProgressMode::Auto && OS.is_displayed())),
      Terminal(OS.is_displayed()), Name(Name.str()) {
  if (Enabled)
    Ticker = std::thread([this] { tick(); });
}

ProgressLine::~ProgressLine() {
  if (!Enabled)
    return;
  {
    std::lock_guard<std::mutex> G(Lock);
    Stopping = true;
  }
  Wake.notify_all();
  Ticker.join();
  if (Drawn && Terminal) {
    OS << "\r\x1b[K"; // carriage return, erase to the end of the line
    OS.flush();
  }
}

void ProgressLine::update(uint64_t NewDone, uint64_t NewTotal) {
  if (!Enabled)
    return;
  std::lock_guard<std::mutex> G(Lock);
  Done = NewDone;
  Total = NewTotal;
  if (Clock::now() - Start >= Delay)
    draw();
}

void ProgressLine::tick() {
  std::unique_lock<std::mutex> L(Lock);
  while (!Stopping) {
    Wake.wait_for(L, Redraw);
    // The clock on a terminal's line moves on its own; plain lines only
    // report progress.
    if (!Stopping && Terminal && Clock::now() - Start >= Delay)
      draw();
  }
}

void ProgressLine::draw() {
  const Clock::time_point Now = Clock::now();
  if (!Terminal && Drawn && Now - LastLine < PlainInterval)
    return;
  const double Elapsed = std::chrono::duration<double>(Now - Start).count();
  std::string Line = "wasm-aot: compiling " + Name;
  if (Total != 0) {
    Line += ": " + std::to_string(Done) + "/" + std::to_string(Total) +
            " functions, " + seconds(Elapsed);
    if (Done != 0 && Done < Total)
      Line += ", about " + seconds(Elapsed * double(Total - Done) / Done) +
              " left";
  } else {
    Line += ": " + seconds(Elapsed);
  }
  if (Terminal)
    OS << "\r\x1b[K" << Line;
  else
    OS << Line << '\n';
  OS.flush();
  Drawn = true;
  LastLine = Now;
}

} // namespace wasmaot::tool
