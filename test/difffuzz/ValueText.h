//===- ValueText.h - Values as binaryen's --fuzz-exec prints them -*- C++ -*-===//
//
// The differential fuzzer compares our output with the lines binaryen's
// interpreter prints (`wasm-opt --fuzz-exec-before`). Integers and the
// shapes of NaNs, infinities and reference values are printed as binaryen
// prints them, so most lines are textually equal. Finite floats are printed
// as the shortest decimal that reads back as the same double (an f32 widened
// first, as binaryen does), always with a '.' or an exponent: binaryen's own
// spelling of them ("1.e+300", "1e21") is not worth imitating, and the
// comparison (compare.py) reads both sides as numbers and tells an f32 or
// f64 from an integer by our token's shape.
//
//===----------------------------------------------------------------------===//
#ifndef WASMAOT_TEST_DIFFFUZZ_VALUETEXT_H
#define WASMAOT_TEST_DIFFFUZZ_VALUETEXT_H

#include "wasm-aot/abi.h"

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>
#include <functional>
#include <string>

namespace wasmaot::difffuzz {

/// The name binaryen gives the function a funcref points to ("3" for
/// defined function 3, "fimport$0" for the first imported function), or
/// empty when the reference is not one of the instance's functions.
using FuncRefNamer = std::function<std::string(const wa_func *)>;

std::string formatF32(float F);
std::string formatF64(double D);

/// One value inside a result tuple or a logging line: numbers as above,
/// references as `funcref(null)`, `funcref(NAME)`, `externref(null)`.
std::string formatValue(uint8_t Type, const wa_value &V,
                        const FuncRefNamer &Namer);

/// A function's results as binaryen's "note result" shows them: a single
/// number alone, a single reference by its type name only (binaryen does
/// not print reference values there), several values as `(a, b, c)`.
std::string formatResults(llvm::ArrayRef<uint8_t> Types,
                          llvm::ArrayRef<wa_value> Values,
                          const FuncRefNamer &Namer);

} // namespace wasmaot::difffuzz

#endif
