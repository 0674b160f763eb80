//===- FunctionTranslator.h - The translator's internals --------*- C++ -*-===//
//
// The state the function-body lowering keeps while it walks one body: the
// wasm operand stack as LLVM values, the control stack as LLVM blocks, the
// locals as allocas. FunctionLowering.cpp drives the walk and dispatches on
// the opcode; each family file (LowerControl.cpp, LowerCalls.cpp,
// LowerVariables.cpp, LowerTables.cpp) implements its members here.
//
// Merge points use phi nodes. A block's or an if's results arrive at its end
// block from every branch to its label and from the fall-through; their
// phis are built at the `end`, when every incoming edge is known. A loop's
// label is its header, whose phis (one per parameter) are built at the
// `loop` and gain an incoming value per branch back.
//
// Code after br, br_table, return and unreachable is dead: the translator
// stops emitting and only counts nested blocks until the `else` or `end`
// that closes the current frame, where code may become live again.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_LOWER_FUNCTIONTRANSLATOR_H
#define WASMAOT_LOWER_FUNCTIONTRANSLATOR_H

#include "lower/FunctionContext.h"
#include "lower/ModuleContext.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/Instructions.h"
#include "llvm/Support/Error.h"

#include <vector>

namespace wasmaot {

/// One entry of the control stack.
struct ControlFrame {
  enum FrameKind : uint8_t { Function, Block, Loop, If };
  FrameKind Kind = Block;
  llvm::SmallVector<ValType, 2> Params;
  llvm::SmallVector<ValType, 2> Results;
  /// Operand-stack height below the frame's parameters.
  size_t Height = 0;

  /// Block, If, Function: where the results merge, and what each incoming
  /// edge brings (one value per result, in stack order).
  llvm::BasicBlock *EndBB = nullptr;
  llvm::SmallVector<std::pair<llvm::BasicBlock *,
                              llvm::SmallVector<llvm::Value *, 2>>,
                    4>
      Incoming;

  /// Loop: the header branches jump back to, with a phi per parameter.
  llvm::BasicBlock *HeaderBB = nullptr;
  llvm::SmallVector<llvm::PHINode *, 2> HeaderPhis;

  /// If: the false branch, and the parameter values it starts with.
  llvm::BasicBlock *ElseBB = nullptr;
  llvm::SmallVector<llvm::Value *, 2> ElseParams;
  bool SeenElse = false;

  /// The types a branch to this frame's label carries.
  llvm::ArrayRef<ValType> labelTypes() const {
    return Kind == Loop ? llvm::ArrayRef<ValType>(Params)
                        : llvm::ArrayRef<ValType>(Results);
  }
};

class FunctionTranslator {
public:
  FunctionTranslator(const ModuleContext &MC, uint32_t DefinedIndex,
                     llvm::Function &F);

  /// Lowers the whole body.
  llvm::Error run();

  const ModuleContext &MC;
  const uint32_t DefinedIndex;
  const Function &Fn;
  const FuncType &Type;
  FunctionContext FC;
  llvm::IRBuilder<> &B;

  // ---- Operand stack ----
  llvm::SmallVector<llvm::Value *, 32> Stack;
  void push(llvm::Value *V) { Stack.push_back(V); }
  llvm::Value *pop() { return Stack.pop_back_val(); }
  /// Pops the top N values, returned bottom first.
  llvm::SmallVector<llvm::Value *, 4> popN(size_t N);
  /// The top N values, bottom first, left on the stack.
  llvm::SmallVector<llvm::Value *, 4> peekN(size_t N) const;

  // ---- Control stack and reachability ----
  std::vector<ControlFrame> Ctrls;
  /// False after an unconditional transfer: instructions are skipped.
  bool Reachable = true;
  /// While unreachable: how many blocks opened in the dead code are open.
  unsigned DeadDepth = 0;
  /// Instructions of the current straight-line run not yet charged to the
  /// store's fuel (LowerChecks.h).
  uint64_t PendingFuel = 0;

  /// The frame of branch depth Depth (0 is the innermost).
  ControlFrame &frameAt(uint32_t Depth) {
    return Ctrls[Ctrls.size() - 1 - Depth];
  }
  /// Continues emitting in BB (inserted at the end of the function).
  void enterBlock(llvm::BasicBlock *BB);
  llvm::BasicBlock *newBlock(const llvm::Twine &Name);
  /// Marks the rest of the current frame dead.
  void setUnreachable();

