//===- LowerChecks.h - Fuel metering and interrupt checks -------*- C++ -*-===//
//
// What compiled code does, beyond wasm's own traps, so that untrusted code
// can be stopped: it counts what it executes against the store's fuel
// (LowerOptions::MeterFuel) and it looks at the store's interrupt flag
// (LowerOptions::Interruptible). Both reach the store through the instance
// (wa_instance::fuel, ::interrupt).
//
// Fuel: one unit per wasm instruction executed, block, loop and end
// included. A function counts in a local copy of the store's fuel, which
// LLVM keeps in a register: it is loaded at entry and after every call, and
// written back before every call, return and trap path, so the store's
// cell is exact wherever anyone else can read it. (A guard-page fault has
// no path of its own: after one, the cell lacks what the faulting function
// used since its last call.) The translator counts the instructions of a straight-line run
// and charges them when the run ends: at every instruction that branches,
// calls, returns, traps or starts or ends a block (endsStraightLineRun).
// A run cut short by a trap is not charged. Only a loop or a call can make
// a program run long, so the fuel left is checked at function entries and
// loop headers: once it is below zero, the next check traps with "fuel
// exhausted". The count is exact and the same on every target and at every
// optimisation level: a budget of N lets a program execute at most N
// instructions plus those up to its next check.
//
// Interrupts: the flag is read at the same checkpoints (an atomic load, so
// LLVM reloads it each time); set, the check traps with "interrupted". A
// deadline (wasm-aot build --timeout) is a runtime thread that sets it.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_LOWER_LOWERCHECKS_H
#define WASMAOT_LOWER_LOWERCHECKS_H

#include "ir/Opcode.h"
#include "lower/FunctionContext.h"

namespace wasmaot {

/// Whether the straight-line run of instructions ends at Op, so that the
/// fuel of the run (Op included) is charged just before Op is lowered.
bool endsStraightLineRun(Opcode Op);

/// At function entry, before the first checkpoint: the local copy of the
/// store's fuel (FunctionContext::FuelLocal). Nothing without metering.
void beginFuel(FunctionContext &FC);
/// Writes the local copy back to the store (before a call or a return).
void flushFuel(FunctionContext &FC);
/// Reads the store's fuel into the local copy (after a call).
void reloadFuel(FunctionContext &FC);

/// Subtracts Units from the function's fuel.
void chargeFuel(FunctionContext &FC, uint64_t Units);

/// The checks of a function entry or a loop header: fuel below zero and
/// the interrupt flag, as the options ask. Nothing when neither is on.
void emitCheckpoint(FunctionContext &FC);

} // namespace wasmaot

#endif
