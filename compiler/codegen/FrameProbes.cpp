//===- FrameProbes.cpp - Stack probes where LLVM has none -----------------===//
#include "codegen/FrameProbes.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/CodeGen/LivePhysRegs.h"
#include "llvm/CodeGen/MachineFrameInfo.h"
#include "llvm/CodeGen/MachineFunctionPass.h"
#include "llvm/CodeGen/MachineInstrBuilder.h"
#include "llvm/CodeGen/TargetInstrInfo.h"
#include "llvm/CodeGen/TargetLowering.h"
#include "llvm/CodeGen/TargetRegisterInfo.h"
#include "llvm/CodeGen/TargetSubtargetInfo.h"
#include "llvm/IR/Function.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/TargetParser/Triple.h"

using namespace llvm;

namespace wasmaot {

bool needsOwnFrameProbes(const Triple &T) { return T.isRISCV(); }

namespace {

/// The RISC-V instructions and registers the probes are made of. LLVM does
/// not install its targets' private headers, so their numbers are looked up
/// by the names the target gives them.
struct RiscvCodes {
  unsigned SD = 0, ADD = 0, SUB = 0, ADDI = 0, LUI = 0;
  MCRegister Zero, SP;
  /// The temporaries t0-t6: not arguments, not callee-saved, so one that is
  /// dead after the prologue is free to use.
  SmallVector<MCRegister, 7> Temporaries;

  /// Looks the codes up in MF's target; false if one is missing.
  bool find(const MachineFunction &MF) {
    const TargetInstrInfo &TII = *MF.getSubtarget().getInstrInfo();
    StringMap<unsigned *> Ops = {{"SD", &SD},     {"ADD", &ADD},
                                 {"SUB", &SUB},   {"ADDI", &ADDI},
                                 {"LUI", &LUI}};
    for (unsigned Op = 0, E = TII.getNumOpcodes(); Op != E; ++Op) {
      auto It = Ops.find(TII.getName(Op));
      if (It != Ops.end())
        *It->second = Op;
    }
    const TargetRegisterInfo &TRI = *MF.getSubtarget().getRegisterInfo();
    StringMap<unsigned> Regs;
    for (unsigned R = 1, E = TRI.getNumRegs(); R != E; ++R)
      Regs[TRI.getName(R)] = R;
    auto Reg = [&](StringRef Name) { return MCRegister(Regs.lookup(Name)); };
    Zero = Reg("X0");
    SP = Reg("X2");
    Temporaries.clear();
    for (StringRef T : {"X5", "X6", "X7", "X28", "X29", "X30", "X31"})
      if (MCRegister R = Reg(T))
        Temporaries.push_back(R);
    return SD && ADD && SUB && ADDI && LUI && Zero && SP &&
           Temporaries.size() == 7;
  }
};

class FrameProbes : public MachineFunctionPass {
public:
  static char ID;
  explicit FrameProbes(std::string &Failure)
      : MachineFunctionPass(ID), Failure(Failure) {}

  StringRef getPassName() const override { return "wasm-aot frame probes"; }

  void getAnalysisUsage(AnalysisUsage &AU) const override {
    AU.setPreservesCFG();
    MachineFunctionPass::getAnalysisUsage(AU);
  }

  bool runOnMachineFunction(MachineFunction &MF) override;

private:
  std::string &Failure;
  RiscvCodes Codes;
  bool Found = false;

