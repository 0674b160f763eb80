//===- LowerControl.cpp - Structured control flow -------------------------===//
//
// block, loop, if/else, end, br, br_if, br_table, return, unreachable, and
// the prologue's stack-overflow check. FunctionTranslator.h describes how
// labels, merge points and dead code are represented.
//
//===----------------------------------------------------------------------===//
#include "lower/FunctionTranslator.h"
#include "lower/LowerChecks.h"
#include "lower/NativeSignature.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/Transforms/Utils/Local.h"

using namespace llvm;

namespace wasmaot {

void FunctionTranslator::blockSignature(const BlockType &BT,
                                        SmallVectorImpl<ValType> &Params,
                                        SmallVectorImpl<ValType> &Results) const {
  switch (BT.K) {
  case BlockType::Empty:
    return;
  case BlockType::Value:
    Results.push_back(BT.Type);
    return;
  case BlockType::TypeIndex: {
    const FuncType &FT = MC.Wasm.Types[BT.Index];
    Params.append(FT.Params.begin(), FT.Params.end());
    Results.append(FT.Results.begin(), FT.Results.end());
    return;
  }
  }
}

void FunctionTranslator::beginFunction() {
  // Deep recursion must trap, not crash: the runtime puts a limit some
  // distance above the end of the stack, and every function compares its
  // stack pointer (after its own frame is allocated) with it. The limit is
  // reloaded each time: the runtime may move it between calls into the
  // instance (another thread, another stack).
  Value *SP = B.CreatePtrToInt(B.CreateStackSave("sp"), FC.i64());
  Value *Limit =
      FC.loadField(FC.instance(), FC.Layout.InstanceStackLimit, FC.i64(),
                   FC.Alias.RuntimeField, /*Invariant=*/false, "stack.limit");
  StackExhausted = cast<ICmpInst>(B.CreateICmpULT(SP, Limit, "stack.exhausted"));
  FC.trapIf(StackExhausted, TrapCode::CallStackExhausted);
  // Fuel and interrupts: a call is one of the two ways to run long.
  beginFuel(FC);
  emitCheckpoint(FC);

  ControlFrame Frame;
  Frame.Kind = ControlFrame::Function;
  Frame.Results.append(Type.Results.begin(), Type.Results.end());
  Frame.Height = 0;
  Frame.EndBB = newBlock("return");
  Ctrls.push_back(std::move(Frame));
}

void FunctionTranslator::omitStackCheck() {
  // The branch to the trap becomes a jump past it; the comparison, the
  // limit's load and the stack pointer's read go with it.
  auto *Br = cast<BranchInst>(StackExhausted->user_back());
  BranchInst::Create(Br->getSuccessor(1), Br->getIterator());
  Br->eraseFromParent();
  RecursivelyDeleteTriviallyDeadInstructions(StackExhausted);
  StackExhausted = nullptr;
}

void FunctionTranslator::addIncoming(ControlFrame &Target,
                                     ArrayRef<Value *> Values) {
  BasicBlock *From = B.GetInsertBlock();
  if (Target.Kind == ControlFrame::Loop) {
    for (size_t K = 0; K < Values.size(); ++K)
      Target.HeaderPhis[K]->addIncoming(Values[K], From);
    return;
  }
  Target.Incoming.emplace_back(
      From, SmallVector<Value *, 2>(Values.begin(), Values.end()));
}

void FunctionTranslator::branchTo(ControlFrame &Target) {
  addIncoming(Target, peekN(Target.labelTypes().size()));
  B.CreateBr(Target.Kind == ControlFrame::Loop ? Target.HeaderBB
                                               : Target.EndBB);
}

void FunctionTranslator::lowerBlock(const Instruction &I) {
  ControlFrame Frame;
  Frame.Kind = ControlFrame::Block;
  blockSignature(I.Block, Frame.Params, Frame.Results);
  Frame.Height = Stack.size() - Frame.Params.size();
  Frame.EndBB = newBlock("block.end");
  Ctrls.push_back(std::move(Frame));
}

void FunctionTranslator::lowerLoop(const Instruction &I) {
  ControlFrame Frame;
  Frame.Kind = ControlFrame::Loop;
  blockSignature(I.Block, Frame.Params, Frame.Results);
  SmallVector<Value *, 4> Args = popN(Frame.Params.size());
  Frame.Height = Stack.size();
  Frame.HeaderBB = newBlock("loop");
  BasicBlock *Pred = B.GetInsertBlock();
  B.CreateBr(Frame.HeaderBB);
  enterBlock(Frame.HeaderBB);
  for (size_t K = 0; K < Args.size(); ++K) {
    PHINode *Phi = B.CreatePHI(Args[K]->getType(), 2, "loop.param");
    Phi->addIncoming(Args[K], Pred);
    Frame.HeaderPhis.push_back(Phi);
    push(Phi);
  }
  // A loop header is the other way to run long: every iteration passes
  // here, after the back edge charged the iteration's fuel.
  emitCheckpoint(FC);
  Ctrls.push_back(std::move(Frame));
}

void FunctionTranslator::lowerIf(const Instruction &I) {
  Value *Cond = pop();
  ControlFrame Frame;
  Frame.Kind = ControlFrame::If;
  blockSignature(I.Block, Frame.Params, Frame.Results);
  Frame.Height = Stack.size() - Frame.Params.size();
  Frame.ElseParams.append(Stack.end() - Frame.Params.size(), Stack.end());
  BasicBlock *Then = newBlock("if.then");
  Frame.ElseBB = newBlock("if.else");
  Frame.EndBB = newBlock("if.end");
  B.CreateCondBr(B.CreateICmpNE(Cond, B.getInt32(0)), Then, Frame.ElseBB);
  Ctrls.push_back(std::move(Frame));
  enterBlock(Then);
}

void FunctionTranslator::lowerElse() {
  ControlFrame &Frame = Ctrls.back();
  if (Reachable) {
    addIncoming(Frame, peekN(Frame.Results.size()));
    B.CreateBr(Frame.EndBB);
  }
  // The false branch starts from the if's parameters; it is live whenever
  // the if was (dead ifs are skipped whole).
  Stack.truncate(Frame.Height);
  Stack.append(Frame.ElseParams.begin(), Frame.ElseParams.end());
  Frame.SeenElse = true;
  Reachable = true;
  enterBlock(Frame.ElseBB);
}

void FunctionTranslator::lowerEnd() {
  ControlFrame &Frame = Ctrls.back();
  if (Frame.Kind == ControlFrame::Loop) {
    // Branches went to the header; the end is reached only by falling
    // through, with the results already on the stack.
    bool Live = Reachable;
    Ctrls.pop_back();
    if (!Live && !Ctrls.empty())
      setUnreachable();
    return;
  }

  if (Reachable) {
    addIncoming(Frame, peekN(Frame.Results.size()));
    B.CreateBr(Frame.EndBB);
  }
  if (Frame.Kind == ControlFrame::If && !Frame.SeenElse) {
    // No else: the false branch passes the parameters through (validation
    // made them the results).
    enterBlock(Frame.ElseBB);
    addIncoming(Frame, Frame.ElseParams);
    B.CreateBr(Frame.EndBB);
  }
  Stack.truncate(Frame.Height);

  ControlFrame Done = std::move(Frame);
  Ctrls.pop_back();
  if (Done.Incoming.empty()) {
    // Nothing reaches the end: the code after it is dead too.
    delete Done.EndBB;
    if (!Ctrls.empty())
      setUnreachable();
    else
      Reachable = false;
    return;
  }

  enterBlock(Done.EndBB);
  Reachable = true;
  SmallVector<Value *, 4> Results;
  for (size_t K = 0; K < Done.Results.size(); ++K) {
    if (Done.Incoming.size() == 1) {
      Results.push_back(Done.Incoming.front().second[K]);
      continue;
    }
    PHINode *Phi =
        B.CreatePHI(llvmType(FC.Ctx, Done.Results[K]), Done.Incoming.size());
    for (auto &[From, Values] : Done.Incoming)
      Phi->addIncoming(Values[K], From);
    Results.push_back(Phi);
  }

  if (Done.Kind != ControlFrame::Function) {
    Stack.append(Results.begin(), Results.end());
    return;
  }
  // The function's own end: return the results.
  flushFuel(FC);
  if (Results.empty())
    B.CreateRetVoid();
  else
    B.CreateRet(packResults(B, Done.Results, Results));
  Reachable = false;
}

void FunctionTranslator::lowerBr(uint32_t Depth) {
  branchTo(frameAt(Depth));
  setUnreachable();
}

void FunctionTranslator::lowerBrIf(uint32_t Depth) {
  Value *Cond = pop();
  ControlFrame &Target = frameAt(Depth);
  BasicBlock *Cont = newBlock("br_if.cont");
  addIncoming(Target, peekN(Target.labelTypes().size()));
  B.CreateCondBr(B.CreateICmpNE(Cond, B.getInt32(0)),
                 Target.Kind == ControlFrame::Loop ? Target.HeaderBB
                                                   : Target.EndBB,
                 Cont);
  enterBlock(Cont);
}

void FunctionTranslator::lowerBrTable(ArrayRef<uint32_t> Targets) {
  Value *Index = pop();
  // One small block per distinct target that branches there: a phi needs
  // one entry per incoming edge, and a switch may reach one label through
  // many cases. SimplifyCFG folds these blocks away where it can.
  DenseMap<uint32_t, BasicBlock *> Trampolines;
  SmallVector<uint32_t, 8> Order; // distinct depths, first use first
  for (uint32_t Depth : Targets)
    if (Trampolines.try_emplace(Depth, nullptr).second) {
      Trampolines[Depth] = newBlock("br_table.target");
      Order.push_back(Depth);
    }
  // Targets holds the default last.
  SwitchInst *Switch = B.CreateSwitch(Index, Trampolines[Targets.back()],
                                      Targets.size() - 1);
  for (size_t K = 0; K + 1 < Targets.size(); ++K)
    Switch->addCase(B.getInt32(K), Trampolines[Targets[K]]);
  for (uint32_t Depth : Order) {
    enterBlock(Trampolines[Depth]);
    branchTo(frameAt(Depth));
  }
  setUnreachable();
}

void FunctionTranslator::lowerReturn() {
  branchTo(Ctrls.front());
  setUnreachable();
}

void FunctionTranslator::lowerUnreachable() {
  FC.trap(TrapCode::Unreachable);
  // trap() leaves the builder in a fresh block nothing reaches; close it.
  B.CreateUnreachable();
  setUnreachable();
}

void FunctionTranslator::skipDead(const Instruction &I) {
  if (opensBlock(I.Op)) {
    ++DeadDepth;
    return;
  }
  switch (I.Op) {
  case Opcode::Else:
    if (DeadDepth == 0)
      lowerElse();
    return;
  case Opcode::End:
    if (DeadDepth > 0) {
      --DeadDepth;
      return;
    }
    lowerEnd();
    return;
  default:
    return;
  }
}

} // namespace wasmaot
