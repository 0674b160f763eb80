//===- Features.cpp -------------------------------------------------------===//
#include "ir/Features.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSwitch.h"

using namespace llvm;

namespace wasmaot {

Features::Features() {
#define X(Id, Name, Default)                                                   \
  if (Default)                                                                 \
    set(Feature::Id);
  WASM_AOT_FEATURES(X)
#undef X
}

Features Features::none() {
  Features F;
  F.Bits = 0;
  return F;
}

Features Features::all() {
  Features F;
#define X(Id, Name, Default) F.set(Feature::Id);
  WASM_AOT_FEATURES(X)
#undef X
  return F;
}

StringRef Features::name(Feature F) {
  switch (F) {
#define X(Id, Name, Default)                                                   \
  case Feature::Id:                                                            \
    return Name;
    WASM_AOT_FEATURES(X)
#undef X
  }
  return "unknown";
}

Error Features::parse(StringRef List) {
  SmallVector<StringRef, 8> Items;
  List.split(Items, ',', -1, /*KeepEmpty=*/false);
  for (StringRef Item : Items) {
    Item = Item.trim();
    bool On = true;
    if (Item.consume_front("-"))
      On = false;
    else
      Item.consume_front("+");
    bool Found = false;
#define X(Id, Name, Default)                                                   \
  if (Item == Name) {                                                          \
    set(Feature::Id, On);                                                      \
    Found = true;                                                              \
  }
    WASM_AOT_FEATURES(X)
#undef X
    if (!Found)
      return createStringError(inconvertibleErrorCode(),
                               "unknown feature '%s'", Item.str().c_str());
  }
  return Error::success();
}

std::string Features::str() const {
  std::string S;
#define X(Id, Name, Default)                                                   \
  if (has(Feature::Id)) {                                                      \
    if (!S.empty())                                                            \
      S += ',';                                                                \
    S += "+" Name;                                                             \
  }
  WASM_AOT_FEATURES(X)
#undef X
  return S;
}

} // namespace wasmaot
