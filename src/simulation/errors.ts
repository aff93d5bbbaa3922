/** A simulation that cannot run as asked (bad settings, a space too large): reported to the user, exit 2. */
export class SimulationError extends Error {
  override readonly name = "SimulationError";
}