  bool fail(const MachineFunction &MF, const Twine &Why) {
    if (Failure.empty())
      Failure = ("cannot probe the stack frame of " + MF.getName() + ": " +
                 Why)
                    .str();
    return false;
  }
  /// Dst = Value, for 0 <= Value < 2^31 - 2^11 (LUI, then ADDI).
  void materialize(MachineBasicBlock &MBB, MachineBasicBlock::iterator At,
                   const DebugLoc &DL, MCRegister Dst, int64_t Value);
  MachineInstrBuilder build(MachineBasicBlock &MBB,
                            MachineBasicBlock::iterator At, const DebugLoc &DL,
                            unsigned Op) {
    const TargetInstrInfo &TII = *MBB.getParent()->getSubtarget().getInstrInfo();
    return BuildMI(MBB, At, DL, TII.get(Op))
        .setMIFlag(MachineInstr::FrameSetup);
  }
};

char FrameProbes::ID = 0;

void FrameProbes::materialize(MachineBasicBlock &MBB,
                              MachineBasicBlock::iterator At,
                              const DebugLoc &DL, MCRegister Dst,
                              int64_t Value) {
  if (isInt<12>(Value)) {
    build(MBB, At, DL, Codes.ADDI).addDef(Dst).addReg(Codes.Zero).addImm(Value);
    return;
  }
  // LUI sets bits 12-31 (sign-extended); ADDI adds a signed 12-bit rest,
  // so the upper part is rounded to the nearest multiple of 4096.
  int64_t Upper = (Value + 0x800) >> 12;
  int64_t Lower = Value - (Upper << 12);
  build(MBB, At, DL, Codes.LUI).addDef(Dst).addImm(Upper);
  if (Lower)
    build(MBB, At, DL, Codes.ADDI).addDef(Dst).addReg(Dst).addImm(Lower);
}

bool FrameProbes::runOnMachineFunction(MachineFunction &MF) {
  const Function &F = MF.getFunction();
  if (F.getFnAttribute("probe-stack").getValueAsString() != "inline-asm")
    return false;
  const MachineFrameInfo &MFI = MF.getFrameInfo();
  // A page is the smallest guard there is; LLVM's other targets default to
  // the same.
  uint64_t ProbeSize = alignDown(
      F.getFnAttributeAsParsedInteger("stack-probe-size", 4096), 16);
  uint64_t FrameSize = MFI.getStackSize();
  if (ProbeSize == 0 || FrameSize <= ProbeSize)
    return false;

  if (!Found && !(Found = Codes.find(MF)))
    return fail(MF, "the target lacks an instruction or register it needs");
  const TargetRegisterInfo &TRI = *MF.getSubtarget().getRegisterInfo();
  // The probes are placed by the frame size from the stack pointer up; a
  // realigned frame ends an unknown distance below the caller's.
  if (TRI.hasStackRealignment(MF))
    return fail(MF, "the frame is realigned");
  if (FrameSize >= (uint64_t(1) << 31) - 4096)
    return fail(MF, "the frame is larger than 2 GiB");

  // The prologue ends with its last adjustment of the stack pointer (and
  // the unwind directives for it). Shrink-wrapping may have put it in
  // another block than the entry; nothing before it uses the frame.
  MachineInstr *LastAdjustment = nullptr;
  for (MachineBasicBlock &MBB : MF)
    for (MachineInstr &MI : MBB)
      if (MI.getFlag(MachineInstr::FrameSetup) &&
          MI.modifiesRegister(Codes.SP, &TRI)) {
        if (LastAdjustment && LastAdjustment->getParent() != &MBB)
          return fail(MF, "the prologue is in more than one block");
        LastAdjustment = &MI;
      }
  if (!LastAdjustment)
    return fail(MF, "no prologue allocates the frame");
  MachineBasicBlock &MBB = *LastAdjustment->getParent();
  MachineBasicBlock::iterator At = std::next(LastAdjustment->getIterator());
  while (At != MBB.end() && At->isCFIInstruction())
    ++At;

  // Two temporaries dead at the insertion point.
  if (!MF.getRegInfo().tracksLiveness())
    return fail(MF, "register liveness is not known");
  LivePhysRegs Live(TRI);
  Live.addLiveOuts(MBB);
  for (MachineInstr &MI : llvm::reverse(llvm::make_range(At, MBB.end())))
    Live.stepBackward(MI);
  SmallVector<MCRegister, 2> Free;
  for (MCRegister R : Codes.Temporaries)
    if (Free.size() < 2 && Live.available(MF.getRegInfo(), R))
      Free.push_back(R);
  if (Free.size() < 2)
    return fail(MF, "no temporary register is free after the prologue");
  MCRegister Address = Free[0], Step = Free[1];

  // Address = SP + FrameSize - ProbeSize: the highest page below the
  // caller's stack pointer. The stores go down from there a page at a
  // time and end at SP itself, so no part of the frame is more than a page
  // from a touched address.
  const DebugLoc &DL = LastAdjustment->getDebugLoc();
  uint64_t Offset = FrameSize - ProbeSize;
  materialize(MBB, At, DL, Address, Offset);
  build(MBB, At, DL, Codes.ADD).addDef(Address).addReg(Codes.SP).addReg(Address);
  build(MBB, At, DL, Codes.SD).addReg(Codes.Zero).addReg(Address).addImm(0);
  if (Offset > ProbeSize)
    materialize(MBB, At, DL, Step, ProbeSize);
  for (; Offset > ProbeSize; Offset -= ProbeSize) {
    build(MBB, At, DL, Codes.SUB).addDef(Address).addReg(Address).addReg(Step);
    build(MBB, At, DL, Codes.SD).addReg(Codes.Zero).addReg(Address).addImm(0);
  }
  build(MBB, At, DL, Codes.SD).addReg(Codes.Zero).addReg(Codes.SP).addImm(0);
  return true;
}

} // namespace

MachineFunctionPass *createFrameProbePass(std::string &Failure) {
  return new FrameProbes(Failure);
}

} // namespace wasmaot
