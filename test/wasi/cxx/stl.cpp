//===- stl.cpp - Standard containers, algorithms and iostream formatting ---===//
//
// Built with -fno-exceptions for both targets (wasm32-wasi's libc++ has no
// exception support). Unordered containers are printed in sorted order:
// libc++ and libstdc++ hash differently.
//
//===----------------------------------------------------------------------===//
#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

namespace {

struct Shape {
  virtual ~Shape() = default;
  virtual double area() const = 0;
  virtual std::string name() const = 0;
};
struct Square : Shape {
  double Side;
  explicit Square(double S) : Side(S) {}
  double area() const override { return Side * Side; }
  std::string name() const override { return "square"; }
};
struct Circle : Shape {
  double Radius;
  explicit Circle(double R) : Radius(R) {}
  double area() const override { return 3.141592653589793 * Radius * Radius; }
  std::string name() const override { return "circle"; }
};

std::string describe(const std::variant<int, double, std::string> &V) {
  return std::visit(
      [](const auto &X) {
        std::ostringstream OS;
        OS << X;
        return OS.str();
      },
      V);
}

} // namespace

int main() {
  std::vector<int> Numbers(50);
  std::iota(Numbers.begin(), Numbers.end(), -10);
  std::reverse(Numbers.begin(), Numbers.end());
  std::stable_partition(Numbers.begin(), Numbers.end(), [](int X) { return X % 3 == 0; });
  std::cout << "partitioned:";
  for (int X : Numbers)
    std::cout << ' ' << X;
  std::cout << '\n';
  std::sort(Numbers.begin(), Numbers.end(), std::greater<>());
  std::cout << "sum " << std::accumulate(Numbers.begin(), Numbers.end(), 0)
            << ", max " << *std::max_element(Numbers.begin(), Numbers.end())
            << ", binary_search(7) " << std::boolalpha
            << std::binary_search(Numbers.rbegin(), Numbers.rend(), 7) << '\n';

  std::map<std::string, int> Words;
  std::istringstream Text("the cat and the dog and the bird saw a cat");
  for (std::string W; Text >> W;)
    ++Words[W];
  for (const auto &[W, N] : Words)
    std::cout << std::setw(6) << std::left << W << std::right << std::setw(3) << N << '\n';

  std::unordered_map<int, std::string> Squares;
  for (int I = 0; I < 20; ++I)
    Squares[I * I] = std::to_string(I);
  std::vector<std::pair<int, std::string>> Sorted(Squares.begin(), Squares.end());
  std::sort(Sorted.begin(), Sorted.end());
  for (const auto &[K, V] : Sorted)
    std::cout << K << "=" << V << (K == 361 ? "\n" : ",");

  std::set<std::string> Set{"pear", "apple", "fig", "apple"};
  std::deque<int> Deque;
  for (int I = 0; I < 5; ++I) {
    Deque.push_front(I);
    Deque.push_back(I * 10);
  }
  std::cout << "set size " << Set.size() << " first " << *Set.begin() << "; deque";
  for (int X : Deque)
    std::cout << ' ' << X;
  std::cout << '\n';

  std::vector<std::unique_ptr<Shape>> Shapes;
  Shapes.push_back(std::make_unique<Square>(3));
  Shapes.push_back(std::make_unique<Circle>(1.5));
  Shapes.push_back(std::make_unique<Square>(0.5));
  std::sort(Shapes.begin(), Shapes.end(),
            [](const auto &A, const auto &B) { return A->area() < B->area(); });
  for (const auto &S : Shapes)
    std::cout << S->name() << " " << std::fixed << std::setprecision(4) << S->area() << '\n';
  std::cout.unsetf(std::ios::floatfield);

  std::optional<int> Maybe;
  std::cout << "optional: " << Maybe.value_or(-1);
  Maybe = 5;
  std::cout << " " << *Maybe << '\n';
  std::cout << "variants: " << describe(42) << " " << describe(2.5) << " "
            << describe(std::string("text")) << '\n';

  std::function<uint64_t(int)> Fib = [&](int N) -> uint64_t {
    return N < 2 ? N : Fib(N - 1) + Fib(N - 2);
  };
  std::cout << "fib(30) = " << Fib(30) << '\n';
  std::cout << std::hex << std::showbase << 255 << ' ' << std::oct << 8 << std::dec
            << ' ' << std::scientific << 12345.678 << ' ' << std::defaultfloat
            << 0.1 << ' ' << std::setfill('*') << std::setw(8) << 42 << '\n';
  std::cerr << "stderr through std::cerr" << std::endl;
  return 0;
}
