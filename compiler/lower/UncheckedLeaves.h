//===- UncheckedLeaves.h - Functions that need no stack check --*- C++ -*-===//
//
// Every compiled function compares the stack pointer with the instance's
// stack limit in its prologue (LowerControl.cpp), so unbounded recursion
// traps instead of running off the stack. A small function that calls
// nothing cannot recurse, nor reach code that does: its frame is the last
// one on the stack, a few KiB at most, and its caller's check already put
// the stack pointer above the limit, which the runtime keeps 64 KiB above
// the end of the stack (docs/abi.md, "Stack"). For such a leaf the check is
// pure cost, and leaves are what indirect-call-heavy code calls most: an
// interpreter's handlers, a sort's comparator.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_LOWER_UNCHECKEDLEAVES_H
#define WASMAOT_LOWER_UNCHECKEDLEAVES_H

#include <cstdint>

namespace llvm {
class Function;
} // namespace llvm

namespace wasmaot {

/// Bodies longer than this many bytes keep their check.
constexpr uint64_t MaxUncheckedLeafBodyBytes = 256;
/// Functions with more locals than this (parameters included) keep it.
constexpr uint64_t MaxUncheckedLeafLocals = 64;

/// Whether F, lowered from a body of BodyBytes bytes with NumLocals locals,
/// may go without its prologue's stack check: it is within both bounds,
/// which keeps its frame a few KiB whatever the register allocator spills,
/// and it calls nothing but intrinsics LLVM expands in place, guarded
/// accesses' markers and functions that do not return (traps). A call to a
/// guest function, an import or the runtime (memory.grow, table
/// operations, fuel) keeps the check.
bool mayOmitStackCheck(const llvm::Function &F, uint64_t BodyBytes,
                       uint64_t NumLocals);

} // namespace wasmaot

#endif
