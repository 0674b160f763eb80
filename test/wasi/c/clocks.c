/*===- clocks.c - Clock behaviour that must hold everywhere --------------===*
 *
 * Clock values differ from run to run, so only properties are printed:
 * the monotonic clock never goes back and advances across a sleep, the
 * realtime clock is close to the time the harness passes in argv[1],
 * the CPU-time clocks advance when the program computes, and every clock
 * has a resolution.
 *===----------------------------------------------------------------------===*/
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static long long ns(struct timespec t) {
  return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static long long now(clockid_t clock) {
  struct timespec t;
  if (clock_gettime(clock, &t) != 0)
    return -1;
  return ns(t);
}

static const char *yes(int b) { return b ? "yes" : "no"; }

int main(int argc, char **argv) {
  long long host_seconds = argc > 1 ? atoll(argv[1]) : 0;

  long long previous = now(CLOCK_MONOTONIC);
  int never_back = previous >= 0;
  for (int i = 0; i < 100000; ++i) {
    long long t = now(CLOCK_MONOTONIC);
    never_back &= t >= previous;
    previous = t;
  }
  printf("monotonic never goes back: %s\n", yes(never_back));

  long long before = now(CLOCK_MONOTONIC);
  struct timespec nap = {0, 20 * 1000000};
  int slept = nanosleep(&nap, NULL);
  long long after = now(CLOCK_MONOTONIC);
  printf("nanosleep 20ms returned %d, monotonic advanced >= 20ms: %s\n", slept,
         yes(after - before >= 20000000LL));
  printf("... and < 5s: %s\n", yes(after - before < 5000000000LL));

  long long real = now(CLOCK_REALTIME);
  long long real_seconds = real / 1000000000LL;
  printf("realtime within 60s of the harness's clock: %s\n",
         yes(real_seconds > host_seconds - 60 && real_seconds < host_seconds + 60));
  time_t t = time(NULL);
  printf("time() agrees with realtime: %s\n", yes(t >= real_seconds - 2 && t <= real_seconds + 2));

  long long cpu_before = now(CLOCK_PROCESS_CPUTIME_ID);
  volatile unsigned long long sink = 0;
  for (unsigned long long i = 0; i < 30000000ULL; ++i)
    sink += i * i;
  long long cpu_after = now(CLOCK_PROCESS_CPUTIME_ID);
  printf("process cpu time advances: %s\n", yes(cpu_before >= 0 && cpu_after > cpu_before));
  long long thread_cpu = now(CLOCK_THREAD_CPUTIME_ID);
  printf("thread cpu time readable: %s\n", yes(thread_cpu > 0));

  const clockid_t clocks[] = {CLOCK_REALTIME, CLOCK_MONOTONIC,
                              CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID};
  for (int i = 0; i < 4; ++i) {
    struct timespec res;
    int ok = clock_getres(clocks[i], &res) == 0;
    printf("clock %d resolution in (0, 1s]: %s\n", i,
           yes(ok && ns(res) > 0 && ns(res) <= 1000000000LL));
  }
  return 0;
}
