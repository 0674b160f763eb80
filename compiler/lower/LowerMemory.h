//===- LowerMemory.h - Linear memory: the sandbox ---------------*- C++ -*-===//
//
// LowerMemory.cpp owns every address computation and every bounds check
// compiled code makes into linear memory; nothing else in the compiler
// turns a wasm address into a native pointer. The strategy comes from
// LowerOptions::Bounds:
//   guard     no checks: base + zext(address) + offset lands in the 8 GiB
//             reservation of the memory, whose inaccessible part faults;
//             the base never moves, so it is loaded as invariant.
//   explicit  address + offset + access size is compared with the memory's
//             current size; out of bounds traps; the base is reloaded after
//             anything that may grow the memory (any call).
// Bulk operations (fill, copy, init) and growth are runtime calls that do
// their own checks.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_LOWER_LOWERMEMORY_H
#define WASMAOT_LOWER_LOWERMEMORY_H

#include "ir/Opcode.h"
#include "lower/FunctionContext.h"

namespace wasmaot {

/// A load (a row of the MemoryAccess family): returns the value, extended
/// to the result type; a v128 load returns the stack's <2 x i64>.
/// v128.loadN_lane takes Vector and returns it with lane Lane replaced by
/// the loaded value; no other load uses Vector or Lane. In guard mode the
/// access is a guarded one (GuardedAccess.h). An error only for a module
/// the validator would have rejected (an offset of 2^32 or more on a
/// 32-bit memory).
llvm::Expected<llvm::Value *> lowerLoad(FunctionContext &FC, Opcode Op,
                                        const MemArg &Mem,
                                        llvm::Value *Address,
                                        llvm::Value *Vector = nullptr,
                                        unsigned Lane = 0);

/// A store of Value (wrapped to the access width); v128.storeN_lane stores
/// lane Lane of the v128 Value. Errors as lowerLoad.
llvm::Error lowerStore(FunctionContext &FC, Opcode Op, const MemArg &Mem,
                       llvm::Value *Address, llvm::Value *Value,
                       unsigned Lane = 0);

/// memory.size: the current size in pages (i32).
llvm::Value *lowerMemorySize(FunctionContext &FC, uint32_t Memory);
/// memory.grow: the old size in pages, or -1 (i32). The bulk operations and
/// growth are errors on a 64-bit memory (the runtime's entry points take
/// 32-bit operands).
llvm::Expected<llvm::Value *> lowerMemoryGrow(FunctionContext &FC,
                                              uint32_t Memory,
                                              llvm::Value *Delta);
llvm::Error lowerMemoryFill(FunctionContext &FC, uint32_t Memory,
                            llvm::Value *Dst, llvm::Value *Byte,
                            llvm::Value *N);
llvm::Error lowerMemoryCopy(FunctionContext &FC, uint32_t DstMemory,
                            uint32_t SrcMemory, llvm::Value *Dst,
                            llvm::Value *Src, llvm::Value *N);
llvm::Error lowerMemoryInit(FunctionContext &FC, uint32_t Segment,
                            uint32_t Memory, llvm::Value *Dst,
                            llvm::Value *Src, llvm::Value *N);
void lowerDataDrop(FunctionContext &FC, uint32_t Segment);

} // namespace wasmaot

#endif
