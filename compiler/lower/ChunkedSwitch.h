//===- ChunkedSwitch.h - A switch over segments in bounded pieces -*- C++ -*-===//
//
// The wa_module_init functions that take a segment index (elem_offset,
// data_offset, elem_items) have one case per segment. As one LLVM switch,
// a module with N segments gives a function whose returns SimplifyCFG
// merges into one block with N predecessors, and folding its empty blocks
// then costs O(N) each: 10,000 segments took 15 s at -O2, 4.5 times the
// time of 5,000. Here the cases are split by segment index into chunk
// functions of at most ChunkSize cases each, which cost O(ChunkSize) per
// case, and the function itself picks the chunk from a constant table of
// function pointers: compile time linear in the number of segments.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_LOWER_CHUNKEDSWITCH_H
#define WASMAOT_LOWER_CHUNKEDSWITCH_H

#include "lower/ModuleContext.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/Support/Error.h"

namespace wasmaot {

/// Cases per chunk function: small enough that the quadratic folding
/// inside one stays cheap, large enough that the table of chunks stays
/// small beside the cases.
inline constexpr uint32_t ChunkSize = 64;

/// Emits B's insertion block's code for case Key; it must end the block
/// with a return.
using CaseEmitter =
    llvm::function_ref<llvm::Error(llvm::IRBuilder<> &B, llvm::Function *F,
                                   uint32_t Key)>;

/// Emits internal function Name of type Ty, whose argument 1 (an i32)
/// selects one of Keys (strictly ascending): the block of each is filled
/// by EmitCase, and any other value returns Default (nullptr when Ty
/// returns void). Arguments are passed on to the chunks unchanged.
llvm::Expected<llvm::Function *>
emitChunkedSwitch(const ModuleContext &MC, const llvm::Twine &Name,
                  llvm::FunctionType *Ty, llvm::ArrayRef<uint32_t> Keys,
                  llvm::Constant *Default, CaseEmitter EmitCase);

} // namespace wasmaot

#endif
