//===- CostlyFunctions.h - Bodies too costly to optimise --------*- C++ -*-===//
//
// Some of LLVM's -O2 passes take time quadratic in a function's size on two
// shapes: deep block nesting (EarlyCSE and SimplifyCFG walk the dominator
// tree's depth: 10,000 nested `if`s took 47 s) and thousands of locals live
// at once (20,000 took 33 s; the optimising register allocator still grew
// about 3x per doubling after the IR passes were skipped). No
// compiler-generated code comes near these shapes. A function beyond either
// bound is compiled without optimisation: optnone in its IR
// (FunctionLowering.cpp), and, in a partitioned compile, in a partition of
// its own whose code generator runs at -O0 (driver/Partition.cpp), so its
// compile time is linear and no single function can make a compile run
// away.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_LOWER_COSTLYFUNCTIONS_H
#define WASMAOT_LOWER_COSTLYFUNCTIONS_H

#include "ir/Module.h"

#include <cstdint>

namespace wasmaot {

/// Deeper than this many control frames (the function's own included).
constexpr uint64_t MaxOptimisedNesting = 1000;
/// More locals than this, parameters included.
constexpr uint64_t MaxOptimisedLocals = 10000;

/// Whether defined function Defined of the validated Wasm is beyond either
/// bound. Reads the body only when it is long enough to nest that deep.
bool isCostlyToOptimise(const Module &Wasm, uint32_t Defined);

} // namespace wasmaot

#endif
