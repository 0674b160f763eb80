//===- FrameProbes.h - Stack probes where LLVM has none ---------*- C++ -*-===//
//
// Every compiled function asks for inline stack probes ("probe-stack" =
// "inline-asm"): a frame larger than a page must be touched a page at a
// time, from the top down, before anything is written into it, so that it
// cannot step over the guard page below a thread's stack. LLVM 19 does
// this on x86-64 and AArch64 and ignores the attribute on RISC-V, where a
// function's prologue moves the stack pointer by the whole frame in one
// step and the body, spills of incoming arguments first, may write into
// the bottom of the frame before the prologue's stack-limit check runs.
//
// The pass below does it on RISC-V after the code generator has finished:
// it follows the prologue's last stack-pointer adjustment with a store of
// zero at every page of the frame, top down, and at the new stack pointer.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_CODEGEN_FRAMEPROBES_H
#define WASMAOT_CODEGEN_FRAMEPROBES_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace llvm {
class MachineFunctionPass;
class Triple;
} // namespace llvm

namespace wasmaot {

/// Whether code for T needs createFrameProbePass: LLVM probes frames on
/// the other supported targets itself.
bool needsOwnFrameProbes(const llvm::Triple &T);

/// A pass that probes the frames of functions with "probe-stack" set, to
/// run after all of the code generator's machine passes, just before the
/// assembly printer. Failure is where it writes why it could not probe a
/// function (it leaves the function as it was); the caller must not use the
/// output when Failure is not empty.
llvm::MachineFunctionPass *createFrameProbePass(std::string &Failure);

} // namespace wasmaot

#endif
