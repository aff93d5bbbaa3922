/**
 * The largest count each CLI option accepts (docs/cli-limits.md): every computation is bounded, so a
 * typo of a few zeros gets a clear refusal instead of hours of work or gigabytes of threads. Light on
 * purpose: `main.ts` imports it for every command.
 */
export const LIMITS = {
  /** Monte Carlo samples (`forecast --runs`, `sensitivity --runs`, `report --runs`). */
  runs: 10_000_000,
  /** Rounds of a fixed-round model (EUM, exchange); the HTTP API allows the same. */
  rounds: 10_000,
  /** Worker threads. */
  workers: 64,
  /** Seeds are 32-bit: the sampler and the models draw from a 32-bit state. */
  seed: 4_294_967_295,
  /** Inputs listed per issue by `sensitivity --top`. */
  top: 1_000,
} as const;
