//===- AliasInfo.cpp - Which memory compiled code touches -----------------===//
#include "lower/AliasInfo.h"

#include "llvm/IR/MDBuilder.h"

using namespace llvm;

namespace wasmaot {

AliasInfo AliasInfo::create(LLVMContext &Ctx) {
  MDBuilder MDB(Ctx);
  MDNode *Root = MDB.createTBAARoot("wasm-aot");
  // Sibling scalar types under one root never alias each other.
  auto Tag = [&](StringRef Name) {
    MDNode *Type = MDB.createTBAAScalarTypeNode(Name, Root);
    return MDB.createTBAAStructTagNode(Type, Type, 0);
  };
  AliasInfo A;
  A.GuestMemory = Tag("guest memory");
  A.RuntimeField = Tag("runtime field");
  A.GlobalCell = Tag("global cell");
  A.TableSlot = Tag("table slot");
  A.FuncRecord = Tag("func record");
  A.ValueArray = Tag("value array");
  return A;
}

} // namespace wasmaot
