//===- AliasInfo.h - Which memory compiled code touches ---------*- C++ -*-===//
//
// TBAA tags for the disjoint kinds of memory compiled code reads and writes.
// A guest store can never change the instance context, a global cell or a
// table slot, and the tags let LLVM know it: loads of the memory base or of
// a global survive guest stores, so they can be hoisted out of loops.
// Calls still clobber everything (the runtime may grow a memory).
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_LOWER_ALIASINFO_H
#define WASMAOT_LOWER_ALIASINFO_H

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Metadata.h"

namespace wasmaot {

struct AliasInfo {
  /// Bytes of linear memory.
  llvm::MDNode *GuestMemory = nullptr;
  /// Fields of wa_instance, wa_memory, wa_table and wa_host_func.
  llvm::MDNode *RuntimeField = nullptr;
  /// The wa_value cells of globals.
  llvm::MDNode *GlobalCell = nullptr;
  /// Table element slots (wa_table::elements[i]).
  llvm::MDNode *TableSlot = nullptr;
  /// Fields of wa_func records (code, instance, type_id).
  llvm::MDNode *FuncRecord = nullptr;
  /// The wa_value arrays of entry wrappers and host thunks.
  llvm::MDNode *ValueArray = nullptr;

  /// The access tags, created in Ctx (one set per LLVM module is enough).
  static AliasInfo create(llvm::LLVMContext &Ctx);
};

} // namespace wasmaot

#endif
