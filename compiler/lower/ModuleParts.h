//===- ModuleParts.h - The pieces lowerModule assembles ---------*- C++ -*-===//
//
// Internal to the module-level lowering (ModuleLowering.cpp and the files
// next to it): the functions that emit what the runtime needs besides the
// compiled bodies. Each piece lives in a file of its own:
//   ConstExprLowering.cpp  constant expressions and the wa_module_init
//                          functions built from them
//   EntryWrappers.cpp      wa_entry_fn wrappers of exported functions
//   HostThunks.cpp         native-signature thunks for host imports
//   ModuleDescriptor.cpp   the wa_module constant
//   SiteDebugInfo.cpp      debug locations that carry module offsets to
//                          the site map (abi/SiteMap.h)
//   StaticTableArrays.cpp  the constant arrays call_indirect reads for a
//                          table known when compiling (StaticTables.h)
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_LOWER_MODULEPARTS_H
#define WASMAOT_LOWER_MODULEPARTS_H

#include "ir/Opcode.h"
#include "lower/ModuleContext.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/Support/Error.h"

#include <vector>

namespace wasmaot {

/// Creates an internal, nounwind function in MC.M: every function the
/// lowering emits is one (traps leave by the runtime's longjmp, never by
/// unwinding), and only the descriptor is external.
llvm::Function *createInternalFunction(const ModuleContext &MC,
                                       llvm::FunctionType *Ty,
                                       const llvm::Twine &Name);

/// Loads a Ty at Offset bytes past Base, tagged with Tag; Invariant adds
/// !invariant.load (for fields that never change while the instance
/// lives, such as wa_instance::globals).
llvm::LoadInst *loadAt(llvm::IRBuilder<> &B, llvm::Type *Ty, llvm::Value *Base,
                       uint64_t Offset, llvm::MDNode *Tag,
                       bool Invariant = false);
/// Stores V at Offset bytes past Base, tagged with Tag.
llvm::StoreInst *storeAt(llvm::IRBuilder<> &B, llvm::Value *V,
                         llvm::Value *Base, uint64_t Offset, llvm::MDNode *Tag);

/// &instance->funcs[FuncIndex]: the funcref of function FuncIndex.
llvm::Value *funcRecord(llvm::IRBuilder<> &B, const ModuleContext &MC,
                        llvm::Value *Instance, llvm::Value *FuncIndex);
/// instance->globals[GlobalIndex]: the wa_value cell of a global.
llvm::Value *globalCell(llvm::IRBuilder<> &B, const ModuleContext &MC,
                        llvm::Value *Instance, uint32_t GlobalIndex);

/// Emits, at B's insertion point, the value of constant expression E: a
/// value of the LLVM type of its wasm type. Globals and function records
/// are reached through Instance (a wa_instance pointer); global.get reads
/// the global's cell, so a defined global read by a later initialiser must
/// have been stored before.
llvm::Expected<llvm::Value *> emitConstExpr(llvm::IRBuilder<> &B,
                                            const ModuleContext &MC,
                                            llvm::Value *Instance,
                                            const ConstExpr &E);

/// The functions of wa_module_init. Each is null when the module needs none
/// (no defined global, no active element or data segment, no element item),
/// which the runtime accepts.
struct InitFunctions {
  llvm::Function *InitGlobals = nullptr;
  llvm::Function *ElemOffset = nullptr;
  llvm::Function *DataOffset = nullptr;
  llvm::Function *ElemItems = nullptr;
};
llvm::Expected<InitFunctions> emitInitFunctions(const ModuleContext &MC);

/// The wa_entry_fn of function FuncIndex (defined or imported).
llvm::Function *emitEntryWrapper(const ModuleContext &MC, uint32_t FuncIndex);

/// The host thunk for imported functions of type FT: its native signature
/// with a wa_host_func pointer in place of the instance.
llvm::Function *emitHostThunk(const ModuleContext &MC, const FuncType &FT);

/// The constant arrays of static table TableIndex (ModuleContext.h), each
/// made on first use: defined unless this is a body partition, which
/// refers to the module part's.
llvm::GlobalVariable *staticTableCode(const ModuleContext &MC,
                                      uint32_t TableIndex);
llvm::GlobalVariable *staticTableTypes(const ModuleContext &MC,
                                       uint32_t TableIndex);

/// Defines the arrays of every static table some body calls through, for
/// the body partitions to refer to (a partitioned compile's module part).
void defineStaticTableArrays(const ModuleContext &MC);

/// What the descriptor points to besides the module's own data.
struct DescriptorParts {
  /// The host thunk of each entry of Wasm.Imports (null unless a function).
  std::vector<llvm::Function *> ImportThunks;
  /// The entry wrapper of each exported function, by function index.
  llvm::DenseMap<uint32_t, llvm::Function *> EntryWrappers;
  InitFunctions Init;
};

/// Emits the wa_module descriptor as the external constant
/// MC.Opts.ModuleSymbol.
llvm::Error emitModuleDescriptor(const ModuleContext &MC,
                                 const DescriptorParts &Parts);

/// Gives every defined function a DISubprogram in a compile unit that
/// emits line directives only, and lists the functions with their body offsets in the
/// named metadata the site map writer reads (abi/SiteMap.h).
void createSiteDebugInfo(const ModuleContext &MC);

/// Whether the code of Op can trap by a fault: a guest memory access, in
/// guard mode.
bool isFaultSite(Opcode Op, BoundsChecks Bounds);

/// The debug location of the code of instruction Op at module offset
/// Offset in F: its own (line Offset, column FaultSiteColumn) when
/// isFaultSite(Op, Bounds), else F's shared one (line = its body offset,
/// column 0); none when F has no subprogram.
llvm::DebugLoc siteLocation(const llvm::Function &F, uint32_t Offset,
                            Opcode Op, BoundsChecks Bounds);

} // namespace wasmaot

#endif
