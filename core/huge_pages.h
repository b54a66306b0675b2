// Storage for large lookup tables read at random (model weights, word
// tables): blocks of 2 MiB or more are aligned to 2 MiB and offered to the
// kernel as transparent huge pages (madvise MADV_HUGEPAGE). A lookup in a
// table of several MB touches a new 4 KiB page almost every time, and the TLB
// misses add to the cache misses; with 2 MiB pages a whole table fits the TLB.
// Smaller blocks, and systems without the advice, get ordinary memory.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace chronicle {

template <class T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr std::size_t kHugePage = std::size_t{2} << 20;

  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) {}

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kHugePage) return static_cast<T*>(::operator new(bytes));
    const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void* p = std::aligned_alloc(kHugePage, rounded);
    if (p == nullptr) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    madvise(p, rounded, MADV_HUGEPAGE);  // advice only: failure leaves ordinary pages
#endif
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t n) {
    if (n * sizeof(T) < kHugePage)
      ::operator delete(p);
    else
      std::free(p);
  }
  friend bool operator==(const HugePageAllocator&, const HugePageAllocator&) { return true; }
};

// A vector for a large table looked up at random.
template <class T>
using HugePageVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace chronicle
