//===- ExpectedFailures.cpp - Known failing cases, with reasons -----------===//
//
// Parses the expected-failure list; see the header for the format.
//
//===----------------------------------------------------------------------===//
#include "ExpectedFailures.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"

#include <vector>

using namespace llvm;

namespace wasmaot::spec {

ArrayRef<StringRef> knownTargets() {
  // The build's list of runtime triples (WASM_AOT_RUNTIME_TRIPLES in
  // runtime/targets/CMakeLists.txt), passed in as a definition with commas.
  static const std::vector<StringRef> Targets = [] {
    SmallVector<StringRef, 4> Parts;
    StringRef(WASM_AOT_SPEC_TARGETS).split(Parts, ',', -1, false);
    return std::vector<StringRef>(Parts.begin(), Parts.end());
  }();
  return Targets;
}

Expected<ExpectedFailures> ExpectedFailures::load(StringRef Path,
                                                  const RunKey &Run) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buf = MemoryBuffer::getFile(Path);
  if (!Buf)
    return createStringError(Buf.getError(), "cannot read " + Path + ": " +
                                                 Buf.getError().message());
  Expected<ExpectedFailures> L = parse((*Buf)->getBuffer(), Run);
  if (!L)
    return createStringError(inconvertibleErrorCode(),
                             Path + ": " + toString(L.takeError()));
  return L;
}

Expected<ExpectedFailures> ExpectedFailures::parse(StringRef Text,
                                                   const RunKey &Run) {
  StringRef Opt = Run.Opt;
  Opt.consume_front("-");
  ExpectedFailures List;
  SmallVector<StringRef, 64> Lines;
  Text.split(Lines, '\n');
  unsigned LineNo = 0;
  for (StringRef Line : Lines) {
    ++LineNo;
    Line = Line.trim();
    if (Line.empty() || Line.starts_with("#"))
      continue;
    auto Bad = [&](const Twine &Why) {
      return createStringError(inconvertibleErrorCode(),
                               "line " + Twine(LineNo) + ": " + Why);
    };
    auto [Where, Rest] = Line.split(' ');
    auto [File, Loc] = Where.rsplit(':');
    if (File.empty() || Loc.empty() || !File.ends_with(".wast"))
      return Bad("expected FILE.wast:LINE or FILE.wast:#INDEX, got '" + Where +
                 "'");
    ExpectedFailure E;
    E.File = File.str();
    E.SourceLine = LineNo;
    E.ByIndex = Loc.consume_front("#");
    if (Loc.getAsInteger(10, E.Location))
      return Bad("bad location '" + Loc + "'");

    bool Keep = true;
    Rest = Rest.trim();
    while (Rest.starts_with("mode=") || Rest.starts_with("opt=") ||
           Rest.starts_with("target=")) {
      auto [Filter, Tail] = Rest.split(' ');
      auto [Key, Value] = Filter.split('=');
      if (Key == "mode") {
        if (Value != "guard" && Value != "explicit")
          return Bad("mode must be guard or explicit, got '" + Value + "'");
        Keep &= Value == Run.Mode;
      } else if (Key == "opt") {
        Value.consume_front("-");
        if (Value != "O0" && Value != "O1" && Value != "O2" && Value != "O3")
          return Bad("opt must be O0..O3, got '" + Value + "'");
        Keep &= Value == Opt;
      } else {
        if (!is_contained(knownTargets(), Value))
          return Bad(Twine("target must be one of ") +
                     join(knownTargets(), ", ") + ", got '" + Value + "'");
        Keep &= Value == Run.Target;
      }
      Rest = Tail.trim();
    }
    if (Rest.empty())
      return Bad("an entry needs a reason");
    E.Reason = Rest.str();
    if (Keep)
      List.Entries.push_back(std::move(E));
  }
  return List;
}

const ExpectedFailure *ExpectedFailures::find(StringRef File, int64_t Line,
                                              unsigned Index) const {
  for (const ExpectedFailure &E : Entries) {
    if (E.File != File)
      continue;
    if (E.ByIndex ? E.Location == static_cast<int64_t>(Index)
                  : E.Location == Line)
      return &E;
  }
  return nullptr;
}

} // namespace wasmaot::spec
