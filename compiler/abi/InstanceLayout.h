//===- InstanceLayout.h - Where compiled code finds the runtime's data ----===//
//
// The one place the lowering learns about the runtime: the offsets of the
// fields of wa_instance, wa_func, wa_memory, wa_table and wa_host_func that
// compiled code reads, and the size of wa_value, all computed for the
// target's pointer size. include/wasm-aot/abi.h is the contract; the .cpp
// checks these numbers against it with static assertions on the (LP64) host.
//
// The module descriptor (wa_module and the tables it points to) is built by
// the lowering from DescriptorLayout.h, also in this folder.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_ABI_INSTANCELAYOUT_H
#define WASMAOT_ABI_INSTANCELAYOUT_H

#include "llvm/Support/Error.h"

#include <cstdint>

namespace wasmaot {

/// How linear-memory accesses are kept in bounds. The values are the
/// `bounds_checks` byte of wa_module, so the runtime can refuse to run code
/// compiled for a strategy its memories were not set up for.
enum class BoundsChecks : uint8_t {
  /// Every memory reserves WA_GUARD_RESERVATION bytes of address space, of
  /// which only the current size is accessible; an access outside faults
  /// and the runtime turns the fault into a trap. `base` never moves.
  Guard = 0,
  /// Every access compares its end with the memory's size and traps;
  /// `base` may move when the memory grows.
  Explicit = 1,
};

/// Byte offsets of the runtime structures compiled code reads.
struct InstanceLayout {
  unsigned PointerSize = 8;

  // struct wa_instance: the first argument of every compiled function.
  uint64_t InstanceMemory0 = 0;
  uint64_t InstanceStackLimit = 0;
  uint64_t InstanceMemories = 0;
  uint64_t InstanceTables = 0;
  uint64_t InstanceGlobals = 0;
  uint64_t InstanceFuncs = 0;
  uint64_t InstanceTypeIds = 0;
  uint64_t InstanceDataSizes = 0;
  uint64_t InstanceElemSizes = 0;
  uint64_t InstanceFuel = 0;      // int64_t *, the store's fuel
  uint64_t InstanceInterrupt = 0; // uint32_t *, read atomically
  uint64_t InstanceMemory0Base = 0; // guard mode: memory 0's fixed base
  uint64_t InstanceModule = 0;
  /// Bytes compiled code may read at the instance pointer (every field up to
  /// and including `module`).
  uint64_t InstanceReadableSize = 0;

  // struct wa_func: a function reference.
  uint64_t FuncCode = 0;
  uint64_t FuncInstance = 0;
  uint64_t FuncTypeId = 0;
  uint64_t FuncSize = 0; // stride of wa_instance::funcs

  // struct wa_memory.
  uint64_t MemoryBase = 0;
  uint64_t MemorySize = 0; // uint64_t, in bytes
  uint64_t MemoryStructSize = 0;

  // struct wa_table.
  uint64_t TableElements = 0;
  uint64_t TableSize = 0; // uint32_t, in elements
  uint64_t TableStructSize = 0;

  // struct wa_host_func: what a host import's `instance` points to.
  uint64_t HostCallback = 0;
  uint64_t HostEnv = 0;

  // union wa_value: global cells and the argument arrays of entry wrappers
  // and host functions.
  uint64_t ValueSize = 0;
  uint64_t ValueAlign = 0;

  /// The layout for a target with PointerSizeInBytes-byte pointers. Only
  /// 64-bit targets are supported (abi.h pins LP64 offsets); anything else
  /// is an error.
  static llvm::Expected<InstanceLayout> forPointerSize(unsigned PointerSizeInBytes);
};

} // namespace wasmaot

#endif
