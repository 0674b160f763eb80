/*
 * Minimal WASI preview 1 host for wasm2c-translated command modules.
 * Benchmark runner only: see README.md.
 *
 * wasm2c (wabt 1.0.32) names each import of module 'wasi_snapshot_preview1'
 * as Z_wasi_snapshot_preview1Z_<name> and passes it a pointer to an opaque
 * `struct Z_wasi_snapshot_preview1_instance_t` supplied by the embedder at
 * instantiation. This header defines that struct.
 */
#ifndef WASI_SHIM_H_
#define WASI_SHIM_H_

#include "wasm-rt.h"

struct Z_wasi_snapshot_preview1_instance_t {
  /* The guest's exported "memory"; NULL if it exports none (then every
   * pointer argument fails with ERRNO_FAULT). Read size/data on every call:
   * memory.grow changes them. */
  wasm_rt_memory_t* memory;
  /* Arguments handed to the guest by args_sizes_get/args_get. */
  int argc;
  char** argv;
};

#endif /* WASI_SHIM_H_ */