  // ---- Locals (LowerVariables.cpp) ----
  struct Local {
    llvm::AllocaInst *Slot;
    llvm::Type *Ty;
  };
  std::vector<Local> Locals;
  /// Allocas for parameters and declared locals in the entry block.
  void setUpLocals();
  /// Parameters stored in their slots, declared locals zeroed (after the
  /// prologue's stack check).
  void initialiseLocals();
  void lowerLocalGet(uint32_t Index);
  void lowerLocalSet(uint32_t Index);
  void lowerLocalTee(uint32_t Index);
  void lowerGlobalGet(uint32_t Index);
  void lowerGlobalSet(uint32_t Index);

  // ---- Control (LowerControl.cpp) ----
  /// The function frame and the prologue's stack check.
  void beginFunction();
  /// Removes the prologue's stack check (UncheckedLeaves.h).
  void omitStackCheck();
  void lowerBlock(const Instruction &I);
  void lowerLoop(const Instruction &I);
  void lowerIf(const Instruction &I);
  void lowerElse();
  void lowerEnd();
  void lowerBr(uint32_t Depth);
  void lowerBrIf(uint32_t Depth);
  void lowerBrTable(llvm::ArrayRef<uint32_t> Targets);
  void lowerReturn();
  void lowerUnreachable();
  /// Handles a control instruction met while the code is dead.
  void skipDead(const Instruction &I);
  /// The params and results of a block type.
  void blockSignature(const BlockType &BT,
                      llvm::SmallVectorImpl<ValType> &Params,
                      llvm::SmallVectorImpl<ValType> &Results) const;
  /// Emits a branch from the current block to frame Target's label,
  /// carrying the top values of the stack (not popped).
  void branchTo(ControlFrame &Target);
  /// Records the current block as an incoming edge of Target's label
  /// carrying Values; the caller emits the branch itself.
  void addIncoming(ControlFrame &Target, llvm::ArrayRef<llvm::Value *> Values);

  // ---- Calls (LowerCalls.cpp) ----
  void lowerCall(uint32_t FuncIndex);
  void lowerCallIndirect(uint32_t TypeIndex, uint32_t TableIndex);
  /// Calls Callee of type FT with the instance Inst and the arguments on
  /// top of the stack, and pushes the results.
  void emitCall(llvm::FunctionType *FTy, llvm::Value *Callee,
                llvm::Value *Inst, const FuncType &FT);

  // ---- References and tables (LowerTables.cpp) ----
  void lowerRefNull();
  void lowerRefIsNull();
  void lowerRefFunc(uint32_t FuncIndex);
  void lowerTableGet(uint32_t Table);
  void lowerTableSet(uint32_t Table);
  void lowerTableSize(uint32_t Table);
  void lowerTableGrow(uint32_t Table);
  void lowerTableFill(uint32_t Table);
  void lowerTableCopy(uint32_t DstTable, uint32_t SrcTable);
  void lowerTableInit(uint32_t Segment, uint32_t Table);
  void lowerElemDrop(uint32_t Segment);
  /// The wa_table * of table Index (invariant).
  llvm::Value *tablePointer(uint32_t Index);
  /// The address of wa_instance::funcs[FuncIndex].
  llvm::Value *funcRecord(uint32_t FuncIndex);

  // ---- Parametric and constants (FunctionLowering.cpp) ----
  void lowerSelect();
  void lowerConst(const Instruction &I);

private:
  /// The prologue's comparison of the stack pointer with the limit.
  llvm::ICmpInst *StackExhausted = nullptr;

  /// Lowers one instruction of live code: dispatches on its family.
  llvm::Error lowerInstruction(const Instruction &I);
  /// One dispatcher per family (FunctionLowering.cpp).
  llvm::Error lowerControlInstruction(const Instruction &I);
  llvm::Error lowerCallInstruction(const Instruction &I);
  llvm::Error lowerParametric(const Instruction &I);
  llvm::Error lowerVariableInstruction(const Instruction &I);
  llvm::Error lowerReferenceInstruction(const Instruction &I);
  llvm::Error lowerTableInstruction(const Instruction &I);
  llvm::Error lowerMemoryAccess(const Instruction &I);
  llvm::Error lowerMemoryInstruction(const Instruction &I);
  /// A family dispatcher met an opcode the table gave it but it does not
  /// lower: a compiler bug, reported as an error.
  llvm::Error notInFamily(const Instruction &I, const char *Family);
  /// A valid instruction of the Unlowered family.
  llvm::Error unsupported(const Instruction &I);
};

} // namespace wasmaot

#endif
